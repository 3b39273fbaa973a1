"""Class and id hints: which rule, if any, an element's class or id names."""

from __future__ import annotations

import re
from functools import lru_cache

from selectolax.lexbor import LexborNode

from service.cleaning import rules

_RULE_OF = {word: rule for rule, words in rules.HINT_SUBSTRINGS.items() for word in words} | {
    word: rule for rule, words in rules.HINT_TOKENS.items() for word in words
}
_HINT = re.compile(
    "|".join(re.escape(w) for words in rules.HINT_SUBSTRINGS.values() for w in words)
    + "|(?<![a-z0-9])(?:"
    + "|".join(re.escape(w) for words in rules.HINT_TOKENS.values() for w in words)
    + ")(?![a-z0-9])"
)
# Class lists longer than this are utility-class soup; their start says enough.
_MAX_NAMES_CHARS = 300


def class_rule(node: LexborNode) -> str | None:
    """Return the rule id the element's class or id hints at, or None."""
    if not node.is_element_node:
        return None
    classes, ident = node.attrs.get("class"), node.id
    if classes is None and ident is None:
        return None
    return _rule_for(f"{classes or ''} {ident or ''}"[:_MAX_NAMES_CHARS].lower())


@lru_cache(maxsize=4096)
def _rule_for(names: str) -> str | None:
    # Templates repeat the same class lists on every page, so the cache hits often.
    match = _HINT.search(names)
    return _RULE_OF.get(match.group()) if match else None
