"""The model folder: the only code that knows its files (artefact, metadata, metrics, card)."""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from service.skops_state import UntrustedStateError, read_state

ARTEFACT = "pipeline.skops"
METADATA = "metadata.json"
METRICS = "metrics.json"
CARD = "MODEL_CARD.md"
LABEL_PATTERN = re.compile(r"^[a-z][a-z0-9_-]*$")
# What skops or skops_state raise for a corrupt zip, a bad schema or a tampered tree (one
# nested too deeply for the JSON parser, too).
_ARTEFACT_ERRORS = (
    zipfile.BadZipFile,
    OSError,
    KeyError,
    ValueError,
    TypeError,
    AttributeError,
    RecursionError,
)

# The types our pipeline is built from, passed to skops as the explicit trust list; skops
# reports anything else (a custom class, a function, an unknown estimator) and it is refused.
TRUSTED_TYPES: tuple[str, ...] = (
    "numpy.dtype",
    "numpy.float64",
    "numpy.int64",
    "numpy.ndarray",
    "scipy.sparse._csr.csr_matrix",
    "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.feature_extraction.text.HashingVectorizer",
    "sklearn.linear_model._logistic.LogisticRegression",
    "sklearn.multiclass.OneVsRestClassifier",
    "sklearn.pipeline.FeatureUnion",
    "sklearn.pipeline.Pipeline",
    "sklearn.preprocessing._label.LabelBinarizer",
)


class ModelFolderError(Exception):
    """A model folder is missing a file, or a file is malformed."""


class UntrustedModelError(ModelFolderError):
    """The artefact holds types outside the trusted list."""


@dataclass(frozen=True, slots=True)
class LoadedModel:
    """A fitted pipeline and the metadata it was saved with."""

    pipeline: Any
    metadata: dict[str, Any]


def save_model(
    folder: Path,
    pipeline: Any,
    metadata: dict[str, Any],
    metrics: dict[str, Any],
    card: str,
    check: Callable[[Path], None] | None = None,
) -> None:
    """Write a complete model folder next to `folder`, then rename it onto `folder` atomically.

    `check`, if given, reads the written folder first; an exception from it leaves `folder`
    as it was.
    """
    import skops.io as sio  # see _load_artefact

    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    # mkdtemp makes a private folder; a model folder is read by the service's own user.
    staging.chmod(0o755)
    try:
        sio.dump(pipeline, staging / ARTEFACT, compression=zipfile.ZIP_DEFLATED)
        _write_json(staging / METADATA, metadata)
        _write_json(staging / METRICS, metrics)
        (staging / CARD).write_text(card, encoding="utf-8")
        if check is not None:
            check(staging)
        _swap_into_place(staging, folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def load_model(folder: Path) -> LoadedModel:
    """Read a model folder, refusing artefacts with untrusted types: scikit-learn objects."""
    folder = Path(folder)
    metadata = read_json(folder / METADATA)
    validate_labels(metadata, folder / METADATA)
    return LoadedModel(pipeline=_load_artefact(folder / ARTEFACT), metadata=metadata)


def read_pipeline_state(folder: Path) -> Any:
    """The artefact's saved state as plain values (skops_state.read_state), trust list checked.

    Raises skops_state.UnreadableStateError for an artefact that load_model must read instead.
    """
    path = Path(folder) / ARTEFACT
    if not path.is_file():
        raise ModelFolderError(f"{path}: file is missing")
    try:
        return read_state(path, TRUSTED_TYPES)
    except UntrustedStateError as exc:
        raise UntrustedModelError(f"{path}: refusing the artefact, {exc}") from None
    except _ARTEFACT_ERRORS as exc:
        raise ModelFolderError(f"{path}: cannot read artefact ({exc})") from None


def read_json(path: Path) -> dict[str, Any]:
    """Read a JSON object from a model folder file, naming the file in any error."""
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelFolderError(f"{path}: file is missing") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelFolderError(f"{path}: cannot read JSON ({exc})") from None
    if not isinstance(value, dict):
        raise ModelFolderError(f"{path}: expected a JSON object")
    return value


def validate_labels(metadata: dict[str, Any], path: Path) -> tuple[str, ...]:
    """Return the metadata's label list after checking names, uniqueness and thresholds."""
    labels = metadata.get("labels")
    if not isinstance(labels, list) or not labels:
        raise ModelFolderError(f"{path}: 'labels' must be a non-empty list")
    bad = [lb for lb in labels if not isinstance(lb, str) or not LABEL_PATTERN.match(lb)]
    if bad:
        raise ModelFolderError(f"{path}: invalid label names {bad!r}")
    if len(set(labels)) != len(labels):
        raise ModelFolderError(f"{path}: duplicate labels in {labels!r}")
    thresholds = metadata.get("thresholds")
    if not isinstance(thresholds, dict) or set(thresholds) != set(labels):
        raise ModelFolderError(f"{path}: 'thresholds' must give one value per label")
    if not all(_is_probability(v) for v in thresholds.values()):
        raise ModelFolderError(f"{path}: thresholds must be numbers in [0, 1]")
    return tuple(labels)


def _is_probability(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 1


def _load_artefact(path: Path) -> Any:
    # Imported here, not at the top: skops imports every scikit-learn estimator to build its
    # default trust list (~0.4 s), and a worker serving through read_pipeline_state never
    # needs it.
    import skops.io as sio
    from skops.io.exceptions import UntrustedTypesFoundException

    if not path.is_file():
        raise ModelFolderError(f"{path}: file is missing")
    # One pass: skops audits the whole tree against the trust list before it constructs
    # anything, and names what it refused. (Asking get_untrusted_types() first would inflate
    # every array of the zip twice, ~0.1 s of each start and reload.)
    try:
        return sio.load(path, trusted=list(TRUSTED_TYPES))
    except UntrustedTypesFoundException as exc:
        refused = str(exc).split("\n", 1)[0]
        raise UntrustedModelError(f"{path}: refusing the artefact. {refused}") from None
    except _ARTEFACT_ERRORS as exc:
        raise ModelFolderError(f"{path}: cannot load artefact ({exc})") from None


def _write_json(path: Path, value: dict[str, Any]) -> None:
    text = json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")


def _swap_into_place(staging: Path, folder: Path) -> None:
    # os.replace cannot replace a non-empty directory, so the old folder is renamed aside
    # first: the path is briefly absent, but never holds a half-written mix of two models.
    if not folder.exists():
        os.replace(staging, folder)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{folder.name}-old-", dir=folder.parent))
    os.replace(folder, retired / folder.name)
    os.replace(staging, folder)
    shutil.rmtree(retired, ignore_errors=True)
