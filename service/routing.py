"""Route class whose JSON bodies are parsed strictly: UTF-8 only, no NaN, bounded nesting."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

import orjson
from fastapi import Request, Response
from fastapi.routing import APIRoute


class StrictJSONRequest(Request):
    """A request whose json() uses orjson."""

    async def json(self) -> Any:
        """The parsed body; orjson.JSONDecodeError (a json.JSONDecodeError) when it is not JSON."""
        # The stdlib parser would accept UTF-16, lone surrogates that later break encoding, NaN,
        # and nesting deep enough to exhaust the stack; orjson rejects all of them.
        if not hasattr(self, "_json"):
            self._json = orjson.loads(await self.body())
        return self._json


class StrictJSONRoute(APIRoute):
    """An APIRoute that hands its handler a StrictJSONRequest."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        """FastAPI's handler, called with the strict request."""
        handler = super().get_route_handler()

        async def strict_handler(request: Request) -> Response:
            return await handler(StrictJSONRequest(request.scope, request.receive))

        return strict_handler
