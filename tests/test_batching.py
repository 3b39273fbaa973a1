"""Batcher: concurrent requests scored together, each with its own answer or its own error."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from service.batching import SMALL_DOCUMENT_CHARS, ClassifyBatcher, is_batchable
from service.classifier import TopicClassifier
from service.errors import EmptyArticleError
from service.inference import Budget, Limits, classify_one
from service.schemas import ClassifyRequest
from tests.conftest import TINY_EXAMPLES

ModelFactory = Callable[[Sequence[tuple[str, tuple[str, ...]]]], Path]
LIMITS = Limits(clean_time_budget_s=3.0, max_classify_chars=100_000)


@pytest.fixture(scope="module")
def classifier(tiny_model_dir: Path) -> TopicClassifier:
    return TopicClassifier.load(tiny_model_dir)


def _alone(model: TopicClassifier, request: ClassifyRequest) -> object:
    return classify_one(model, request, Budget.starting_now(3.0, 100_000))


def test_concurrent_requests_get_the_answers_they_would_get_alone(
    classifier: TopicClassifier,
) -> None:
    requests = [ClassifyRequest(text=text) for text, _ in TINY_EXAMPLES]

    async def run() -> list[object]:
        batcher = ClassifyBatcher(LIMITS, max_batch=4)
        return await asyncio.gather(*(batcher.classify(classifier, r) for r in requests))

    assert asyncio.run(run()) == [_alone(classifier, r) for r in requests]


def test_a_document_with_no_article_fails_alone(classifier: TopicClassifier) -> None:
    good = ClassifyRequest(text=TINY_EXAMPLES[0][0])
    empty = ClassifyRequest(text="Advertisement")

    async def run() -> list[object]:
        batcher = ClassifyBatcher(LIMITS, max_batch=64)
        calls = (batcher.classify(classifier, r) for r in (good, empty, good))
        return await asyncio.gather(*calls, return_exceptions=True)

    first, second, third = asyncio.run(run())
    assert isinstance(second, EmptyArticleError)
    assert first == third == _alone(classifier, good)


def test_each_request_is_scored_by_the_model_it_started_with(
    classifier: TopicClassifier, tiny_model_factory: ModelFactory
) -> None:
    other = TopicClassifier.load(tiny_model_factory([*TINY_EXAMPLES, ("Rain fell.", ())]))
    request = ClassifyRequest(text=TINY_EXAMPLES[0][0])

    async def run() -> list[object]:
        batcher = ClassifyBatcher(LIMITS, max_batch=64)
        return await asyncio.gather(
            batcher.classify(classifier, request), batcher.classify(other, request)
        )

    assert asyncio.run(run()) == [_alone(classifier, request), _alone(other, request)]


@pytest.mark.parametrize(
    ("request_", "batched"),
    [
        (ClassifyRequest(text="short"), True),
        (ClassifyRequest(html="<p>short</p>"), True),
        (ClassifyRequest(text="short", explain=True), False),
        (ClassifyRequest(text="x" * (SMALL_DOCUMENT_CHARS + 1)), False),
    ],
    ids=["text", "html", "explain", "large"],
)
def test_only_small_documents_without_explanations_are_batched(
    request_: ClassifyRequest, batched: bool
) -> None:
    assert is_batchable(request_) is batched
