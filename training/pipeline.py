"""The pipeline: hashed word and character TF-IDF into one-vs-rest logistic regression."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion, Pipeline


@dataclass(frozen=True, slots=True)
class Hyperparameters:
    """Everything that shapes the pipeline; recorded in the model's metadata."""

    C: float = 8.0
    class_weight: str | None = "balanced"
    use_char: bool = True
    char_ngram_max: int = 5
    # 2**18 hashed features per analyser: few collisions at our vocabulary size, and no
    # vocabulary to store, so the artefact stays small and loads in a fraction of a second.
    hash_bits: int = 18

    def as_dict(self) -> dict[str, Any]:
        """The hyperparameters as a JSON-ready dict."""
        return asdict(self)


def build_features(params: Hyperparameters) -> FeatureUnion:
    """Hashed word 1-2 grams and char_wb n-grams, each weighted by sublinear TF-IDF."""
    word = HashingVectorizer(
        analyzer="word", ngram_range=(1, 2), n_features=2**params.hash_bits, **_HASHING
    )
    char = HashingVectorizer(
        analyzer="char_wb",
        ngram_range=(2, params.char_ngram_max),
        n_features=2**params.hash_bits,
        **_HASHING,
    )
    parts = [("word", _weighted(word)), ("char", _weighted(char))]
    return FeatureUnion(parts if params.use_char else parts[:1])


# Raw counts out of the hasher (no sign flipping, no norm) so TF-IDF sees true frequencies.
_HASHING: dict[str, Any] = {"alternate_sign": False, "norm": None, "dtype": np.float64}


def _weighted(hashing: HashingVectorizer) -> Pipeline:
    return Pipeline([("hash", hashing), ("tfidf", TfidfTransformer(sublinear_tf=True))])


def build_classifier(params: Hyperparameters, seed: int) -> OneVsRestClassifier:
    """One logistic regression per label."""
    # liblinear's dual solver suits far more features than texts: ten times faster than lbfgs.
    base = LogisticRegression(
        C=params.C,
        class_weight=params.class_weight,
        solver="liblinear",
        dual=True,
        max_iter=1000,
        random_state=seed,
    )
    return OneVsRestClassifier(base)


def build_pipeline(params: Hyperparameters, seed: int) -> Pipeline:
    """The unfitted pipeline for `params`."""
    return Pipeline(
        [("features", build_features(params)), ("classifier", build_classifier(params, seed))]
    )


def fit_pipeline(
    texts: Sequence[str], targets: np.ndarray, params: Hyperparameters, seed: int
) -> Pipeline:
    """Fit the pipeline on prepared texts and a (n_texts, n_labels) 0/1 matrix."""
    return build_pipeline(params, seed).fit(list(texts), targets)
