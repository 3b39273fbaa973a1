"""Text path: a scraper's visible text in, headline and body out; clean text stays intact."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.cleaning import CleaningTimeoutError, clean
from service.settings import Settings

BODY = [
    "The city council approved a new budget on Tuesday after three weeks of debate, "
    "raising spending on schools and public transport.",
    "The mayor said the plan would add 400 teachers and extend two tram lines by 2027, "
    "paid for by a higher tax on empty homes.",
    "Opposition members argued that the tax would push rents up and voted against it.",
    "The budget takes effect in January, and the first of the new teachers are due to start "
    "in the spring term.",
]
HEADLINE = "City council passes budget after long debate"
STANDFIRST = (
    "Schools and trams win the largest increases in a decade, while the city's own offices "
    "face the first cuts since 2009"
)
PAGE = "\n".join(
    [
        "Skip to content",
        "Home",
        "News",
        "Politics",
        "Advertisement",
        HEADLINE,
        STANDFIRST,
        "By Jane Roe",
        "November 19, 2019",
        "Share",
        "Tweet",
        BODY[0],
        BODY[1],
        "Advertisement",
        "The council chamber on Tuesday. Photo: John Doe/Reuters",
        BODY[2],
        "02:15",
        "Watch: council members react to the vote",
        "Watch: council members react to the vote",
        BODY[3],
        "Read more",
        "Related stories",
        "Bridge repairs delayed again",
        "Residents complain about the new parking rules in the old town",
        "Copyright 2019 The Daily Example. All rights reserved.",
    ]
)


def test_page_comes_back_as_headline_standfirst_and_body() -> None:
    article = clean(text=PAGE)
    assert article.title == HEADLINE
    assert article.paragraphs == [STANDFIRST, *BODY]


def test_every_removed_line_names_its_rule() -> None:
    rules = {r.text: r.rule for r in clean(text=PAGE).removed}
    assert rules["Advertisement"] == "ad-slot"
    assert rules["02:15"] == "timestamp"
    assert rules["The council chamber on Tuesday. Photo: John Doe/Reuters"] == "caption"
    assert rules["Watch: council members react to the vote"] in {"duplicate", "widget"}
    assert rules["Related stories"] == "section-end"
    assert rules["By Jane Roe"] == "byline"
    assert all(r.rule and r.text for r in clean(text=PAGE).removed)


@pytest.mark.parametrize(
    "text",
    [
        "The central bank held interest rates at 4% on Thursday, citing slowing inflation.",
        "Short single sentence.",
        " ".join(BODY),
        "Storm closes schools across the region. Classes resume on Monday after crews clear "
        "fallen trees from roads, officials said, and buses will run on the usual timetable.",
    ],
    ids=["one-sentence", "short-sentence", "one-paragraph", "thirty-word-brief"],
)
def test_clean_text_comes_back_intact(text: str) -> None:
    assert clean(text=text).paragraphs == [text]


def test_headline_and_a_few_sentences_keep_every_sentence() -> None:
    text = f"{HEADLINE}\n{BODY[0]}\n{BODY[3]}"
    article = clean(text=text)
    assert article.title == HEADLINE
    assert article.paragraphs == [BODY[0], BODY[3]]


def test_blank_lines_between_paragraphs_are_ignored() -> None:
    article = clean(text="\n\n".join(BODY))
    assert article.paragraphs == BODY


def test_comment_thread_after_the_article_is_dropped() -> None:
    comments = [
        "12 Comments",
        "reader42 says:",
        "This budget is a disaster for anyone who rents in the city centre, honestly.",
        "citywatcher says:",
        "Finally some money for the trams, which have been falling apart for years now.",
    ]
    article = clean(text="\n".join([HEADLINE, *BODY, *comments]))
    assert article.paragraphs == BODY


def test_list_of_other_stories_is_dropped() -> None:
    teasers = []
    for i in range(4):
        teasers += [
            f"Harbour ferry service number {i} suspended for winter",
            f"The operator blamed rising fuel costs and a lack of crew for route {i}.",
        ]
    article = clean(text="\n".join([HEADLINE, *BODY, *teasers]))
    assert article.paragraphs == BODY


def test_a_lone_subheading_between_paragraphs_stays() -> None:
    text = "\n".join([BODY[0], BODY[1], "What happens next", BODY[2], BODY[3]])
    assert "What happens next" in clean(text=text).paragraphs


def test_a_list_introduced_by_a_colon_stays() -> None:
    items = ["June 9 in West Palm Beach", "June 10 in Tampa", "June 14 in Alpharetta"]
    text = "\n".join([*BODY[:2], "The band plays these dates:", *items, *BODY[2:]])
    assert clean(text=text).paragraphs == [
        *BODY[:2],
        "The band plays these dates:",
        *items,
        *BODY[2:],
    ]


def test_an_embedded_post_does_not_end_the_article() -> None:
    post = ["We are ready for the vote.", "\u2014 City Council (@citycouncil) November 18, 2019"]
    text = "\n".join([HEADLINE, *BODY[:2], *post, *BODY[2:]])
    assert clean(text=text).paragraphs[-2:] == BODY[2:]


def test_a_paragraph_without_a_final_stop_next_to_the_body_stays() -> None:
    clipped = (
        "Council members will meet again in March to review how the first months of spending "
        "went and whether the tax raised what was promised"
    )
    article = clean(text="\n".join(["Home", "News", *BODY, clipped, "Share", "Tweet"]))
    assert article.paragraphs == [*BODY, clipped]


def test_deadline_in_the_past_raises_timeout() -> None:
    with pytest.raises(CleaningTimeoutError):
        clean(text=PAGE, deadline=time.monotonic() - 1)


def test_exactly_one_input_is_required() -> None:
    with pytest.raises(ValueError, match="exactly one"):
        clean(text="a", html="<p>a</p>")


# --- the seed example from ../shared -----------------------------------------------------------


def _seed(shared_dir: Path) -> tuple[str, dict[str, object]]:
    folder = shared_dir / "examples"
    text = (folder / "scmp-korea-scraped.txt").read_text(encoding="utf-8")
    expected = json.loads((folder / "scmp-korea.expected.json").read_text(encoding="utf-8"))
    return text, expected


def _check_seed(title: object, text: str, paragraphs: list[str], expected: dict) -> None:
    assert title == expected["title"]
    for paragraph in str(expected["text"]).split("\n\n"):
        assert paragraph in text
    for line in expected["removed_lines"]:
        assert line not in paragraphs
        # A removed line may be a phrase the body also uses ("South Korea"); any other
        # removed line must not survive inside a paragraph either.
        if line not in expected["text"]:
            assert line not in text


def test_seed_example_through_the_cleaner(shared_dir: Path) -> None:
    raw, expected = _seed(shared_dir)
    article = clean(text=raw)
    _check_seed(article.title, article.text, article.paragraphs, expected)


def test_seed_example_through_the_http_api(shared_dir: Path) -> None:
    raw, expected = _seed(shared_dir)
    with TestClient(create_app(Settings())) as client:
        response = client.post("/v1/clean", json={"text": raw, "explain": True})
    assert response.status_code == 200
    body = response.json()
    _check_seed(body["title"], body["text"], body["paragraphs"], expected)
    assert {"ad-slot", "timestamp", "widget", "caption"} <= {r["rule"] for r in body["removed"]}
