"""Application factory: wires settings, routes and error handling."""

from __future__ import annotations

from fastapi import FastAPI

from service.api import router
from service.settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the service from its settings."""
    settings = settings or Settings()
    app = FastAPI(title="newsclean", version="0.1.0")
    app.state.settings = settings
    app.include_router(router)
    return app
