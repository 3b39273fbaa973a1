"""Per-label thresholds: the middle of the band of thresholds that score as well as the best."""

from __future__ import annotations

import numpy as np

from training.thresholds import best_threshold, f1_at, tune_thresholds


def test_a_flat_optimum_gives_its_middle_not_its_edge() -> None:
    # Every candidate from 0.21 to 0.80 separates the classes perfectly.
    truth = np.array([0, 0, 0, 1, 1, 1])
    scores = np.array([0.05, 0.1, 0.2, 0.805, 0.9, 0.95])
    assert best_threshold(truth, scores) == 0.5


def test_a_sharp_optimum_is_kept() -> None:
    truth = np.array([0] * 50 + [1] * 50)
    scores = np.concatenate([np.linspace(0.05, 0.6, 50), np.linspace(0.6001, 0.95, 50)])
    threshold = best_threshold(truth, scores)
    assert abs(threshold - 0.6) <= 0.02
    assert f1_at(truth, scores, threshold) >= 0.97


def test_each_label_gets_its_own_threshold() -> None:
    truth = np.array([[0, 1], [0, 1], [1, 0], [1, 0]])
    scores = np.array([[0.1, 0.9], [0.2, 0.8], [0.9, 0.3], [0.8, 0.4]])
    thresholds = tune_thresholds(truth, scores, ["a", "b"])
    assert set(thresholds) == {"a", "b"}
    assert 0.2 < thresholds["a"] <= 0.8
    assert 0.4 < thresholds["b"] <= 0.8
