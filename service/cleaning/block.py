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
    headline_like: bool = field(init=False)
    embed_signature: bool = field(init=False)

    def __post_init__(self) -> None:
        self.words = word_count(self.text)
        self.sentence = ends_sentence(self.text)
        # Title case ending without a full stop reads as a headline even with a "?" or "!".
        self.headline_like = not self.text.endswith(".") and is_title_case(self.text)
        self.embed_signature = is_embed_signature(self.text)

    @property
    def link_density(self) -> float:
        """Share of the block's characters inside links (always 0 for plain text)."""
        return self.link_chars / len(self.text) if self.text else 0.0
