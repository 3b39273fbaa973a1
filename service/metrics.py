"""Prometheus metrics: per-route traffic, cleaning removals, predictions, the model identity."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    Info,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.multiprocess import MultiProcessCollector, mark_process_dead

UNMATCHED_ROUTE = "<unmatched>"
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


def multiprocess_dir() -> str | None:
    """The folder prometheus_client shares between worker processes, when one is set."""
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR") or None


class Metrics:
    """One app's metrics, in a private registry so that several apps can live in one process."""

    content_type = CONTENT_TYPE_LATEST

    def __init__(self) -> None:
        # The *_created series double the output and no dashboard of ours reads them.
        disable_created_metrics()
        self.registry = CollectorRegistry()
        self.multiprocess = multiprocess_dir() is not None
        self.requests = Counter(
            "newsclean_http_requests",
            "HTTP requests answered, by route template, method and status.",
            ["route", "method", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "newsclean_http_request_duration_seconds",
            "Time from request start to the last response byte, by route template.",
            ["route", "method"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.removals = Counter(
            "newsclean_cleaning_removals",
            "Lines or blocks the cleaner removed, by rule (from /v1/clean).",
            ["rule"],
            registry=self.registry,
        )
        self.predictions = Counter(
            "newsclean_predictions",
            "Labels assigned by /v1/classify, by label.",
            ["label"],
            registry=self.registry,
        )
        self.documents = Counter(
            "newsclean_classified_documents",
            "Documents scored by /v1/classify.",
            registry=self.registry,
        )
        self._model = _ModelIdentity(self.registry, self.multiprocess)

    def observe_request(self, route: str, method: str, status: int, seconds: float) -> None:
        """Count one answered request and its latency."""
        self.requests.labels(route, method, str(status)).inc()
        self.latency.labels(route, method).observe(seconds)

    def count_removals(self, rules: Iterable[str]) -> None:
        """Count the cleaner's removals by rule."""
        for rule in rules:
            self.removals.labels(rule).inc()

    def count_predictions(self, label_sets: Iterable[Iterable[str]]) -> None:
        """Count documents scored and the labels assigned to them."""
        for labels in label_sets:
            self.documents.inc()
            for label in labels:
                self.predictions.labels(label).inc()

    def set_model(self, identity: Mapping[str, str]) -> None:
        """Publish the serving model's name, version and training time."""
        self._model.set(identity)

    def render(self) -> bytes:
        """The exposition text: this process's registry, or every worker's files when shared."""
        if not self.multiprocess:
            return generate_latest(self.registry)
        merged = CollectorRegistry()
        MultiProcessCollector(merged)
        return generate_latest(merged)

    def close(self) -> None:
        """Drop this process's live gauges from the shared folder (multiprocess mode)."""
        if self.multiprocess:
            mark_process_dead(os.getpid())


class _ModelIdentity:
    """The model identity as an info metric (newsclean_model_info{...} 1)."""

    def __init__(self, registry: CollectorRegistry, multiprocess: bool) -> None:
        help_text = "The serving model: name, version and training time."
        # Info values are kept in process memory, which the multiprocess collector never reads;
        # a per-process gauge exposes the same series and shows which worker serves what.
        self._gauge: Gauge | None = None
        self._info: Info | None = None
        self._current: tuple[str, ...] | None = None
        if multiprocess:
            self._gauge = Gauge(
                "newsclean_model_info",
                help_text,
                ["name", "version", "trained_at"],
                multiprocess_mode="liveall",
                registry=registry,
            )
        else:
            self._info = Info("newsclean_model", help_text, registry=registry)

    def set(self, identity: Mapping[str, str]) -> None:
        values = (identity["name"], identity["version"], identity["trained_at"])
        if self._info is not None:
            self._info.info(dict(zip(("name", "version", "trained_at"), values, strict=True)))
            return
        if self._gauge is None:
            return
        if self._current is not None and self._current != values:
            # The shared file keeps old series; zero marks them as no longer served.
            self._gauge.labels(*self._current).set(0)
        self._gauge.labels(*values).set(1)
        self._current = values
