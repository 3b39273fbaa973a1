"""MODEL_CARD.md: what the model was trained on, what it is for, its limits and its CV metrics."""

from __future__ import annotations

from typing import Any

TEMPLATE = """\
# Model card: {name} {version}

Trained {trained_at} by `python -m training train` (seed {seed}).

## Data
- {n_examples} labelled texts from our own corpus: {files}.
- Examples per label: {label_counts}.
- {n_dropped} texts were left out because the cleaner leaves nothing of them
  (listed in metadata.json, `dropped_empty_after_cleaning`).
- SHA-256 of the data files (sorted by path): `{data_sha256}`.
- Every text went through the service's own cleaner (`prepare`, cleaner {cleaner_version}),
  the same code path serving uses.

## Model
Word 1-2 gram TF-IDF{char} into one-vs-rest logistic regression.
Chosen by {n_splits}-fold cross-validation over {grid_size} settings: `{params}`.
Libraries: {versions}.

## Intended use
Multi-label topic tagging of English news articles ({labels}) in this service:
a probability for every label, and the labels at or over their per-label threshold.

## Limits
- Trained on a few thousand texts written for this corpus, not on real outlets' archives: expect
  lower scores on other styles, later events and new vocabulary (names, places, products).
- Scores are per-label logistic probabilities, not calibrated across labels; each threshold is the
  middle of the band that scores within 0.005 of the best F1 on out-of-fold predictions of the
  training corpus.
- Only the labels above exist; other topics get low scores everywhere. English only.
- Input is the cleaned article; boilerplate the cleaner misses can shift scores.

## Metrics
Out-of-fold predictions on the training corpus ({n_splits}-fold CV), at the thresholds below.

| label | threshold | precision | recall | F1 | support |
|---|---|---|---|---|---|
{rows}

Macro F1 {macro_f1:.4f}, micro F1 {micro_f1:.4f}. Held-out figures: `make eval`.
"""


def render_card(metadata: dict[str, Any], metrics: dict[str, Any]) -> str:
    """The model card for one trained model."""
    params = metadata["hyperparameters"]
    rows = "\n".join(
        f"| {label} | {metrics['thresholds'][label]:.2f} | {m['precision']:.4f} | "
        f"{m['recall']:.4f} | {m['f1']:.4f} | {m['support']} |"
        for label, m in metrics["per_label"].items()
    )
    return TEMPLATE.format(
        **metadata,
        files=", ".join(metadata["data_files"]),
        n_dropped=len(metadata["dropped_empty_after_cleaning"]),
        char=" and char_wb 2-{} gram TF-IDF".format(params["char_ngram_max"])
        if params["use_char"]
        else "",
        n_splits=metrics["cv"]["n_splits"],
        grid_size=len(metrics["cv"]["grid"]),
        params=", ".join(f"{k}={v}" for k, v in params.items()),
        rows=rows,
        macro_f1=metrics["macro_f1"],
        micro_f1=metrics["micro_f1"],
    )
