"""The serving model, held in one reference that a reload swaps atomically."""

from __future__ import annotations

import threading
from pathlib import Path

from service.classifier import TopicClassifier


class ModelNotLoadedError(Exception):
    """No model is serving (the start-up load failed and no reload has succeeded)."""

    def __init__(self, reason: str | None) -> None:
        super().__init__(f"no model is loaded: {reason or 'not loaded yet'}")


class ModelSlot:
    """Holds the current classifier; readers take one reference and keep it for the request."""

    def __init__(self) -> None:
        self._model: TopicClassifier | None = None
        self._load_lock = threading.Lock()
        self.last_error: str | None = None

    @property
    def model(self) -> TopicClassifier | None:
        """The serving model, or None when none is loaded."""
        return self._model

    def require(self) -> TopicClassifier:
        """The serving model; raises ModelNotLoadedError when there is none."""
        model = self._model
        if model is None:
            raise ModelNotLoadedError(self.last_error)
        return model

    def load(self, folder: Path) -> TopicClassifier:
        """Validate the folder and swap it in; on failure the old model keeps serving."""
        # The lock only orders concurrent reloads; readers never wait on it.
        with self._load_lock:
            model = TopicClassifier.load(folder)
            # One reference assignment: a request that already took the old model keeps it.
            self._model = model
            self.last_error = None
            return model

    def record_failure(self, reason: str) -> None:
        """Remember why the start-up load failed, for /readyz and 503 details."""
        self.last_error = reason
