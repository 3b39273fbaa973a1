"""HTML path: headline sources, the article's element, chrome and class hints, line cutting."""

from __future__ import annotations

import json

import pytest

from service.cleaning import clean

PARAGRAPHS = [
    "The city council approved a new budget on Tuesday after three weeks of debate, "
    "raising spending on schools and public transport.",
    "The mayor said the plan would add 400 teachers and extend two tram lines by 2027, "
    "paid for by a higher tax on empty homes.",
    "Opposition members argued that the tax would push rents up and voted against it, "
    "saying the city should first cut the cost of its own offices.",
    "The budget takes effect in January, and the first new teachers start in spring.",
]
COMMENTS = [
    "This budget is a disaster for anyone who rents in the city centre and the council "
    "knows it, they just do not care about young people at all anymore.",
    "Finally some money for the trams, which have been falling apart for years while "
    "everyone argued about parking spaces and bicycle lanes in the old town.",
    "I have lived here for forty years and have never seen a council spend so much money "
    "on so little, mark my words this will end in another tax rise next year.",
]


def _page(article: str, head: str = "", before: str = "", after: str = "") -> str:
    return (
        f"<html><head>{head}</head><body>"
        "<nav><a href='/'>Home</a><a href='/news'>News</a><a href='/sport'>Sport</a></nav>"
        f"{before}{article}{after}"
        "<footer><p>Copyright 2019 The Daily Example. All rights reserved.</p></footer>"
        "</body></html>"
    )


def _article(paragraphs: list[str], extra: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<article><h1>Council passes budget</h1>{body}{extra}</article>"


def test_article_paragraphs_come_back_without_page_chrome() -> None:
    article = clean(html=_page(_article(PARAGRAPHS)))
    assert article.title == "Council passes budget"
    assert article.paragraphs == PARAGRAPHS


def test_comment_thread_beside_the_article_is_not_the_article() -> None:
    thread = "".join(f"<div class='comment'><p>{c}</p></div>" for c in COMMENTS * 2)
    html = _page(_article(PARAGRAPHS), after=f"<section id='comments'>{thread}</section>")
    assert clean(html=html).paragraphs == PARAGRAPHS


def test_body_cut_into_chunks_by_ad_slots_is_read_whole() -> None:
    chunks = "<div class='ad-slot'>Advertisement</div>".join(
        f"<div class='story-chunk'><p>{p}</p></div>" for p in PARAGRAPHS
    )
    html = _page(f"<main><h1>Council passes budget</h1>{chunks}</main>")
    assert clean(html=html).paragraphs == PARAGRAPHS


@pytest.mark.parametrize(
    ("extra", "rule"),
    [
        (
            "<figure><img src='x.jpg'><figcaption>The council chamber.</figcaption></figure>",
            "caption",
        ),
        ("<div class='share-tools'><a>Facebook</a><a>Twitter</a></div>", "widget"),
        (
            "<div class='newsletter-box'><p>Get our daily briefing in your inbox.</p></div>",
            "widget",
        ),
        ("<ul class='related-links'><li><a>Bridge repairs delayed</a></li></ul>", "related"),
        ("<p class='image-caption'>The mayor at the vote.</p>", "caption"),
        ("<div class='ad'>Advertisement</div>", "ad-slot"),
        ("<aside><p>Read our full coverage of the city elections.</p></aside>", "aside"),
    ],
    ids=["figure", "share", "newsletter", "related", "caption-class", "ad-class", "aside"],
)
def test_boilerplate_inside_the_article_is_removed_with_its_rule(extra: str, rule: str) -> None:
    article = clean(html=_page(_article(PARAGRAPHS, extra)))
    assert article.paragraphs == PARAGRAPHS
    assert rule in {r.rule for r in article.removed}


def test_an_element_named_by_class_and_id_is_removed_and_recorded_once() -> None:
    extra = "<div class='share-bar' id='share-tools'>Share on Facebook Share on X</div>"
    article = clean(html=_page(_article(PARAGRAPHS, extra)))
    assert article.paragraphs == PARAGRAPHS
    assert [r.rule for r in article.removed if "Facebook" in r.text] == ["widget"]


def test_a_hint_never_removes_the_story_it_wraps() -> None:
    html = _page(f"<div class='share-container'>{_article(PARAGRAPHS)}</div>")
    assert clean(html=html).paragraphs == PARAGRAPHS


def test_paragraphs_separated_by_br_become_separate_paragraphs() -> None:
    html = _page(f"<div class='content'>{'<br><br>'.join(PARAGRAPHS)}</div>")
    assert clean(html=html).paragraphs == PARAGRAPHS


def test_inline_markup_stays_inside_its_paragraph() -> None:
    html = _page(
        "<article><p>The council <a href='/b'>approved</a> a <em>new</em> budget on Tuesday "
        "after three weeks of <strong>debate</strong>, raising spending on schools.</p></article>"
    )
    assert clean(html=html).paragraphs == [
        "The council approved a new budget on Tuesday after three weeks of debate, raising "
        "spending on schools."
    ]


def test_scripts_and_styles_never_reach_the_text() -> None:
    html = _page(_article(PARAGRAPHS, "<script>var x = 'secret code';</script><style>p{}</style>"))
    assert "secret" not in clean(html=html).text


def test_link_list_inside_the_article_is_dropped() -> None:
    links = "".join(
        f"<li><a href='/{i}'>Other story number {i} about the town</a></li>" for i in range(5)
    )
    article = clean(html=_page(_article(PARAGRAPHS, f"<ul>{links}</ul>")))
    assert article.paragraphs == PARAGRAPHS


@pytest.mark.parametrize(
    ("head", "h1", "expected"),
    [
        ("", "<h1>Council passes budget</h1>", "Council passes budget"),
        (
            "<meta property='og:title' content='Council passes budget | Daily Example'>",
            "",
            "Council passes budget",
        ),
        (
            "<script type='application/ld+json'>"
            + json.dumps({"@type": "NewsArticle", "headline": "Council passes budget"})
            + "</script>",
            "",
            "Council passes budget",
        ),
        ("<title>Council passes budget - Daily Example</title>", "", "Council passes budget"),
        (
            "<meta property='og:title' content='Council passes budget'>",
            "<h1>Daily Example</h1><h1>Council passes budget</h1>",
            "Council passes budget",
        ),
    ],
    ids=["h1", "opengraph", "json-ld", "title-tag", "h1-matching-metadata"],
)
def test_headline_comes_from_h1_or_metadata(head: str, h1: str, expected: str) -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    article = clean(html=_page(f"<article>{h1}{body}</article>", head=head))
    assert article.title == expected
    assert article.paragraphs == PARAGRAPHS


def test_page_without_a_body_returns_an_empty_article() -> None:
    article = clean(html="<html><head><title>x</title></head></html>")
    assert article.paragraphs == []


def test_outside_text_is_recorded_as_removed() -> None:
    removed = clean(html=_page(_article(PARAGRAPHS))).removed
    assert any("Copyright" in r.text for r in removed)
    assert any(r.rule == "nav-hint" or "Home" in r.text for r in removed)


def test_removed_element_text_is_normalised_when_read() -> None:
    widget = "<div class='share-bar'>  Share \n\n   this   story\u200b </div>"
    article = clean(html=_page(_article(PARAGRAPHS, extra=widget)))
    assert ("widget", "Share this story") in {(r.rule, r.text) for r in article.removed}
