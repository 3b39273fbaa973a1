"""The scikit-learn pipeline: word and character TF-IDF into one-vs-rest logistic regression."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion, Pipeline


@dataclass(frozen=True, slots=True)
class Hyperparameters:
    """Everything that shapes the pipeline; recorded in the model's metadata."""

    C: float = 8.0
    class_weight: str | None = "balanced"
    word_max_features: int = 40_000
    char_max_features: int = 60_000
    char_ngram_max: int = 5
    min_df: int = 2
    max_df: float = 0.9

    def as_dict(self) -> dict[str, Any]:
        """The hyperparameters as a JSON-ready dict."""
        return asdict(self)


def build_features(params: Hyperparameters) -> FeatureUnion:
    """Word 1-2 grams and char_wb n-grams, both sublinear TF-IDF, side by side."""
    # Caps on the vocabularies keep the artefact small and inference fast.
    word = TfidfVectorizer(
        analyzer="word",
        ngram_range=(1, 2),
        sublinear_tf=True,
        min_df=params.min_df,
        max_df=params.max_df,
        max_features=params.word_max_features,
        dtype=np.float64,
    )
    char = TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=(2, params.char_ngram_max),
        sublinear_tf=True,
        min_df=params.min_df,
        max_df=params.max_df,
        max_features=params.char_max_features,
        dtype=np.float64,
    )
    return FeatureUnion([("word", word), ("char", char)])


def build_classifier(params: Hyperparameters, seed: int) -> OneVsRestClassifier:
    """One logistic regression per label."""
    base = LogisticRegression(
        C=params.C, class_weight=params.class_weight, max_iter=2000, random_state=seed
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
    """Fit the pipeline on prepared texts and a (n_texts, n_labels) 0/1 matrix, then compact it."""
    pipeline = build_pipeline(params, seed).fit(list(texts), targets)
    return compact(pipeline)


def compact(pipeline: Pipeline) -> Pipeline:
    """Drop the vectorisers' pruned-term sets, which only matter for introspection."""
    # stop_words_ holds every term cut by min_df/max_df/max_features: most of the artefact.
    for _, vectorizer in pipeline.named_steps["features"].transformer_list:
        if hasattr(vectorizer, "stop_words_"):
            del vectorizer.stop_words_
    return pipeline
