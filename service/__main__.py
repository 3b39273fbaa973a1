"""Run the service with uvicorn: python -m service."""

from __future__ import annotations

import uvicorn

from service.settings import Settings


def main() -> None:
    """Start uvicorn with the app factory and the configured port and workers."""
    settings = Settings()
    uvicorn.run(
        "service.app:create_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        log_level=settings.log_level,
    )


if __name__ == "__main__":
    main()
