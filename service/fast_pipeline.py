"""The fitted pipeline's arithmetic without scikit-learn's per-call overhead: same scores."""

# Why this exists: at one document per call, Pipeline.predict_proba spends most of its time
# validating inputs, building, sorting and stacking sparse matrices, and hashing every character
# n-gram of the text again; the arithmetic itself is a few thousand multiply-adds. `make bench`
# measured the sklearn path at ~5 ms per 1 KB text and this one at about a fifth of that.
#
# It recomputes what a pipeline of the shape training/pipeline.py builds computes, from that
# pipeline's own fitted parameters: FeatureUnion of (HashingVectorizer -> TfidfTransformer)
# branches, then OneVsRestClassifier(LogisticRegression) over multilabel targets. Any other shape
# raises UnsupportedPipelineError and the caller keeps the sklearn path. The order of every sum
# is the one scikit-learn and scipy use, so the scores are the same floats, not merely close.

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy.special import expit
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion, Pipeline

# Distinct words whose character n-gram counts are kept; about 0.5 KB each. News vocabulary is
# Zipfian, so a few tens of thousands of words cover almost every token of a new article.
WORD_CACHE_SIZE = 50_000

Rows = tuple[np.ndarray, np.ndarray, np.ndarray]  # CSR parts: data, indices, indptr


class UnsupportedPipelineError(Exception):
    """The pipeline is not of the shape this module reproduces."""


class _Branch:
    """One HashingVectorizer -> TfidfTransformer branch of the feature union."""

    def __init__(self, hashing: HashingVectorizer, tfidf: TfidfTransformer) -> None:
        self.hashing = hashing
        self.idf: np.ndarray | None = getattr(tfidf, "idf_", None) if tfidf.use_idf else None
        self.sublinear_tf = bool(tfidf.sublinear_tf)
        self.l2 = tfidf.norm == "l2"

    def counts(self, texts: Sequence[str]) -> Rows:
        """Hashed term counts, one CSR row per text, indices sorted (HashingVectorizer's)."""
        matrix = self.hashing.transform(texts)
        return matrix.data, matrix.indices, matrix.indptr

    def weights(self, texts: Sequence[str]) -> Rows:
        """TfidfTransformer.transform of the counts, step for step."""
        data, indices, indptr = self.counts(texts)
        data = data.astype(np.float64, copy=True)
        if self.sublinear_tf:
            np.log(data, data)
            data += 1.0
        if self.idf is not None:
            data *= self.idf[indices]
        if self.l2:
            _normalize_rows(data, indptr)
        return data, indices, indptr


class _CharWordsBranch(_Branch):
    """A char_wb branch: n-grams never cross white space, so each word's counts are cached."""

    def __init__(self, hashing: HashingVectorizer, tfidf: TfidfTransformer) -> None:
        super().__init__(hashing, tfidf)
        self._cache: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def counts(self, texts: Sequence[str]) -> Rows:
        """The same counts as HashingVectorizer: the sum over words of count x that word's row."""
        # char_wb splits the lowercased text on white space and pads each word; lowercasing is
        # word-local, so the text's counts are the sum of each raw word's own counts.
        per_text = [Counter(text.split()) for text in texts]
        rows = self._rows({word for words in per_text for word in words})
        parts = [_sum_words(words, rows) for words in per_text]
        indptr = np.zeros(len(parts) + 1, dtype=np.int64)
        np.cumsum([len(cols) for _, cols in parts], out=indptr[1:])
        data = np.concatenate([d for d, _ in parts]) if parts else np.zeros(0)
        indices = np.concatenate([c for _, c in parts]) if parts else np.zeros(0, np.int32)
        return data, indices, indptr

    def _rows(self, words: set[str]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        # A local mapping: another thread may clear the shared cache while this one reads it.
        found = {w: row for w in words if (row := self._cache.get(w)) is not None}
        missing = [w for w in words if w not in found]
        if not missing:
            return found
        matrix = self.hashing.transform(missing)
        new = {
            word: (matrix.indices[start:end], matrix.data[start:end])
            for word, start, end in zip(missing, matrix.indptr, matrix.indptr[1:], strict=False)
        }
        if len(self._cache) + len(new) > WORD_CACHE_SIZE:
            self._cache.clear()  # atomic, unlike evicting one key at a time across threads
        self._cache.update(new)
        return found | new


def _sum_words(
    words: Counter[str], rows: dict[str, tuple[np.ndarray, np.ndarray]]
) -> tuple[np.ndarray, np.ndarray]:
    if not words:
        return np.zeros(0), np.zeros(0, dtype=np.int32)
    picked = [rows[word] for word in words]
    columns = np.concatenate([cols for cols, _ in picked])
    lengths = [len(cols) for cols, _ in picked]
    counts = np.concatenate([data for _, data in picked]) * np.repeat(
        np.fromiter(words.values(), dtype=np.float64, count=len(words)), lengths
    )
    # Whole numbers in float64: the sums are exact whatever their order.
    unique, inverse = np.unique(columns, return_inverse=True)
    return np.bincount(inverse, weights=counts, minlength=len(unique)), unique


def _normalize_rows(data: np.ndarray, indptr: np.ndarray) -> None:
    # sklearn's inplace_csr_row_normalize_l2: sum of squares in index order, rows of 0 left alone.
    rows = np.repeat(np.arange(len(indptr) - 1), np.diff(indptr))
    norms = np.sqrt(np.bincount(rows, weights=data * data, minlength=len(indptr) - 1))
    norms[norms == 0.0] = 1.0
    data /= norms[rows]


class FastPipeline:
    """predict_proba of a hashed tf-idf + one-vs-rest logistic regression pipeline."""

    def __init__(
        self,
        branches: Sequence[_Branch],
        coefs: Sequence[np.ndarray],
        intercepts: Sequence[float],
    ) -> None:
        self.branches = list(branches)
        self.coefs = list(coefs)
        self.intercepts = list(intercepts)
        self._offsets = np.cumsum([0, *(b.hashing.n_features for b in self.branches)])

    @classmethod
    def from_pipeline(cls, pipeline: Any) -> FastPipeline:
        """Read the fitted parameters; UnsupportedPipelineError for any other shape."""
        features, classifier = _two_steps(pipeline, FeatureUnion, OneVsRestClassifier)
        if features.transformer_weights:
            raise UnsupportedPipelineError("weighted feature union")
        branches = [_branch(step) for _, step in features.transformer_list]
        width = sum(b.hashing.n_features for b in branches)
        estimators = _estimators(classifier, width)
        coefs = [np.ascontiguousarray(e.coef_[0], dtype=np.float64) for e in estimators]
        return cls(branches, coefs, [float(e.intercept_[0]) for e in estimators])

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, one marginal probability per label (as the pipeline gives)."""
        parts = [branch.weights(texts) for branch in self.branches]
        # Rows of every branch side by side, word columns first: FeatureUnion's hstack order,
        # which is also the order scipy sums a row's products in.
        rows = np.concatenate([np.repeat(np.arange(len(texts)), np.diff(p[2])) for p in parts])
        data = np.concatenate([p[0] for p in parts])
        columns = np.concatenate(
            [p[1] + offset for p, offset in zip(parts, self._offsets, strict=False)]
        )
        order = np.argsort(rows, kind="stable")
        rows, data, columns = rows[order], data[order], columns[order]
        scores = np.empty((len(texts), len(self.coefs)))
        for j, (coef, intercept) in enumerate(zip(self.coefs, self.intercepts, strict=True)):
            products = data * coef[columns]
            scores[:, j] = np.bincount(rows, weights=products, minlength=len(texts)) + intercept
        return expit(scores)


def _two_steps(pipeline: Any, first: type, second: type) -> tuple[Any, Any]:
    steps = getattr(pipeline, "steps", None)
    if not isinstance(pipeline, Pipeline) or steps is None or len(steps) != 2:
        raise UnsupportedPipelineError("not a two-step Pipeline")
    (_, a), (_, b) = steps
    if type(a) is not first or type(b) is not second:
        raise UnsupportedPipelineError(f"steps {type(a).__name__}, {type(b).__name__}")
    return a, b


def _branch(step: Any) -> _Branch:
    hashing, tfidf = _two_steps(step, HashingVectorizer, TfidfTransformer)
    params = hashing.get_params()
    if params["binary"] or params["norm"] is not None or params["input"] != "content":
        raise UnsupportedPipelineError("HashingVectorizer options beyond counts")
    if tfidf.norm not in (None, "l2"):
        raise UnsupportedPipelineError(f"tf-idf norm {tfidf.norm}")
    plain = params["preprocessor"] is None and params["tokenizer"] is None
    if params["analyzer"] == "char_wb" and plain and not params["strip_accents"]:
        return _CharWordsBranch(hashing, tfidf)
    return _Branch(hashing, tfidf)


def _estimators(classifier: OneVsRestClassifier, width: int) -> list[LogisticRegression]:
    estimators = list(getattr(classifier, "estimators_", []))
    if not getattr(classifier, "multilabel_", False) or len(estimators) < 2:
        raise UnsupportedPipelineError("not a multilabel one-vs-rest classifier")
    for estimator in estimators:
        binary = type(estimator) is LogisticRegression and len(estimator.classes_) == 2
        if not binary or estimator.coef_.shape != (1, width):
            raise UnsupportedPipelineError("not binary logistic regressions over the features")
    return estimators
