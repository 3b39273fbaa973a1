"""HTML path: parse with Lexbor, find the article's element, cut it into candidate paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from service.cleaning import rules, tags
from service.cleaning.article import Removal
from service.cleaning.block import Block
from service.cleaning.container import article_root
from service.cleaning.errors import check_deadline
from service.cleaning.hints import class_rule
from service.cleaning.lines import normalise
from service.cleaning.metadata import headline

_STRIP_TAGS = list(rules.INVISIBLE_TAGS)
# Where templates put class hints on boilerplate inside an article: containers and lines.
_HINTED_TAGS = tags.tag_ids(
    ("div", "section", "ul", "ol", "li", "p", "span", "table", "header", "a")
)
# Lexbor's selector engine pays per selector per element: twenty `tag[class]` and `tag[id]`
# selectors cost a third more than `[class],[id]` and a test of the tag id.
_CHROME_OR_NAMED = ",".join(rules.ARTICLE_CHROME) + ",[class],[id]"
_PAGE_CHROME = ",".join(rules.PAGE_CHROME)
# By Lexbor's tag id, which costs less to read than the tag's name.
_CHROME_RULE = {tags.tag_id(name): rule for name, rule in rules.ARTICLE_CHROME.items()}
_MAX_CHROME_CHARS = 3000
# A hint or chrome tag never removes most of the article: a template that marks the whole
# story "share-container" is still the story.
_MAX_HINT_SHARE = 0.5
# Widgets, bylines and captions are short; an element so named that holds this much text is
# a wrapper around the story. Comment threads and rails of other stories are long by nature.
_MAX_WIDGET_CHARS = 600
_PROSE_RAILS = frozenset(("comments", "related"))
_CHECK_EVERY = 512
_SHORT_RUN_CHARS = 64
# Block elements whose nesting the parser checks on every new one (HTML's "special" elements).
_NESTING_TAG = re.compile(
    r"<(/?)(?:address|article|aside|blockquote|center|details|dialog|div|dl|fieldset|figure|"
    r"footer|header|main|menu|nav|ol|pre|section|summary|ul)\b[^>]*>",
    re.IGNORECASE,
)
_SCAN_ABOVE_TAGS = 10_000
_MAX_BLOCK_DEPTH = 1_000
_MAX_INLINE_DEPTH = 8


@dataclass(slots=True)
class HtmlPage:
    """What the HTML path hands to the shared rules."""

    title: str | None
    blocks: list[Block] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)


def html_blocks(html: str, url: str | None, deadline: float | None) -> HtmlPage:
    """Parse `html` and return its headline and the candidate paragraphs of its main content."""
    tree = LexborHTMLParser(_parser_input(html))
    check_deadline(deadline, "parsing HTML")
    page = HtmlPage(headline(tree))
    tree.strip_tags(_STRIP_TAGS)
    body = tree.body
    if body is None:
        return page
    _drop_page_chrome(body, page.removed)
    root = article_root(body, deadline)
    check_deadline(deadline, "finding the article")
    _record_outside(root, body, page.removed)
    _drop_boilerplate(root, page.removed, deadline)
    check_deadline(deadline, "removing boilerplate")
    page.blocks = _lines(root, deadline)
    return page


def _drop_page_chrome(body: LexborNode, removed: list[Removal]) -> None:
    """Take menus, sidebars, footers and form controls out of the page before reading it."""
    # Half of a news page's nodes are chrome: out first, every later pass is cheaper. An
    # element holding as much text as an article is kept, whatever its tag says.
    found: list[Removal] = []
    for node in reversed(body.css(_PAGE_CHROME)):
        text = node.text(separator=" ")
        if _text_size(text, _MAX_CHROME_CHARS) > _MAX_CHROME_CHARS:
            continue
        if _has_text(text):
            found.append(Removal.raw(rules.ARTICLE_CHROME.get(node.tag or "", "widget"), text))
        node.insert_before(" ")
        node.decompose(recursive=False)
    removed.extend(reversed(found))


def _parser_input(html: str) -> bytes:
    """Return the UTF-8 bytes the parser reads, deep nesting flattened on pages with many tags."""
    # The parser encodes a str itself; encoding here lets the tag count run over bytes,
    # which is several times cheaper than over a str of a page with non-ASCII text.
    data = html.encode("utf-8", "ignore")
    if data.count(b"<") <= _SCAN_ABOVE_TAGS:
        return data
    return flatten_deep_nesting(html).encode("utf-8", "ignore")


def flatten_deep_nesting(html: str) -> str:
    """Drop block tags nested deeper than any real page nests them; keep their text."""
    # The parser's scope checks walk the stack of open blocks, so time grows with the square
    # of the depth: 20,000 nested <div>s take a second, a megabyte of them an hour. Pages
    # with few tags cannot nest deeply and skip the scan.
    if html.count("<") <= _SCAN_ABOVE_TAGS:
        return html
    depth = 0

    def keep_shallow(tag: re.Match[str]) -> str:
        nonlocal depth
        if tag.group(1):
            depth = max(depth - 1, 0)
            return "" if depth >= _MAX_BLOCK_DEPTH else tag.group(0)
        depth += 1
        return "" if depth > _MAX_BLOCK_DEPTH else tag.group(0)

    return _NESTING_TAG.sub(keep_shallow, html)


def _record_outside(root: LexborNode, body: LexborNode, removed: list[Removal]) -> None:
    """Record the text around the article's element, up to <body>, as removed."""
    node = root
    body_id = body.mem_id
    while node.mem_id != body_id:
        parent = node.parent
        if parent is None:
            return
        own = node.mem_id
        child = parent.child
        while child is not None:
            # Most siblings are the white space between tags: Lexbor tells those apart
            # without building their text.
            if child.mem_id != own and not child.is_empty_text_node:
                text = child.text(separator=" ")
                if _has_text(text):
                    removed.append(Removal.raw("outside-main", text))
            child = child.next
        node = parent


def _drop_boilerplate(root: LexborNode, removed: list[Removal], deadline: float | None) -> None:
    """Remove chrome elements and class-hinted boilerplate inside the article's element."""
    total = 0
    found: list[Removal] = []
    # Most articles quote nothing: one search of the element spares one per candidate.
    quoting = root.css_first("blockquote") is not None
    # Innermost first, so an outer element's record leaves out what is already gone; the
    # elements are detached, not destroyed, so no node object is ever left dangling.
    for steps, node in enumerate(reversed(_boilerplate_candidates(root))):
        if steps % _CHECK_EVERY == 0:
            check_deadline(deadline, "removing boilerplate")
        rule = _CHROME_RULE.get(node.tag_id) or class_rule(node)
        if rule is None:
            continue
        total = total or len(root.text())
        text = node.text(separator=" ")
        size = _text_size(text, min(total * _MAX_HINT_SHARE, _MAX_WIDGET_CHARS))
        if size > total * _MAX_HINT_SHARE or (
            rule not in _PROSE_RAILS and (size > _MAX_WIDGET_CHARS or (quoting and _quotes(node)))
        ):
            continue
        if _has_text(text):
            found.append(Removal.raw(rule, text))
        # A space where the element was keeps the words on either side apart.
        node.insert_before(" ")
        node.decompose(recursive=False)
    removed.extend(reversed(found))


def _boilerplate_candidates(root: LexborNode) -> list[LexborNode]:
    """Return chrome elements and hinted tags with a class or id, once each, in document order."""
    # Lexbor lists an element once for each selector of a list it matches: a hinted tag with
    # both a class and an id would come twice, and be read and recorded twice.
    found = []
    seen: set[int] = set()
    for node in root.css(_CHROME_OR_NAMED):
        tag = node.tag_id
        if (tag in _HINTED_TAGS or tag in _CHROME_RULE) and node.mem_id not in seen:
            seen.add(node.mem_id)
            found.append(node)
    return found


def _text_size(text: str, limit: float) -> int:
    """Return the length of `text` once normalised, or its raw length when within `limit`."""
    # Normalising only shortens, so a raw text within a limit is within it normalised too;
    # only texts near a size limit pay for the exact figure.
    return len(text) if len(text) <= limit else len(normalise(text))


def _has_text(text: str) -> bool:
    # A short run may be only zero-width characters, which normalising drops.
    if not text or text.isspace():
        return False
    return len(text) > _SHORT_RUN_CHARS or bool(normalise(text))


def _quotes(node: LexborNode) -> bool:
    # An embedded post (a quoted tweet, a reader's letter) sits in a "social" or "embed"
    # wrapper but is quoted content of the article; share bars never hold a blockquote.
    return node.tag == "blockquote" or node.css_first("blockquote") is not None


def _lines(root: LexborNode, deadline: float | None) -> list[Block]:
    """Cut the element's text into one block per block element (and per <br>)."""
    blocks: list[Block] = []
    parts: list[str] = []
    link_chars = 0
    current = -1
    for steps, node in enumerate(root.traverse(include_text=True)):
        if steps % _CHECK_EVERY == 0:
            check_deadline(deadline, "cutting the article into lines")
        if not node.is_text_node:
            if node.tag_id == tags.LINE_BREAK:
                current = -1
            continue
        block, in_link = _block_of(node)
        if block != current:
            _flush(parts, link_chars, blocks)
            parts, link_chars, current = [], 0, block
        text = node.text_content or ""
        parts.append(text)
        if in_link:
            link_chars += len(text)
    _flush(parts, link_chars, blocks)
    return blocks


def _block_of(text_node: LexborNode) -> tuple[int, bool]:
    """Return the mem_id of the block a text node belongs to, and whether it is link text."""
    node = text_node.parent
    in_link = False
    for _ in range(_MAX_INLINE_DEPTH):
        if node is None:
            return 0, in_link
        tag = node.tag_id
        if tag == tags.LINK:
            in_link = True
        elif tag not in tags.INLINE:
            break
        node = node.parent
    # Deeper inline nesting is hostile markup: its text is cut at the limit, not climbed.
    return (node.mem_id if node is not None else 0), in_link


def _flush(parts: list[str], link_chars: int, blocks: list[Block]) -> None:
    joined = "".join(parts)
    if not joined or joined.isspace():
        # Half the runs are the white space between block tags.
        return
    text = normalise(joined)
    if text:
        blocks.append(Block(text, link_chars=min(link_chars, len(text))))
