"""Run the service with uvicorn: python -m service."""

from __future__ import annotations

import os
import shutil
import tempfile

import uvicorn

from service.logs import logging_config
from service.settings import Settings


def main() -> None:
    """Start uvicorn with the app factory and the configured host, port, workers and logging."""
    settings = Settings()
    own_metrics_dir = None
    if settings.workers > 1 and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # Workers are separate processes: they share metrics through files in this folder.
        # Set before the workers start, so that their prometheus_client picks it up.
        own_metrics_dir = tempfile.mkdtemp(prefix="newsclean-metrics-")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = own_metrics_dir
    try:
        _serve(settings)
    finally:
        if own_metrics_dir is not None:
            shutil.rmtree(own_metrics_dir, ignore_errors=True)


def _serve(settings: Settings) -> None:
    uvicorn.run(
        "service.startup:create_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        log_config=logging_config(settings.log_level),
        log_level=settings.log_level,
        access_log=False,  # one JSON line per request comes from our middleware instead
        server_header=False,
    )


if __name__ == "__main__":
    main()
