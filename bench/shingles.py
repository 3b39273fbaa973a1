"""The extraction benchmark's metric: token 4-gram shingle multisets, averaged P and R, F1."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")
_N = 4


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """Return the multiset of token 4-grams of `text` (1-3 tokens make one shorter gram)."""
    tokens = _TOKEN.findall(text)
    if len(tokens) < _N:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + _N]) for i in range(len(tokens) - _N + 1))


@dataclass(frozen=True, slots=True)
class PageScore:
    """One page's precision (None for an empty output) and recall."""

    precision: float | None
    recall: float


def score_page(output: str, truth: str) -> PageScore:
    """Score one extracted text against its ground truth."""
    got, want = shingles(output), shingles(truth)
    shared = sum((got & want).values())
    precision = shared / sum(got.values()) if got else None
    recall = shared / sum(want.values()) if want else float(not got)
    return PageScore(precision, recall)


@dataclass(frozen=True, slots=True)
class Summary:
    """Precision averaged over non-empty outputs, recall over all pages, F1 of the two means."""

    precision: float
    recall: float
    f1: float
    pages: int


def summarise(scores: Iterable[PageScore]) -> Summary:
    """Average page scores the way the benchmark publishes them."""
    scores = list(scores)
    precisions = [s.precision for s in scores if s.precision is not None]
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(s.recall for s in scores) / len(scores) if scores else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return Summary(p, r, f1, len(scores))
