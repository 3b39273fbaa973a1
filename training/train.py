"""Train: validate data, clean it the serving way, cross-validate, fit, write the model folder."""

from __future__ import annotations

import hashlib
import json
import platform
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import average_precision_score

from service.cleaning import CLEANER_VERSION
from service.fast_pipeline import FastPipeline, UnsupportedPipelineError
from service.model_store import read_pipeline_state, save_model
from service.skops_state import UnreadableStateError
from training.card import render_card
from training.cv import GridPoint, make_folds, out_of_fold
from training.data import Example, data_files, data_sha256, read_examples
from training.pipeline import Hyperparameters, fit_pipeline
from training.report import DIGITS, multilabel_metrics
from training.thresholds import tune_thresholds

N_SPLITS = 5
# Model family and strength are chosen by CV: word-only vs word+char features, four
# regularisation strengths, with and without class balancing.
DEFAULT_GRID: tuple[Hyperparameters, ...] = tuple(
    Hyperparameters(use_char=use_char, C=c, class_weight=weight)
    for use_char in (True, False)
    for c in (0.5, 2.0, 8.0, 32.0)
    for weight in ("balanced", None)
)


@dataclass(frozen=True, slots=True)
class TrainResult:
    """What a training run wrote: its metrics and its metadata."""

    metrics: dict[str, Any]
    metadata: dict[str, Any]


class TrainingError(Exception):
    """The data cannot train a model (e.g. a label with too few examples)."""


def train(
    paths: Sequence[Path],
    out: Path,
    *,
    seed: int = 0,
    name: str = "topics",
    grid: Sequence[Hyperparameters] = DEFAULT_GRID,
    n_splits: int = N_SPLITS,
    n_jobs: int = 1,
) -> TrainResult:
    """Train on the data at `paths`, write the model folder to `out`, return its metrics."""
    files = data_files(paths)
    examples, texts, dropped = _prepared(read_examples(files))
    labels = _labels_with_enough_examples(examples, n_splits)
    targets = np.array([[int(label in ex.labels) for label in labels] for ex in examples])
    groups = _year_groups(examples, n_splits)
    folds = make_folds(targets, n_splits, seed, groups)
    points = out_of_fold(texts, targets, grid, folds, seed, n_jobs)
    grid_scores = [_score(point, targets, labels) for point in points]
    best = points[int(np.argmax([s["macro_f1"] for s in grid_scores]))]
    thresholds = tune_thresholds(targets, best.oof, labels)
    cv = {"n_splits": n_splits, "seed": seed, "grouped_by": "year" if groups else None}
    metrics = _metrics(targets, best, thresholds, labels, grid_scores, cv)
    metadata = _metadata(name, files, examples, labels, thresholds, best.params, seed, n_splits)
    metadata["dropped_empty_after_cleaning"] = dropped
    pipeline = fit_pipeline(texts, targets, best.params, seed)
    card = render_card(metadata, metrics)
    save_model(out, pipeline, metadata, metrics, card, check=_served_scores_check(pipeline, texts))
    return TrainResult(metrics, metadata)


def _served_scores_check(pipeline: Any, texts: list[str]) -> Callable[[Path], None]:
    """Before the folder is swapped in: the service's fast path gives this pipeline's scores."""

    def check(folder: Path) -> None:
        try:
            fast = FastPipeline.from_state(read_pipeline_state(folder))
        except (UnreadableStateError, UnsupportedPipelineError):
            return  # the service serves this shape through scikit-learn itself
        served = fast.predict_proba(texts)
        differ = int(np.sum(np.any(served != pipeline.predict_proba(texts), axis=1)))
        if differ:
            raise TrainingError(
                f"the service's fast path scores {differ} of {len(texts)} training texts "
                "differently from scikit-learn: service/fast_pipeline.py no longer reproduces "
                "this pipeline"
            )

    return check


def _labels_with_enough_examples(examples: Sequence[Example], n_splits: int) -> list[str]:
    counts = Counter(label for ex in examples for label in ex.labels)
    if not counts:
        raise TrainingError("the data has no labels at all")
    rare = {label: n for label, n in counts.items() if n < n_splits}
    if rare:
        raise TrainingError(f"labels need at least {n_splits} examples each: {rare}")
    # Each fold must see both classes of every label, or its one-vs-rest model is constant.
    lacking = [lb for lb in counts if len(examples) - counts[lb] < n_splits]
    if lacking:
        raise TrainingError(f"labels need at least {n_splits} texts without them: {lacking}")
    return sorted(counts)


def _year_groups(examples: Sequence[Example], n_splits: int) -> list[int] | None:
    """Years as CV groups when every example has one, so folds test on unseen periods."""
    # The service meets news from later years than it was trained on; folds that hold out
    # whole years make out-of-fold scores, and the thresholds tuned on them, face that too.
    years = [ex.year for ex in examples]
    if any(year is None for year in years) or len(set(years)) < n_splits:
        return None
    return [year for year in years if year is not None]


def _prepared(examples: list[Example]) -> tuple[list[Example], list[str], list[str]]:
    """Model inputs via the serving path; examples the cleaner empties are left out, by place."""
    # Serving would see nothing of these texts either, so there is nothing to learn from them;
    # they are listed (metadata, CLI) rather than failing the run on a cleaner decision.
    texts = [ex.model_input() for ex in examples]
    kept = [(ex, text) for ex, text in zip(examples, texts, strict=True) if text.strip()]
    dropped = [ex.where for ex, text in zip(examples, texts, strict=True) if not text.strip()]
    return [ex for ex, _ in kept], [text for _, text in kept], dropped


def _score(point: GridPoint, targets: np.ndarray, labels: list[str]) -> dict[str, Any]:
    thresholds = np.array(list(tune_thresholds(targets, point.oof, labels).values()))
    scored = multilabel_metrics(targets, (point.oof >= thresholds).astype(int), labels)
    precision = [
        average_precision_score(targets[:, i], point.oof[:, i]) for i in range(len(labels))
    ]
    return {
        **point.params.as_dict(),
        "macro_f1": scored["macro_f1"],
        "micro_f1": scored["micro_f1"],
        "mean_average_precision": round(float(np.mean(precision)), DIGITS),
    }


def _metrics(
    targets: np.ndarray,
    best: GridPoint,
    thresholds: dict[str, float],
    labels: list[str],
    grid_scores: list[dict[str, Any]],
    cv: dict[str, Any],
) -> dict[str, Any]:
    predicted = (best.oof >= np.array([thresholds[label] for label in labels])).astype(int)
    return {
        "source": "out-of-fold predictions of the chosen settings, at the chosen thresholds",
        **multilabel_metrics(targets, predicted, labels),
        "thresholds": thresholds,
        "cv": {
            **cv,
            "selection": "highest out-of-fold macro F1 at per-label tuned thresholds",
            "chosen": best.params.as_dict(),
            "grid": grid_scores,
        },
    }


def _metadata(
    name: str,
    files: Sequence[Path],
    examples: Sequence[Example],
    labels: list[str],
    thresholds: dict[str, float],
    params: Hyperparameters,
    seed: int,
    n_splits: int,
) -> dict[str, Any]:
    identity = {
        "data_sha256": data_sha256(files),
        "seed": seed,
        "hyperparameters": params.as_dict(),
        "cleaner_version": CLEANER_VERSION,
        "versions": _versions(),
    }
    return {
        "name": name,
        # Same data, seed, settings and libraries give the same version.
        "version": hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()[:12],
        "trained_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "labels": labels,
        "thresholds": thresholds,
        "data_files": [path.name for path in files],
        "n_examples": len(examples),
        "label_counts": {lb: sum(lb in ex.labels for ex in examples) for lb in labels},
        "cv_folds": n_splits,
        **identity,
    }


def _versions() -> dict[str, str]:
    packages = ("scikit-learn", "skops", "numpy", "scipy")
    return {"python": platform.python_version(), **{p: version(p) for p in packages}}
