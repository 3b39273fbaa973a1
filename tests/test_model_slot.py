"""The model slot: atomic swaps, in-flight requests keep their model, failures keep the old one."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from service.model_slot import ModelNotLoadedError, ModelSlot
from service.model_store import ModelFolderError
from tests.conftest import TINY_EXAMPLES

FOURTH = [*TINY_EXAMPLES, ("Voters queued at polling stations.", ("elections",))]


def test_an_empty_slot_refuses_with_the_reason() -> None:
    slot = ModelSlot()
    slot.record_failure("metadata.json: file is missing")
    with pytest.raises(ModelNotLoadedError, match=r"metadata\.json"):
        slot.require()


def test_a_request_keeps_the_model_it_started_with(
    tiny_model_dir: Path,
    tiny_model_factory: Callable[[Sequence[tuple[str, tuple[str, ...]]]], Path],
) -> None:
    slot = ModelSlot()
    slot.load(tiny_model_dir)
    in_flight = slot.require()
    slot.load(tiny_model_factory(FOURTH))
    assert len(in_flight.labels) == 3
    assert len(in_flight.predict(["tariffs on steel"])[0].scores) == 3
    assert len(slot.require().labels) == 4


def test_a_failed_load_keeps_the_old_model(tiny_model_dir: Path, tmp_path: Path) -> None:
    slot = ModelSlot()
    old = slot.load(tiny_model_dir)
    with pytest.raises(ModelFolderError):
        slot.load(tmp_path)
    assert slot.require() is old


def test_readers_never_see_an_empty_slot_during_reloads(
    tiny_model_dir: Path,
    tiny_model_factory: Callable[[Sequence[tuple[str, tuple[str, ...]]]], Path],
) -> None:
    slot = ModelSlot()
    slot.load(tiny_model_dir)
    other = tiny_model_factory(FOURTH)
    stop = threading.Event()
    seen: list[int] = []

    def read() -> None:
        while not stop.is_set():
            seen.append(len(slot.require().labels))
            stop.wait(0.0005)  # yield the GIL so the loads in the main thread progress

    readers = [threading.Thread(target=read) for _ in range(2)]
    for thread in readers:
        thread.start()
    for folder in [other, tiny_model_dir] * 2:
        slot.load(folder)
    stop.set()
    for thread in readers:
        thread.join()
    assert seen
    assert set(seen) <= {3, 4}
