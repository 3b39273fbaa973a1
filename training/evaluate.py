"""Evaluate a model folder on a labelled file: on all items, and on the `sure` items if marked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from service.classifier import TopicClassifier
from training.data import DataError, read_examples
from training.report import multilabel_metrics


def evaluate(model_dir: Path, data: Path) -> dict[str, Any]:
    """Metrics of the model at `model_dir` on the file `data`, keyed 'all' and maybe 'sure'."""
    model = TopicClassifier.load(model_dir)
    labels = list(model.labels)
    # Evaluation files may repeat a text (e.g. a wire story two outlets ran); ids must be unique.
    examples = read_examples([data], known_labels=labels, unique_texts=False)
    if not examples:
        raise DataError(f"{data}: no examples")
    predictions = model.predict([ex.model_input() for ex in examples])
    predicted = np.array([[int(lb in p.labels) for lb in labels] for p in predictions])
    truth = np.array([[int(lb in ex.labels) for lb in labels] for ex in examples])
    result = {
        "model": f"{model.info.name} {model.info.version}",
        "all": multilabel_metrics(truth, predicted, labels),
    }
    sure = np.array([ex.sure is True for ex in examples])
    if any(ex.sure is not None for ex in examples):
        result["sure"] = multilabel_metrics(truth[sure], predicted[sure], labels)
    return result
