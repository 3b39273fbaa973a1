"""Concurrent single-document classify requests, scored together in one pool-thread hand-off."""

# Why: a 1 KB prediction costs about 1 ms, and handing each request to a pool thread and back
# cost nearly as much again (thread wake-ups, and the GIL passing between the event loop and the
# workers). Requests that arrive while a batch is being scored wait for the next batch, so under
# load batches form by themselves; a request that arrives alone is scored at once, as a batch of
# one. Only small requests come here (see api.classify), so one batch cannot hold up the next
# for long; large or HTML documents and explanations keep a pool thread each.

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

import anyio.to_thread

from service.classifier import TopicClassifier
from service.inference import Limits, Outcome, classify_many
from service.schemas import ClassifyRequest, ClassifyResponse

# Documents up to this many characters share batches: cleaning and scoring one takes a few
# milliseconds at most, so a batch of them never holds the next batch up for long.
SMALL_DOCUMENT_CHARS = 20_000


@dataclass(frozen=True, slots=True)
class _Job:
    model: TopicClassifier
    request: ClassifyRequest
    future: asyncio.Future[ClassifyResponse]


def is_batchable(request: ClassifyRequest) -> bool:
    """Small documents without an explanation go through the batcher."""
    content = request.text if request.text is not None else request.html
    return not request.explain and len(content or "") <= SMALL_DOCUMENT_CHARS


class ClassifyBatcher:
    """Queues single-document requests; one drain task scores them a batch at a time."""

    def __init__(self, limits: Limits, max_batch: int) -> None:
        self.limits = limits
        self.max_batch = max_batch
        self._queue: list[_Job] = []
        self._drain_task: asyncio.Task[None] | None = None

    async def classify(self, model: TopicClassifier, request: ClassifyRequest) -> ClassifyResponse:
        """The response for `request`, scored by `model` along with whatever else is queued."""
        loop = asyncio.get_running_loop()
        job = _Job(model, request, loop.create_future())
        self._queue.append(job)
        if self._drain_task is None:
            self._drain_task = loop.create_task(self._drain())
        return await job.future

    async def _drain(self) -> None:
        try:
            while self._queue:
                jobs = self._queue[: self.max_batch]
                del self._queue[: self.max_batch]
                await self._run(jobs)
        finally:
            self._drain_task = None

    async def _run(self, jobs: list[_Job]) -> None:
        try:
            outcomes = await anyio.to_thread.run_sync(_score, jobs, self.limits)
        except Exception as error:  # a bug: every request of the batch answers 500 with it
            outcomes = [error] * len(jobs)
        for job, outcome in zip(jobs, outcomes, strict=True):
            if job.future.done():  # the caller went away and its request was cancelled
                continue
            if isinstance(outcome, Exception):
                job.future.set_exception(outcome)
            else:
                job.future.set_result(outcome)


def _score(jobs: Sequence[_Job], limits: Limits) -> list[Outcome]:
    # A reload between two requests may put two models in one batch: each scores its own.
    outcomes: dict[int, Outcome] = {}
    by_model: dict[int, list[int]] = {}
    for index, job in enumerate(jobs):
        by_model.setdefault(id(job.model), []).append(index)
    for indices in by_model.values():
        model = jobs[indices[0]].model
        results = classify_many(model, [jobs[i].request for i in indices], limits)
        outcomes.update(zip(indices, results, strict=True))
    return [outcomes[i] for i in range(len(jobs))]
