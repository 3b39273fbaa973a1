"""Request and response models: the contract that openapi.yaml describes."""

from __future__ import annotations

from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator


class CleanRequest(BaseModel):
    """Exactly one of `html` or `text`, plus optional hints."""

    model_config = ConfigDict(extra="forbid")

    html: str | None = Field(default=None, description="Raw HTML of a news page.")
    text: str | None = Field(default=None, description="Text a scraper extracted from a page.")
    url: str | None = Field(default=None, description="The page's URL; a hint, never fetched.")
    explain: bool = Field(default=False, description="Also return every removal and its rule.")

    @model_validator(mode="after")
    def _exactly_one_content(self) -> Self:
        if (self.html is None) == (self.text is None):
            raise ValueError("send exactly one of 'html' or 'text'")
        return self


class RemovalOut(BaseModel):
    """A removed line or block and the rule that removed it."""

    rule: str
    text: str


class CleanResponse(BaseModel):
    """The article: headline, body text and paragraphs."""

    title: str | None
    text: str
    paragraphs: list[str]
    cleaner_version: str
    removed: list[RemovalOut] | None = None
