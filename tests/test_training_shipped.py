"""The shipped model folder: built from training/data/ as it is now, consistent, above floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.classifier import TopicClassifier, prepare
from service.model_store import METADATA, METRICS
from training.data import DEFAULT_DATA_DIR, data_files, data_sha256
from training.evaluate import evaluate

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


def test_shipped_model_holds_its_floors_on_topics_dev(shared_dir: Path) -> None:
    dev = shared_dir / "benchmarks" / "topics-dev" / "topics-dev.jsonl"
    if not dev.is_file():
        pytest.skip("topics-dev is not present")
    floors = json.loads((Path(__file__).parent / "topic_quality_floors.json").read_text())
    scores = evaluate(MODEL_DIR, dev)["all"]
    assert scores["macro_f1"] >= floors["macro_f1"]
    for label, floor in floors["per_label_f1"].items():
        assert scores["per_label"][label]["f1"] >= floor, label


def test_seed_example_gets_exactly_its_three_labels(
    shipped: TopicClassifier, shared_dir: Path
) -> None:
    examples = shared_dir / "examples"
    expected = json.loads((examples / "scmp-korea.expected.json").read_text(encoding="utf-8"))
    page = (examples / "scmp-korea-scraped.txt").read_text(encoding="utf-8")
    (prediction,) = shipped.predict([prepare(text=page)])
    assert sorted(prediction.labels) == sorted(expected["labels"])
