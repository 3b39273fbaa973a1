"""Scores through scikit-learn itself, for a saved pipeline the fast path does not reproduce."""

# Imported only when such a model is loaded: importing scikit-learn doubles a worker's start-up.
# It serves any pipeline of a "features" FeatureUnion of hashed branches and a "classifier"
# whose estimators have coef_ (what explain reads); the smoke test at load refuses the rest.

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.feature_extraction import FeatureHasher

from service.fast_pipeline import Explanation, top_terms


class SklearnScorer:
    """predict_proba and explain of a fitted scikit-learn pipeline."""

    def __init__(self, pipeline: Any) -> None:
        self.pipeline = pipeline

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, one probability per label."""
        return np.asarray(self.pipeline.predict_proba(list(texts)), dtype=np.float64)

    def explain(self, text: str, top_k: int) -> list[Explanation]:
        """For each label, the terms of `text` that raised its score most (tf-idf x coefficient)."""
        features = self.pipeline.named_steps["features"]
        vector = features.transform([text]).tocsr()
        names = _term_names(features, text)
        estimators = self.pipeline.named_steps["classifier"].estimators_
        return [
            top_terms(vector.indices, vector.data, e.coef_[0], names, top_k) for e in estimators
        ]


def _term_names(features: Any, text: str) -> dict[int, str]:
    """Map the feature columns `text` fills back to its terms (hashing keeps no vocabulary)."""
    names: dict[int, list[str]] = {}
    offset = 0
    for kind, weighted in features.transformer_list:
        hashing = weighted.named_steps["hash"]
        terms = sorted(set(hashing.build_analyzer()(text)))
        # The hasher HashingVectorizer uses: each one-term row holds that term's column.
        hasher = FeatureHasher(hashing.n_features, input_type="string", alternate_sign=False)
        columns = hasher.transform([[term] for term in terms]).indices if terms else []
        for term, column in zip(terms, columns, strict=True):
            names.setdefault(offset + int(column), []).append(_shown(kind, term))
        offset += hashing.n_features
    # Distinct terms can share a hashed column; name them all.
    return {column: " | ".join(terms) for column, terms in names.items()}


def _shown(kind: str, term: str) -> str:
    # Word terms read as-is; character n-grams are quoted so their padding spaces show.
    return term if kind == "word" else repr(term)
