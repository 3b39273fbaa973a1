"""Paragraph-level rules both paths end in: vocabulary, body run, head zone, duplicates, lists."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from service.cleaning.article import Article, Removal
from service.cleaning.block import Block
from service.cleaning.errors import check_deadline
from service.cleaning.lines import same_key, vocabulary_rule

# Body-run scores: prose earns its word count, a line a widget left costs a little, a short
# line without a full stop (menus, labels, link lists) costs more.
_JUNK_COST = 2.0
_SHORT_COST = 3.0
_PROSE_MIN_WORDS = 5
# Long lines without a final stop are standfirsts or paragraphs a scraper clipped.
_LONG_WORDS = 15
# A body paragraph proper: what ends the head zone (standfirst, labels) above it.
_BODY_WORDS = 10
_STANDFIRST_WORDS = 8
# Link lists: mostly-link blocks are navigation or teasers, not prose.
_LINK_DENSE = 0.5
# The headline sits a few lines above the body; further up is the page's chrome.
_HEAD_LOOKBACK = 8
_HEADLINE_WORDS = (3, 30)
_CHECK_EVERY = 256
# Marks the block the headline came from: out of the body, but not a removal either.
_HEADLINE = "headline"


def build_article(
    blocks: list[Block], title: str | None, removed: list[Removal], deadline: float | None
) -> Article:
    """Apply the shared rules to `blocks` (in page order) and return the article."""
    _mark_vocabulary(blocks, deadline)
    run = _body_run(blocks)
    if run is None:
        kept = [b for b in blocks if b.rule is None]
        return _article(title, kept, blocks, removed)
    start, end = run
    if title is None:
        title, start = _headline(blocks, start)
    _mark_outside(blocks, start, end)
    body = blocks[start:end]
    _mark_head_zone(body)
    _mark_duplicates(blocks, title)
    _mark_short_runs(body)
    kept = [b for b in body if b.rule is None]
    return _article(title, kept, blocks, removed)


def _article(
    title: str | None, kept: Sequence[Block], blocks: Sequence[Block], removed: list[Removal]
) -> Article:
    title_key = same_key(title) if title else None
    paragraphs = [b.text for b in kept if same_key(b.text) != title_key]
    removed = removed + [
        Removal(b.rule, b.text) for b in blocks if b.rule is not None and b.rule != _HEADLINE
    ]
    return Article(title=title, paragraphs=paragraphs, removed=removed)


def _mark_vocabulary(blocks: Sequence[Block], deadline: float | None) -> None:
    for i, block in enumerate(blocks):
        if i % _CHECK_EVERY == 0:
            check_deadline(deadline, "line rules")
        if block.rule is None:
            block.rule = vocabulary_rule(block.text)
        if block.rule is None and block.link_density > _LINK_DENSE:
            block.rule = "link-dense"


def _score(block: Block) -> float:
    if block.rule is not None:
        return -_JUNK_COST
    if block.sentence:
        # Short sentences still read as prose; menus and labels rarely end with a stop.
        return float(block.words) if block.words >= _PROSE_MIN_WORDS else block.words / 2
    if block.words >= _LONG_WORDS:
        return block.words / 2
    return -_SHORT_COST


def _body_run(blocks: Sequence[Block]) -> tuple[int, int] | None:
    # Maximum-sum run (Kadane): the article is the densest stretch of prose on the page.
    best, best_run = 0.0, None
    total, start = 0.0, 0
    for i, block in enumerate(blocks):
        if total <= 0:
            total, start = 0.0, i
        total += _score(block)
        if total > best:
            best, best_run = total, (start, i + 1)
    return best_run


def _is_headline(block: Block) -> bool:
    low, high = _HEADLINE_WORDS
    return block.rule is None and low <= block.words <= high and not block.text.endswith(".")


def _headline(blocks: Sequence[Block], start: int) -> tuple[str | None, int]:
    """Find the headline just above the body run; return it and the run's new start."""
    candidates = []
    for i in range(start - 1, max(start - _HEAD_LOOKBACK, 0) - 1, -1):
        if _is_headline(blocks[i]):
            candidates.append(i)
            if len(candidates) == 2:
                break
        elif blocks[i].rule is None and blocks[i].words >= _HEADLINE_WORDS[0]:
            break
    if not candidates:
        return None, start
    headline, start = candidates[0], candidates[0] + 1
    if len(candidates) == 2 and len(blocks[candidates[0]].text) >= len(blocks[candidates[1]].text):
        # A headline with a longer line under it: that line is the standfirst.
        headline, start = candidates[1], candidates[0]
    blocks[headline].rule = _HEADLINE
    return blocks[headline].text, start


def _mark_outside(blocks: Sequence[Block], start: int, end: int) -> None:
    for i, block in enumerate(blocks):
        if block.rule is None and not start <= i < end:
            block.rule = "outside-body"


def _mark_head_zone(body: Sequence[Block]) -> None:
    # Above the first body paragraph only a standfirst belongs; the rest is labels and tags.
    # Without a body paragraph there is no head zone: short clean text stays as it is.
    first = next((i for i, b in enumerate(body) if b.rule is None and _is_body(b)), 0)
    for block in body[:first]:
        if block.rule is None and block.words < _STANDFIRST_WORDS:
            block.rule = "label"


def _is_body(block: Block) -> bool:
    return block.sentence and block.words >= _BODY_WORDS


def _mark_duplicates(blocks: Sequence[Block], title: str | None) -> None:
    counts = Counter(same_key(b.text) for b in blocks)
    title_key = same_key(title) if title else None
    seen: set[str] = set()
    for block in blocks:
        k = same_key(block.text)
        if counts[k] < 2 or k == title_key:
            continue
        # A repeated line that is not prose is a widget's title (a video, a teaser): drop
        # every copy. Repeated prose keeps its first copy.
        if block.rule is None and (not block.sentence or k in seen):
            block.rule = "duplicate"
        seen.add(k)


def _is_short(block: Block) -> bool:
    return not block.sentence and block.words < _LONG_WORDS


def _mark_short_runs(body: Sequence[Block]) -> None:
    # A lone short line between paragraphs is a subheading; two or more in a row, or one
    # closing the article, are a list of links or labels.
    kept = [b for b in body if b.rule is None]
    for i, block in enumerate(kept):
        if not _is_short(block):
            continue
        prev_short = i > 0 and _is_short(kept[i - 1])
        next_short = i + 1 >= len(kept) or _is_short(kept[i + 1])
        if prev_short or next_short:
            block.rule = "short-run"
