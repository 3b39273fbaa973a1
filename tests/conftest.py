"""Shared fixtures: paths to ../shared data (tests using it skip when it is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder beside the checkout; skips the test when it is missing."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED
