"""A candidate paragraph: one line of text or one HTML block, with the signals rules read."""

from __future__ import annotations

from dataclasses import dataclass, field

from service.cleaning.lines import ends_sentence, is_embed_signature, is_title_case, word_count


@dataclass(slots=True)
class Block:
    """One line or block; `rule` holds the id of the rule that removed it, None while kept."""

    text: str
    tag: str = ""
    link_chars: int = 0
    rule: str | None = None
    words: int = field(init=False)
    sentence: bool = field(init=False)
    embed_signature: bool = field(init=False)
    # Only the teaser and body-run rules read it, and on the HTML path only for a few short
    # lines; testing every word's case is the dearest signal, so it is computed on first read.
    _headline_like: bool | None = field(init=False, default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.words = word_count(self.text)
        self.sentence = ends_sentence(self.text)
        self.embed_signature = is_embed_signature(self.text)

    @property
    def headline_like(self) -> bool:
        """Set like a headline: title case, no final full stop (a "?" or "!" is allowed)."""
        if self._headline_like is None:
            self._headline_like = not self.text.endswith(".") and is_title_case(self.text)
        return self._headline_like

    @property
    def link_density(self) -> float:
        """Share of the block's characters inside links (always 0 for plain text)."""
        return self.link_chars / len(self.text) if self.text else 0.0
