"""HTTP contract of the routes: clean, classify (single and batch), health, admin reload."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.settings import Settings
from tests.conftest import TINY_EXAMPLES

KEY = "test-admin-key-0123456789"
PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def client(tiny_model_dir: Path) -> Iterator[TestClient]:
    settings = Settings(model_dir=tiny_model_dir, api_key=KEY, max_batch_items=4)
    with TestClient(create_app(settings)) as client:
        yield client


def _problem(response: Any, status: int, slug: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body: dict[str, Any] = response.json()
    assert body["type"] == f"urn:newsclean:problem:{slug}"
    assert body["status"] == status
    assert body["title"] and body["detail"]
    return body


# --- /v1/clean ---------------------------------------------------------------------------------


def test_clean_returns_paragraphs_from_text(client: TestClient) -> None:
    response = client.post("/v1/clean", json={"text": "First line of the story.\nSecond line."})
    assert response.status_code == 200
    body = response.json()
    assert "First line of the story." in body["text"]
    assert "removed" not in body


def test_clean_with_explain_lists_removals(client: TestClient) -> None:
    response = client.post("/v1/clean", json={"text": "A sentence of the story.", "explain": True})
    assert response.status_code == 200
    assert isinstance(response.json()["removed"], list)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"html": "<p>a</p>", "text": "a"}, "send exactly one of 'html' or 'text'"),
        ({}, "send exactly one of 'html' or 'text'"),
        ({"text": ""}, "text: must not be empty or whitespace only"),
        ({"text": " \n\t "}, "text: must not be empty or whitespace only"),
        ({"text": 5}, "text: Input should be a valid string"),
        ({"text": "a", "colour": "red"}, "colour: Extra inputs are not permitted"),
        ([1, 2], "Input should be a valid dictionary"),
    ],
    ids=["both", "neither", "empty", "whitespace", "wrong-type", "extra-field", "not-object"],
)
def test_clean_rejects_bad_fields_with_a_message(
    client: TestClient, body: Any, message: str
) -> None:
    problem = _problem(client.post("/v1/clean", json=body), 422, "validation-error")
    assert message in problem["detail"]
    assert problem["errors"]


# --- /v1/classify ------------------------------------------------------------------------------


def test_classify_scores_every_label_and_names_the_model(client: TestClient) -> None:
    response = client.post(
        "/v1/classify", json={"text": "Washington raised tariffs on imported steel."}
    )
    assert response.status_code == 200
    body = response.json()
    assert set(body["scores"]) == {"china", "defence", "tariffs"}
    assert all(0 <= s <= 1 for s in body["scores"].values())
    assert "tariffs" in body["labels"]
    assert body["thresholds"] == dict.fromkeys(["china", "defence", "tariffs"], 0.5)
    assert body["model"] == {
        "name": "tiny",
        "version": "test",
        "trained_at": "2026-01-01T00:00:00Z",
    }
    assert "explanation" not in body


def test_classify_cleans_html_first(client: TestClient) -> None:
    html = "<html><body><p>The army deployed troops and tanks near the border.</p></body></html>"
    response = client.post("/v1/classify", json={"html": html})
    assert response.status_code == 200
    assert "defence" in response.json()["labels"]


def test_classify_explain_returns_top_terms_per_label(client: TestClient) -> None:
    body = {"text": "New tariffs on imported steel.", "explain": True, "top_terms": 2}
    explanation = client.post("/v1/classify", json=body).json()["explanation"]
    assert set(explanation) == {"china", "defence", "tariffs"}
    assert all(len(terms) <= 2 for terms in explanation.values())
    assert "tariffs" in [t["term"] for t in explanation["tariffs"]]


@pytest.mark.parametrize(
    "body",
    [{"text": ""}, {"text": "a", "html": "<p>a</p>"}, {"text": None}, {"texts": "a"}],
    ids=["empty", "both", "null", "misspelt"],
)
def test_classify_rejects_bad_single_documents(client: TestClient, body: dict[str, Any]) -> None:
    _problem(client.post("/v1/classify", json=body), 422, "validation-error")


def test_classify_batch_answers_each_document_and_reports_bad_ones(client: TestClient) -> None:
    documents = [
        {"id": "steel", "text": "Beijing imposed tariffs on American soybeans."},
        {"id": "empty", "text": "   "},
        {"id": "neither"},
        {"id": "page", "html": "<p>The navy tested a missile from a new warship.</p>"},
    ]
    response = client.post("/v1/classify", json={"documents": documents})
    assert response.status_code == 200
    body = response.json()
    results = {r["id"]: r for r in body["results"]}
    assert [r["id"] for r in body["results"]] == ["steel", "empty", "neither", "page"]
    assert "tariffs" in results["steel"]["labels"]
    assert "defence" in results["page"]["labels"]
    assert results["empty"]["error"]["type"] == "urn:newsclean:problem:invalid-document"
    assert "exactly one" in results["neither"]["error"]["detail"]
    assert "scores" not in results["empty"]
    assert body["model"]["name"] == "tiny"
    assert set(body["thresholds"]) == {"china", "defence", "tariffs"}


def test_classify_batch_scores_equal_single_scores(client: TestClient) -> None:
    text = "The Chinese navy held military drills near Taiwan."
    single = client.post("/v1/classify", json={"text": text}).json()
    batch = client.post("/v1/classify", json={"documents": [{"id": "1", "text": text}]}).json()
    assert batch["results"][0]["scores"] == single["scores"]


def test_classify_batch_over_the_limit_is_refused(client: TestClient) -> None:
    documents = [{"id": str(i), "text": "tariffs"} for i in range(5)]
    problem = _problem(
        client.post("/v1/classify", json={"documents": documents}), 422, "batch-too-large"
    )
    assert "at most 4" in problem["detail"]


def test_classify_batch_with_wrongly_typed_item_names_the_field(client: TestClient) -> None:
    body = {"documents": [{"id": "a", "text": 5}]}
    problem = _problem(client.post("/v1/classify", json=body), 422, "validation-error")
    assert problem["errors"][0]["field"] == "documents.0.text"


def test_a_model_with_a_fourth_label_is_served_with_four_scores(
    tiny_model_factory: Callable[[Sequence[tuple[str, tuple[str, ...]]]], Path],
) -> None:
    examples = [
        *TINY_EXAMPLES,
        ("Voters queued at polling stations for the election.", ("elections",)),
        ("The election campaign ended with a televised debate.", ("elections",)),
    ]
    settings = Settings(model_dir=tiny_model_factory(examples))
    with TestClient(create_app(settings)) as client:
        body = client.post("/v1/classify", json={"text": "The election debate drew voters."}).json()
        ready = client.get("/readyz").json()
    assert set(body["scores"]) == {"china", "defence", "elections", "tariffs"}
    assert set(body["thresholds"]) == set(body["scores"])
    assert "elections" in body["labels"]
    assert ready["labels"] == ["china", "defence", "elections", "tariffs"]


def test_classify_without_a_model_is_503(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(model_dir=tmp_path / "missing"))) as client:
        problem = _problem(client.post("/v1/classify", json={"text": "x"}), 503, "model-not-loaded")
    assert "missing" in problem["detail"]


# --- health ------------------------------------------------------------------------------------


def test_livez_and_readyz_answer_when_a_model_is_loaded(client: TestClient) -> None:
    assert client.get("/livez").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["model"]["version"] == "test"


def test_readyz_is_503_but_livez_200_without_a_model(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(model_dir=tmp_path / "missing"))) as client:
        assert client.get("/livez").status_code == 200
        _problem(client.get("/readyz"), 503, "model-not-loaded")


def test_metrics_are_prometheus_text(client: TestClient) -> None:
    client.post("/v1/classify", json={"text": "Washington raised tariffs on imported steel."})
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert 'newsclean_predictions_total{label="tariffs"}' in response.text
    assert 'route="/v1/classify"' in response.text
    assert 'newsclean_model_info{name="tiny",trained_at=' in response.text


# --- /v1/admin/reload --------------------------------------------------------------------------


def test_reload_without_a_key_is_401(client: TestClient) -> None:
    response = client.post("/v1/admin/reload")
    _problem(response, 401, "missing-api-key")
    assert response.headers["www-authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "headers",
    [{"X-API-Key": "wrong"}, {"Authorization": "Bearer wrong"}, {"X-API-Key": KEY[:-1]}],
    ids=["header", "bearer", "prefix"],
)
def test_reload_with_a_wrong_key_is_403(client: TestClient, headers: dict[str, str]) -> None:
    _problem(client.post("/v1/admin/reload", headers=headers), 403, "wrong-api-key")


def test_reload_is_disabled_without_a_configured_key(tiny_model_dir: Path) -> None:
    with TestClient(create_app(Settings(model_dir=tiny_model_dir))) as client:
        response = client.post("/v1/admin/reload", headers={"X-API-Key": "anything"})
    _problem(response, 403, "admin-disabled")


@pytest.mark.parametrize(
    "headers", [{"X-API-Key": KEY}, {"Authorization": f"Bearer {KEY}"}], ids=["header", "bearer"]
)
def test_reload_swaps_in_the_named_folder(
    tiny_model_dir: Path,
    tiny_model_factory: Callable[[Sequence[tuple[str, tuple[str, ...]]]], Path],
    headers: dict[str, str],
) -> None:
    examples = [*TINY_EXAMPLES, ("Voters queued at polling stations.", ("elections",))]
    new_folder = tiny_model_factory(examples)
    with TestClient(create_app(Settings(model_dir=tiny_model_dir, api_key=KEY))) as client:
        response = client.post(
            "/v1/admin/reload", json={"model_dir": str(new_folder)}, headers=headers
        )
        scores = client.post("/v1/classify", json={"text": "Voters queued."}).json()["scores"]
    assert response.status_code == 200
    assert response.json()["labels"] == ["china", "defence", "elections", "tariffs"]
    assert response.json()["previous"]["name"] == "tiny"
    assert "elections" in scores


def test_reload_without_body_reloads_model_dir(client: TestClient) -> None:
    response = client.post("/v1/admin/reload", headers={"X-API-Key": KEY})
    assert response.status_code == 200
    assert response.json()["model"]["name"] == "tiny"


def test_failed_reload_keeps_the_old_model_serving(client: TestClient, tmp_path: Path) -> None:
    (tmp_path / "metadata.json").write_text("{not json")
    response = client.post(
        "/v1/admin/reload", json={"model_dir": str(tmp_path)}, headers={"X-API-Key": KEY}
    )
    problem = _problem(response, 422, "invalid-model-folder")
    assert "metadata.json" in problem["detail"]
    assert client.get("/readyz").json()["model"]["name"] == "tiny"
    assert client.post("/v1/classify", json={"text": "tariffs"}).status_code == 200


def test_reload_of_a_missing_folder_is_422(client: TestClient, tmp_path: Path) -> None:
    body = {"model_dir": str(tmp_path / "nowhere")}
    response = client.post("/v1/admin/reload", json=body, headers={"X-API-Key": KEY})
    _problem(response, 422, "invalid-model-folder")


def test_reload_makes_an_unready_service_ready(tiny_model_dir: Path, tmp_path: Path) -> None:
    settings = Settings(model_dir=tmp_path / "missing", api_key=KEY)
    with TestClient(create_app(settings)) as client:
        assert client.get("/readyz").status_code == 503
        body = {"model_dir": str(tiny_model_dir)}
        client.post("/v1/admin/reload", json=body, headers={"X-API-Key": KEY})
        assert client.get("/readyz").status_code == 200
