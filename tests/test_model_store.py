"""Model folder: save/load round trip, trusted types only, clear errors for broken folders."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.pipeline import Pipeline

from service.model_store import (
    ARTEFACT,
    METADATA,
    ModelFolderError,
    UntrustedModelError,
    load_model,
    read_pipeline_state,
    save_model,
)


class Shout(TransformerMixin, BaseEstimator):
    """A harmless step whose class skops does not trust: stands in for a tampered artefact."""

    def fit(self, texts: list[str], y: object = None) -> Shout:
        return self

    def transform(self, texts: list[str]) -> list[str]:
        return [text.upper() for text in texts]


def _metadata() -> dict[str, object]:
    return {
        "name": "m",
        "version": "1",
        "trained_at": "2026-01-01T00:00:00Z",
        "labels": ["a"],
        "thresholds": {"a": 0.5},
    }


def test_round_trip_keeps_pipeline_and_metadata(tmp_path: Path, tiny_model_dir: Path) -> None:
    original = load_model(tiny_model_dir)
    save_model(tmp_path / "copy", original.pipeline, original.metadata, {"x": 1}, "card")
    copy = load_model(tmp_path / "copy")
    texts = ["tariffs on steel", "troops at the border"]
    assert copy.metadata == original.metadata
    np.testing.assert_array_equal(
        copy.pipeline.predict_proba(texts), original.pipeline.predict_proba(texts)
    )
    assert json.loads((tmp_path / "copy" / "metrics.json").read_text()) == {"x": 1}


def test_save_replaces_an_existing_folder_and_leaves_no_staging(
    tmp_path: Path, tiny_model_dir: Path
) -> None:
    model = load_model(tiny_model_dir)
    target = tmp_path / "model"
    target.mkdir()
    (target / "stale.txt").write_text("old")
    save_model(target, model.pipeline, model.metadata, {}, "card")
    assert sorted(p.name for p in target.iterdir()) == [
        "MODEL_CARD.md",
        "metadata.json",
        "metrics.json",
        "pipeline.skops",
    ]
    assert [p.name for p in tmp_path.iterdir()] == ["model"]


@pytest.mark.parametrize("read", [load_model, read_pipeline_state])
def test_untrusted_type_is_refused_and_named(tmp_path: Path, read: Callable[[Path], Any]) -> None:
    save_model(tmp_path / "m", Pipeline([("shout", Shout())]), _metadata(), {}, "card")
    with pytest.raises(UntrustedModelError, match="Shout"):
        read(tmp_path / "m")


def test_a_failing_check_leaves_the_folder_as_it_was(tmp_path: Path, tiny_model_dir: Path) -> None:
    model = load_model(tiny_model_dir)
    target = tmp_path / "model"
    save_model(target, model.pipeline, model.metadata, {"run": 1}, "card")

    def refuse(staged: Path) -> None:
        assert (staged / ARTEFACT).is_file()
        raise RuntimeError("scores differ")

    with pytest.raises(RuntimeError, match="scores differ"):
        save_model(target, model.pipeline, model.metadata, {"run": 2}, "card", check=refuse)
    assert json.loads((target / "metrics.json").read_text()) == {"run": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["model"]


def test_missing_metadata_is_refused_naming_the_file(tmp_path: Path, tiny_model_dir: Path) -> None:
    folder = tmp_path / "m"
    shutil.copytree(tiny_model_dir, folder)
    (folder / METADATA).unlink()
    with pytest.raises(ModelFolderError, match=METADATA):
        load_model(folder)


@pytest.mark.parametrize("read", [load_model, read_pipeline_state])
def test_corrupt_artefact_is_a_folder_error(
    tmp_path: Path, tiny_model_dir: Path, read: Callable[[Path], Any]
) -> None:
    folder = tmp_path / "m"
    shutil.copytree(tiny_model_dir, folder)
    (folder / ARTEFACT).write_bytes(b"not a zip")
    with pytest.raises(ModelFolderError, match=ARTEFACT):
        read(folder)


def test_a_schema_nested_too_deeply_is_a_folder_error(tmp_path: Path, tiny_model_dir: Path) -> None:
    folder = tmp_path / "m"
    shutil.copytree(tiny_model_dir, folder)
    with zipfile.ZipFile(folder / ARTEFACT, "w") as artefact:
        artefact.writestr("schema.json", "[" * 200_000 + "]" * 200_000)
    with pytest.raises(ModelFolderError, match=ARTEFACT):
        read_pipeline_state(folder)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"labels": []}, "non-empty list"),
        ({"labels": ["Bad Label"], "thresholds": {"Bad Label": 0.5}}, "invalid label"),
        ({"labels": ["a", "a"]}, "duplicate labels"),
        ({"thresholds": {}}, "one value per label"),
        ({"thresholds": {"a": 1.5}}, r"in \[0, 1\]"),
    ],
    ids=["empty", "invalid-name", "duplicate", "missing-threshold", "threshold-out-of-range"],
)
def test_bad_label_list_is_refused(
    tmp_path: Path, tiny_model_dir: Path, change: dict[str, object], message: str
) -> None:
    folder = tmp_path / "m"
    shutil.copytree(tiny_model_dir, folder)
    metadata = {**_metadata(), **change}
    (folder / METADATA).write_text(json.dumps(metadata))
    with pytest.raises(ModelFolderError, match=message):
        load_model(folder)
