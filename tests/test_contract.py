"""openapi.yaml is the contract: the app's generated schema must equal it (run `make openapi`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from fastapi.routing import APIRoute

from service.api import router
from service.app import create_app
from service.settings import Settings

CONTRACT = Path(__file__).resolve().parents[1] / "openapi.yaml"


def _generated(settings: Settings) -> dict[str, Any]:
    # Through JSON, so that tuples and lists or ints and floats compare as the file holds them.
    return json.loads(json.dumps(create_app(settings).openapi()))  # type: ignore[no-any-return]


def _contract() -> dict[str, Any]:
    return yaml.safe_load(CONTRACT.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_openapi_yaml_matches_the_app() -> None:
    assert _generated(Settings()) == _contract(), "openapi.yaml is stale: run `make openapi`"


def test_the_contract_does_not_depend_on_settings() -> None:
    tuned = Settings(max_body_bytes=2048, max_batch_items=2, api_key="k" * 20, cors_origins=["*"])
    assert _generated(tuned) == _contract()


def test_every_error_response_is_problem_json_and_every_response_names_the_request_id() -> None:
    for path, item in _contract()["paths"].items():
        for method, operation in item.items():
            assert {"$ref": "#/components/parameters/RequestId"} in operation["parameters"]
            for status, response in operation["responses"].items():
                where = f"{method.upper()} {path} {status}"
                assert "X-Request-ID" in response["headers"], where
                if status.startswith(("4", "5")):
                    assert list(response["content"]) == ["application/problem+json"], where


def test_every_route_of_the_api_is_in_the_contract() -> None:
    routes = {
        (route.path, method.lower())
        for route in router.routes
        if isinstance(route, APIRoute)
        for method in route.methods
    }
    documented = {(path, method) for path, item in _contract()["paths"].items() for method in item}
    assert routes == documented
