"""The cleaner's result types: what is kept and what was removed, and why."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Removal:
    """One removed line or block and the id of the rule that removed it."""

    rule: str
    text: str


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: headline, body paragraphs and the removals that produced it."""

    title: str | None
    paragraphs: list[str]
    removed: list[Removal] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Standfirst and body, a blank line between paragraphs."""
        return "\n\n".join(self.paragraphs)
