"""Text path: a scraper's visible text, one line per block, cut into candidate paragraphs."""

from __future__ import annotations

from service.cleaning.block import Block
from service.cleaning.errors import check_deadline
from service.cleaning.lines import normalise

_CHECK_EVERY = 1024


def text_blocks(text: str, deadline: float | None) -> list[Block]:
    """Split `text` into one block per non-empty line, white space normalised."""
    blocks = []
    for i, raw in enumerate(text.splitlines()):
        if i % _CHECK_EVERY == 0:
            check_deadline(deadline, "splitting lines")
        line = normalise(raw)
        if line:
            blocks.append(Block(line))
    return blocks
