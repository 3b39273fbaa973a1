"""Training data: JSONL and CSV reading, validation errors that name the file and line, hashing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.classifier import prepare
from training.data import DataError, data_files, data_sha256, read_examples

GOOD = {"id": "a1", "title": "Steel", "text": "Tariffs on steel rose.", "labels": ["tariffs"]}


def _jsonl(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ('{"id": "b", "text": "Unclosed', "invalid JSON"),
        ('["not", "an", "object"]', "expected a JSON object"),
        ('{"id": "b", "labels": []}', "'text' is missing"),
        ('{"id": "b", "text": "   ", "labels": []}', "'text' is empty"),
        ('{"id": "b", "text": "Fine text.", "labels": ["Not Valid"]}', "invalid label name"),
        ('{"id": "b", "text": "Fine text.", "labels": "tariffs"}', "must be a list"),
        ('{"id": "a1", "text": "Another text.", "labels": []}', "duplicate id"),
        ('{"id": "b", "text": "tariffs on  STEEL rose.", "labels": []}', "duplicate text"),
        ('{"text": "No id here.", "labels": []}', "'id' must be"),
        ('{"id": "b", "text": "Fine text.", "labels": [], "sure": "maybe"}', "'sure'"),
        ('{"id": "b", "text": "Tariffs \\udc00 rose.", "labels": []}', "lone surrogate"),
    ],
    ids=[
        "bad-json",
        "not-object",
        "missing-text",
        "empty-text",
        "invalid-label",
        "labels-not-list",
        "duplicate-id",
        "duplicate-text",
        "missing-id",
        "bad-sure",
        "lone-surrogate",
    ],
)
def test_bad_jsonl_record_error_names_file_and_line(
    tmp_path: Path, bad_line: str, message: str
) -> None:
    path = _jsonl(tmp_path / "data.jsonl", json.dumps(GOOD), "", bad_line)
    with pytest.raises(DataError, match=message) as error:
        read_examples([path])
    assert str(error.value).startswith(f"{path}:3:")


def test_unknown_label_is_refused_when_labels_are_known(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "d.jsonl", json.dumps({**GOOD, "labels": ["elections"]}))
    with pytest.raises(DataError, match=rf"{path}:1: unknown label 'elections'"):
        read_examples([path], known_labels=["tariffs", "china"])


def test_duplicate_id_across_files_names_both_places(tmp_path: Path) -> None:
    first = _jsonl(tmp_path / "a.jsonl", json.dumps(GOOD))
    second = _jsonl(tmp_path / "b.jsonl", json.dumps({**GOOD, "text": "Other text."}))
    with pytest.raises(DataError, match=rf"{second}:1: duplicate id \(first seen at {first}:1\)"):
        read_examples(data_files([tmp_path]))


def test_jsonl_record_keeps_title_labels_and_sure(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "d.jsonl", json.dumps({**GOOD, "sure": False, "genre": "wire"}))
    (example,) = read_examples([path])
    assert (example.id, example.title, example.labels, example.sure) == (
        "a1",
        "Steel",
        ("tariffs",),
        False,
    )
    assert example.model_input() == prepare(text="Steel\n\nTariffs on steel rose.")


def test_csv_splits_labels_on_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text(
        'id,text,labels\n1,"Beijing raised tariffs.",china;tariffs\n2,"A quiet day.",\n',
        encoding="utf-8",
    )
    first, second = read_examples([path])
    assert first.labels == ("china", "tariffs")
    assert second.labels == ()


def test_csv_error_names_the_record_line_after_a_multiline_cell(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text(
        'id,text,labels\n1,"Two\nlines.",china\n2,"Bad label.",Bad Label\n', encoding="utf-8"
    )
    with pytest.raises(DataError, match=rf"{path}:4: invalid label name"):
        read_examples([path])


def test_csv_without_required_columns_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text("id,body\n1,text\n", encoding="utf-8")
    with pytest.raises(DataError, match=rf"{path}:1: CSV header lacks labels, text"):
        read_examples([path])


def test_data_files_expands_folders_in_sorted_order(tmp_path: Path) -> None:
    for name in ("b.jsonl", "a.csv", "notes.md"):
        (tmp_path / name).write_text("")
    assert [p.name for p in data_files([tmp_path])] == ["a.csv", "b.jsonl"]


def test_data_files_refuses_a_missing_path(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such file"):
        data_files([tmp_path / "absent.jsonl"])


def test_data_hash_changes_when_a_byte_changes(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "d.jsonl", json.dumps(GOOD))
    before = data_sha256([path])
    path.write_text(path.read_text().replace("rose", "fell"))
    assert data_sha256([path]) != before
