"""Domain errors of the cleaner (no HTTP codes: the app maps them to responses)."""

from __future__ import annotations

import time


class CleaningError(Exception):
    """Base of every error the cleaner raises on purpose."""


class CleaningTimeoutError(CleaningError):
    """The cleaning deadline passed before the article was ready."""

    def __init__(self, stage: str) -> None:
        super().__init__(f"cleaning ran past its deadline (during {stage})")
        self.stage = stage


def check_deadline(deadline: float | None, stage: str) -> None:
    """Raise CleaningTimeoutError when `deadline` (a time.monotonic() instant) has passed."""
    if deadline is not None and time.monotonic() >= deadline:
        raise CleaningTimeoutError(stage)
