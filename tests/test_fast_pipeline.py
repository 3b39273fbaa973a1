"""Fast path: the same floats as the fitted pipeline, and the pipeline itself for other shapes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.pipeline import Pipeline

from service import fast_pipeline
from service.classifier import TopicClassifier
from service.fast_pipeline import FastPipeline, UnsupportedPipelineError
from service.model_store import load_model
from tests.conftest import TINY_EXAMPLES

SHIPPED = Path(__file__).resolve().parents[1] / "model"
AWKWARD = (
    "",
    "   \n\t ",
    "a",
    "ΣΟΦΟΣ ΛΟΓΟΣ. Σ",  # final sigma is context-dependent in lower()
    "İstanbul ǅemal ß ﬁne",  # lower() changes length
    "line\u2028separated\u00a0words\x1cand\x1dodd  spaces",
    "word " * 500,
    "Tariffs, tariffs; TARIFFS! tariffs? 2025-01-01 $5.5bn",
)


@pytest.fixture(scope="module")
def tiny_pipeline(tiny_model_dir: Path) -> Pipeline:
    return load_model(tiny_model_dir).pipeline


def test_tiny_model_scores_are_identical(tiny_pipeline: Pipeline) -> None:
    texts = [text for text, _ in TINY_EXAMPLES] + list(AWKWARD)
    fast = FastPipeline.from_pipeline(tiny_pipeline)
    assert np.array_equal(fast.predict_proba(texts), tiny_pipeline.predict_proba(texts))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=300), min_size=1, max_size=4))
def test_any_text_scores_identically(tiny_pipeline: Pipeline, texts: list[str]) -> None:
    fast = FastPipeline.from_pipeline(tiny_pipeline)
    assert np.array_equal(fast.predict_proba(texts), tiny_pipeline.predict_proba(texts))


def test_shipped_model_scores_identically_one_by_one_and_in_a_batch() -> None:
    pipeline = load_model(SHIPPED).pipeline
    texts = [text for text, _ in TINY_EXAMPLES] + list(AWKWARD)
    fast = FastPipeline.from_pipeline(pipeline)
    expected = pipeline.predict_proba(texts)
    assert np.array_equal(fast.predict_proba(texts), expected)
    singles = np.vstack([fast.predict_proba([text]) for text in texts])
    assert np.array_equal(singles, expected)


def test_a_cleared_word_cache_gives_the_same_scores(
    tiny_pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fast_pipeline, "WORD_CACHE_SIZE", 5)
    texts = [text for text, _ in TINY_EXAMPLES]
    fast = FastPipeline.from_pipeline(tiny_pipeline)
    assert np.array_equal(fast.predict_proba(texts), tiny_pipeline.predict_proba(texts))


def test_other_pipeline_shapes_are_refused(tiny_pipeline: Pipeline) -> None:
    with pytest.raises(UnsupportedPipelineError):
        FastPipeline.from_pipeline(Pipeline([("features", tiny_pipeline.steps[0][1])]))


def test_classifier_serves_the_pipeline_when_the_fast_path_disagrees(
    tiny_model_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = TINY_EXAMPLES[0][0]
    expected = TopicClassifier.load(tiny_model_dir).predict([text])
    monkeypatch.setattr(
        FastPipeline, "predict_proba", lambda self, texts: np.zeros((len(texts), 3))
    )
    assert TopicClassifier.load(tiny_model_dir).predict([text]) == expected
