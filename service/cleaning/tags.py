"""Lexbor's numeric ids for the tag sets that the per-node walks test."""

from __future__ import annotations

from collections.abc import Iterable

from selectolax.lexbor import LexborHTMLParser

from service.cleaning import rules


def tag_ids(names: Iterable[str]) -> frozenset[int]:
    """Return Lexbor's ids for standard HTML tag `names`."""
    # The walks read a tag on every node they pass; comparing Lexbor's integer id costs half
    # of decoding the name. Standard tags have fixed ids, so one tiny parse reads them.
    wanted = sorted(set(names))
    body = LexborHTMLParser("<body>" + "".join(f"<{n}></{n}>" for n in wanted)).body
    found = {node.tag: node.tag_id for node in body.iter()} if body is not None else {}
    return frozenset(found[name] for name in wanted)


def tag_id(name: str) -> int:
    """Return Lexbor's id for the standard HTML tag `name`."""
    (found,) = tag_ids([name])
    return found


INLINE = tag_ids(rules.INLINE_TAGS)
LINK = tag_id("a")
LINE_BREAK = tag_id("br")
