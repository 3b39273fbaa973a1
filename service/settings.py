"""Runtime settings, read from environment variables."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every runtime knob of the service; see the README's Settings table."""

    model_config = SettingsConfigDict(env_prefix="", case_sensitive=False, extra="ignore")

    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    model_dir: Path = Path("model")
    max_body_bytes: int = 5 * 1024 * 1024
    log_level: str = "info"
