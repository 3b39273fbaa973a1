"""Properties of the cleaner on arbitrary input: it never raises, invents nothing, is stable."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from service.cleaning import CleaningTimeoutError, clean
from service.cleaning.lines import normalise
from service.cleaning.rules import INVISIBLE_TAGS

_SETTINGS = settings(
    max_examples=80, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)

# Lines that look like a page: prose, labels, widget words, timestamps, odd characters.
_WORDS = st.sampled_from(
    [
        "the",
        "council",
        "said",
        "budget",
        "on",
        "Tuesday",
        "Advertisement",
        "Share",
        "Photo:",
        "Reuters",
        "01:42",
        "By",
        "Jane",
        "Roe",
        ".",
        ",",
        "?",
        "!",
        "“",
        "”",
        "—",
        "...",
        "|",
        "says:",
        "Related",
        "comments",
        "1.00x",
        "광고",
        "中国",
        "\u200b",
        "\xa0",
    ]
)
_LINE = st.lists(_WORDS, max_size=40).map(" ".join)
_PAGE_TEXT = st.lists(_LINE, max_size=40).map("\n".join)
_ANY_TEXT = st.one_of(_PAGE_TEXT, st.text(max_size=2000))
# Page-shaped text for the idempotence property: widget lines, maybe a headline, then prose
# with widget lines between. On degenerate text (alternating headline-like lines and short
# sentences, one-word lines around a two-word sentence) a second pass may differ, as what was
# kept for its context is then seen without it.
_VOCAB = st.sampled_from(
    ["council", "budget", "tram", "school", "mayor", "vote", "tax", "city", "street"]
)
_SENTENCE = st.lists(_VOCAB, min_size=6, max_size=30).map(lambda w: " ".join(w).capitalize() + ".")
_HEADLINE = st.lists(_VOCAB, min_size=4, max_size=12).map(lambda w: " ".join(w).title())
_WIDGET = st.sampled_from(["Advertisement", "Share", "01:42", "Read more", "By Jane Roe", "Home"])
_SHAPED_TEXT = st.tuples(
    st.lists(_WIDGET, max_size=5),
    st.lists(_HEADLINE, max_size=1),
    st.lists(st.one_of(_SENTENCE, _SENTENCE, _WIDGET), max_size=20),
    st.lists(_WIDGET, max_size=5),
).map(lambda parts: "\n".join(line for part in parts for line in part))

_TAGS = st.sampled_from(
    [
        "p",
        "div",
        "span",
        "a",
        "article",
        "main",
        "section",
        "nav",
        "aside",
        "footer",
        "figure",
        "figcaption",
        "h1",
        "h2",
        "ul",
        "li",
        "br",
        "script",
        "style",
        "table",
        "td",
        "b",
        "i",
    ]
)
_CLASSES = st.sampled_from(["", "share", "ad", "comment", "related", "caption", "story"])


@st.composite
def _html(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 60))):
        kind = draw(st.integers(0, 3))
        tag = draw(_TAGS)
        if kind == 0:
            parts.append(f"<{tag} class='{draw(_CLASSES)}'>")
        elif kind == 1:
            parts.append(f"</{tag}>")
        else:
            parts.append(draw(st.one_of(_LINE, st.text(max_size=40))))
    return "".join(parts)


def _input_lines(text: str) -> set[str]:
    return {normalise(line) for line in text.splitlines()}


@_SETTINGS
@given(_ANY_TEXT)
def test_text_path_never_raises_and_returns_input_lines(text: str) -> None:
    article = clean(text=text)
    lines = _input_lines(text)
    assert all(p in lines for p in article.paragraphs)
    assert article.title is None or article.title in lines


@_SETTINGS
@given(_html())
def test_html_path_never_raises_and_invents_no_words(html: str) -> None:
    article = clean(html=html)
    tree = LexborHTMLParser(html)
    tree.strip_tags(list(INVISIBLE_TAGS))
    # What a browser shows: text nodes run together, scripts and styles gone.
    source = normalise(tree.body.text(separator="")) if tree.body is not None else ""
    for paragraph in article.paragraphs:
        for word in paragraph.split():
            assert word in source


@_SETTINGS
@given(st.text(max_size=3000))
def test_html_path_never_raises_on_arbitrary_strings(html: str) -> None:
    clean(html=html)


@_SETTINGS
@given(_SHAPED_TEXT)
def test_cleaning_its_own_output_again_changes_nothing(text: str) -> None:
    first = clean(text=text)
    assert clean(text=first.text).paragraphs == first.paragraphs
    # The classifier's input shape (headline, then paragraphs) is stable too.
    with_title = "\n\n".join(([first.title] if first.title else []) + first.paragraphs)
    again = clean(text=with_title)
    assert (again.title, again.paragraphs) == (first.title, first.paragraphs)


@_SETTINGS
@given(_ANY_TEXT)
def test_only_a_passed_deadline_stops_the_cleaner(text: str) -> None:
    try:
        clean(text=text, deadline=time.monotonic() - 1)
    except CleaningTimeoutError:
        return
    raise AssertionError("a deadline in the past must raise CleaningTimeoutError")
