"""ASGI middleware: request ids, access logs and metrics, the last-resort 500, the body limit."""

from __future__ import annotations

import logging
import random
import re
import time

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.errors import INTERNAL, PROBLEMS, BodyTooLargeError, problem_response
from service.metrics import UNMATCHED_ROUTE, Metrics

REQUEST_ID_HEADER = "X-Request-ID"
# Caller ids go into our logs and headers: keep them short and free of anything a log parser or
# a header could trip on.
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:\-]{1,128}")

access_log = logging.getLogger("newsclean.access")
error_log = logging.getLogger("newsclean.errors")


def request_id_from(headers: Headers) -> str:
    """The caller's X-Request-ID when it is well formed, else a fresh one."""
    given = headers.get(REQUEST_ID_HEADER)
    if given is not None and _REQUEST_ID.fullmatch(given):
        return given
    # 128 random bits as 32 hex digits, like uuid4().hex, without its os.urandom call: that
    # syscall lets go of the GIL, and under load the event loop then waited for a pool thread
    # to hand it back (a fifth of the loop's time in `make bench`'s profile). Ids need to be
    # unique, not unguessable; `random` is reseeded in every forked or spawned worker.
    return f"{random.getrandbits(128):032x}"


def route_template(scope: Scope) -> str:
    """The matched route's path template, which keeps metric labels bounded."""
    route = scope.get("route")
    return (
        route.path if isinstance(route, BaseRoute) and hasattr(route, "path") else UNMATCHED_ROUTE
    )


class RequestContextMiddleware:
    """Gives each request an id, logs one JSON line and counts it; answers 500 if all else fails."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the request with its id in scope['state'] and the header on the response."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request_id = request_id_from(Headers(scope=scope))
        scope.setdefault("state", {})["request_id"] = request_id
        status = 500
        response_started = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status = message["status"]
                MutableHeaders(scope=message)[REQUEST_ID_HEADER] = request_id
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            # The boundary of last resort: a bug must still answer as problem+json, with the id.
            error_log.exception("unhandled error", extra={"request_id": request_id})
            if not response_started:
                await self._internal_error(request_id)(scope, receive, send_with_id)
        finally:
            self._record(scope, request_id, status, time.perf_counter() - started)

    @staticmethod
    def _internal_error(request_id: str) -> JSONResponse:
        detail = f"the service failed unexpectedly; quote request id {request_id}"
        return problem_response(INTERNAL, detail, request_id)

    def _record(self, scope: Scope, request_id: str, status: int, seconds: float) -> None:
        route = route_template(scope)
        self.metrics.observe_request(route, scope["method"], status, seconds)
        access_log.info(
            "request",
            extra={
                "request_id": request_id,
                "method": scope["method"],
                "path": scope["path"],
                "route": route,
                "status": status,
                "duration_ms": round(seconds * 1000, 3),
                "client": (scope.get("client") or ("-",))[0],
            },
        )


class BodyLimitMiddleware:
    """Refuses bodies over the limit: by Content-Length before reading, else while streaming."""

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on with a receive that counts bytes; answer 413 once over."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(Headers(scope=scope))
        if declared is not None and declared > self.max_body_bytes:
            await self._too_large(scope)(scope, receive, send)
            return
        received = 0
        exceeded = False
        response_started = False

        async def counting_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    exceeded = True
                    raise BodyTooLargeError(self.max_body_bytes)
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal response_started
            # Whatever the app made of the aborted read is replaced by our 413 below.
            if exceeded:
                return
            response_started |= message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception:
            # Once over the limit, the app's failure to read the body is expected, not a bug.
            if not exceeded:
                raise
        if exceeded and not response_started:
            await self._too_large(scope)(scope, receive, send)

    def _too_large(self, scope: Scope) -> JSONResponse:
        request_id = scope.get("state", {}).get("request_id")
        error = BodyTooLargeError(self.max_body_bytes)
        # Tell the client we stop reading, so it does not keep the connection for the rest.
        headers = {"Connection": "close"}
        return problem_response(PROBLEMS[BodyTooLargeError], str(error), request_id, headers)


def _content_length(headers: Headers) -> int | None:
    value = headers.get("content-length")
    return int(value) if value is not None and value.isdigit() else None
