"""The extraction-dev pages from ../shared, and the naive scraper's visible text of each."""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

DEV_DIR = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "extraction-dev"

# What a naive scraper drops: elements whose text a browser never shows.
_INVISIBLE = ["script", "style", "noscript", "template"]
# Elements that start a new line in a rendered page (one line per block).
_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "caption",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "td",
        "th",
        "ul",
        "option",
    ]
)
_SPACE = re.compile(r"\s+")

# The check the issue asks for: a line that is only an ad label or a "read more" link.
AD_LINE = re.compile(
    r"^\W*(advertisement|advertising|ad|ads|sponsored( content)?|promoted|"
    r"read more|continue reading|story continues below( advertisement)?|"
    r"scroll to continue( with content)?)\W*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Page:
    """One benchmark page: its HTML, its hand-checked article body and its URL."""

    page_id: str
    html: str
    truth: str
    url: str


def load_pages(directory: Path = DEV_DIR) -> list[Page]:
    """Read every page of the set, sorted by id; an empty list when the folder is absent."""
    truth_file = directory / "ground-truth.json"
    if not truth_file.is_file():
        return []
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth):
        raw = gzip.decompress((directory / "html" / f"{page_id}.html.gz").read_bytes())
        entry = truth[page_id]
        pages.append(Page(page_id, raw.decode("utf-8"), entry["articleBody"], entry["url"]))
    return pages


def visible_text(html: str) -> str:
    """Return the page's text as a naive scraper sees it: no script/style, one line per block."""
    tree = LexborHTMLParser(html)
    tree.strip_tags(_INVISIBLE)
    if tree.body is None:
        return ""
    lines: list[str] = []
    current: list[str] = []
    for text, is_break in _walk(tree.body):
        if is_break:
            _flush(current, lines)
        else:
            current.append(text)
    _flush(current, lines)
    return "\n".join(lines)


def ad_lines(text: str) -> list[str]:
    """Return the lines of `text` that are only an ad label or a read-more link."""
    return [line for line in text.splitlines() if AD_LINE.match(line.strip())]


def _flush(current: list[str], lines: list[str]) -> None:
    line = _SPACE.sub(" ", "".join(current)).strip()
    if line:
        lines.append(line)
    current.clear()


def _walk(root: LexborNode) -> list[tuple[str, bool]]:
    # Iterative depth-first walk with exit events, so deep pages cannot overflow the stack.
    events: list[tuple[str, bool]] = []
    node: LexborNode | None = root.child
    while node is not None:
        if node.is_text_node:
            events.append((node.text_content or "", False))
        elif node.tag in _BLOCKS:
            events.append(("", True))
        if node.child is not None and not node.is_text_node:
            node = node.child
            continue
        while node is not None and node.next is None:
            node = node.parent
            if node is None or node.mem_id == root.mem_id:
                return events
            if node.tag in _BLOCKS:
                events.append(("", True))
        node = node.next if node is not None else None
    return events
