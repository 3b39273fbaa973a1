"""Request and response models: the contract that openapi.yaml describes."""

from __future__ import annotations

from typing import Annotated, Any, Literal, Self

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    model_validator,
)
from pydantic.json_schema import JsonDict

# At least one character that is not whitespace: an empty page or text is a caller mistake.
NON_BLANK_PATTERN = r"\S"
NonBlank = Annotated[str, Field(pattern=NON_BLANK_PATTERN)]


def _whole_number(value: Any) -> Any:
    # JSON Schema's integer includes 5.0 (but never true or 5.5); strict mode alone refuses 5.0.
    return int(value) if isinstance(value, float) and value.is_integer() else value


TopTerms = Annotated[
    int,
    BeforeValidator(_whole_number),
    Field(ge=1, le=50, description="Terms per label when `explain` is set."),
]


# "Exactly one of html or text" in JSON Schema terms, so that generated clients and schemathesis
# know the rule the validators below enforce (an explicit null counts as absent).
_ONE_CONTENT: JsonDict = {
    "oneOf": [
        {"required": [name], "properties": {name: {"type": "string"}}} for name in ("html", "text")
    ]
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class CleanRequest(_Strict):
    """Exactly one of `html` or `text`, plus optional hints."""

    model_config = ConfigDict(extra="forbid", strict=True, json_schema_extra=_ONE_CONTENT)

    html: NonBlank | None = Field(default=None, description="Raw HTML of a news page.")
    text: NonBlank | None = Field(default=None, description="Text a scraper extracted from a page.")
    url: str | None = Field(
        default=None, max_length=2048, description="The page's URL; a hint, never fetched."
    )
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
    removed: list[RemovalOut] | None = Field(
        default=None, description="Present when `explain` was set."
    )


class ClassifyRequest(_Strict):
    """One document: exactly one of `text` or `html` (HTML is cleaned first)."""

    model_config = ConfigDict(extra="forbid", strict=True, json_schema_extra=_ONE_CONTENT)

    text: NonBlank | None = Field(default=None, description="Article or scraped text.")
    html: NonBlank | None = Field(default=None, description="Raw HTML of a news page.")
    explain: bool = Field(default=False, description="Also return the top terms per label.")
    top_terms: TopTerms = 5

    @model_validator(mode="after")
    def _exactly_one_content(self) -> Self:
        if (self.html is None) == (self.text is None):
            raise ValueError("send exactly one of 'html' or 'text'")
        return self


class ClassifyDocument(_Strict):
    """One batch item; content problems are reported per item, not for the whole batch."""

    id: str = Field(min_length=1, max_length=256, description="Echoed back in the result.")
    text: str | None = Field(default=None, description="Article or scraped text.")
    html: str | None = Field(default=None, description="Raw HTML of a news page.")


class ClassifyBatchRequest(_Strict):
    """Several documents; at most MAX_BATCH_ITEMS (default 64)."""

    documents: list[ClassifyDocument] = Field(min_length=1)
    explain: bool = Field(default=False, description="Also return the top terms per label.")
    top_terms: TopTerms = 5


BODY_VARIANTS = ("single", "batch")


def _body_kind(body: Any) -> str:
    return "batch" if isinstance(body, dict) and "documents" in body else "single"


ClassifyBody = Annotated[
    Annotated[ClassifyRequest, Tag("single")] | Annotated[ClassifyBatchRequest, Tag("batch")],
    Discriminator(_body_kind),
]


class ModelInfo(BaseModel):
    """Which model answered."""

    name: str
    version: str
    trained_at: str


class TermWeight(BaseModel):
    """A term and how much it pushed a label's score up."""

    term: str
    weight: float


class ClassifyResponse(BaseModel):
    """Selected labels, a score for every label of the model, thresholds and the model."""

    labels: list[str]
    scores: dict[str, float]
    thresholds: dict[str, float]
    model: ModelInfo
    explanation: dict[str, list[TermWeight]] | None = Field(
        default=None, description="Present when `explain` was set."
    )


class FieldError(BaseModel):
    """One field-level problem."""

    field: str
    message: str
    type: str


class Problem(BaseModel):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str
    request_id: str | None = None
    errors: list[FieldError] | None = Field(default=None, description="Field-level problems.")


class BatchResult(BaseModel):
    """One document's answer: scores, or an error that affects only this document."""

    id: str
    labels: list[str] | None = None
    scores: dict[str, float] | None = None
    explanation: dict[str, list[TermWeight]] | None = None
    error: Problem | None = None


class ClassifyBatchResponse(BaseModel):
    """Per-document results in request order, the thresholds and the model."""

    results: list[BatchResult]
    thresholds: dict[str, float]
    model: ModelInfo


class ReloadRequest(_Strict):
    """Which model folder to load; MODEL_DIR when omitted."""

    model_dir: str | None = Field(
        default=None,
        min_length=1,
        max_length=4096,
        pattern=r"^[^\x00]+$",  # a NUL byte can never be in a path
        description="A model folder on the server.",
    )


class ReloadResponse(BaseModel):
    """The model now serving, and the one it replaced."""

    model: ModelInfo
    labels: list[str]
    previous: ModelInfo | None


class Liveness(BaseModel):
    """The process is up."""

    status: Literal["ok"] = "ok"


class Readiness(BaseModel):
    """A model is loaded and passed its smoke prediction."""

    status: Literal["ready"] = "ready"
    model: ModelInfo
    labels: list[str]
