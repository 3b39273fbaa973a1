"""Multi-label metrics (per-label P/R/F1/support, macro and micro F1) and their printed table."""

from __future__ import annotations

from typing import Any

import numpy as np

DIGITS = 4


def label_metrics(truth: np.ndarray, predicted: np.ndarray) -> dict[str, float | int]:
    """Precision, recall, F1 (rounded) and support of one label's 0/1 columns."""
    true_positives = int(np.sum((predicted == 1) & (truth == 1)))
    predicted_count, support = int(np.sum(predicted == 1)), int(np.sum(truth == 1))
    precision = true_positives / predicted_count if predicted_count else 0.0
    recall = true_positives / support if support else 0.0
    f1 = 2 * true_positives / (predicted_count + support) if predicted_count + support else 0.0
    return {
        "precision": round(precision, DIGITS),
        "recall": round(recall, DIGITS),
        "f1": round(f1, DIGITS),
        "support": support,
    }


def multilabel_metrics(
    truth: np.ndarray, predicted: np.ndarray, labels: list[str]
) -> dict[str, Any]:
    """Per-label metrics plus macro F1 (mean over labels) and micro F1 (pooled counts)."""
    per_label = {
        label: label_metrics(truth[:, i], predicted[:, i]) for i, label in enumerate(labels)
    }
    pooled = label_metrics(truth.ravel(), predicted.ravel())
    # The mean of rounded F1s: the figure a reader recomputes from the table.
    macro = float(np.mean([m["f1"] for m in per_label.values()])) if labels else 0.0
    return {
        "n_items": int(truth.shape[0]),
        "per_label": per_label,
        "macro_f1": round(macro, DIGITS),
        "micro_f1": pooled["f1"],
    }


def format_table(metrics: dict[str, Any], heading: str) -> str:
    """A plain-text table of one metrics dict."""
    rows = [
        f"{heading} ({metrics['n_items']} items)",
        f"{'label':<16}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>10}",
    ]
    for label, m in metrics["per_label"].items():
        rows.append(
            f"{label:<16}{m['precision']:>10.4f}{m['recall']:>10.4f}"
            f"{m['f1']:>10.4f}{m['support']:>10d}"
        )
    rows.append(f"{'macro F1':<16}{metrics['macro_f1']:>30.4f}")
    rows.append(f"{'micro F1':<16}{metrics['micro_f1']:>30.4f}")
    return "\n".join(rows)
