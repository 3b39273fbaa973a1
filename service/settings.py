"""Runtime settings, read from environment variables."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

LogLevel = Literal["critical", "error", "warning", "info", "debug"]


class Settings(BaseSettings):
    """Every runtime knob of the service; see the README's Settings table."""

    model_config = SettingsConfigDict(env_prefix="", case_sensitive=False, extra="ignore")

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    workers: int = Field(default=1, ge=1, le=64)
    model_dir: Path = Path("model")
    max_body_bytes: int = Field(default=5 * 1024 * 1024, ge=1024)
    max_batch_items: int = Field(default=64, ge=1, le=10_000)
    clean_time_budget_s: float = Field(default=3.0, gt=0, le=600)
    # The model reads at most this many characters of the cleaned text (news articles run to
    # tens of thousands); prediction time grows with length and cannot be interrupted.
    max_classify_chars: int = Field(default=100_000, ge=1000)
    # Threads for the CPU-bound routes. Cleaning holds the GIL, so anyio's default of 40 threads
    # adds no throughput and makes the event loop (health checks) wait longer for its turn:
    # `make bench-ops` measured /livez p99 of ~20 ms with 8 threads against ~100 ms with 40.
    threadpool_size: int = Field(default=8, ge=1, le=1000)
    # None disables the admin endpoints: a service without a key must not be reloadable.
    api_key: SecretStr | None = Field(default=None, min_length=16)
    # NoDecode: a comma-separated list in the environment, not JSON.
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    log_level: LogLevel = "info"

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @field_validator("api_key", mode="before")
    @classmethod
    def _blank_key_is_none(cls, value: object) -> object:
        # An empty API_KEY= line in an env file means "no key", never "the empty key".
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _lower_level(cls, value: object) -> object:
        return value.lower() if isinstance(value, str) else value
