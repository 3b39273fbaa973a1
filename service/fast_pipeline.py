"""The fitted pipeline's arithmetic, read from its saved state: same scores, no scikit-learn."""

# Why this exists: a worker that imports scikit-learn (and the scipy it pulls in) takes more
# than twice as long to start, and at one document per call Pipeline.predict_proba spends most
# of its time validating inputs, building, sorting and stacking sparse matrices, and hashing
# every character n-gram of the text again; the arithmetic itself is a few thousand
# multiply-adds. `make bench` measured the sklearn path at ~5 ms per 1 KB text and this one at
# about a fifth of that.
#
# It recomputes what a pipeline of the shape training/pipeline.py builds computes, from that
# pipeline's fitted parameters as skops saved them (service/skops_state.py): FeatureUnion of
# (HashingVectorizer -> TfidfTransformer) branches, then OneVsRestClassifier(LogisticRegression)
# over multilabel targets. Any other shape raises UnsupportedPipelineError and the caller
# serves the pipeline through scikit-learn. The order of every sum is the one scikit-learn and
# scipy use, so the scores are the same floats, not merely close: the tests and `make train`
# compare them with scikit-learn's own.

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import chain
from typing import Any

import numpy as np

from service.skops_state import SavedObject
from service.text_hashing import CharWordsAnalyzer, WordAnalyzer, hashed_columns

# Distinct words (or word terms) whose columns are kept; about 0.5 KB each. News vocabulary is
# Zipfian, so a few tens of thousands of words cover almost every token of a new article.
WORD_CACHE_SIZE = 50_000
# The longest word (or word pair) cached: a row of at most ~130 char n-grams, ~2 KB.
CACHED_WORD_CHARS = 32

Rows = tuple[np.ndarray, np.ndarray, np.ndarray]  # CSR parts: data, indices, indptr
WordRow = tuple[np.ndarray, np.ndarray]  # one word's columns and counts
Explanation = list[tuple[str, float]]


_PIPELINE = "sklearn.pipeline.Pipeline"
_UNION = "sklearn.pipeline.FeatureUnion"
_HASHING = "sklearn.feature_extraction.text.HashingVectorizer"
_TFIDF = "sklearn.feature_extraction.text.TfidfTransformer"
_ONE_VS_REST = "sklearn.multiclass.OneVsRestClassifier"
_LOGISTIC = "sklearn.linear_model._logistic.LogisticRegression"


class UnsupportedPipelineError(Exception):
    """The pipeline is not of the shape this module reproduces."""


class _Branch:
    """One HashingVectorizer -> TfidfTransformer branch of the feature union: word terms."""

    def __init__(
        self,
        analyzer: WordAnalyzer | CharWordsAnalyzer,
        n_features: int,
        idf: np.ndarray | None,
        sublinear_tf: bool,
        l2: bool,
    ) -> None:
        self.analyzer = analyzer
        self.n_features = n_features
        self.idf = idf
        self.sublinear_tf = sublinear_tf
        self.l2 = l2
        self._columns: dict[str, int] = {}

    def counts(self, texts: Sequence[str]) -> Rows:
        """Hashed term counts, one CSR row per text, indices sorted (HashingVectorizer's)."""
        per_text = [Counter(self.analyzer.terms(text)) for text in texts]
        terms = [term for counts in per_text for term in counts]
        return _merge(
            _row_ids([len(counts) for counts in per_text]),
            np.array(self._columns_of(terms), dtype=np.int64),
            np.fromiter(chain.from_iterable(c.values() for c in per_text), dtype=np.float64),
            len(texts),
            self.n_features,
        )

    def weights(self, texts: Sequence[str]) -> Rows:
        """TfidfTransformer.transform of the counts, step for step."""
        data, indices, indptr = self.counts(texts)
        if self.sublinear_tf:
            np.log(data, data)
            data += 1.0
        if self.idf is not None:
            data *= self.idf[indices]
        if self.l2:
            _normalize_rows(data, indptr)
        return data, indices, indptr

    def term_names(self, text: str) -> dict[int, list[str]]:
        """The terms of `text` each column it fills stands for (hashing keeps no vocabulary)."""
        terms = sorted(set(self.analyzer.terms(text)))
        names: dict[int, list[str]] = {}
        # Word terms read as-is; character n-grams are quoted so their padding spaces show.
        shown: Callable[[str], str] = str if isinstance(self.analyzer, WordAnalyzer) else repr
        for term, column in zip(
            terms, hashed_columns(terms, self.n_features).tolist(), strict=True
        ):
            names.setdefault(column, []).append(shown(term))
        return names

    def _columns_of(self, terms: list[str]) -> list[int]:
        columns = list(map(self._columns.get, terms))
        if None not in columns:
            return columns  # type: ignore[return-value]
        missing = list(
            {term for term, column in zip(terms, columns, strict=True) if column is None}
        )
        new = dict(zip(missing, hashed_columns(missing, self.n_features).tolist(), strict=True))
        # `new`, not the shared cache: another thread may clear that one while this one reads.
        _remember(self._columns, new)
        return [new[t] if c is None else c for t, c in zip(terms, columns, strict=True)]


class _CharWordsBranch(_Branch):
    """A char_wb branch: n-grams never cross white space, so each word's counts are cached."""

    analyzer: CharWordsAnalyzer

    def __init__(
        self,
        analyzer: CharWordsAnalyzer,
        n_features: int,
        idf: np.ndarray | None,
        sublinear_tf: bool,
        l2: bool,
    ) -> None:
        super().__init__(analyzer, n_features, idf, sublinear_tf, l2)
        self._rows_cache: dict[str, WordRow] = {}

    def counts(self, texts: Sequence[str]) -> Rows:
        """The same counts as HashingVectorizer: the sum over words of count x that word's row."""
        # char_wb splits the lowercased text on white space and pads each word; lowercasing is
        # word-local, so the text's counts are the sum of each raw word's own counts.
        per_text = [Counter(text.split()) for text in texts]
        rows = self._rows({word for words in per_text for word in words})
        picked = [rows[word] for words in per_text for word in words]
        if not picked:
            return _merge(*_EMPTY, len(texts), self.n_features)
        lengths = [len(cols) for cols, _ in picked]
        per_word = np.fromiter((n for words in per_text for n in words.values()), np.float64)
        return _merge(
            np.repeat(_row_ids([len(words) for words in per_text]), lengths),
            np.concatenate([cols for cols, _ in picked]),
            np.concatenate([data for _, data in picked]) * np.repeat(per_word, lengths),
            len(texts),
            self.n_features,
        )

    def _rows(self, words: set[str]) -> dict[str, WordRow]:
        found = {w: row for w in words if (row := self._rows_cache.get(w)) is not None}
        missing = [w for w in words if w not in found]
        if not missing:
            return found
        lower = self.analyzer.lowercase
        grams = [self.analyzer.word_terms(w.lower() if lower else w) for w in missing]
        data, columns, indptr = _merge(
            _row_ids([len(word_grams) for word_grams in grams]),
            hashed_columns([g for word_grams in grams for g in word_grams], self.n_features),
            np.ones(sum(len(word_grams) for word_grams in grams)),
            len(missing),
            self.n_features,
        )
        bounds = indptr.tolist()
        new = {
            word: (columns[start:end], data[start:end])
            for word, start, end in zip(missing, bounds, bounds[1:], strict=False)
        }
        _remember(self._rows_cache, new)
        return found | new


def _remember(cache: dict[str, Any], new: dict[str, Any]) -> None:
    # Only words of a real language's length: a long run of letters (or a URL) is rare, and
    # its row grows with its length, so caching such words would let input fill the memory.
    kept = {key: value for key, value in new.items() if len(key) <= CACHED_WORD_CHARS}
    if len(cache) + len(kept) > WORD_CACHE_SIZE:
        cache.clear()  # atomic, unlike evicting one key at a time across threads
    cache.update(kept)


_EMPTY = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))


def _row_ids(lengths: list[int]) -> np.ndarray:
    return np.repeat(np.arange(len(lengths)), lengths)


def _merge(
    row_ids: np.ndarray, columns: np.ndarray, counts: np.ndarray, n_rows: int, width: int
) -> Rows:
    """CSR rows of (row, column, count) triples, as sum_duplicates leaves a hashed matrix."""
    # Each row's columns sorted and unique, their counts summed: whole numbers in float64, so
    # the sums are exact whatever their order.
    keys, inverse = np.unique(row_ids * width + columns, return_inverse=True)
    data = np.bincount(inverse, weights=counts, minlength=len(keys)).astype(np.float64)
    indptr = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(keys // width, minlength=n_rows), out=indptr[1:])
    return data, keys % width, indptr


def _normalize_rows(data: np.ndarray, indptr: np.ndarray) -> None:
    # sklearn's inplace_csr_row_normalize_l2: sum of squares in index order, rows of 0 left alone.
    rows = np.repeat(np.arange(len(indptr) - 1), np.diff(indptr))
    norms = np.sqrt(np.bincount(rows, weights=data * data, minlength=len(indptr) - 1))
    norms[norms == 0.0] = 1.0
    data /= norms[rows]


def _expit(x: float) -> float:
    # scipy.special.expit's formula with the C library's exp, as math.exp is: the same float
    # (numpy's own exp differs in the last bit for some inputs). exp overflows where expit is 0.
    try:
        return 1.0 / (1.0 + math.exp(-x))
    except OverflowError:
        return 0.0


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
        self._offsets = np.cumsum([0, *(b.n_features for b in self.branches)])

    @classmethod
    def from_state(cls, state: Any) -> FastPipeline:
        """Read the fitted parameters; UnsupportedPipelineError for any other shape."""
        features, classifier = _two_steps(state, _UNION, _ONE_VS_REST)
        if features.attrs.get("transformer_weights") is not None:
            raise UnsupportedPipelineError("weighted feature union")
        branches = [_branch(step) for _, step in _pairs(features.attrs.get("transformer_list"))]
        width = sum(b.n_features for b in branches)
        estimators = _estimators(classifier, width)
        coefs = [np.ascontiguousarray(e["coef_"][0], dtype=np.float64) for e in estimators]
        return cls(branches, coefs, [float(e["intercept_"][0]) for e in estimators])

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, one marginal probability per label (as the pipeline gives)."""
        rows, data, columns = self._features(texts)
        scores = np.empty((len(texts), len(self.coefs)))
        for j, (coef, intercept) in enumerate(zip(self.coefs, self.intercepts, strict=True)):
            products = data * coef[columns]
            scores[:, j] = np.bincount(rows, weights=products, minlength=len(texts)) + intercept
        return np.array([_expit(x) for x in scores.ravel().tolist()]).reshape(scores.shape)

    def explain(self, text: str, top_k: int) -> list[Explanation]:
        """For each label, the terms of `text` that raised its score most (tf-idf x coefficient)."""
        _, data, columns = self._features([text])
        names: dict[int, str] = {}
        for branch, offset in zip(self.branches, self._offsets.tolist(), strict=False):
            for column, terms in branch.term_names(text).items():
                # Distinct terms can share a hashed column; name them all.
                names[offset + column] = " | ".join(terms)
        return [top_terms(columns, data, coef, names, top_k) for coef in self.coefs]

    def _features(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        parts = [branch.weights(texts) for branch in self.branches]
        # Rows of every branch side by side, word columns first: FeatureUnion's hstack order,
        # which is also the order scipy sums a row's products in.
        rows = np.concatenate([np.repeat(np.arange(len(texts)), np.diff(p[2])) for p in parts])
        data = np.concatenate([p[0] for p in parts])
        columns = np.concatenate(
            [p[1] + offset for p, offset in zip(parts, self._offsets, strict=False)]
        )
        order = np.argsort(rows, kind="stable")
        return rows[order], data[order], columns[order]


def top_terms(
    indices: np.ndarray, values: np.ndarray, coef: np.ndarray, names: dict[int, str], top_k: int
) -> Explanation:
    """The `top_k` named columns whose value x coefficient is largest, if it is positive."""
    contributions = values * coef[indices]
    order = np.argsort(-contributions, kind="stable")[:top_k]
    return [(names[indices[i]], float(contributions[i])) for i in order if contributions[i] > 0]


def _saved(value: Any, kind: str) -> SavedObject:
    if not isinstance(value, SavedObject) or value.type_name != kind:
        found = value.type_name if isinstance(value, SavedObject) else type(value).__name__
        raise UnsupportedPipelineError(f"expected {kind}, found {found}")
    return value


def _pairs(value: Any) -> list[tuple[str, Any]]:
    # Pipeline.steps and FeatureUnion.transformer_list: (name, estimator) pairs.
    if not isinstance(value, list) or not all(
        isinstance(pair, tuple) and len(pair) == 2 for pair in value
    ):
        raise UnsupportedPipelineError("steps that are not (name, estimator) pairs")
    return value


def _two_steps(state: Any, first: str, second: str) -> tuple[SavedObject, SavedObject]:
    steps = _pairs(_saved(state, _PIPELINE).attrs.get("steps"))
    if len(steps) != 2:
        raise UnsupportedPipelineError(f"a Pipeline of {len(steps)} steps")
    return _saved(steps[0][1], first), _saved(steps[1][1], second)


# HashingVectorizer settings the analyzers above reproduce; any other value is refused.
_PLAIN_HASHING = {
    "input": "content",
    "binary": False,
    "norm": None,
    "alternate_sign": False,
    "dtype": "numpy.float64",
    "preprocessor": None,
    "tokenizer": None,
    "strip_accents": None,
    "stop_words": None,
}


def _branch(step: Any) -> _Branch:
    hashing, tfidf = (s.attrs for s in _two_steps(step, _HASHING, _TFIDF))
    unusual = [key for key, value in _PLAIN_HASHING.items() if hashing.get(key) != value]
    if unusual:
        raise UnsupportedPipelineError(f"HashingVectorizer options {', '.join(unusual)}")
    n_features, low_high = hashing.get("n_features"), _ngram_range(hashing.get("ngram_range"))
    if not isinstance(n_features, int) or n_features < 1:
        raise UnsupportedPipelineError(f"HashingVectorizer n_features {n_features!r}")
    if tfidf.get("norm") not in (None, "l2"):
        raise UnsupportedPipelineError(f"tf-idf norm {tfidf.get('norm')}")
    idf = tfidf.get("idf_") if tfidf.get("use_idf") else None
    if idf is not None and (not isinstance(idf, np.ndarray) or idf.shape != (n_features,)):
        raise UnsupportedPipelineError("tf-idf weights of another width")
    parts = (n_features, idf, bool(tfidf.get("sublinear_tf")), tfidf.get("norm") == "l2")
    lowercase = bool(hashing.get("lowercase"))
    if hashing.get("analyzer") == "char_wb":
        return _CharWordsBranch(CharWordsAnalyzer(low_high, lowercase), *parts)
    if hashing.get("analyzer") == "word":
        return _Branch(WordAnalyzer(_token_pattern(hashing), low_high, lowercase), *parts)
    raise UnsupportedPipelineError(f"analyzer {hashing.get('analyzer')!r}")


def _ngram_range(value: Any) -> tuple[int, int]:
    match value:
        case (int(low), int(high)) if 1 <= low <= high:
            return low, high
    raise UnsupportedPipelineError(f"HashingVectorizer ngram_range {value!r}")


def _token_pattern(hashing: dict[str, Any]) -> re.Pattern[str]:
    try:
        pattern = re.compile(hashing.get("token_pattern") or "")
    except re.error as error:
        raise UnsupportedPipelineError(f"token pattern: {error}") from None
    if not hashing.get("token_pattern") or pattern.groups > 1:
        raise UnsupportedPipelineError("a token pattern with more than one group")
    return pattern


def _estimators(classifier: SavedObject, width: int) -> list[dict[str, Any]]:
    binarizer = classifier.attrs.get("label_binarizer_")
    multilabel = isinstance(binarizer, SavedObject) and str(
        binarizer.attrs.get("y_type_")
    ).startswith("multilabel")
    estimators = classifier.attrs.get("estimators_")
    if not multilabel or not isinstance(estimators, list) or len(estimators) < 2:
        raise UnsupportedPipelineError("not a multilabel one-vs-rest classifier")
    found = [_saved(e, _LOGISTIC).attrs for e in estimators]
    shapes = {"coef_": (1, width), "intercept_": (1,), "classes_": (2,)}
    for attrs in found:
        if any(_shape(attrs.get(key)) != shape for key, shape in shapes.items()):
            raise UnsupportedPipelineError("not binary logistic regressions over the features")
    return found


def _shape(value: Any) -> tuple[int, ...] | None:
    return value.shape if isinstance(value, np.ndarray) else None
