"""HTTP contract of the routes."""

from __future__ import annotations

from fastapi.testclient import TestClient

from service.app import create_app
from service.settings import Settings


def test_clean_rejects_both_html_and_text() -> None:
    with TestClient(create_app(Settings())) as client:
        response = client.post("/v1/clean", json={"html": "<p>a</p>", "text": "a"})
    assert response.status_code == 422


def test_clean_returns_paragraphs_from_text() -> None:
    with TestClient(create_app(Settings())) as client:
        response = client.post("/v1/clean", json={"text": "First line.\nSecond line."})
    assert response.status_code == 200
    assert response.json()["paragraphs"] == ["First line.", "Second line."]
