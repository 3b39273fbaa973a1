"""HTTP routes: request model in, core call, response model out."""

from __future__ import annotations

import hmac
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request, Response
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from service.batching import ClassifyBatcher, is_batchable
from service.cleaning import CLEANER_VERSION, clean
from service.errors import (
    AdminDisabledError,
    BatchTooLargeError,
    MissingApiKeyError,
    UnsupportedMediaTypeError,
    WrongApiKeyError,
)
from service.inference import Budget, classify_batch, classify_one, model_info
from service.logs import log_fields
from service.metrics import Metrics
from service.model_slot import ModelSlot
from service.routing import StrictJSONRoute
from service.schemas import (
    ClassifyBatchRequest,
    ClassifyBatchResponse,
    ClassifyBody,
    ClassifyResponse,
    CleanRequest,
    CleanResponse,
    Liveness,
    Problem,
    Readiness,
    ReloadRequest,
    ReloadResponse,
    RemovalOut,
)
from service.settings import Settings

log = logging.getLogger("newsclean.api")


# The dependencies are async on purpose: a plain def would run in the threadpool, and the health
# routes must answer even when every pool thread is busy.
async def _settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


async def _slot(request: Request) -> ModelSlot:
    return request.app.state.model_slot  # type: ignore[no-any-return]


async def _metrics(request: Request) -> Metrics:
    return request.app.state.metrics  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class ClassifyContext:
    """What /v1/classify needs from the app."""

    settings: Settings
    slot: ModelSlot
    metrics: Metrics
    batcher: ClassifyBatcher


async def _classify_context(request: Request) -> ClassifyContext:
    # One dependency instead of four on the hot path: FastAPI resolves each one per request,
    # and that was an eighth of the service's time under load in `make bench`'s profile.
    state = request.app.state
    return ClassifyContext(state.settings, state.model_slot, state.metrics, state.classify_batcher)


SettingsDep = Annotated[Settings, Depends(_settings)]
SlotDep = Annotated[ModelSlot, Depends(_slot)]
MetricsDep = Annotated[Metrics, Depends(_metrics)]
ClassifyContextDep = Annotated[ClassifyContext, Depends(_classify_context)]
ApiKeyDep = Annotated[str | None, Depends(APIKeyHeader(name="X-API-Key", auto_error=False))]
BearerDep = Annotated[HTTPAuthorizationCredentials | None, Depends(HTTPBearer(auto_error=False))]


async def require_json(request: Request) -> None:
    """Refuse a body that is not declared as JSON (415) before it is validated."""
    if not _has_body(request):
        return
    content_type = request.headers.get("content-type")
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    if media_type != "application/json" and not media_type.endswith("+json"):
        raise UnsupportedMediaTypeError(content_type)


def _has_body(request: Request) -> bool:
    length = request.headers.get("content-length")
    return "transfer-encoding" in request.headers or (length is not None and length != "0")


async def require_admin(settings: SettingsDep, api_key: ApiKeyDep, bearer: BearerDep) -> None:
    """Admit only callers holding API_KEY; with no key configured the endpoints are off."""
    if settings.api_key is None:
        raise AdminDisabledError
    given = api_key if api_key is not None else (bearer.credentials if bearer else None)
    if not given:
        raise MissingApiKeyError
    expected = settings.api_key.get_secret_value().encode()
    # Constant time, so the response time does not reveal how much of the key matched.
    if not hmac.compare_digest(given.encode(), expected):
        raise WrongApiKeyError


def _problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {status: {"model": Problem} for status in statuses}


router = APIRouter(route_class=StrictJSONRoute)
json_body = [Depends(require_json)]


@router.post(
    "/v1/clean",
    dependencies=json_body,
    response_model_exclude_unset=True,
    responses=_problems(400, 413, 415, 422),
)
def clean_article(
    request: CleanRequest, settings: SettingsDep, metrics: MetricsDep
) -> CleanResponse:
    """Return the article inside a page's HTML or scraped text."""
    deadline = time.monotonic() + settings.clean_time_budget_s
    article = clean(html=request.html, text=request.text, url=request.url, deadline=deadline)
    metrics.count_removals(r.rule for r in article.removed)
    response = CleanResponse(
        title=article.title,
        text=article.text,
        paragraphs=article.paragraphs,
        cleaner_version=CLEANER_VERSION,
    )
    if request.explain:
        response.removed = [RemovalOut(rule=r.rule, text=r.text) for r in article.removed]
    return response


@router.post(
    "/v1/classify",
    dependencies=json_body,
    response_model_exclude_unset=True,
    responses=_problems(400, 413, 415, 422, 503),
)
async def classify(
    body: ClassifyBody, context: ClassifyContextDep
) -> ClassifyResponse | ClassifyBatchResponse:
    """Score a document (or a batch) against every label of the serving model."""
    # async: the CPU-bound work still runs in pool threads (run_in_threadpool, or the batcher's),
    # and the event loop keeps answering health checks meanwhile.
    settings, metrics = context.settings, context.metrics
    model = context.slot.require()  # this request keeps this model if a reload swaps it meanwhile
    budget = Budget.starting_now(settings.clean_time_budget_s, settings.max_classify_chars)
    if isinstance(body, ClassifyBatchRequest):
        if len(body.documents) > settings.max_batch_items:
            raise BatchTooLargeError(len(body.documents), settings.max_batch_items)
        batch = await run_in_threadpool(classify_batch, model, body, budget)
        metrics.count_predictions(r.labels for r in batch.results if r.labels is not None)
        return batch
    if is_batchable(body):
        single = await context.batcher.classify(model, body)
    else:
        single = await run_in_threadpool(classify_one, model, body, budget)
    metrics.count_predictions([single.labels])
    return single


@router.post(
    "/v1/admin/reload",
    dependencies=[*json_body, Depends(require_admin)],
    responses=_problems(400, 401, 403, 413, 415, 422),
)
def reload_model(
    settings: SettingsDep,
    slot: SlotDep,
    metrics: MetricsDep,
    body: Annotated[ReloadRequest | None, Body()] = None,
) -> ReloadResponse:
    """Load a model folder (MODEL_DIR by default) and swap it in; the old one serves on failure."""
    folder = Path(body.model_dir) if body and body.model_dir else settings.model_dir
    previous = slot.model
    model = slot.load(folder)
    info = model_info(model)
    metrics.set_model(info.model_dump())
    log.info("model reloaded", extra=log_fields(folder, info.model_dump()))
    return ReloadResponse(
        model=info,
        labels=list(model.labels),
        previous=model_info(previous) if previous is not None else None,
    )


@router.get("/livez")
async def livez() -> Liveness:
    """The process is up and its event loop answers (async: never waits for the threadpool)."""
    return Liveness()


@router.get("/readyz", responses=_problems(503))
async def readyz(slot: SlotDep) -> Readiness:
    """Ready only when a model is loaded and passed its smoke prediction."""
    model = slot.require()
    return Readiness(model=model_info(model), labels=list(model.labels))


@router.get(
    "/metrics",
    response_class=Response,
    responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}}}},
)
async def metrics_text(metrics: MetricsDep) -> Response:
    """Prometheus exposition of this service's metrics."""
    return Response(metrics.render(), media_type=metrics.content_type)
