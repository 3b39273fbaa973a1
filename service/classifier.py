"""Topic classifier: loads a model folder and scores prepared texts against its labels."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from service.cleaning import clean
from service.fast_pipeline import Explanation, FastPipeline, UnsupportedPipelineError
from service.model_store import (
    METADATA,
    ModelFolderError,
    load_model,
    read_json,
    read_pipeline_state,
    validate_labels,
)
from service.skops_state import UnreadableStateError

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


class Scorer(Protocol):
    """What serves a fitted pipeline: FastPipeline, or SklearnScorer for other shapes."""

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, one probability per label, in the metadata's label order."""
        ...

    def explain(self, text: str, top_k: int) -> list[Explanation]:
        """For each label, in order, the terms of `text` that raised its score most."""
        ...


class TopicClassifier:
    """A fitted pipeline plus the labels, thresholds and identity from its model folder."""

    def __init__(
        self,
        scorer: Scorer,
        labels: tuple[str, ...],
        thresholds: dict[str, float],
        info: ModelInfo,
    ) -> None:
        self.scorer = scorer
        self.labels = labels
        self.thresholds = thresholds
        self.info = info
        self._threshold_row = np.array([thresholds[label] for label in labels])

    @classmethod
    def load(cls, folder: Path) -> TopicClassifier:
        """Load and check a model folder; raises ModelFolderError when it cannot serve."""
        meta = read_json(Path(folder) / METADATA)
        labels = validate_labels(meta, Path(folder) / METADATA)
        thresholds = {label: float(meta["thresholds"][label]) for label in labels}
        info = _model_info(meta, Path(folder))
        try:
            classifier = cls(_scorer(Path(folder)), labels, thresholds, info)
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

    def explain(self, text: str, top_k: int = 5) -> dict[str, Explanation]:
        """For each label, the terms of `text` that raised its score most (tf-idf x coefficient)."""
        return dict(zip(self.labels, self.scorer.explain(text, top_k), strict=True))

    def _smoke_test(self, folder: Path) -> None:
        shape = self._probabilities([_SMOKE_TEXT]).shape
        if shape != (1, len(self.labels)):
            raise ModelFolderError(
                f"{folder}: the model gives {shape[1]} scores per text "
                f"for {len(self.labels)} labels"
            )
        self.explain(_SMOKE_TEXT, top_k=1)

    def _probabilities(self, texts: Sequence[str]) -> np.ndarray:
        probabilities = np.asarray(self.scorer.predict_proba(list(texts)), dtype=np.float64)
        return np.clip(probabilities.reshape(len(texts), -1), 0.0, 1.0)

    def _prediction(self, row: np.ndarray, mask: np.ndarray) -> Prediction:
        scores = {label: float(score) for label, score in zip(self.labels, row, strict=True)}
        return Prediction(
            scores, [label for label, on in zip(self.labels, mask, strict=True) if on]
        )


def _scorer(folder: Path) -> Scorer:
    # The artefact's parameters, read without scikit-learn, for the shape training builds
    # (`make train` checks that the scores are scikit-learn's own); the pipeline itself,
    # through scikit-learn, for any other.
    try:
        return FastPipeline.from_state(read_pipeline_state(folder))
    except (UnreadableStateError, UnsupportedPipelineError) as error:
        log.info("serving through scikit-learn", extra={"reason": str(error)})
    from service.sklearn_scorer import SklearnScorer  # slow to import, and rarely needed

    return SklearnScorer(load_model(folder).pipeline)


def _model_info(metadata: dict[str, Any], folder: Path) -> ModelInfo:
    fields = {key: metadata.get(key) for key in ("name", "version", "trained_at")}
    missing = [key for key, value in fields.items() if not isinstance(value, str) or not value]
    if missing:
        raise ModelFolderError(f"{folder / METADATA}: missing or empty {', '.join(missing)}")
    return ModelInfo(**fields)  # type: ignore[arg-type]
