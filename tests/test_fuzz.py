"""Fuzz the cleaner: >= 100,000 random and mutated HTML and text inputs, and none may crash it."""

from __future__ import annotations

import random
import time
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.cleaning import Article, clean
from service.cleaning.errors import CleaningError
from tests.conftest import SHARED

pytestmark = pytest.mark.slow

EXAMPLES = 2_500
MUTANTS = 20  # inputs derived from each generated document, HTML and text each
INPUTS = EXAMPLES * MUTANTS * 2  # 100,000
REAL_PAGES = 20  # mutated real pages from ../shared, when present (on top of INPUTS)
MAX_CHARS = 4_000  # small inputs keep 100k runs fast; huge ones are in test_api_guards.py

TAGS = [
    "html",
    "head",
    "body",
    "title",
    "div",
    "p",
    "span",
    "a",
    "article",
    "main",
    "nav",
    "header",
    "footer",
    "aside",
    "section",
    "h1",
    "h2",
    "ul",
    "li",
    "table",
    "td",
    "tr",
    "script",
    "style",
    "noscript",
    "figure",
    "figcaption",
    "br",
    "img",
    "iframe",
    "svg",
    "template",
    "form",
    "button",
    "blockquote",
    "pre",
    "code",
    "time",
    "meta",
    "link",
]
ATTRS = ["class", "id", "role", "itemprop", "hidden", "style", "aria-hidden", "data-x", "href"]
WORDS = [
    "Advertisement",
    "Read more",
    "Share",
    "Subscribe",
    "The minister said",
    "tariffs",
    "Cookie",
    "Related",
    "©",
    "\u00a0",
    "\u200b",
    "&amp;",
    "&nbsp;",
    "&#x0;",
    "&#55296;",
    "\ufeff",
    "\x00",
    "\x0c",
    "\r\n",
    "...",
    "—",
    "中国",
    "العربية",
    "🙂",
    "A" * 300,
]
# Fragments that break markup when spliced in anywhere: unclosed tags, comments, CDATA,
# stray entities, encoding marks and control characters.
SPLICES = [
    "<",
    ">",
    "</",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<!DOCTYPE html>",
    "&",
    "&#",
    "&#x110000;",
    "<p",
    "<div class=",
    '"',
    "'",
    "=",
    "<script>",
    "</script>",
    "\x00",
    "\ufffd",
    "<?xml ?>",
    "</body>",
    "<body>",
    "\n" * 50,
    " " * 500,
    "<br/>" * 100,
]

text = st.one_of(st.sampled_from(WORDS), st.text(max_size=80))
attribute = st.tuples(st.sampled_from(ATTRS), text)


@st.composite
def element(draw: st.DrawFn, depth: int = 0) -> str:
    """A random element, nested up to four levels, with random attributes and text."""
    tag = draw(st.sampled_from(TAGS))
    attrs = "".join(f' {k}="{v}"' for k, v in draw(st.lists(attribute, max_size=3)))
    children = draw(
        st.lists(text if depth >= 4 else st.one_of(text, element(depth + 1)), max_size=5)
    )
    closing = draw(st.booleans())  # unclosed tags are everyday HTML
    return f"<{tag}{attrs}>" + "".join(children) + (f"</{tag}>" if closing else "")


document = st.lists(st.one_of(element(), text), min_size=1, max_size=8).map("".join)


def mutate(source: str, rng: random.Random, limit: int = MAX_CHARS) -> str:
    """One random edit (splice, cut, duplicate, swap, deep nesting), at most `limit` chars."""
    return _edit(source, rng)[:limit]


def _edit(source: str, rng: random.Random) -> str:
    if not source:
        return rng.choice(SPLICES)
    i, j = sorted(rng.randrange(len(source) + 1) for _ in range(2))
    edit = rng.randrange(5)
    if edit == 0:
        return source[:i] + rng.choice(SPLICES) + source[i:]
    if edit == 1:
        return source[:i] + source[j:]
    if edit == 2:
        return source[:j] + source[i:j] * rng.randint(2, 5) + source[j:]
    if edit == 3:
        return source[j:] + source[:i] + source[i:j]
    return source[:i] + "<div>" * rng.randint(50, 500) + source[i:]


def _check(result: Article) -> None:
    assert isinstance(result, Article)
    assert all(isinstance(p, str) for p in result.paragraphs)
    assert result.title is None or isinstance(result.title, str)


def _clean_everything(source: str, seed: int, tried: Counter[str], limit: int = MAX_CHARS) -> None:
    rng = random.Random(seed)
    variant = source
    for _ in range(MUTANTS):
        start = variant if rng.random() < 0.8 else source
        variant = mutate(start, rng, limit)
        _check(clean(html=variant))
        _check(clean(text=variant))
        tried["html"] += 1
        tried["text"] += 1


def test_the_cleaner_survives_100k_random_and_mutated_inputs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    tried: Counter[str] = Counter()
    started = time.monotonic()

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(source=document, seed=st.integers(0, 2**32 - 1))
    def run(source: str, seed: int) -> None:
        _clean_everything(source, seed, tried)

    run()
    with capsys.disabled():
        print(
            f"\nfuzz: {tried.total():,} inputs ({dict(tried)}), 0 crashes, "
            f"{time.monotonic() - started:.0f} s"
        )
    assert tried.total() >= INPUTS


def test_mutated_real_pages_never_crash_the_cleaner(capsys: pytest.CaptureFixture[str]) -> None:
    pages = sorted((SHARED / "benchmarks" / "extraction-dev" / "html").glob("*"))[:REAL_PAGES]
    if not pages:
        pytest.skip("../shared benchmark pages are not present")
    tried: Counter[str] = Counter()
    for seed, page in enumerate(pages):
        source = page.read_text(encoding="utf-8", errors="replace")
        _clean_everything(source, seed, tried, limit=len(source) + 50_000)
    with capsys.disabled():
        print(f"\nfuzz (real pages mutated): {tried.total():,} inputs, 0 crashes")


def test_a_passed_deadline_is_the_only_error_the_cleaner_raises() -> None:
    rng = random.Random(7)
    page = "<html><body>" + "<p>A sentence of the story.</p>" * 200 + "</body></html>"
    for _ in range(50):
        variant = mutate(page, rng)
        with pytest.raises(CleaningError):
            clean(html=variant, deadline=time.monotonic() - 1)
