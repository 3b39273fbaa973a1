"""Classify requests to responses: prepare each document, predict in one pass, explain on demand."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from service.classifier import Prediction, TopicClassifier, prepare
from service.cleaning.errors import CleaningError
from service.errors import INTERNAL, EmptyArticleError, InvalidDocumentError, kind_of, problem_body
from service.schemas import (
    BatchResult,
    ClassifyBatchRequest,
    ClassifyBatchResponse,
    ClassifyDocument,
    ClassifyRequest,
    ClassifyResponse,
    ModelInfo,
    Problem,
    TermWeight,
)

# A caller's mistake in one document becomes that document's error entry; anything else is a bug
# and fails the whole request.
DOCUMENT_ERRORS = (InvalidDocumentError, EmptyArticleError, CleaningError)


@dataclass(frozen=True, slots=True)
class Budget:
    """What one request may spend: a cleaning deadline (time.monotonic) and model input length."""

    deadline: float
    max_chars: int

    @classmethod
    def starting_now(cls, seconds: float, max_chars: int) -> Budget:
        """A budget of `seconds` from now."""
        return cls(time.monotonic() + seconds, max_chars)


@dataclass(frozen=True, slots=True)
class Limits:
    """What each document may spend once its turn comes: cleaning seconds, model characters."""

    clean_time_budget_s: float
    max_classify_chars: int

    def budget(self) -> Budget:
        """A budget starting now."""
        return Budget.starting_now(self.clean_time_budget_s, self.max_classify_chars)


# One request's answer from a shared batch: its response, or the error its own document raised.
Outcome = ClassifyResponse | Exception


def classify_one(
    model: TopicClassifier, request: ClassifyRequest, budget: Budget
) -> ClassifyResponse:
    """Score one document; errors propagate to the app's error table."""
    text = _prepare(request.text, request.html, budget)
    return _response(model, request, text, model.predict([text])[0])


def classify_many(
    model: TopicClassifier, requests: Sequence[ClassifyRequest], limits: Limits
) -> list[Outcome]:
    """Score single-document requests in one pass; a document's own error is its outcome."""
    texts: dict[int, str] = {}
    outcomes: dict[int, Outcome] = {}
    for index, request in enumerate(requests):
        try:
            texts[index] = _prepare(request.text, request.html, limits.budget())
        except DOCUMENT_ERRORS as error:
            outcomes[index] = error
    predictions = model.predict(list(texts.values()))
    for (index, text), prediction in zip(texts.items(), predictions, strict=True):
        outcomes[index] = _response(model, requests[index], text, prediction)
    return [outcomes[index] for index in range(len(requests))]


def _response(
    model: TopicClassifier, request: ClassifyRequest, text: str, prediction: Prediction
) -> ClassifyResponse:
    response = ClassifyResponse(
        labels=prediction.labels,
        scores=prediction.scores,
        thresholds=dict(model.thresholds),
        model=model_info(model),
    )
    if request.explain:
        response.explanation = _explain(model, text, request.top_terms)
    return response


def classify_batch(
    model: TopicClassifier, request: ClassifyBatchRequest, budget: Budget
) -> ClassifyBatchResponse:
    """Score every valid document in one pass; each bad document gets its own error entry."""
    texts: dict[int, str] = {}
    errors: dict[int, Problem] = {}
    for index, document in enumerate(request.documents):
        try:
            texts[index] = _prepare_document(document, budget)
        except DOCUMENT_ERRORS as error:
            errors[index] = _problem(error)
    predictions = dict(zip(texts, model.predict(list(texts.values())), strict=True))
    results = [
        _result(model, document, predictions.get(i), texts.get(i), errors.get(i), request)
        for i, document in enumerate(request.documents)
    ]
    return ClassifyBatchResponse(
        results=results, thresholds=dict(model.thresholds), model=model_info(model)
    )


def model_info(model: TopicClassifier) -> ModelInfo:
    """The model's identity as the API shows it."""
    info = model.info
    return ModelInfo(name=info.name, version=info.version, trained_at=str(info.trained_at))


def _prepare_document(document: ClassifyDocument, budget: Budget) -> str:
    if (document.text is None) == (document.html is None):
        raise InvalidDocumentError("send exactly one of 'html' or 'text'")
    content = document.text if document.text is not None else document.html
    if content is None or not content.strip():
        raise InvalidDocumentError("the document is empty")
    return _prepare(document.text, document.html, budget)


def _prepare(text: str | None, html: str | None, budget: Budget) -> str:
    prepared = prepare(text=text, html=html, deadline=budget.deadline)
    if not prepared.strip():
        raise EmptyArticleError
    # Model time grows with text length and cannot be interrupted; articles are far shorter.
    return prepared[: budget.max_chars]


def _explain(model: TopicClassifier, text: str, top_k: int) -> dict[str, list[TermWeight]]:
    return {
        label: [TermWeight(term=term, weight=weight) for term, weight in terms]
        for label, terms in model.explain(text, top_k=top_k).items()
    }


def _problem(error: Exception) -> Problem:
    kind = kind_of(error) or INTERNAL
    return Problem.model_validate(problem_body(kind, str(error)))


def _result(
    model: TopicClassifier,
    document: ClassifyDocument,
    prediction: Prediction | None,
    text: str | None,
    error: Problem | None,
    request: ClassifyBatchRequest,
) -> BatchResult:
    if prediction is None or text is None:
        return BatchResult(id=document.id, error=error)
    result = BatchResult(id=document.id, labels=prediction.labels, scores=prediction.scores)
    if request.explain:
        result.explanation = _explain(model, text, request.top_terms)
    return result
