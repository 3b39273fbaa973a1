"""The domain-error table: every row becomes a problem+json response with its status."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel

from service.cleaning.errors import CleaningError, CleaningTimeoutError
from service.errors import (
    PROBLEMS,
    AdminDisabledError,
    BatchTooLargeError,
    BodyTooLargeError,
    EmptyArticleError,
    InvalidDocumentError,
    InvalidJSONError,
    MissingApiKeyError,
    UnsupportedMediaTypeError,
    WrongApiKeyError,
    install_handlers,
    kind_of,
)
from service.model_slot import ModelNotLoadedError
from service.model_store import ModelFolderError, UntrustedModelError

EXAMPLES: list[tuple[Exception, int]] = [
    (BodyTooLargeError(10), 413),
    (UnsupportedMediaTypeError("text/plain"), 415),
    (InvalidJSONError("not JSON"), 400),
    (BatchTooLargeError(9, 8), 422),
    (InvalidDocumentError("empty"), 422),
    (EmptyArticleError(), 422),
    (CleaningTimeoutError("too slow"), 422),
    (CleaningError("bad"), 422),
    (ModelNotLoadedError("missing"), 503),
    (UntrustedModelError("os.system"), 422),
    (ModelFolderError("no metadata"), 422),
    (AdminDisabledError(), 403),
    (MissingApiKeyError(), 401),
    (WrongApiKeyError(), 403),
]


def _raising(error: Exception) -> FastAPI:
    app = FastAPI()

    @app.get("/")
    def fail() -> None:
        raise error

    install_handlers(app)
    return app


@pytest.mark.parametrize(("error", "status"), EXAMPLES, ids=[type(e).__name__ for e, _ in EXAMPLES])
def test_each_domain_error_is_a_problem_with_its_status(error: Exception, status: int) -> None:
    with TestClient(_raising(error)) as client:
        response = client.get("/")
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    assert body["detail"] == str(error)
    assert body["type"].startswith("urn:newsclean:problem:")


def test_every_table_row_is_exercised() -> None:
    assert {type(error) for error, _ in EXAMPLES} == set(PROBLEMS)


def test_an_error_without_a_row_takes_its_base_class_row() -> None:
    class NewFolderProblem(ModelFolderError):
        pass

    assert kind_of(NewFolderProblem("x")) == PROBLEMS[ModelFolderError]
    assert kind_of(UntrustedModelError("x")) == PROBLEMS[UntrustedModelError]
    assert kind_of(KeyError("x")) is None


def test_client_errors_are_never_5xx_except_capacity() -> None:
    assert {k.status for k in PROBLEMS.values() if k.status >= 500} == {503}


def test_unauthorized_carries_www_authenticate() -> None:
    with TestClient(_raising(MissingApiKeyError())) as client:
        assert client.get("/").headers["www-authenticate"].startswith("Bearer")


class _Number(BaseModel):
    n: int


def test_validation_errors_never_echo_the_input() -> None:
    app = FastAPI()

    @app.post("/")
    def take(body: _Number) -> None:
        return None

    install_handlers(app)
    secret = "s3cret-" * 1000
    with TestClient(app) as client:
        response = client.post("/", json={"n": secret})
    assert response.status_code == 422
    assert "s3cret" not in response.text
    assert response.json()["errors"][0]["field"] == "n"
