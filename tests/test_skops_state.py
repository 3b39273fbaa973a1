"""The saved state reader: plain values out, untrusted types and unknown node kinds refused."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from service.model_store import ARTEFACT, TRUSTED_TYPES
from service.skops_state import (
    SCHEMA,
    SavedObject,
    UnreadableStateError,
    UntrustedStateError,
    read_state,
)


def test_the_tiny_model_reads_as_plain_values(tiny_model_dir: Path) -> None:
    state = read_state(tiny_model_dir / ARTEFACT, TRUSTED_TYPES)
    assert isinstance(state, SavedObject)
    assert state.type_name == "sklearn.pipeline.Pipeline"
    (_, features), (_, classifier) = state.attrs["steps"]
    (_, word), *_ = features.attrs["transformer_list"]
    hashing, tfidf = (step for _, step in word.attrs["steps"])
    assert hashing.attrs["ngram_range"] == (1, 2)
    assert hashing.attrs["dtype"] == "numpy.float64"
    assert isinstance(tfidf.attrs["idf_"], np.ndarray)
    assert tfidf.attrs["idf_"].shape == (hashing.attrs["n_features"],)
    assert len(classifier.attrs["estimators_"]) == 3


def test_types_outside_the_trust_list_are_named_before_any_array_is_read(
    tiny_model_dir: Path,
) -> None:
    trusted = [t for t in TRUSTED_TYPES if not t.endswith("TfidfTransformer")]
    with pytest.raises(UntrustedStateError, match="TfidfTransformer"):
        read_state(tiny_model_dir / ARTEFACT, trusted)


def test_another_protocol_is_unreadable(tmp_path: Path, tiny_model_dir: Path) -> None:
    path = _rewritten(tiny_model_dir, tmp_path, lambda schema: schema | {"protocol": 3})
    with pytest.raises(UnreadableStateError, match="protocol 3"):
        read_state(path, TRUSTED_TYPES)


def test_an_unknown_node_kind_is_unreadable(tmp_path: Path, tiny_model_dir: Path) -> None:
    def as_set(schema: dict[str, Any]) -> dict[str, Any]:
        schema["content"]["content"]["steps"]["__loader__"] = "SetNode"
        return schema

    with pytest.raises(UnreadableStateError, match="SetNode"):
        read_state(_rewritten(tiny_model_dir, tmp_path, as_set), TRUSTED_TYPES)


def _rewritten(
    model_dir: Path, tmp_path: Path, change: Callable[[dict[str, Any]], dict[str, Any]]
) -> Path:
    path = tmp_path / ARTEFACT
    with zipfile.ZipFile(model_dir / ARTEFACT) as src, zipfile.ZipFile(path, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == SCHEMA:
                data = json.dumps(change(json.loads(data))).encode()
            dst.writestr(name, data)
    return path
