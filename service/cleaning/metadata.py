"""The headline of an HTML page: its <h1>, checked against OpenGraph, JSON-LD and <title>."""

from __future__ import annotations

import json
import re

from selectolax.lexbor import LexborHTMLParser

from service.cleaning.lines import key, normalise

_META_TITLES = (
    'meta[property="og:title"]',
    'meta[name="twitter:title"]',
    'meta[property="twitter:title"]',
)
# A headline is a line, not a paragraph; longer h1/meta text is something else.
_MAX_HEADLINE_CHARS = 400
# "Headline | Site", "Headline - Site": site names after a separator in <title> and og:title.
_SEPARATORS = "|\\-\u2013\u2014:\u00b7\u2022\u00bb"
_SITE_SUFFIX = re.compile(rf"\s+[{_SEPARATORS}]\s+[^{_SEPARATORS}]{{1,60}}$")
# Part of the <h1> must match the metadata title for it to count as the headline.
_MIN_OVERLAP = 0.5
_MAX_JSON_LD_CHARS = 200_000


def headline(tree: LexborHTMLParser) -> str | None:
    """Return the page's headline, or None when the page names none."""
    reference = _reference_title(tree)
    h1s = [_clip(n.text(separator=" ")) for n in tree.tags("h1")[:5]]
    h1s = [h for h in h1s if h]
    if not h1s:
        return reference
    if reference is None:
        return h1s[0]
    # Each title's words are read once, not once per comparison.
    wanted = _words(reference)
    overlaps = [_overlap(_words(h1), wanted) for h1 in h1s]
    best = max(range(len(h1s)), key=overlaps.__getitem__)
    return h1s[best] if overlaps[best] >= _MIN_OVERLAP else reference


def _reference_title(tree: LexborHTMLParser) -> str | None:
    # Metadata lives in <head>: searching there alone keeps the lookups cheap.
    scope = tree.head if tree.head is not None else tree
    for selector in _META_TITLES:
        node = scope.css_first(selector)
        content = node.attributes.get("content") if node is not None else None
        if content and _clip(content):
            return _strip_site(_clip(content))
    json_ld = _json_ld_headline(tree)
    if json_ld:
        return json_ld
    title = scope.css_first("title")
    text = _clip(title.text()) if title is not None else ""
    return _strip_site(text) or None


def _json_ld_headline(tree: LexborHTMLParser) -> str | None:
    scope = tree.head if tree.head is not None else tree
    for node in scope.css('script[type="application/ld+json"]')[:5]:
        raw = node.text()
        if len(raw) > _MAX_JSON_LD_CHARS:
            continue
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        for item in data if isinstance(data, list) else [data]:
            found = item.get("headline") if isinstance(item, dict) else None
            if isinstance(found, str) and _clip(found):
                return _clip(found)
    return None


def _clip(text: str) -> str:
    line = normalise(text)
    return line if len(line) <= _MAX_HEADLINE_CHARS else ""


def _strip_site(title: str) -> str:
    stripped = _SITE_SUFFIX.sub("", title)
    return stripped if len(stripped) >= len(title) / 2 else title


def _words(title: str) -> set[str]:
    return set(key(title).split())


def _overlap(words: set[str], ref: set[str]) -> float:
    return len(words & ref) / len(words | ref) if words | ref else 0.0
