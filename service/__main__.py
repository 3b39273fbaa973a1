"""Run the service with uvicorn: python -m service."""

from __future__ import annotations

import os
import tempfile

import uvicorn

from service.logs import logging_config
from service.settings import Settings


def main() -> None:
    """Start uvicorn with the app factory and the configured host, port, workers and logging."""
    settings = Settings()
    if settings.workers > 1 and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # Workers are separate processes: they share metrics through files in this folder.
        # Set before the workers start, so that their prometheus_client picks it up.
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="newsclean-metrics-")
    uvicorn.run(
        "service.app:create_app",
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
