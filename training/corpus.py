"""Corpus report: coverage counts and the near-duplicate rate of the labelled training data."""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

DEFAULT_DATA = Path(__file__).parent / "data"
GENRES = (
    "wire",
    "analysis",
    "explainer",
    "briefing",
    "op-ed",
    "live-blog",
    "press-release",
    "interview",
)
LENGTH_BANDS = (
    (0, 60, "<60"),
    (60, 100, "60-99"),
    (100, 200, "100-199"),
    (200, 400, "200-399"),
    (400, 10**9, "400+"),
)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Item:
    """One labelled example, as the report needs it."""

    id: str
    text: str
    labels: tuple[str, ...]
    genre: str
    area: str
    year: int | None


def read_items(folder: Path = DEFAULT_DATA) -> list[Item]:
    """Read every *.jsonl file in `folder`, in sorted order."""
    items = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                raw = json.loads(line)
                items.append(
                    Item(
                        raw["id"],
                        raw["text"],
                        tuple(sorted(raw["labels"])),
                        raw.get("genre", ""),
                        raw.get("area", ""),
                        raw.get("year"),
                    )
                )
    return items


def word_count(text: str) -> int:
    """Words as the report counts them: \\w+ runs."""
    return len(_WORD.findall(text))


def shingles(text: str, n: int = 5) -> frozenset[tuple[str, ...]]:
    """The set of lower-cased word n-grams of a text."""
    words = [w.lower() for w in _WORD.findall(text)]
    return frozenset(tuple(words[i : i + n]) for i in range(max(len(words) - n + 1, 1)))


def near_duplicate_pairs(
    texts: Sequence[str], threshold: float = 0.5, n: int = 5
) -> list[tuple[int, int, float]]:
    """Index pairs whose word n-gram Jaccard similarity is at least `threshold`."""
    sets = [shingles(t, n) for t in texts]
    postings: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        for gram in s:
            postings[gram].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for ids in postings.values():
        if len(ids) > 1:
            shared.update(combinations(ids, 2))
    pairs = []
    for (i, j), inter in shared.items():
        jaccard = inter / (len(sets[i]) + len(sets[j]) - inter)
        if jaccard >= threshold:
            pairs.append((i, j, jaccard))
    return sorted(pairs)


def _band(words: int) -> str:
    return next(name for lo, hi, name in LENGTH_BANDS if lo <= words < hi)


def report(items: Sequence[Item]) -> dict[str, Any]:
    """Every coverage figure the data card and the tests use."""
    words = [word_count(it.text) for it in items]
    labels = Counter(label for it in items for label in it.labels)
    combos = Counter("+".join(it.labels) or "(none)" for it in items)
    pairs = near_duplicate_pairs([it.text for it in items])
    in_pairs = {i for i, j, _ in pairs} | {j for i, j, _ in pairs}
    label_names = sorted(labels)
    return {
        "items": len(items),
        "per_label": dict(sorted(labels.items())),
        "per_combination": dict(combos.most_common()),
        "pairs": {
            f"{a}+{b}": sum(1 for it in items if {a, b} <= set(it.labels))
            for a, b in combinations(label_names, 2)
        },
        "all_labels": sum(1 for it in items if len(it.labels) == len(label_names) > 0),
        "no_label": combos.get("(none)", 0),
        "no_label_areas": dict(Counter(it.area for it in items if not it.labels).most_common()),
        "per_genre": dict(Counter(it.genre for it in items).most_common()),
        "per_area": dict(Counter(it.area for it in items).most_common()),
        "per_length_band": {
            name: sum(1 for w in words if _band(w) == name) for _, _, name in LENGTH_BANDS
        },
        "per_period": dict(sorted(Counter(_period(it.year) for it in items).items())),
        "median_words": statistics.median(words) if words else 0,
        "near_duplicate_pairs": [(items[i].id, items[j].id, round(s, 3)) for i, j, s in pairs],
        "near_duplicate_item_rate": len(in_pairs) / len(items) if items else 0.0,
    }


def _period(year: int | None) -> str:
    if year is None:
        return "unknown"
    return "2000-2009" if year < 2010 else "2010-2016" if year < 2017 else "2017-2026"


def _table(title: str, counts: dict[str, int]) -> list[str]:
    rows = [f"| {title} | items |", "|---|---:|"]
    return rows + [f"| {key} | {value} |" for key, value in counts.items()] + [""]


def markdown(figures: dict[str, Any]) -> str:
    """The data card's counts section, generated so that it cannot drift from the data."""
    pairs_rate = figures["near_duplicate_item_rate"]
    lines = [
        f"Items: {figures['items']}; median length {figures['median_words']:g} words; "
        f"items with no label: {figures['no_label']}; with all labels: {figures['all_labels']}; "
        f"near-duplicate pairs (word 5-gram Jaccard >= 0.5): "
        f"{len(figures['near_duplicate_pairs'])}, touching {pairs_rate:.2%} of items.",
        "",
    ]
    lines += _table("label", figures["per_label"])
    lines += _table("label pair (items carrying both)", figures["pairs"])
    lines += _table("exact combination", figures["per_combination"])
    lines += _table("genre", figures["per_genre"])
    lines += _table("length (words)", figures["per_length_band"])
    lines += _table("period", figures["per_period"])
    lines += _table("news area", figures["per_area"])
    lines += _table("news area of the unlabelled items", figures["no_label_areas"])
    return "\n".join(lines)


def main(argv: Iterable[str] | None = None) -> int:
    """Print the corpus report as JSON, or as the data card's Markdown tables."""
    parser = argparse.ArgumentParser(prog="python -m training.corpus", description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of *.jsonl files")
    parser.add_argument("--markdown", action="store_true", help="print the data card's tables")
    args = parser.parse_args(list(argv) if argv is not None else None)
    figures = report(read_items(args.data))
    if args.markdown:
        print(markdown(figures))
    else:
        json.dump(figures, sys.stdout, indent=2, ensure_ascii=False)
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
