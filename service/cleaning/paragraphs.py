"""Paragraph-level rules both paths end in: vocabulary, teasers, body run, head, duplicates."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from service.cleaning.article import Article, Removal
from service.cleaning.block import Block
from service.cleaning.errors import check_deadline
from service.cleaning.lines import has_key, same_key, vocabulary_rule
from service.cleaning.structure import (
    STANDFIRST_WORDS,
    article_span,
    body_run,
    introduced_lists,
    is_body,
    is_short,
    mark_comment_thread,
    mark_teasers,
    read_head,
)

# Link lists: mostly-link blocks are navigation or teasers, not prose.
_LINK_DENSE = 0.5
_LINK_DENSE_PROSE = 0.8
_STANDFIRST_WORDS = 8
_CHECK_EVERY = 256
# A head zone holds a kicker, a byline, a date, a standfirst: a handful of lines.
_HEAD_ZONE_LINES = 6
# Marks the block the headline came from: out of the body, but not a removal either.
_HEADLINE = "headline"


def build_article(
    blocks: list[Block],
    title: str | None,
    removed: list[Removal],
    deadline: float | None,
    *,
    inside_article: bool = False,
) -> Article:
    """Apply the shared rules to `blocks` (in page order) and return the article."""
    # `inside_article`: the blocks come from the element the HTML path found the article in.
    _mark_vocabulary(blocks, deadline)
    _mark_repeated_prose(blocks)
    mark_comment_thread(blocks)
    mark_teasers(blocks)
    check_deadline(deadline, "structure rules")
    # Inside the article's own element its lists and short lines are content; in a whole
    # page's text only the densest run of prose is.
    run = article_span(blocks) if inside_article else body_run(blocks)
    if run is None:
        # Nothing reads like an article: keep what no rule removed, as it is.
        return _article(title, [b for b in blocks if b.rule is None], blocks, removed)
    start, end = run
    head = read_head(blocks, start, end, title)
    if head.headline is not None:
        title = title or blocks[head.headline].text
        blocks[head.headline].rule = _HEADLINE
    _mark_outside(blocks, head.body_start, end)
    body = blocks[head.body_start : end]
    _mark_head_zone(body)
    _mark_duplicates(blocks, title)
    if not inside_article:
        _mark_short_runs(body)
    return _article(title, [b for b in body if b.rule is None], blocks, removed)


def _article(
    title: str | None, kept: Sequence[Block], blocks: Sequence[Block], removed: list[Removal]
) -> Article:
    title_key = same_key(title) if title else None
    paragraphs = [b.text for b in kept if not has_key(b.text, title_key)]
    removed = removed + [
        Removal(b.rule, b.text) for b in blocks if b.rule is not None and b.rule != _HEADLINE
    ]
    return Article(title=title, paragraphs=paragraphs, removed=removed)


def _mark_vocabulary(blocks: Sequence[Block], deadline: float | None) -> None:
    # Menus, share bars and ad labels repeat within a page: each distinct line is read once.
    seen: dict[str, str | None] = {}
    for i, block in enumerate(blocks):
        if i % _CHECK_EVERY == 0:
            check_deadline(deadline, "line rules")
        if block.rule is None:
            text = block.text
            if text not in seen:
                seen[text] = vocabulary_rule(text, block.words)
            block.rule = seen[text]
        # Most lines hold no link text (none do on the text path): no density to weigh.
        if block.rule is None and block.link_chars and block.link_density > _link_limit(block):
            block.rule = "link-dense"


def _link_limit(block: Block) -> float:
    # A sentence keeps its links (prose cites sources); a label that is mostly link is one.
    return _LINK_DENSE_PROSE if block.sentence and block.words >= _STANDFIRST_WORDS else _LINK_DENSE


def _mark_outside(blocks: Sequence[Block], start: int, end: int) -> None:
    for i, block in enumerate(blocks):
        if block.rule is None and not start <= i < end:
            block.rule = "outside-body"


def _mark_head_zone(body: Sequence[Block]) -> None:
    # Above the first body paragraph only a standfirst belongs; shorter lines without a stop
    # are labels, kickers and source tags. Without a body paragraph there is no head zone:
    # short clean text stays as it is.
    first = next((i for i, b in enumerate(body) if is_body(b)), 0)
    if sum(b.rule is None for b in body[:first]) > _HEAD_ZONE_LINES:
        # Many lines before the first long sentence: a list or table is the article.
        return
    for block in body[:first]:
        if block.rule is None and not block.sentence and block.words < STANDFIRST_WORDS:
            block.rule = "label"


def _mark_repeated_prose(blocks: Sequence[Block]) -> None:
    # A paragraph printed twice (a pull quote, a banner shown twice) counts once.
    seen: set[str] = set()
    for block in blocks:
        if block.rule is None and block.sentence and block.words >= _STANDFIRST_WORDS:
            if block.text in seen:
                block.rule = "duplicate"
            seen.add(block.text)


def _mark_duplicates(blocks: Sequence[Block], title: str | None) -> None:
    counts = Counter(b.text for b in blocks)
    title_key = same_key(title) if title else None
    seen: set[str] = set()
    for block in blocks:
        text = block.text
        if counts[text] < 2 or has_key(text, title_key):
            continue
        # A repeated line that is not prose is a widget's title (a video, a teaser): drop
        # every copy. Repeated prose keeps its first copy in the body.
        if block.rule is None and (not block.sentence or text in seen):
            block.rule = "duplicate"
        if block.rule is None:
            seen.add(text)


def _mark_short_runs(body: Sequence[Block]) -> None:
    # A lone short line between paragraphs is a subheading; two or more in a row, or one
    # closing the article, are a list of links or labels. A line ending in a colon announces
    # what follows: it and the list under it are the article's own ("Here are the dates:").
    kept = [b for b in body if b.rule is None]
    listed = introduced_lists(kept)
    for i, block in enumerate(kept):
        if not is_short(block) or i in listed:
            continue
        prev_short = i > 0 and is_short(kept[i - 1])
        next_short = i + 1 >= len(kept) or is_short(kept[i + 1])
        if prev_short or next_short:
            block.rule = "short-run"
