"""Shared fixtures: paths to ../shared data (tests using it skip when it is absent)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pytest

from service.model_store import save_model
from training.pipeline import Hyperparameters, fit_pipeline

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder beside the checkout; skips the test when it is missing."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


# A dozen sentences for the tiny model: enough signal for directional tests, fast to fit.
TINY_EXAMPLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Washington raised tariffs on imported steel and aluminium.", ("tariffs",)),
    ("New import duties and customs tariffs hit European cars.", ("tariffs",)),
    ("The trade war deepened as tariffs on goods doubled.", ("tariffs",)),
    ("The army deployed troops and tanks near the border.", ("defence",)),
    ("Defence ministers agreed to raise military spending.", ("defence",)),
    ("The navy tested a missile from a new warship.", ("defence",)),
    ("Beijing announced new policies for Chinese provinces.", ("china",)),
    ("China's premier visited Shanghai factories.", ("china",)),
    ("Beijing imposed tariffs on American soybeans in the trade war.", ("china", "tariffs")),
    ("The Chinese navy held military drills near Taiwan.", ("china", "defence")),
    ("The football club won the league after a late goal.", ()),
    ("Heavy rain flooded the village and closed the school.", ()),
)
TINY_PARAMS = Hyperparameters(C=30.0)


def write_tiny_model(
    folder: Path, examples: Sequence[tuple[str, tuple[str, ...]]] = TINY_EXAMPLES
) -> Path:
    """Fit the real pipeline on `examples` and save it as a model folder."""
    labels = sorted({label for _, tags in examples for label in tags})
    targets = np.array([[int(label in tags) for label in labels] for _, tags in examples])
    pipeline = fit_pipeline([text for text, _ in examples], targets, TINY_PARAMS, seed=0)
    metadata = {
        "name": "tiny",
        "version": "test",
        "trained_at": "2026-01-01T00:00:00Z",
        "labels": labels,
        "thresholds": dict.fromkeys(labels, 0.5),
    }
    save_model(folder, pipeline, metadata, {}, "# tiny test model\n")
    return folder


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A model folder fitted on a dozen inline sentences (tariffs, defence, china)."""
    return write_tiny_model(tmp_path_factory.mktemp("models") / "tiny")


@pytest.fixture(scope="session")
def tiny_model_factory(
    tmp_path_factory: pytest.TempPathFactory,
) -> Callable[[Sequence[tuple[str, tuple[str, ...]]]], Path]:
    """Builds a model folder from other inline examples (e.g. with a fourth label)."""
    return lambda examples: write_tiny_model(tmp_path_factory.mktemp("models") / "m", examples)
