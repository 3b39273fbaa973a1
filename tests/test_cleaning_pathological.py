"""Hostile and broken input: the cleaner returns, or stops at its deadline, in bounded time."""

from __future__ import annotations

import time

import pytest

from service.cleaning import Article, CleaningTimeoutError, clean
from service.cleaning.html import flatten_deep_nesting

PROSE = "The last words of a deep page, long enough to read as a sentence of prose."
# Generous for a loaded CI machine; each case takes well under a second here.
BUDGET_S = 1.0
BOUND_S = 4.0

CASES = {
    "nested-divs-20k": {"html": "<div>" * 20_000 + PROSE + "</div>" * 20_000},
    "nested-divs-1m-unclosed": {"html": "<div>" * 1_000_000 + PROSE},
    "nested-spans-20k": {"html": "<p>" + "<span>" * 20_000 + PROSE + "</span>" * 20_000},
    "misnested-formatting": {"html": "<b><div>x" * 20_000 + "</b>" * 20_000},
    "tiny-elements-200k": {"html": "<body>" + "<span>a</span>" * 200_000 + "</body>"},
    "tiny-paragraphs-200k": {"html": "<body>" + f"<p>{PROSE}</p>" * 200_000 + "</body>"},
    "one-5mb-line-text": {"text": "word " * 1_000_000},
    "one-5mb-line-html": {"html": "<p>" + "word " * 1_000_000 + "</p>"},
    "one-5mb-word": {"text": "a" * 5_000_000},
    "half-million-lines": {"text": "Short line\n" * 500_000},
    "unclosed-comment": {"html": "<p>" + PROSE + "<!--" * 100_000},
    "closing-tags-only": {"html": "</div>" * 500_000},
}


@pytest.mark.parametrize("content", CASES.values(), ids=CASES.keys())
def test_hostile_input_returns_or_times_out_in_bounded_time(content: dict[str, str]) -> None:
    start = time.monotonic()
    try:
        result = clean(**content, deadline=start + BUDGET_S)
    except CleaningTimeoutError:
        result = None
    assert time.monotonic() - start < BOUND_S
    assert result is None or isinstance(result, Article)


def test_deep_nesting_keeps_the_text_it_flattens() -> None:
    article = clean(html="<div>" * 100_000 + f"<p>{PROSE}</p>")
    assert article.paragraphs == [PROSE]


def test_ordinary_pages_are_not_rewritten_before_parsing() -> None:
    page = "<div><div><p>" + PROSE + "</p></div></div>"
    assert flatten_deep_nesting(page) is page
