"""Application factory: settings, model lifecycle, middleware, routes and error handling."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio.to_thread
from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware

from service.api import router
from service.batching import ClassifyBatcher
from service.contract import openapi_document
from service.errors import install_handlers
from service.inference import Limits, model_info
from service.logs import log_fields
from service.metrics import Metrics
from service.middleware import REQUEST_ID_HEADER, BodyLimitMiddleware, RequestContextMiddleware
from service.model_slot import ModelSlot
from service.model_store import ModelFolderError
from service.settings import Settings

VERSION = "0.1.0"
log = logging.getLogger("newsclean.app")


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the service from its settings (read from the environment when not given)."""
    settings = settings or Settings()
    app = FastAPI(
        title="newsclean",
        version=VERSION,
        summary="Cleans scraped news pages down to the article and classifies it by topic.",
        lifespan=_lifespan,
        docs_url=None,  # the docs pages pull scripts from a CDN; openapi.yaml is the contract
        redoc_url=None,
        generate_unique_id_function=lambda route: route.name,
    )
    app.state.settings = settings
    app.state.model_slot = ModelSlot()
    app.state.metrics = Metrics()
    limits = Limits(settings.clean_time_budget_s, settings.max_classify_chars)
    app.state.classify_batcher = ClassifyBatcher(limits, settings.max_batch_items)
    app.include_router(router)
    install_handlers(app)
    _add_middleware(app, settings)
    app.openapi = lambda: _cached_openapi(app)  # type: ignore[method-assign]
    return app


def _add_middleware(app: FastAPI, settings: Settings) -> None:
    # Added innermost first: the request context wraps everything, so even a 413 or a CORS
    # refusal carries a request id and is logged and counted.
    app.add_middleware(BodyLimitMiddleware, max_body_bytes=settings.max_body_bytes)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type", "Authorization", "X-API-Key", REQUEST_ID_HEADER],
            expose_headers=[REQUEST_ID_HEADER],
        )
    app.add_middleware(RequestContextMiddleware, metrics=app.state.metrics)


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    anyio.to_thread.current_default_thread_limiter().total_tokens = settings.threadpool_size
    await anyio.to_thread.run_sync(_load_at_start, app)
    try:
        yield
    finally:
        app.state.metrics.close()


def _load_at_start(app: FastAPI) -> None:
    settings: Settings = app.state.settings
    slot: ModelSlot = app.state.model_slot
    try:
        model = slot.load(settings.model_dir)
    except ModelFolderError as error:
        # Start anyway: /livez answers, /readyz says 503 with the reason, a reload can fix it.
        slot.record_failure(str(error))
        log.error("model not loaded; /readyz answers 503", extra={"reason": str(error)})
        return
    info = model_info(model).model_dump()
    app.state.metrics.set_model(info)
    log.info("model loaded", extra=log_fields(settings.model_dir, info))


def _cached_openapi(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema is None:
        app.openapi_schema = openapi_document(app)
    return app.openapi_schema
