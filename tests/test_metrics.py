"""Metrics: per-route series, removals, predictions, model info, and multi-worker aggregation."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from service.metrics import Metrics


def test_requests_and_latency_are_recorded_per_route() -> None:
    metrics = Metrics()
    metrics.observe_request("/v1/clean", "POST", 200, 0.02)
    metrics.observe_request("/v1/clean", "POST", 422, 0.001)
    text = metrics.render().decode()
    assert 'newsclean_http_requests_total{method="POST",route="/v1/clean",status="200"} 1.0' in text
    assert 'newsclean_http_requests_total{method="POST",route="/v1/clean",status="422"} 1.0' in text
    assert (
        'newsclean_http_request_duration_seconds_count{method="POST",route="/v1/clean"} 2.0' in text
    )


def test_removals_predictions_and_model_identity() -> None:
    metrics = Metrics()
    metrics.count_removals(["nav", "nav", "ads"])
    metrics.count_predictions([["tariffs"], ["tariffs", "china"], []])
    metrics.set_model({"name": "m", "version": "2", "trained_at": "2026-01-01"})
    text = metrics.render().decode()
    assert 'newsclean_cleaning_removals_total{rule="nav"} 2.0' in text
    assert 'newsclean_predictions_total{label="tariffs"} 2.0' in text
    assert "newsclean_classified_documents_total 3.0" in text
    assert 'newsclean_model_info{name="m",trained_at="2026-01-01",version="2"} 1.0' in text


def test_a_new_model_replaces_the_old_identity() -> None:
    metrics = Metrics()
    metrics.set_model({"name": "m", "version": "1", "trained_at": "t"})
    metrics.set_model({"name": "m", "version": "2", "trained_at": "t"})
    text = metrics.render().decode()
    assert 'version="2"} 1.0' in text
    assert 'version="1"} 1.0' not in text


def test_two_apps_in_one_process_keep_separate_registries() -> None:
    first, second = Metrics(), Metrics()
    first.count_removals(["nav"])
    assert "rule=" not in second.render().decode()


_WORKER = """
from service.metrics import Metrics
m = Metrics()
m.observe_request("/livez", "GET", 200, 0.001)
m.set_model({"name": "m", "version": "v", "trained_at": "t"})
"""
_SCRAPE = (
    "import sys; from service.metrics import Metrics; sys.stdout.write(Metrics().render().decode())"
)


def test_workers_are_summed_in_multiprocess_mode(tmp_path: Path) -> None:
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}
    for _ in range(2):  # two "workers", each its own process
        subprocess.run([sys.executable, "-c", _WORKER], env=env, check=True)
    text = subprocess.run(
        [sys.executable, "-c", _SCRAPE], env=env, check=True, capture_output=True, text=True
    ).stdout
    assert 'newsclean_http_requests_total{method="GET",route="/livez",status="200"} 2.0' in text
