"""The shipped model folder: built from training/data/ as it is now, loadable, self-consistent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.classifier import TopicClassifier
from service.model_store import METADATA, METRICS
from training.data import DEFAULT_DATA_DIR, data_files, data_sha256

MODEL_DIR = Path(__file__).resolve().parents[1] / "model"


@pytest.fixture(scope="module")
def shipped() -> TopicClassifier:
    return TopicClassifier.load(MODEL_DIR)


def _json(name: str) -> dict[str, object]:
    return json.loads((MODEL_DIR / name).read_text(encoding="utf-8"))


def test_recorded_data_hash_matches_training_data_now() -> None:
    # Fails whenever training/data/ changes without `make train`: retrain and commit model/.
    metadata = _json(METADATA)
    files = data_files([DEFAULT_DATA_DIR])
    assert metadata["data_files"] == [path.name for path in files]
    assert metadata["data_sha256"] == data_sha256(files)


def test_shipped_model_serves_its_recorded_labels_and_thresholds(shipped: TopicClassifier) -> None:
    metadata, metrics = _json(METADATA), _json(METRICS)
    assert list(shipped.labels) == metadata["labels"]
    assert shipped.thresholds == metadata["thresholds"] == metrics["thresholds"]
    assert (MODEL_DIR / "MODEL_CARD.md").read_text(encoding="utf-8").startswith("# Model card")


def test_shipped_artefact_stays_small() -> None:
    assert (MODEL_DIR / "pipeline.skops").stat().st_size < 20 * 1024 * 1024
