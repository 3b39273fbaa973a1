"""Training: a small corpus trains a loadable model folder, deterministically, with clear errors."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from service.classifier import TopicClassifier
from service.fast_pipeline import FastPipeline
from service.model_store import METADATA, METRICS
from training import data
from training.__main__ import main
from training.data import data_sha256
from training.pipeline import Hyperparameters
from training.train import TrainingError, train

SMALL_GRID = (Hyperparameters(C=4.0), Hyperparameters(C=4.0, use_char=False))
TOPICS = {
    "tariffs": ("raised tariffs on imported steel", "imposed import duties on cars"),
    "defence": ("deployed troops and warships", "raised military spending on missiles"),
    "china": ("met Chinese officials in Beijing", "praised the Communist Party in Shanghai"),
    "": ("opened a new football stadium", "reported heavy rain and floods"),
}
PLACES = ("on Monday", "on Friday", "last week", "after talks", "at dawn")


def _write_corpus(path: Path) -> Path:
    """A few dozen unique sentences: every topic phrase, alone and in pairs, at five times."""
    rows = []
    phrases = [(label, p) for label, ps in TOPICS.items() for p in ps]
    combos = [(a,) for a in phrases] + list(itertools.combinations(phrases[:6], 2))
    for n, (combo, when) in enumerate(itertools.product(combos, PLACES)):
        text = " and ".join(f"The government {p}" for _, p in combo) + f" {when}."
        labels = sorted({label for label, _ in combo if label})
        rows.append(json.dumps({"id": f"s{n}", "text": text, "labels": labels}))
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write_corpus(tmp_path_factory.mktemp("corpus") / "small.jsonl")


def _train(corpus: Path, out: Path, seed: int = 0) -> dict[str, Any]:
    return train([corpus], out, seed=seed, grid=SMALL_GRID, n_splits=3).metrics


def test_same_data_and_seed_give_identical_metrics(corpus: Path, tmp_path: Path) -> None:
    _train(corpus, tmp_path / "one")
    _train(corpus, tmp_path / "two")
    first = (tmp_path / "one" / METRICS).read_bytes()
    assert first == (tmp_path / "two" / METRICS).read_bytes()


def test_trained_folder_serves_and_records_its_provenance(corpus: Path, tmp_path: Path) -> None:
    metrics = _train(corpus, tmp_path / "m", seed=3)
    metadata = json.loads((tmp_path / "m" / METADATA).read_text())
    model = TopicClassifier.load(tmp_path / "m")
    assert model.labels == ("china", "defence", "tariffs")
    assert metadata["data_sha256"] == data_sha256([corpus])
    assert metadata["seed"] == 3
    assert metadata["hyperparameters"] == metrics["cv"]["chosen"]
    assert metadata["thresholds"] == metrics["thresholds"]
    assert {"scikit-learn", "skops", "numpy", "python"} <= set(metadata["versions"])
    assert len(metrics["cv"]["grid"]) == len(SMALL_GRID)
    (prediction,) = model.predict(["The government raised tariffs on imported steel today."])
    assert "tariffs" in prediction.labels


def test_a_fast_path_that_scores_differently_fails_training_and_writes_nothing(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The service serves the saved parameters through its own arithmetic; a drift from
    # scikit-learn's scores is caught at training, not in production.
    monkeypatch.setattr(
        FastPipeline, "predict_proba", lambda self, texts: np.full((len(texts), 3), 0.5)
    )
    with pytest.raises(TrainingError, match="fast path scores"):
        _train(corpus, tmp_path / "m")
    assert not (tmp_path / "m").exists()


def test_metrics_cover_every_label(corpus: Path, tmp_path: Path) -> None:
    metrics = _train(corpus, tmp_path / "m")
    per_label = metrics["per_label"]
    assert set(per_label) == {"china", "defence", "tariffs"}
    assert 0.0 <= metrics["macro_f1"] <= 1.0


def test_texts_the_cleaner_empties_are_left_out_and_listed(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extra = tmp_path / "extra.jsonl"
    extra.write_text(json.dumps({"id": "e", "text": "NOTHING LEFT", "labels": ["china"]}) + "\n")
    real_prepare = data.prepare
    monkeypatch.setattr(
        data, "prepare", lambda text: "" if "NOTHING" in text else real_prepare(text=text)
    )
    result = train([corpus, extra], tmp_path / "m", grid=SMALL_GRID, n_splits=3)
    assert result.metadata["dropped_empty_after_cleaning"] == [f"{extra}:1"]
    assert result.metadata["n_examples"] == len(corpus.read_text().splitlines())
    assert "1 texts were left out" in (tmp_path / "m" / "MODEL_CARD.md").read_text()


def test_a_label_with_too_few_examples_is_refused(corpus: Path, tmp_path: Path) -> None:
    rare = tmp_path / "rare.jsonl"
    rare.write_text(json.dumps({"id": "r", "text": "Voters voted.", "labels": ["elections"]}))
    with pytest.raises(TrainingError, match="elections"):
        train([corpus, rare], tmp_path / "m", grid=SMALL_GRID, n_splits=3)


def test_cli_prints_a_file_and_line_error_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "ok", "labels": []}\n{"id": "y"\n')
    assert main(["train", "--data", str(bad), "--out", str(tmp_path / "m")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {bad}:2: invalid JSON")
    assert "Traceback" not in err
    assert not (tmp_path / "m").exists()


def test_cli_evaluate_prints_all_and_sure_tables(
    tiny_model_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "dev.jsonl"
    rows = [
        {"id": "1", "text": "Tariffs on steel and import duties.", "labels": ["tariffs"]},
        {"id": "2", "text": "The army and navy held drills.", "labels": ["defence"], "sure": True},
        {"id": "3", "text": "Rain fell on the village.", "labels": [], "sure": False},
    ]
    data.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    assert main(["evaluate", "--model", str(tiny_model_dir), "--data", str(data)]) == 0
    out = capsys.readouterr().out
    assert "all items (3 items)" in out
    assert "sure items (1 items)" in out
    assert "macro F1" in out


def test_cli_evaluate_refuses_a_label_the_model_lacks(
    tiny_model_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "dev.jsonl"
    data.write_text(json.dumps({"id": "1", "text": "Voters voted.", "labels": ["elections"]}))
    assert main(["evaluate", "--model", str(tiny_model_dir), "--data", str(data)]) == 2
    assert "unknown label 'elections'" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["train", "evaluate"], ids=["train", "evaluate"])
def test_every_subcommand_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert "--data" in capsys.readouterr().out
