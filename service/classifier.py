"""Topic classifier: loads a model folder and scores prepared texts against its labels."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction import FeatureHasher

from service.cleaning import clean
from service.fast_pipeline import FastPipeline, UnsupportedPipelineError
from service.model_store import METADATA, ModelFolderError, load_model, validate_labels

log = logging.getLogger("newsclean.classifier")
_SMOKE_TEXT = "A short sentence to check that the model answers."
# What a pipeline of the wrong shape raises when asked to predict or explain.
_SMOKE_ERRORS = (AttributeError, KeyError, ValueError, TypeError, IndexError)


@dataclass(frozen=True, slots=True)
class ModelInfo:
    """Which model answered."""

    name: str
    version: str
    trained_at: str


@dataclass(frozen=True, slots=True)
class Prediction:
    """A score in [0, 1] for every label, and the labels at or over their threshold."""

    scores: dict[str, float]
    labels: list[str]


def prepare(
    *, text: str | None = None, html: str | None = None, deadline: float | None = None
) -> str:
    """Turn raw HTML or scraped text into model input: the cleaned title and paragraphs."""
    # Training and serving both come through here, so the model sees the same text shape.
    # `deadline` (time.monotonic) bounds the cleaner; it raises CleaningTimeoutError past it.
    article = clean(html=html, text=text, deadline=deadline)
    parts = [article.title, *article.paragraphs] if article.title else article.paragraphs
    return "\n\n".join(parts)


class TopicClassifier:
    """A fitted pipeline plus the labels, thresholds and identity from its model folder."""

    def __init__(
        self,
        pipeline: Any,
        labels: tuple[str, ...],
        thresholds: dict[str, float],
        info: ModelInfo,
    ) -> None:
        self.pipeline = pipeline
        self.labels = labels
        self.thresholds = thresholds
        self.info = info
        self._threshold_row = np.array([thresholds[label] for label in labels])
        self._fast = _fast_path(pipeline)

    @classmethod
    def load(cls, folder: Path) -> TopicClassifier:
        """Load and check a model folder; raises ModelFolderError when it cannot serve."""
        loaded = load_model(folder)
        meta = loaded.metadata
        labels = validate_labels(meta, Path(folder) / METADATA)
        thresholds = {label: float(meta["thresholds"][label]) for label in labels}
        info = _model_info(meta, Path(folder))
        try:
            classifier = cls(loaded.pipeline, labels, thresholds, info)
            classifier._smoke_test(Path(folder))
        except _SMOKE_ERRORS as exc:
            raise ModelFolderError(
                f"{folder}: the model failed a smoke prediction ({exc})"
            ) from None
        return classifier

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        """Score a batch of prepared texts in one vectorised pass."""
        if not texts:
            return []
        probabilities = self._probabilities(texts)
        chosen = probabilities >= self._threshold_row
        return [
            self._prediction(row, mask) for row, mask in zip(probabilities, chosen, strict=True)
        ]

    def explain(self, text: str, top_k: int = 5) -> dict[str, list[tuple[str, float]]]:
        """For each label, the terms of `text` that raised its score most (tf-idf x coefficient)."""
        features = self.pipeline.named_steps["features"]
        vector = features.transform([text]).tocsr()
        names = _term_names(features, text)
        estimators = self.pipeline.named_steps["classifier"].estimators_
        return {
            label: _top_terms(vector.indices, vector.data, est.coef_[0], names, top_k)
            for label, est in zip(self.labels, estimators, strict=True)
        }

    def _smoke_test(self, folder: Path) -> None:
        if self._fast is not None and not _agrees(self._fast, self.pipeline):
            log.warning("fast path disagrees with the pipeline; serving the pipeline itself")
            self._fast = None
        shape = self._probabilities([_SMOKE_TEXT]).shape
        if shape != (1, len(self.labels)):
            raise ModelFolderError(
                f"{folder}: the model gives {shape[1]} scores per text "
                f"for {len(self.labels)} labels"
            )
        self.explain(_SMOKE_TEXT, top_k=1)

    def _probabilities(self, texts: Sequence[str]) -> np.ndarray:
        source = self._fast if self._fast is not None else self.pipeline
        probabilities = np.asarray(source.predict_proba(list(texts)), dtype=np.float64)
        return np.clip(probabilities.reshape(len(texts), -1), 0.0, 1.0)

    def _prediction(self, row: np.ndarray, mask: np.ndarray) -> Prediction:
        scores = {label: float(score) for label, score in zip(self.labels, row, strict=True)}
        return Prediction(
            scores, [label for label, on in zip(self.labels, mask, strict=True) if on]
        )


def _fast_path(pipeline: Any) -> FastPipeline | None:
    # The sklearn pipeline stays the reference: used for any shape the fast path does not know.
    try:
        return FastPipeline.from_pipeline(pipeline)
    except UnsupportedPipelineError as error:
        log.info("serving without the fast path", extra={"reason": str(error)})
        return None


def _agrees(fast: FastPipeline, pipeline: Any) -> bool:
    # Same floats, not merely close: a score on a threshold must choose the same labels.
    texts = [_SMOKE_TEXT, _SMOKE_TEXT.upper(), ""]
    expected = np.asarray(pipeline.predict_proba(texts), dtype=np.float64)
    return bool(np.array_equal(fast.predict_proba(texts), expected))


def _top_terms(
    indices: np.ndarray, values: np.ndarray, coef: np.ndarray, names: dict[int, str], top_k: int
) -> list[tuple[str, float]]:
    contributions = values * coef[indices]
    order = np.argsort(-contributions, kind="stable")[:top_k]
    return [(names[indices[i]], float(contributions[i])) for i in order if contributions[i] > 0]


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


def _model_info(metadata: dict[str, Any], folder: Path) -> ModelInfo:
    fields = {key: metadata.get(key) for key in ("name", "version", "trained_at")}
    missing = [key for key, value in fields.items() if not isinstance(value, str) or not value]
    if missing:
        raise ModelFolderError(f"{folder / METADATA}: missing or empty {', '.join(missing)}")
    return ModelInfo(**fields)  # type: ignore[arg-type]
