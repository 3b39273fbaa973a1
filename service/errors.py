"""The one table that maps domain errors to RFC 9457 problem responses, and its handlers."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, Response

from service.cleaning.errors import CleaningError, CleaningTimeoutError
from service.model_slot import ModelNotLoadedError
from service.model_store import ModelFolderError, UntrustedModelError
from service.schemas import BODY_VARIANTS, NON_BLANK_PATTERN

PROBLEM_MEDIA_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:newsclean:problem:"

log = logging.getLogger("newsclean.errors")


class BodyTooLargeError(Exception):
    """The request body is over MAX_BODY_BYTES."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"request body is over the limit of {limit} bytes (MAX_BODY_BYTES)")


class UnsupportedMediaTypeError(Exception):
    """The request body is not declared as JSON."""

    def __init__(self, content_type: str | None) -> None:
        got = f"'{content_type}'" if content_type else "no Content-Type"
        super().__init__(f"send the body as 'application/json' (got {got})")


class InvalidJSONError(Exception):
    """The request body is not UTF-8 JSON."""


class InvalidDocumentError(Exception):
    """A batch document has no usable content."""


class BatchTooLargeError(Exception):
    """A batch has more documents than MAX_BATCH_ITEMS."""

    def __init__(self, count: int, limit: int) -> None:
        super().__init__(f"a batch holds at most {limit} documents (MAX_BATCH_ITEMS); got {count}")


class EmptyArticleError(Exception):
    """Cleaning left no article text to classify."""

    def __init__(self) -> None:
        super().__init__("no article text is left after cleaning; nothing to classify")


class AdminDisabledError(Exception):
    """Admin endpoints are off because no API_KEY is configured."""

    def __init__(self) -> None:
        super().__init__("admin endpoints are disabled: the service has no API_KEY configured")


class MissingApiKeyError(Exception):
    """An admin request came without a key."""

    def __init__(self) -> None:
        super().__init__("send the API key in 'X-API-Key' or 'Authorization: Bearer <key>'")


class WrongApiKeyError(Exception):
    """An admin request came with a key that does not match."""

    def __init__(self) -> None:
        super().__init__("the API key is not valid")


@dataclass(frozen=True, slots=True)
class ProblemKind:
    """How one kind of failure looks on the wire."""

    status: int
    slug: str
    title: str

    @property
    def type(self) -> str:
        """The problem's type URI."""
        return TYPE_PREFIX + self.slug


# The one mapping from domain errors to responses; an error without a row of its own takes the
# row of its nearest base class (kind_of walks the class hierarchy).
PROBLEMS: Mapping[type[Exception], ProblemKind] = {
    BodyTooLargeError: ProblemKind(413, "body-too-large", "Request body too large"),
    UnsupportedMediaTypeError: ProblemKind(415, "unsupported-media-type", "Unsupported media type"),
    InvalidJSONError: ProblemKind(400, "invalid-json", "Body is not valid UTF-8 JSON"),
    BatchTooLargeError: ProblemKind(422, "batch-too-large", "Too many documents in the batch"),
    InvalidDocumentError: ProblemKind(422, "invalid-document", "Document has no usable content"),
    EmptyArticleError: ProblemKind(422, "empty-article", "No article text to classify"),
    CleaningTimeoutError: ProblemKind(422, "cleaning-timeout", "Content too complex to clean"),
    CleaningError: ProblemKind(422, "cleaning-failed", "Content could not be cleaned"),
    ModelNotLoadedError: ProblemKind(503, "model-not-loaded", "No model is loaded"),
    UntrustedModelError: ProblemKind(
        422, "untrusted-model", "Model artefact holds untrusted types"
    ),
    ModelFolderError: ProblemKind(422, "invalid-model-folder", "Model folder rejected"),
    AdminDisabledError: ProblemKind(403, "admin-disabled", "Admin endpoints are disabled"),
    MissingApiKeyError: ProblemKind(401, "missing-api-key", "API key required"),
    WrongApiKeyError: ProblemKind(403, "wrong-api-key", "API key not valid"),
}

VALIDATION = ProblemKind(422, "validation-error", "Request does not match the schema")
INTERNAL = ProblemKind(500, "internal-error", "Internal server error")


def kind_of(error: Exception) -> ProblemKind | None:
    """The table row for an error, following its class hierarchy."""
    for cls in type(error).__mro__:
        if cls in PROBLEMS:
            return PROBLEMS[cls]
    return None


def problem_body(
    kind: ProblemKind, detail: str, request_id: str | None = None, **extra: Any
) -> dict[str, Any]:
    """The problem-details object for one failure."""
    body: dict[str, Any] = {
        "type": kind.type,
        "title": kind.title,
        "status": kind.status,
        "detail": detail,
    }
    if request_id:
        body["request_id"] = request_id
    return body | extra


def problem_response(
    kind: ProblemKind,
    detail: str,
    request_id: str | None = None,
    headers: Mapping[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    """A problem+json response."""
    return JSONResponse(
        problem_body(kind, detail, request_id, **extra),
        status_code=kind.status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=dict(headers or {}),
    )


def _request_id(request: Request) -> str | None:
    return request.scope.get("state", {}).get("request_id")


def field_errors(exc: RequestValidationError) -> list[dict[str, str]]:
    """Pydantic's errors as {field, message, type}, never echoing the (possibly huge) input."""
    return [
        {
            "field": _field(error.get("loc", ())),
            "message": _message(error),
            "type": str(error.get("type", "invalid")),
        }
        for error in exc.errors()
    ]


def _field(location: tuple[Any, ...]) -> str:
    # "body" and the classify union's branch names say nothing a caller can act on.
    parts = [str(p) for p in location if p != "body" and p not in BODY_VARIANTS]
    return ".".join(parts) or "(body)"


def _message(error: Mapping[str, Any]) -> str:
    if error.get("type") == "string_pattern_mismatch" and error.get("ctx", {}).get("pattern") == (
        NON_BLANK_PATTERN
    ):
        return "must not be empty or whitespace only"
    return str(error.get("msg", "invalid")).removeprefix("Value error, ")


async def _on_validation(request: Request, exc: Exception) -> Response:
    if not isinstance(exc, RequestValidationError):  # registered for this type only
        raise exc
    for error in exc.errors():
        if error.get("type") == "json_invalid":
            kind = PROBLEMS[InvalidJSONError]
            detail = _json_detail(str(error.get("ctx", {}).get("error", "malformed JSON")))
            return problem_response(kind, detail, _request_id(request))
    errors = field_errors(exc)
    detail = "; ".join(
        e["message"] if e["field"] == "(body)" else f"{e['field']}: {e['message']}"
        for e in errors[:5]
    )
    return problem_response(VALIDATION, detail, _request_id(request), errors=errors)


def _json_detail(reason: str) -> str:
    # orjson reports invalid UTF-8 as "str is not valid UTF-8: surrogates not allowed".
    if "not valid UTF-8" in reason:
        return "the body is not valid UTF-8 (JSON bodies must be UTF-8)"
    return f"the body is not valid JSON: {reason}"


async def _on_http(request: Request, exc: Exception) -> Response:
    if not isinstance(exc, HTTPException):  # registered for this type only
        raise exc
    kind = ProblemKind(exc.status_code, f"http-{exc.status_code}", _reason(exc.status_code))
    return problem_response(kind, str(exc.detail), _request_id(request), exc.headers)


async def _on_domain(request: Request, exc: Exception) -> Response:
    kind = kind_of(exc)
    if kind is None:  # only registered for table rows, so this is a programming error
        raise exc
    log.info("request failed: %s", exc, extra={"problem": kind.slug})
    headers = {"WWW-Authenticate": 'Bearer realm="admin"'} if kind.status == 401 else None
    return problem_response(kind, str(exc), _request_id(request), headers)


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def install_handlers(app: FastAPI) -> None:
    """Register the problem-details handlers for every error the table knows."""
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(HTTPException, _on_http)
    for error_type in PROBLEMS:
        app.add_exception_handler(error_type, _on_domain)
