"""Middleware: the body limit (declared and streamed), request ids, the last-resort 500."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from fastapi import FastAPI, Request
from fastapi.testclient import TestClient

from service.metrics import Metrics
from service.middleware import BodyLimitMiddleware, RequestContextMiddleware

LIMIT = 100_000
CHUNK = 65_536


def _app() -> FastAPI:
    app = FastAPI()

    @app.post("/echo")
    async def echo(request: Request) -> dict[str, int]:
        return {"bytes": len(await request.body())}

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("a bug")

    app.add_middleware(BodyLimitMiddleware, max_body_bytes=LIMIT)
    app.add_middleware(RequestContextMiddleware, metrics=Metrics())
    return app


def _scope(headers: list[tuple[bytes, bytes]]) -> dict[str, Any]:
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/echo",
        "raw_path": b"/echo",
        "root_path": "",
        "query_string": b"",
        "headers": headers,
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }


def _drive(headers: list[tuple[bytes, bytes]], total: int) -> tuple[int, int, bytes]:
    """Send `total` bytes in 64 KiB chunks; returns (status, chunks the app pulled, body)."""
    pulled = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal pulled
        pulled += 1
        more = pulled * CHUNK < total
        return {"type": "http.request", "body": b"x" * CHUNK, "more_body": more}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(_app()(_scope(headers), receive, send))
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return status, pulled, body


def test_declared_oversize_body_is_refused_before_reading() -> None:
    size = 10 * 1024 * 1024
    status, pulled, body = _drive([(b"content-length", str(size).encode())], size)
    assert status == 413
    assert pulled == 0
    assert b"body-too-large" in body


def test_undeclared_oversize_body_is_refused_once_past_the_limit() -> None:
    status, pulled, body = _drive([(b"transfer-encoding", b"chunked")], 10 * 1024 * 1024)
    assert status == 413
    # Refused on the first chunk past the limit, not after the whole 10 MiB (160 chunks).
    assert pulled == LIMIT // CHUNK + 1
    assert b"MAX_BODY_BYTES" in body


def test_body_under_the_limit_reaches_the_app() -> None:
    with TestClient(_app()) as client:
        response = client.post("/echo", content=b"x" * (LIMIT - 1))
    assert response.status_code == 200
    assert response.json() == {"bytes": LIMIT - 1}


def test_oversize_response_is_problem_json_with_request_id() -> None:
    with TestClient(_app()) as client:
        response = client.post("/echo", content=b"x" * (LIMIT + 1), headers={"X-Request-ID": "r-1"})
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["x-request-id"] == "r-1"
    assert response.json()["request_id"] == "r-1"


@pytest.mark.parametrize(
    ("given", "echoed"),
    [
        ("abc-123.X:y_z", True),
        ("a" * 128, True),
        ("a" * 129, False),
        ("bad id", False),
        ("x\u00e9", False),
        ("", False),
    ],
    ids=["plain", "max-length", "too-long", "space", "non-ascii", "empty"],
)
def test_request_id_is_echoed_only_when_well_formed(given: str, echoed: bool) -> None:
    with TestClient(_app()) as client:
        headers = {"X-Request-ID": given.encode()}  # bytes: httpx sends non-ASCII only that way
        response = client.post("/echo", content=b"{}", headers=headers)
    returned = response.headers["x-request-id"]
    assert (returned == given) is echoed
    assert 1 <= len(returned) <= 128


def test_request_id_is_generated_when_absent() -> None:
    with TestClient(_app()) as client:
        first = client.post("/echo").headers["x-request-id"]
        second = client.post("/echo").headers["x-request-id"]
    assert first != second


def test_unhandled_error_is_a_problem_500_with_request_id() -> None:
    with TestClient(_app(), raise_server_exceptions=False) as client:
        response = client.get("/boom", headers={"X-Request-ID": "trace-9"})
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["x-request-id"] == "trace-9"
    assert "a bug" not in response.text  # internals stay in the log
    assert "trace-9" in response.json()["detail"]
