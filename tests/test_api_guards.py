"""Hostile input and saturation: bounded time and memory, and health answers while busy."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

import service.api
from service.app import create_app
from service.cleaning import Article
from service.settings import Settings

BUDGET_S = 1.0
# JSON parsing, validation and serialising a 5 MB answer come on top of the cleaning budget.
SLACK_S = 4.0


@pytest.fixture(scope="module")
def client(tiny_model_dir: Path) -> Iterator[TestClient]:
    settings = Settings(model_dir=tiny_model_dir, clean_time_budget_s=BUDGET_S)
    with TestClient(create_app(settings)) as client:
        yield client


def _timed_post(client: TestClient, path: str, body: Any) -> tuple[int, dict[str, Any], float]:
    started = time.monotonic()
    response = client.post(path, json=body)
    return response.status_code, response.json(), time.monotonic() - started


def _answered_within_budget(status: int, body: dict[str, Any], seconds: float) -> None:
    # Either the article, or the clear 422 for "too complex to clean in time" - never a 5xx.
    assert status == 200 or body["type"].endswith("cleaning-timeout"), body
    assert seconds < BUDGET_S + SLACK_S


DEEP = "<div>" * 20_000 + "<p>Deep inside the page sits one real sentence.</p>" + "</div>" * 20_000
TINY_ELEMENTS = "<html><body>" + "<i>a</i>" * 600_000 + "</body></html>"  # 4.8 MB
ONE_LINE = "word " * 1_000_000  # 5 MB, no newline


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/v1/clean", {"html": DEEP}),
        ("/v1/classify", {"html": DEEP}),
        ("/v1/clean", {"html": TINY_ELEMENTS}),
        ("/v1/classify", {"html": TINY_ELEMENTS}),
        ("/v1/clean", {"text": ONE_LINE}),
        ("/v1/clean", {"html": ONE_LINE}),
        ("/v1/classify", {"text": ONE_LINE}),
    ],
    ids=[
        "deep-clean",
        "deep-classify",
        "elements-clean",
        "elements-classify",
        "line-text",
        "line-html",
        "line-classify",
    ],
)
def test_pathological_pages_answer_within_the_budget(
    client: TestClient, path: str, body: dict[str, str]
) -> None:
    _answered_within_budget(*_timed_post(client, path, body))


def test_a_million_tiny_elements_are_stopped_by_the_body_limit(client: TestClient) -> None:
    html = "<b></b>" * 1_000_000  # 7 MB
    status, body, _ = _timed_post(client, "/v1/clean", {"html": html})
    assert status == 413
    assert "MAX_BODY_BYTES" in body["detail"]


def test_deeply_nested_json_is_a_400_not_a_crash(client: TestClient) -> None:
    body = b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    response = client.post("/v1/clean", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json()["type"].endswith("invalid-json")


def test_over_budget_cleaning_is_a_clear_422(tiny_model_dir: Path) -> None:
    settings = Settings(model_dir=tiny_model_dir, clean_time_budget_s=1e-9)
    with TestClient(create_app(settings)) as client:
        response = client.post("/v1/clean", json={"html": "<p>A sentence.</p>"})
    assert response.status_code == 422
    assert response.json()["type"] == "urn:newsclean:problem:cleaning-timeout"


def test_over_budget_cleaning_in_classify_is_a_clear_422(tiny_model_dir: Path) -> None:
    settings = Settings(model_dir=tiny_model_dir, clean_time_budget_s=1e-9)
    with TestClient(create_app(settings)) as client:
        single = client.post("/v1/classify", json={"text": "A sentence of the story."})
        batch = client.post("/v1/classify", json={"documents": [{"id": "a", "text": "A."}]})
    assert single.status_code == 422
    assert single.json()["type"] == "urn:newsclean:problem:cleaning-timeout"
    assert batch.status_code == 200
    assert batch.json()["results"][0]["error"]["type"].endswith("cleaning-timeout")


def test_health_answers_while_every_worker_thread_is_busy(
    tiny_model_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()

    def stuck_clean(**_: Any) -> Article:
        release.wait(30)
        return Article(title=None, paragraphs=["done"])

    monkeypatch.setattr(service.api, "clean", stuck_clean)
    settings = Settings(model_dir=tiny_model_dir, threadpool_size=2)
    with TestClient(create_app(settings)) as client:
        busy = [
            threading.Thread(
                target=client.post, args=("/v1/clean",), kwargs={"json": {"text": "x"}}
            )
            for _ in range(4)
        ]
        for thread in busy:
            thread.start()
        time.sleep(0.2)  # both threadpool slots are now taken, two requests queue behind them
        try:
            started = time.monotonic()
            statuses = [client.get(path).status_code for path in ("/livez", "/readyz", "/metrics")]
            elapsed = time.monotonic() - started
        finally:
            release.set()
            for thread in busy:
                thread.join()
    assert statuses == [200, 200, 200]
    assert elapsed < 2.0


def test_classify_reads_only_the_first_max_classify_chars(tiny_model_dir: Path) -> None:
    head = "The army deployed troops and tanks near the border. " * 20  # ~1,000 characters
    tail = "Washington raised tariffs on imported steel and aluminium. " * 2_000
    settings = Settings(model_dir=tiny_model_dir, max_classify_chars=1_000)
    with TestClient(create_app(settings)) as client:
        long = client.post("/v1/classify", json={"text": head + "\n\n" + tail}).json()
        short = client.post("/v1/classify", json={"text": head}).json()
    assert long["scores"]["tariffs"] < 0.5
    assert long["labels"] == short["labels"]
