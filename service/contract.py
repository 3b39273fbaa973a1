"""The OpenAPI document: FastAPI's schema plus what middleware adds (problem+json, request ids)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from service.errors import PROBLEM_MEDIA_TYPE
from service.middleware import REQUEST_ID_HEADER

OPENAPI_VERSION = "3.1.0"
_REF = "#/components/"
_REQUEST_ID_RULE = "1-128 characters of A-Z a-z 0-9 . _ : -"

# Declared once in components and referenced from every operation and response.
REQUEST_ID_PARAMETER: dict[str, Any] = {
    "name": REQUEST_ID_HEADER,
    "in": "header",
    "required": False,
    "description": f"Correlation id, echoed back; one that is not {_REQUEST_ID_RULE} is replaced "
    "by a generated one.",
    "schema": {"type": "string"},
}
REQUEST_ID_RESPONSE_HEADER: dict[str, Any] = {
    "description": "The request's correlation id (the caller's, or a generated one).",
    "required": True,
    "schema": {"type": "string", "pattern": "^[A-Za-z0-9._:\\-]{1,128}$"},
}


def openapi_document(app: FastAPI) -> dict[str, Any]:
    """The app's OpenAPI document as openapi.yaml records it."""
    document = get_openapi(
        title=app.title,
        version=app.version,
        summary=app.summary,
        openapi_version=OPENAPI_VERSION,
        routes=app.routes,
    )
    components = document.setdefault("components", {})
    components["parameters"] = {"RequestId": REQUEST_ID_PARAMETER}
    components["headers"] = {"RequestId": REQUEST_ID_RESPONSE_HEADER}
    for operation in _operations(document):
        operation.setdefault("parameters", []).append({"$ref": _REF + "parameters/RequestId"})
        for status, response in operation["responses"].items():
            _describe_response(status, response)
    return document


def _operations(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [op for path in document.get("paths", {}).values() for op in path.values()]


def _describe_response(status: str, response: dict[str, Any]) -> None:
    # Errors are problem+json (the handlers in service/errors.py), whatever FastAPI assumes.
    if status[0] in "45" and "application/json" in response.get("content", {}):
        response["content"][PROBLEM_MEDIA_TYPE] = response["content"].pop("application/json")
    response.setdefault("headers", {})[REQUEST_ID_HEADER] = {"$ref": _REF + "headers/RequestId"}


def write_yaml(document: dict[str, Any], path: Path) -> None:
    """Write the document as YAML (PyYAML is a development dependency)."""
    import yaml

    text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(text, encoding="utf-8")


def main(argv: list[str]) -> int:
    """python -m service.contract [PATH]: regenerate openapi.yaml from the app."""
    from service.app import create_app
    from service.settings import Settings

    target = Path(argv[0]) if argv else Path("openapi.yaml")
    write_yaml(create_app(Settings()).openapi(), target)
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
