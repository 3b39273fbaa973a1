"""Page structure read from a sequence of lines: teaser lists, the body run, the head zone."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from service.cleaning.block import Block
from service.cleaning.lines import COMMENT_META, SECTION_END, has_key, same_key

# Body-run scores: prose earns its word count; a line a widget left costs a little; a short
# line without a full stop (menus, labels, link lists) costs as much as a ten-word sentence
# earns; a section heading or a comment's metadata is a wall the article does not cross.
# The price of strictness: a short last sentence after a video or share block is left out.
_JUNK_COST = 4.0
_SHORT_COST = 10.0
# What articles carry inside their body (ad slots, captions, video timestamps) costs less.
_FURNITURE = frozenset(("ad-slot", "caption", "timestamp"))
_FURNITURE_COST = 1.0
_SECTION_COST = 60.0
_COMMENT_COST = float("inf")
_WALLS = frozenset((SECTION_END, COMMENT_META))
_PROSE_MIN_WORDS = 5
# Long lines without a final stop: standfirsts and clipped paragraphs, but also teasers.
_LONG_WORDS = 15
_LONG_LINE_SCORE = 1.0
# A body paragraph proper: what ends the head zone (headline, standfirst, labels) above it.
_BODY_WORDS = 10
# Headlines and standfirsts do not overlap in length, so a standfirst cleaned a second time
# (now the first line of the text) is never taken for a headline.
STANDFIRST_WORDS = 19
# The headline sits a few lines above the body; further up is the page's chrome.
_HEAD_LOOKBACK = 8
_HEADLINE_WORDS = (3, STANDFIRST_WORDS - 1)
# Teaser lists: a headline line, then a one-paragraph summary, again and again.
_TEASER_HEAD_WORDS = (3, 20)
_TEASER_BODY_WORDS = 60
_MIN_TEASER_PAIRS = 3
# Between a teaser's headline and summary: an author's name or a section label, short.
_TEASER_BYLINES = 2
_NAME_WORDS = 3
# Questions, quote attributions, form labels and sentences end so; headlines do not.
_NOT_HEADLINE_ENDS = (".", "?", ":", "!", ")")
TEASER = "teaser"
COMMENT_THREAD = "comments"
# Two comment metadata lines this close open a thread.
_THREAD_WINDOW = 30


@dataclass(frozen=True, slots=True)
class Head:
    """The head zone's reading: the headline's index (if found) and where the body starts."""

    headline: int | None
    body_start: int


def is_short(block: Block) -> bool:
    """A line without a final stop and shorter than a paragraph: a label, a link, a heading."""
    return not block.sentence and block.words < _LONG_WORDS and not block.embed_signature


def mark_comment_thread(blocks: Sequence[Block]) -> None:
    """Mark everything from the start of a comment thread to the end of the page."""
    # One comment count may sit in the article's header; a thread shows its metadata again
    # and again (names with "says:", vote counts, reply counts).
    metas = [i for i, b in enumerate(blocks) if b.rule == COMMENT_META]
    for first, second in pairwise(metas):
        if second - first <= _THREAD_WINDOW:
            for block in blocks[first:]:
                if block.rule is None:
                    block.rule = COMMENT_THREAD
            return


def mark_teasers(blocks: Sequence[Block]) -> None:
    """Mark runs of (headline, one-paragraph summary) pairs: lists of other stories."""
    items = [b for b in blocks if b.rule is None or b.rule == "link-dense"]
    i = 0
    while i < len(items):
        j, pairs = i, 0
        while (end := _teaser_at(items, j)) is not None:
            j, pairs = end, pairs + 1
        if pairs >= _MIN_TEASER_PAIRS:
            for block in items[i:j]:
                block.rule = TEASER
            i = j
        else:
            i += 1


def _teaser_at(items: Sequence[Block], i: int) -> int | None:
    """Return the index after the teaser starting at `i`, or None."""
    # A teaser: a headline, maybe an author's name or two, a summary.
    if i >= len(items) or not _teaser_head(items[i]):
        return None
    j = i + 1
    while j < len(items) and j - i <= _TEASER_BYLINES and _is_name(items[j]):
        j += 1
    return j + 1 if j < len(items) and _teaser_body(items[j]) else None


def _is_name(block: Block) -> bool:
    return block.words <= _NAME_WORDS and not block.sentence


def _teaser_head(block: Block) -> bool:
    # A teaser's headline is set like one: in title case, or as a link. Questions, list
    # items and quote attributions between paragraphs are not.
    low, high = _TEASER_HEAD_WORDS
    if not low <= block.words <= high:
        return False
    text = block.text
    # Testing every word's case comes last: the cheaper tests settle most lines.
    return (
        block.rule == "link-dense"
        or (text[0].isupper() and not text.endswith(_NOT_HEADLINE_ENDS))
        or block.headline_like
    )


def _teaser_body(block: Block) -> bool:
    return block.rule is None and block.words <= _TEASER_BODY_WORDS and not _teaser_head(block)


def _score(block: Block) -> float:
    if block.rule is not None:
        if block.rule == SECTION_END:
            return -_SECTION_COST
        if block.rule == COMMENT_META:
            return -_COMMENT_COST
        return -_FURNITURE_COST if block.rule in _FURNITURE else -_JUNK_COST
    if block.embed_signature:
        # An embedded post inside the story: furniture, not the end of the article.
        return -_FURNITURE_COST
    if not block.sentence and block.words < _LONG_WORDS:
        # Costs the same set as a headline or not: no need to test every word's case.
        return -_SHORT_COST
    if block.headline_like:
        return -_SHORT_COST
    if block.sentence:
        # Short sentences still read as prose; menus and labels rarely end with a stop.
        return float(block.words) if block.words >= _PROSE_MIN_WORDS else block.words / 2
    # A long line without a stop (a clipped paragraph, a standfirst) joins the prose beside
    # it, but earns too little to make a run of its own.
    return _LONG_LINE_SCORE if block.words >= _LONG_WORDS else -_SHORT_COST


def article_span(blocks: Sequence[Block]) -> tuple[int, int] | None:
    """Return the [start, end) of the article when the blocks come from its own element."""
    # All of it, up to a section heading or comment thread that no body paragraph follows.
    if all(block.rule is not None for block in blocks):
        return None
    last_body = max((i for i, b in enumerate(blocks) if is_body(b)), default=-1)
    walls = (i for i in range(last_body + 1, len(blocks)) if blocks[i].rule in _WALLS)
    return 0, next(walls, len(blocks))


def introduced_lists(blocks: Sequence[Block]) -> set[int]:
    """Return the indices of lines ending in a colon and of the short lines listed under them."""
    # "The band plays these dates:" announces what follows: the list is the article's own.
    listed: set[int] = set()
    for i, block in enumerate(blocks):
        if block.rule is not None or not block.text.endswith(":"):
            continue
        j = i + 1
        while j < len(blocks) and _list_item(blocks[j]):
            listed.add(j)
            j += 1
        if j > i + 1:
            listed.add(i)
    return listed


def _list_item(block: Block) -> bool:
    return block.rule is None and is_short(block) and not block.text.endswith(":")


def body_run(blocks: Sequence[Block]) -> tuple[int, int] | None:
    """Return the [start, end) of the densest stretch of prose, or None when there is none."""
    # Maximum-sum run (Kadane): the article is where prose outweighs everything else.
    listed = introduced_lists(blocks)
    best, best_run = 0.0, None
    total, start = 0.0, 0
    for i, block in enumerate(blocks):
        if total <= 0:
            total, start = 0.0, i
        total += -_FURNITURE_COST if i in listed else _score(block)
        if total > best:
            best, best_run = total, (start, i + 1)
    return best_run


def is_body(block: Block) -> bool:
    """A body paragraph proper: a full sentence of some length."""
    return block.rule is None and block.sentence and block.words >= _BODY_WORDS


def read_head(blocks: Sequence[Block], start: int, end: int, title: str | None) -> Head:
    """Find the headline above the body and the standfirst under it."""
    # The headline is the given title's line, or a headline-shaped line; the result says
    # where the body starts.
    first_body = next((i for i in range(start, end) if is_body(blocks[i])), start)
    window = [
        i for i in range(max(start - _HEAD_LOOKBACK, 0), first_body) if blocks[i].rule is None
    ]
    # A long line opening the text is its lead, and nothing under it is a headline: it was
    # the standfirst when this text went through the cleaner before, its headline taken out.
    lead = next((i for i in range(start) if blocks[i].rule is None), None)
    if title is None and lead in window and blocks[lead].words >= STANDFIRST_WORDS:
        return Head(None, lead)
    if title is None:
        # The headline is the first headline-shaped line with no prose between it and the
        # body: a headline above another story's sentences is that story's.
        headline = next(
            (
                i
                for i in window
                if _is_headline(blocks, i, end) and _no_prose_after(blocks, i, window)
            ),
            None,
        )
    else:
        wanted = same_key(title)
        headline = next((i for i in window if has_key(blocks[i].text, wanted)), None)
    if headline is None:
        return Head(None, start)
    standfirst = next(
        (i for i in window if i > headline and blocks[i].words >= STANDFIRST_WORDS), None
    )
    return Head(headline, standfirst if standfirst is not None else max(headline + 1, start))


def _no_prose_after(blocks: Sequence[Block], index: int, window: list[int]) -> bool:
    return not any(blocks[i].sentence for i in window if i > index)


def _is_headline(blocks: Sequence[Block], index: int, end: int) -> bool:
    block = blocks[index]
    low, high = _HEADLINE_WORDS
    if not low <= block.words <= high or block.text.endswith("."):
        return False
    # A headline is followed (past bylines and dates) by a standfirst or a sentence, never by
    # another short label: that is a menu.
    following = next((b for b in blocks[index + 1 : end] if b.rule is None), None)
    return following is not None and (following.sentence or following.words >= STANDFIRST_WORDS)
