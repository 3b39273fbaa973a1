"""App factory and lifecycle: start-up load, start without a model, CORS, python -m service."""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.settings import Settings


def test_the_model_is_loaded_at_start(tiny_model_dir: Path) -> None:
    app = create_app(Settings(model_dir=tiny_model_dir))
    assert app.state.model_slot.model is None
    with TestClient(app):
        assert app.state.model_slot.model is not None


def test_a_bad_model_dir_still_starts_and_logs_why(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with (
        caplog.at_level(logging.ERROR, logger="newsclean.app"),
        TestClient(create_app(Settings(model_dir=tmp_path / "nope"))) as client,
    ):
        assert client.get("/livez").status_code == 200
        detail = client.get("/readyz").json()["detail"]
    assert "nope" in detail
    assert any("nope" in str(r.__dict__.get("reason")) for r in caplog.records)


def test_cors_is_off_by_default_and_on_for_listed_origins(tiny_model_dir: Path) -> None:
    origin = {"Origin": "https://news.example"}
    with TestClient(create_app(Settings(model_dir=tiny_model_dir))) as client:
        assert "access-control-allow-origin" not in client.get("/livez", headers=origin).headers
    settings = Settings(model_dir=tiny_model_dir, cors_origins=["https://news.example"])
    with TestClient(create_app(settings)) as client:
        response = client.get("/livez", headers=origin)
    assert response.headers["access-control-allow-origin"] == "https://news.example"
    assert "x-request-id" in response.headers["access-control-expose-headers"].lower()


def test_the_threadpool_is_sized_from_settings(tiny_model_dir: Path) -> None:
    import anyio.to_thread

    settings = Settings(model_dir=tiny_model_dir, threadpool_size=7)
    with TestClient(create_app(settings)) as client:
        tokens = client.portal.call(  # type: ignore[union-attr]
            lambda: anyio.to_thread.current_default_thread_limiter().total_tokens
        )
    assert tokens == 7


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_python_m_service_serves_on_port_and_logs_json(tiny_model_dir: Path) -> None:
    port = _free_port()
    env = {**os.environ, "PORT": str(port), "MODEL_DIR": str(tiny_model_dir), "LOG_LEVEL": "info"}
    process = subprocess.Popen(
        [sys.executable, "-m", "service"], env=env, stderr=subprocess.PIPE, text=True
    )
    try:
        url = f"http://127.0.0.1:{port}/readyz"
        deadline = time.monotonic() + 30
        while True:
            try:
                request = urllib.request.Request(url, headers={"X-Request-ID": "from-test"})
                with urllib.request.urlopen(request, timeout=1) as response:
                    assert response.status == 200
                    assert response.headers["X-Request-ID"] == "from-test"
                    break
            except OSError:
                assert time.monotonic() < deadline, "the service did not become ready"
                time.sleep(0.1)
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=15)
    lines = [json.loads(line) for line in stderr.splitlines() if line.startswith("{")]
    assert lines, stderr
    access = [line for line in lines if line.get("request_id") == "from-test"]
    assert len(access) == 1
    assert access[0]["route"] == "/readyz"
    assert access[0]["status"] == 200
    assert any(line["message"] == "model loaded" for line in lines)


def test_the_startup_module_leaves_the_collector_on_with_the_imports_frozen() -> None:
    # A fresh interpreter: here the app's modules are imported already.
    probe = "import gc, service.startup; print(gc.isenabled(), gc.get_freeze_count())"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    ).stdout.split()
    assert out[0] == "True"
    assert int(out[1]) > 50_000  # the import-time objects, out of every later collection's walk


def test_a_worker_serves_the_shipped_model_without_importing_scikit_learn() -> None:
    # Those imports were more than half of a worker's start-up; the fast path reads the
    # artefact's parameters itself (a fresh interpreter, as above).
    model = Path(__file__).resolve().parents[1] / "model"
    probe = (
        "import sys, service.startup\n"
        "from service.classifier import TopicClassifier\n"
        f"TopicClassifier.load({str(model)!r}).predict(['Tariffs on steel rose.'])\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sklearn', 'scipy', 'skops'}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert out.strip() == "[]"
