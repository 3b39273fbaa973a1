"""The training corpus: schema, label names, coverage floors and near-duplicate rate."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from training.corpus import (
    CARD_END,
    CARD_START,
    DEFAULT_DATA,
    GENRES,
    markdown,
    near_duplicate_pairs,
    read_items,
    report,
    with_counts,
)

KNOWN_LABELS = {"tariffs", "defence", "china"}
REQUIRED = {"id": str, "text": str, "labels": list, "genre": str}
OPTIONAL = {"title": str, "written_as": str, "area": str, "year": int}


@pytest.fixture(scope="module")
def corpus_report() -> dict[str, object]:
    return report(read_items())


def _raw_lines() -> list[tuple[Path, int, dict[str, object]]]:
    rows = []
    for path in sorted(DEFAULT_DATA.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            rows.append((path, number, json.loads(line)))
    return rows


def test_every_item_matches_the_schema() -> None:
    problems = []
    for path, number, raw in _raw_lines():
        for key, kind in REQUIRED.items():
            if not isinstance(raw.get(key), kind):
                problems.append(f"{path.name}:{number}: {key} missing or not {kind.__name__}")
        for key, kind in OPTIONAL.items():
            if key in raw and not isinstance(raw[key], kind):
                problems.append(f"{path.name}:{number}: {key} is not {kind.__name__}")
        if not set(raw.get("labels", [])) <= KNOWN_LABELS:
            problems.append(f"{path.name}:{number}: unknown label in {raw['labels']}")
        if raw.get("genre") not in GENRES:
            problems.append(f"{path.name}:{number}: unknown genre {raw.get('genre')!r}")
        if not str(raw.get("text", "")).strip():
            problems.append(f"{path.name}:{number}: empty text")
    assert problems == []


def test_ids_and_texts_are_unique() -> None:
    items = read_items()
    assert len({it.id for it in items}) == len(items)
    assert len({it.text for it in items}) == len(items)


def test_corpus_size_and_label_coverage(corpus_report: dict) -> None:
    assert corpus_report["items"] >= 2000
    assert all(corpus_report["per_label"][label] >= 350 for label in KNOWN_LABELS)
    assert all(count >= 50 for count in corpus_report["pairs"].values())
    assert len(corpus_report["pairs"]) == 3
    assert corpus_report["all_labels"] >= 50


def test_negatives_are_many_and_spread_over_news_areas(corpus_report: dict) -> None:
    assert corpus_report["no_label"] >= 900
    assert len([a for a, n in corpus_report["no_label_areas"].items() if n >= 10]) >= 12


def test_lengths_genres_and_periods_vary(corpus_report: dict) -> None:
    assert corpus_report["median_words"] >= 100
    assert set(corpus_report["per_genre"]) == set(GENRES)
    assert corpus_report["per_length_band"]["<60"] > 0
    assert corpus_report["per_length_band"]["400+"] > 0
    assert {"2000-2009", "2010-2016", "2017-2026"} <= set(corpus_report["per_period"])


def test_near_duplicates_touch_at_most_one_percent_of_items(corpus_report: dict) -> None:
    assert corpus_report["near_duplicate_item_rate"] <= 0.01


def test_both_spellings_of_defence_occur() -> None:
    texts = " ".join(it.text for it in read_items())
    assert re.search(r"\bdefence\b", texts) and re.search(r"\bdefense\b", texts)


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["the cat sat on the mat today", "the cat sat on the mat today"], [(0, 1)]),
        (["one two three four five six", "seven eight nine ten eleven twelve"], []),
    ],
    ids=["identical", "disjoint"],
)
def test_near_duplicate_pairs_finds_only_overlapping_texts(
    texts: list[str], expected: list[tuple[int, int]]
) -> None:
    assert [(i, j) for i, j, _ in near_duplicate_pairs(texts)] == expected


def test_data_card_counts_equal_what_the_data_gives(corpus_report: dict) -> None:
    # Refresh with `python -m training.corpus --card` after changing the data.
    card = (DEFAULT_DATA / "README.md").read_text(encoding="utf-8")
    assert with_counts(card, markdown(corpus_report)) == card


def test_with_counts_replaces_only_the_marked_section() -> None:
    card = f"# Card\n\nprose\n\n{CARD_START}\n\nold\n{CARD_END}\n\nmore prose\n"
    assert with_counts(card, "new\n") == (
        f"# Card\n\nprose\n\n{CARD_START}\n\nnew\n\n{CARD_END}\n\nmore prose\n"
    )
    with pytest.raises(ValueError):
        with_counts("no markers", "new")
