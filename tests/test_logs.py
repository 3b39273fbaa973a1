"""JSON logs: one object per line, request fields included."""

from __future__ import annotations

import json
import logging

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.logs import JsonFormatter, logging_config
from service.settings import Settings


def _record(**extra: object) -> logging.LogRecord:
    record = logging.LogRecord(
        "newsclean.test", logging.INFO, __file__, 1, "hello %s", ("you",), None
    )
    record.__dict__.update(extra)
    return record


def test_a_record_is_one_json_line_with_its_extra_fields() -> None:
    line = JsonFormatter().format(_record(request_id="abc", status=200))
    assert "\n" not in line
    data = json.loads(line)
    assert data["message"] == "hello you"
    assert data["level"] == "info"
    assert data["request_id"] == "abc"
    assert data["status"] == 200
    assert data["ts"].endswith("Z")


def test_exceptions_stay_on_one_line() -> None:
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", None, sys.exc_info())
    line = JsonFormatter().format(record)
    assert "\n" not in line
    assert "ValueError: boom" in json.loads(line)["exception"]


def test_config_routes_uvicorn_and_ours_through_json() -> None:
    config = logging_config("WARNING")
    assert config["loggers"]["newsclean"]["level"] == "WARNING"
    assert config["loggers"]["uvicorn.access"]["handlers"] == []


def test_each_request_logs_one_line_with_its_id(
    caplog: pytest.LogCaptureFixture, tmp_path: object
) -> None:
    with TestClient(create_app(Settings(model_dir="missing-model"))) as client:
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="newsclean.access"):
            client.get("/livez", headers={"X-Request-ID": "req-42"})
    lines = [r for r in caplog.records if r.name == "newsclean.access"]
    assert len(lines) == 1
    record = lines[0].__dict__
    assert record["request_id"] == "req-42"
    assert record["route"] == "/livez"
    assert record["status"] == 200
    assert json.loads(JsonFormatter().format(lines[0]))["request_id"] == "req-42"
