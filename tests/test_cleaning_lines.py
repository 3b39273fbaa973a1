"""Line-level signals and the vocabulary rules, one small example per rule."""

from __future__ import annotations

import sys

import pytest

from service.cleaning.lines import (
    ends_sentence,
    ends_with_credit,
    is_embed_signature,
    is_title_case,
    normalise,
    vocabulary_rule,
    word_count,
)

BOILERPLATE = [
    ("Advertisement", "ad-slot"),
    ("ADVERTISEMENT", "ad-slot"),
    ("- Advertisement -", "ad-slot"),
    ("Sponsored", "ad-slot"),
    ("Story continues below advertisement", "ad-slot"),
    ("Anzeige", "ad-slot"),
    ("Read more", "read-more"),
    ("Continue reading", "read-more"),
    ("Related Articles", "section-end"),
    ("You may also like", "section-end"),
    ("Leave a Reply", "section-end"),
    ("skater99 says:", "comment-meta"),
    ("14 Comments", "comment-meta"),
    ("Select Voice", "widget"),
    ("Share on Facebook", "widget"),
    ("Reading Time: 4 minutes", "widget"),
    ("5 min read", "widget"),
    ("Why you can trust the Daily Planet", "widget"),
    ("Sign up for our morning newsletter", "widget"),
    ("Close share panel", "widget"),
    ("We use cookies to give you the best experience on our website.", "widget"),
    ("01:42", "timestamp"),
    ("1.00x", "timestamp"),
    ("3 hours ago", "timestamp"),
    ("November 19, 2019 12:04AM ET", "timestamp"),
    ("19 Nov 2019", "timestamp"),
    ("Photo: Jane Roe/Reuters", "caption"),
    ("Image caption The bridge after the storm", "caption"),
    ("A crowd outside the court on Monday. (AP Photo/Jane Roe)", "caption"),
    ("Soldiers cross the river near the border. Photo: Jane Roe/Getty Images", "caption"),
    ("By Jane Roe and John Doe", "byline"),
    ("Written by Jane Roe", "byline"),
    ("GET THE APP FOR FREE NOW", "label"),
    ("E-mail:", "label"),
    ("The minister said the deal would be signed in...", "truncated"),
    ("| • |", "symbols"),
    ("Jane Roe is a freelance writer based in Toronto. Her work has appeared widely.", "byline"),
    ("John Doe (@jdoe) is a Staff Writer at the Daily Example covering trade.", "byline"),
    ("No spam, we promise. You can unsubscribe at any time.", "widget"),
    ("Get the day's top stories delivered straight to your inbox.", "widget"),
    ("Follow her on Twitter @janeroe or on Facebook.", "widget"),
]
PROSE = [
    "The minister said the agreement would be signed next week in Geneva.",
    "Shares fell 3% after the company reported weaker sales in Asia.",
    "He said he had read more than a hundred reports on the matter.",
    "By the end of the year, the factory will employ 2,000 people.",
    "South Korea faces US pressure on defence, China amid tariff deadline",
    "The photographer, who works for a news agency, was detained for a day.",
    "Trade talks resumed on Tuesday.",
    "The writer is a former minister who now advises the government on trade.",
    "Jane Roe, a reporter for a local paper, was the first to reach the scene.",
    "Officials said they would follow the talks closely over the coming weeks.",
]


@pytest.mark.parametrize(("line", "rule"), BOILERPLATE, ids=[r for _, r in BOILERPLATE])
def test_vocabulary_marks_boilerplate_with_its_rule(line: str, rule: str) -> None:
    assert vocabulary_rule(line) == rule


@pytest.mark.parametrize("line", PROSE, ids=range(len(PROSE)))
def test_vocabulary_leaves_prose_alone(line: str) -> None:
    assert vocabulary_rule(line) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("He left.", True),
        ("“We are ready,” she said.”", True),
        ("Is this the end?", True),
        ("Headline without a stop", False),
        ("South Korea", False),
        ("한국 정부는 협상을 계속했다。", True),
    ],
    ids=["stop", "closing-quote", "question", "headline", "label", "cjk-stop"],
)
def test_ends_sentence_reads_final_punctuation(line: str, expected: bool) -> None:
    assert ends_sentence(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Crowds gather in the square. Photo: Jane Roe/AFP", True),
        ("Crowds gather in the square. Jane Roe/AP", True),
        ("Crowds gather in the square (Reuters photo/Jane Roe)", True),
        ("The agency said: the deal is done.", False),
        ("He swam in the pool", False),
    ],
    ids=["label", "slash-agency", "parenthesis", "colon-in-prose", "no-credit"],
)
def test_ends_with_credit(line: str, expected: bool) -> None:
    assert ends_with_credit(line) is expected


def test_word_count_counts_unspaced_scripts_by_characters() -> None:
    assert word_count("one two three") == 3
    assert word_count("中国政府今天宣布了新的关税政策并表示将继续谈判") >= 10


def test_title_case_detects_headline_style() -> None:
    assert is_title_case("Physicists Create the Most Detailed Simulation of the Universe")
    assert not is_title_case("Physicists created the most detailed simulation of the universe")


def test_normalise_collapses_space_and_drops_invisible_characters() -> None:
    assert normalise("  a\u00a0 b\tc \n") == "a b c"
    assert normalise("soft\u00adhy\u200bphen") == "softhyphen"
    assert normalise(" printable  with  doubled spaces ") == "printable with doubled spaces"


def test_normalise_shortcut_sees_every_space_and_invisible_character() -> None:
    # normalise() only strips a printable line: that is exact while every white space
    # character but the plain space, and every invisible one, is unprintable.
    special = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace() and c != 32]
    assert not any(c.isprintable() for c in special + list("\u00ad\u200b\u200c\u200d\u2060\ufeff"))


def test_embed_signature_is_read_from_its_handle_and_date() -> None:
    assert is_embed_signature("\u2014 Jane Roe (@janeroe) November 18, 2019")
    assert is_embed_signature("\u2014 City Council (@citycouncil) 9 October 2018")
    assert not is_embed_signature("Follow us (@dailyexample) for more")


@pytest.mark.parametrize(
    "line",
    [
        "Crowds gather in the square. Jane Roe/Getty Images",
        "Crowds gather in the square. Jane Roe / AFP",
        "Crowds gather in the square. SOPA Images via Getty Images",
    ],
    ids=["slash", "slash-space", "space-long-name"],
)
def test_agency_endings_are_credits(line: str) -> None:
    assert ends_with_credit(line)
