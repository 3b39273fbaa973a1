"""Bulk mode: every line answered in order, bad lines reported, not fatal."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from service.bulk import main, run

DOCS = [
    {"id": "a", "text": "Washington raised tariffs on imported steel and aluminium."},
    {"id": "b", "html": "<html><body><p>The navy tested a missile from a new warship.</p>"},
    {"id": "c"},
]


def _lines(docs: list[dict[str, str]]) -> list[str]:
    return [json.dumps(doc) for doc in docs]


def test_bulk_answers_every_document_in_order(tiny_model_dir: Path) -> None:
    sink = io.StringIO()
    count, _ = run(_lines(DOCS), sink, model_dir=tiny_model_dir, do_clean=True, workers=2)
    out = [json.loads(line) for line in sink.getvalue().splitlines()]
    assert count == 3
    assert [row["id"] for row in out] == ["a", "b", "c"]
    assert set(out[0]["scores"]) == {"tariffs", "defence", "china"}
    assert "tariffs" in out[0]["labels"]
    assert "warship" in out[1]["text"]
    assert "exactly one of 'text' or 'html'" in out[2]["error"]


def test_bulk_reports_a_line_that_is_not_json_and_goes_on() -> None:
    sink = io.StringIO()
    lines = ["{not json", json.dumps({"id": 7, "text": "A whole sentence about the weather."})]
    run(lines, sink, model_dir=None, do_clean=True, workers=1)
    out = [json.loads(line) for line in sink.getvalue().splitlines()]
    assert out[0] == {
        "id": 1,
        "error": "line 1: not JSON (Expecting property name enclosed in double quotes)",
    }
    assert out[1]["id"] == 7 and "scores" not in out[1]


def test_bulk_command_writes_the_output_file(tmp_path: Path, tiny_model_dir: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(_lines(DOCS[:2])) + "\n")
    target = tmp_path / "out.jsonl"
    assert main([str(source), str(target), "--model-dir", str(tiny_model_dir)]) == 0
    assert len(target.read_text().splitlines()) == 2


def test_a_lone_surrogate_escape_is_reported_for_its_line_only(tiny_model_dir: Path) -> None:
    sink = io.StringIO()
    lines = [
        '{"id": "bad", "text": "Tariffs rose \\ud800 today."}',
        '{"id": "pair", "text": "Tariffs rose \\ud83d\\udea2 today."}',
    ]
    run(lines, sink, model_dir=tiny_model_dir, do_clean=True, workers=1)
    bad, pair = (json.loads(line) for line in sink.getvalue().splitlines())
    assert bad == {"id": 1, "error": "line 1: a \\u escape is a lone surrogate, not a character"}
    assert "\U0001f6a2" in pair["text"] and "scores" in pair


def test_bulk_command_refuses_a_missing_model_folder_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(_lines(DOCS[:1])) + "\n")
    with pytest.raises(SystemExit) as exit_:
        main([str(source), str(tmp_path / "out.jsonl"), "--model-dir", str(tmp_path / "none")])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "metadata.json: file is missing" in err and "Traceback" not in err
