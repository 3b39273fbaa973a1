"""Settings: every knob comes from the environment, with documented defaults."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from pydantic import ValidationError

from service.settings import Settings


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("PORT", "WORKERS", "MODEL_DIR", "API_KEY", "CORS_ORIGINS", "MAX_BODY_BYTES"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings()
    assert (settings.host, settings.port, settings.workers) == ("127.0.0.1", 8000, 1)
    assert settings.model_dir == Path("model")
    assert settings.max_body_bytes == 5 * 1024 * 1024
    assert settings.max_batch_items == 64
    assert settings.api_key is None
    assert settings.cors_origins == []


def test_environment_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORT", "9001")
    monkeypatch.setenv("WORKERS", "3")
    monkeypatch.setenv("MODEL_DIR", "/models/v7")
    monkeypatch.setenv("MAX_BODY_BYTES", "2048")
    monkeypatch.setenv("MAX_BATCH_ITEMS", "10")
    monkeypatch.setenv("CLEAN_TIME_BUDGET_S", "0.5")
    monkeypatch.setenv("API_KEY", "k" * 24)
    monkeypatch.setenv("CORS_ORIGINS", "https://a.example, https://b.example")
    monkeypatch.setenv("LOG_LEVEL", "WARNING")
    settings = Settings()
    assert (settings.port, settings.workers, settings.model_dir) == (9001, 3, Path("/models/v7"))
    assert (settings.max_body_bytes, settings.max_batch_items) == (2048, 10)
    assert settings.clean_time_budget_s == 0.5
    assert settings.api_key is not None and settings.api_key.get_secret_value() == "k" * 24
    assert settings.cors_origins == ["https://a.example", "https://b.example"]
    assert settings.log_level == "warning"


def test_the_key_never_shows_in_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("API_KEY", "very-secret-admin-key")
    assert "very-secret" not in repr(Settings())


def test_a_blank_key_disables_admin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("API_KEY", "  ")
    assert Settings().api_key is None


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("PORT", "0"),
        ("PORT", "http"),
        ("WORKERS", "0"),
        ("MAX_BODY_BYTES", "10"),
        ("CLEAN_TIME_BUDGET_S", "-1"),
        ("LOG_LEVEL", "loud"),
        ("API_KEY", "short"),
    ],
    ids=["port-zero", "port-text", "workers", "body-tiny", "budget", "level", "short-key"],
)
def test_bad_values_are_refused_naming_the_setting(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError, match=name.lower()):
        Settings()


def test_settings_are_read_when_the_app_is_built_not_at_import(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import service.app

    monkeypatch.setenv("PORT", "not-a-port")
    importlib.reload(service.app)  # importing must not read the environment
    with pytest.raises(ValidationError):
        service.app.create_app()
