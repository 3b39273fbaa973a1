"""Seeded K-fold cross-validation: out-of-fold probabilities for every grid point."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from joblib import Parallel, delayed
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

from training.pipeline import Hyperparameters, build_classifier, build_features

Fold = tuple[np.ndarray, np.ndarray]


@dataclass(frozen=True, slots=True)
class GridPoint:
    """One grid point's out-of-fold probabilities, shape (n_examples, n_labels)."""

    params: Hyperparameters
    oof: np.ndarray


def make_folds(
    targets: np.ndarray, n_splits: int, seed: int, groups: Sequence[object] | None = None
) -> list[Fold]:
    """Folds stratified on the label combination; with `groups`, each group stays in one fold."""
    keys = ["".join(map(str, row)) for row in targets]
    counts = Counter(keys)
    # Stratified splitters want n_splits members per stratum; folding rare combinations into
    # the commonest keeps their items spread out without a warning.
    common = counts.most_common(1)[0][0]
    strata = [key if counts[key] >= n_splits else common for key in keys]
    placeholder = np.zeros(len(strata))
    if groups is None:
        splitter = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
        return list(splitter.split(placeholder, strata))
    grouped = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    return list(grouped.split(placeholder, strata, groups=list(map(str, groups))))


def out_of_fold(
    texts: Sequence[str],
    targets: np.ndarray,
    grid: Sequence[Hyperparameters],
    folds: Sequence[Fold],
    seed: int,
    n_jobs: int = 1,
) -> list[GridPoint]:
    """Out-of-fold probabilities for each grid point, in grid order."""
    array = np.asarray(texts, dtype=object)
    tasks = [(fold, group) for fold in folds for group in _feature_groups(grid).values()]
    results = Parallel(n_jobs=n_jobs)(
        delayed(_fit_fold)(array, targets, fold, group, seed) for fold, group in tasks
    )
    oof = {params: np.zeros(targets.shape) for params in grid}
    for (fold, _), fold_scores in zip(tasks, results, strict=True):
        for params, scores in fold_scores.items():
            oof[params][fold[1]] = scores
    return [GridPoint(params, oof[params]) for params in grid]


def _feature_groups(
    grid: Sequence[Hyperparameters],
) -> dict[Hyperparameters, list[Hyperparameters]]:
    # Grid points that differ only in classifier settings share one vectorisation per fold.
    groups: dict[Hyperparameters, list[Hyperparameters]] = {}
    for params in grid:
        groups.setdefault(replace(params, C=1.0, class_weight=None), []).append(params)
    return groups


def _fit_fold(
    texts: np.ndarray,
    targets: np.ndarray,
    fold: Fold,
    group: list[Hyperparameters],
    seed: int,
) -> dict[Hyperparameters, Any]:
    train, test = fold
    features = build_features(group[0])
    train_x = features.fit_transform(list(texts[train]))
    test_x = features.transform(list(texts[test]))
    return {
        params: build_classifier(params, seed).fit(train_x, targets[train]).predict_proba(test_x)
        for params in group
    }
