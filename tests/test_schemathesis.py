"""schemathesis against openapi.yaml, in process: every operation, >= 1,000 cases, no 5xx."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from service.app import create_app
from service.settings import Settings

pytestmark = pytest.mark.slow

CONTRACT = Path(__file__).resolve().parents[1] / "openapi.yaml"
KEY = "schemathesis-admin-key-0123"
CASES = 1000  # per operation and generation mode (negative only where a body can be wrong)


def _operations(app: FastAPI | None = None) -> dict[str, schemathesis.APIOperation]:
    schema = schemathesis.openapi.from_path(CONTRACT)
    schema.app = app  # operations capture the app when they are built
    return {op.label: op for op in (result.ok() for result in schema.get_all_operations())}


@pytest.fixture(scope="module")
def operations(tiny_model_dir: Path) -> Iterator[dict[str, schemathesis.APIOperation]]:
    app = create_app(Settings(model_dir=tiny_model_dir, api_key=KEY, max_batch_items=8))
    with TestClient(app):  # runs the lifespan once; schemathesis then calls the app in process
        yield _operations(app)


def _modes(operation: schemathesis.APIOperation) -> list[GenerationMode]:
    negative = [GenerationMode.NEGATIVE] if operation.body else []
    return [GenerationMode.POSITIVE, *negative]


@pytest.mark.parametrize("label", sorted(_operations()))
def test_no_input_yields_a_server_error(
    operations: dict[str, schemathesis.APIOperation],
    label: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    operation = operations[label]
    statuses: Counter[int] = Counter()
    for mode in _modes(operation):

        @settings(
            max_examples=CASES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        )
        @given(case=operation.as_strategy(generation_mode=mode))
        def run(case: schemathesis.Case) -> None:
            # Every eighth admin call carries the real key, so the reload path itself runs (a
            # reload of the tiny model takes ~0.3 s, which bounds how many we can afford).
            with_key = label.endswith("/admin/reload") and sum(statuses.values()) % 8 == 0
            headers = {"X-API-Key": KEY} if with_key else None
            # Every built-in check (no 5xx, documented status, content type, headers, schema,
            # invalid data rejected, auth enforced) but one: a schema-valid request may still be
            # refused for its meaning - no article left after cleaning, a model folder that does
            # not exist - and those 4xx answers are correct.
            response = case.call_and_validate(
                headers=headers, excluded_checks=[positive_data_acceptance]
            )
            statuses[response.status_code] += 1

        run()
    total = sum(statuses.values())
    with capsys.disabled():
        print(f"\nschemathesis {label}: {total} cases, statuses {dict(sorted(statuses.items()))}")
    assert total >= CASES
    assert not [status for status in statuses if status >= 500]


def test_every_operation_of_the_contract_is_covered() -> None:
    assert sorted(_operations()) == [
        "GET /livez",
        "GET /metrics",
        "GET /readyz",
        "POST /v1/admin/reload",
        "POST /v1/classify",
        "POST /v1/clean",
    ]
