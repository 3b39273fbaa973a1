"""The cleaner's result types: what is kept and what was removed, and why."""

from __future__ import annotations

from dataclasses import dataclass, field

from service.cleaning.lines import normalise


class Removal:
    """One removed line or block and the id of the rule that removed it."""

    # Only `explain` reads the text; the rule is counted on every request. Collapsing the
    # white space of a page's menus and margins costs more than finding the article, so an
    # element's raw text is kept and normalised on first read.
    __slots__ = ("_raw", "_text", "rule")

    def __init__(self, rule: str, text: str) -> None:
        self.rule = rule
        self._raw = text
        self._text: str | None = text

    @classmethod
    def raw(cls, rule: str, text: str) -> Removal:
        """A removal whose text is normalised (white space collapsed) when first read."""
        removal = cls(rule, text)
        removal._text = None
        return removal

    @property
    def text(self) -> str:
        """The removed text, white space collapsed."""
        if self._text is None:
            self._text = normalise(self._raw)
        return self._text

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Removal):
            return NotImplemented
        return (self.rule, self.text) == (other.rule, other.text)

    def __hash__(self) -> int:
        return hash((self.rule, self.text))

    def __repr__(self) -> str:
        return f"Removal(rule={self.rule!r}, text={self.text!r})"


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
