"""Where the article sits in the DOM: the element whose subtree holds the page's main prose."""

from __future__ import annotations

from dataclasses import dataclass

from selectolax.lexbor import LexborNode

from service.cleaning import tags
from service.cleaning.errors import check_deadline
from service.cleaning.hints import class_rule

# Runs of text vote for the elements around them; shorter runs are labels, not prose.
_MIN_PROSE_CHARS = 25
_MAX_INLINE_DEPTH = 4
# A run votes for the parent of its block and, less, for the two ancestors above: a body
# split into sibling chunks lifts their common parent.
_VOTE_WEIGHTS = (1.0, 0.6, 0.3)
# The best few candidates are checked for a comments, rail or chrome ancestor, best first;
# only the closest ancestors count, as page-wide wrappers carry names like "has-sidebar".
_MAX_CANDIDATES = 5
_EXCLUDED_HINTS = frozenset(("comments", "related"))
_EXCLUDED_TAG_IDS = tags.tag_ids(("nav", "aside", "footer", "menu"))
_REGION_LEVELS = 3
# An ancestor replaces the winner when it holds this much more prose: a body cut into
# chunks by ad slots, not the comments or teasers beside it.
_WIDEN_GAIN = 1.3
# ... and when the prose it adds comes in paragraph-sized runs: teaser summaries are short.
_WIDEN_RUN_CHARS = 120

_CHECK_EVERY = 1024

Holders = list[tuple[LexborNode, int]]


def article_root(body: LexborNode, deadline: float | None) -> LexborNode:
    """Return the element that holds the article's prose (`body` when nothing stands out)."""
    holders = _prose_holders(body, deadline)
    scores, nodes = _votes(holders)
    for mem_id in sorted(scores, key=scores.__getitem__, reverse=True)[:_MAX_CANDIDATES]:
        if not _excluded(nodes[mem_id], body):
            return _widen(nodes[mem_id], holders, body)
    return body


def _prose_holders(body: LexborNode, deadline: float | None) -> Holders:
    """Return (parent of the block, characters) for each run of prose text."""
    holders = []
    for steps, node in enumerate(body.traverse(include_text=True, skip_empty=True)):
        if steps % _CHECK_EVERY == 0:
            check_deadline(deadline, "finding the article")
        if not node.is_text_node:
            continue
        chars = len(node.text_content or "")
        if chars < _MIN_PROSE_CHARS:
            continue
        block = _enclosing_block(node)
        parent = block.parent if block is not None else None
        if parent is not None:
            holders.append((parent, chars))
    return holders


def _enclosing_block(text_node: LexborNode) -> LexborNode | None:
    """Return the block element a text node belongs to; None for link text."""
    node = text_node.parent
    for _ in range(_MAX_INLINE_DEPTH):
        if node is None:
            return None
        tag = node.tag_id
        if tag == tags.LINK:
            return None
        if tag not in tags.INLINE:
            return node
        node = node.parent
    return node


def _votes(holders: Holders) -> tuple[dict[int, float], dict[int, LexborNode]]:
    scores: dict[int, float] = {}
    nodes: dict[int, LexborNode] = {}
    # A block's runs share its parent: each holder's voters are read from the tree once.
    voters: dict[int, list[tuple[int, LexborNode, float]]] = {}
    for holder, chars in holders:
        mem_id = holder.mem_id
        chain = voters.get(mem_id)
        if chain is None:
            chain = voters[mem_id] = _voters(holder)
        for voter_id, voter, weight in chain:
            scores[voter_id] = scores.get(voter_id, 0.0) + chars * weight
            nodes[voter_id] = voter
    return scores, nodes


def _voters(holder: LexborNode) -> list[tuple[int, LexborNode, float]]:
    """Return (mem_id, element, weight) for `holder` and the ancestors its runs vote for."""
    chain = []
    node: LexborNode | None = holder
    for weight in _VOTE_WEIGHTS:
        if node is None:
            break
        chain.append((node.mem_id, node, weight))
        node = node.parent
    return chain


def _excluded(node: LexborNode, body: LexborNode) -> bool:
    """Tell whether `node` sits in comments, a rail of other stories, or page chrome."""
    body_id = body.mem_id
    current: LexborNode | None = node
    for _ in range(_REGION_LEVELS):
        if current is None or current.mem_id == body_id:
            return False
        if _region_boundary(current):
            return True
        current = current.parent
    return False


@dataclass(slots=True)
class _Prose:
    """Prose under an element: characters and the number of text runs they come in."""

    chars: int = 0
    runs: int = 0

    def add(self, chars: int, runs: int = 1) -> None:
        self.chars += chars
        self.runs += runs


def _chain(best: LexborNode, body: LexborNode) -> list[LexborNode]:
    """Return `best` and its ancestors below <body>: the elements _widen may choose."""
    chain = [best]
    body_id = body.mem_id
    node = best.parent
    while node is not None and node.mem_id != body_id:
        chain.append(node)
        node = node.parent
    return chain


def _chain_prose(
    chain: list[LexborNode], holders: Holders, body: LexborNode
) -> tuple[list[_Prose], list[_Prose]]:
    """Return the prose under each element of `chain`, and each one's own, in chain order."""
    # Prose inside comments, rails or chrome counts up to that region and not above it, so
    # a story does not look bigger for the comment thread beside it. Only the chain's
    # totals are read: each run is followed up to the chain once, then sums flow up it.
    index = {node.mem_id: i for i, node in enumerate(chain)}
    entering = [_Prose() for _ in chain]
    own = [_Prose() for _ in chain]
    entries: dict[int, int | None] = {}
    for holder, chars in holders:
        mem_id = holder.mem_id
        if mem_id not in entries:
            _follow(holder, index, body.mem_id, entries)
        entry = entries[mem_id]
        if entry is None:
            continue
        entering[entry].add(chars)
        if mem_id in index:
            own[entry].add(chars)
    totals = []
    running = _Prose()
    for node, prose in zip(chain, entering, strict=True):
        running = _Prose(running.chars + prose.chars, running.runs + prose.runs)
        totals.append(running)
        if _region_boundary(node):
            running = _Prose()
    return totals, own


def _follow(
    node: LexborNode, index: dict[int, int], body_id: int, entries: dict[int, int | None]
) -> None:
    """Record where in the chain the prose of `node` and the elements above it arrives."""
    # None: at a region's boundary or at <body>, before the chain. Each element is read
    # once: runs under a common ancestor stop where the first one's climb passed.
    path = []
    entry = None
    current: LexborNode | None = node
    while current is not None:
        mem_id = current.mem_id
        if mem_id in entries:
            entry = entries[mem_id]
            break
        if mem_id == body_id:
            break
        if mem_id in index:
            entry = index[mem_id]
            break
        path.append(mem_id)
        if _region_boundary(current):
            break
        current = current.parent
    for mem_id in path:
        entries[mem_id] = entry
    entries.setdefault(node.mem_id, entry)


def _region_boundary(node: LexborNode) -> bool:
    return node.tag_id in _EXCLUDED_TAG_IDS or class_rule(node) in _EXCLUDED_HINTS


def _widen(best: LexborNode, holders: Holders, body: LexborNode) -> LexborNode:
    """Climb from `best` to ancestors holding much more prose of the same kind."""
    # A body cut into chunks by ad slots, or paragraphs of the parent's own beside `best`;
    # not a rail of one-line summaries.
    chain = _chain(best, body)
    totals, own = _chain_prose(chain, holders, body)
    current = totals[0]
    chosen = best
    for node, total, direct in zip(chain[1:], totals[1:], own[1:], strict=True):
        gained, runs = total.chars - current.chars, total.runs - current.runs
        if (total.chars >= current.chars * _WIDEN_GAIN and gained >= runs * _WIDEN_RUN_CHARS) or (
            direct.runs and direct.chars >= direct.runs * _WIDEN_RUN_CHARS
        ):
            chosen, current = node, total
    return chosen
