"""Labelled data: read JSONL or CSV, validate every record, name the file and line of any error."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from service.classifier import prepare
from service.model_store import LABEL_PATTERN
from service.surrogates import LONE_SURROGATE, has_lone_surrogate

DEFAULT_DATA_DIR = Path(__file__).parent / "data"
DATA_SUFFIXES = (".jsonl", ".csv")
CSV_LABEL_SEPARATOR = ";"


class DataError(Exception):
    """A labelled-data file is unreadable or holds an invalid record; the message names where."""


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled text and where it came from (file:line)."""

    id: str
    text: str
    labels: tuple[str, ...]
    where: str
    title: str | None = None
    sure: bool | None = None
    year: int | None = None

    def model_input(self) -> str:
        """The text the model sees: the serving path's `prepare`, title first when given."""
        content = f"{self.title}\n\n{self.text}" if self.title else self.text
        return prepare(text=content)


def data_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders to their *.jsonl and *.csv files; sorted, so hashing and order are stable."""
    files: set[Path] = set()
    for path in paths:
        if path.is_dir():
            files.update(p for p in path.iterdir() if p.suffix in DATA_SUFFIXES and p.is_file())
        elif path.is_file():
            files.add(path)
        else:
            raise DataError(f"{path}: no such file or folder")
    if not files:
        raise DataError(f"no *.jsonl or *.csv files in {', '.join(map(str, paths))}")
    return sorted(files)


def data_sha256(files: Sequence[Path]) -> str:
    """SHA-256 over the files' bytes, in the (sorted) order given."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def read_examples(
    files: Sequence[Path],
    *,
    known_labels: Sequence[str] | None = None,
    unique_texts: bool = True,
) -> list[Example]:
    """Read and validate every record; raises DataError naming the first bad file and line."""
    examples = [ex for path in files for ex in _read_file(path, known_labels)]
    _check_unique(examples, lambda ex: ex.id, "id")
    if unique_texts:
        _check_unique(examples, lambda ex: " ".join(ex.text.casefold().split()), "text")
    return examples


def _read_file(path: Path, known_labels: Sequence[str] | None) -> Iterator[Example]:
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot read ({exc})") from None
    records = (
        _csv_records(path, content) if path.suffix == ".csv" else _jsonl_records(path, content)
    )
    for where, record in records:
        yield _example(record, where, known_labels)


def _jsonl_records(path: Path, content: str) -> Iterator[tuple[str, dict[str, Any]]]:
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataError(f"{where}: invalid JSON ({exc.msg})") from None
        if not isinstance(record, dict):
            raise DataError(f"{where}: expected a JSON object")
        if has_lone_surrogate(line, record):
            raise DataError(f"{where}: {LONE_SURROGATE}")
        yield where, record


def _csv_records(path: Path, content: str) -> Iterator[tuple[str, dict[str, Any]]]:
    reader = csv.DictReader(io.StringIO(content, newline=""))
    missing = {"id", "text", "labels"} - set(reader.fieldnames or ())
    if missing:
        raise DataError(f"{path}:1: CSV header lacks {', '.join(sorted(missing))}")
    start = reader.line_num + 1
    try:
        for row in reader:
            labels = [lb.strip() for lb in (row["labels"] or "").split(CSV_LABEL_SEPARATOR)]
            yield f"{path}:{start}", {**row, "labels": [lb for lb in labels if lb]}
            start = reader.line_num + 1
    except csv.Error as exc:
        raise DataError(f"{path}:{start}: invalid CSV ({exc})") from None


def _example(record: dict[str, Any], where: str, known_labels: Sequence[str] | None) -> Example:
    identifier, text = record.get("id"), record.get("text")
    if not isinstance(identifier, str | int) or isinstance(identifier, bool) or identifier == "":
        raise DataError(f"{where}: 'id' must be a non-empty string")
    if not isinstance(text, str):
        raise DataError(f"{where}: 'text' is missing or not a string")
    if not text.strip():
        raise DataError(f"{where}: 'text' is empty")
    return Example(
        id=str(identifier),
        text=text,
        labels=_labels(record.get("labels"), where, known_labels),
        where=where,
        title=_optional_str(record, "title", where),
        sure=_sure(record.get("sure"), where),
        year=_year(record.get("year"), where),
    )


def _labels(value: object, where: str, known_labels: Sequence[str] | None) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataError(f"{where}: 'labels' must be a list of strings")
    for label in value:
        if not LABEL_PATTERN.match(label):
            raise DataError(f"{where}: invalid label name {label!r} (want {LABEL_PATTERN.pattern})")
        if known_labels is not None and label not in known_labels:
            raise DataError(f"{where}: unknown label {label!r} (the model knows {known_labels})")
    if len(set(value)) != len(value):
        raise DataError(f"{where}: repeated label in {value!r}")
    return tuple(sorted(value))


def _optional_str(record: dict[str, Any], key: str, where: str) -> str | None:
    value = record.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise DataError(f"{where}: {key!r} must be a string")
    return value


def _sure(value: object, where: str) -> bool | None:
    # CSV cells are strings; JSON gives a real bool.
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in {"true", "false"}:
        return value.lower() == "true"
    raise DataError(f"{where}: 'sure' must be true or false")


def _year(value: object, where: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.isdigit():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise DataError(f"{where}: 'year' must be a whole number")


def _check_unique(examples: Sequence[Example], key: Any, what: str) -> None:
    seen: dict[str, str] = {}
    for example in examples:
        value = key(example)
        if value in seen:
            raise DataError(f"{example.where}: duplicate {what} (first seen at {seen[value]})")
        seen[value] = example.where
