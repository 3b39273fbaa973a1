"""Fast path: scikit-learn's floats from the saved state, and scikit-learn for other shapes."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.pipeline import Pipeline

from service import fast_pipeline
from service.classifier import TopicClassifier
from service.fast_pipeline import FastPipeline, UnsupportedPipelineError
from service.model_store import load_model, read_pipeline_state, save_model
from service.sklearn_scorer import SklearnScorer
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
    "日本語の文章と中文句子 mixed with English",
)
TEXTS = [text for text, _ in TINY_EXAMPLES] + list(AWKWARD)


@pytest.fixture(scope="module")
def tiny_pipeline(tiny_model_dir: Path) -> Pipeline:
    return load_model(tiny_model_dir).pipeline


@pytest.fixture(scope="module")
def tiny_fast(tiny_model_dir: Path) -> FastPipeline:
    return FastPipeline.from_state(read_pipeline_state(tiny_model_dir))


def test_tiny_model_scores_are_identical(tiny_fast: FastPipeline, tiny_pipeline: Pipeline) -> None:
    assert np.array_equal(tiny_fast.predict_proba(TEXTS), tiny_pipeline.predict_proba(TEXTS))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=300), min_size=1, max_size=4))
def test_any_text_scores_identically(
    tiny_fast: FastPipeline, tiny_pipeline: Pipeline, texts: list[str]
) -> None:
    assert np.array_equal(tiny_fast.predict_proba(texts), tiny_pipeline.predict_proba(texts))


def test_shipped_model_scores_identically_one_by_one_and_in_a_batch() -> None:
    pipeline = load_model(SHIPPED).pipeline
    fast = FastPipeline.from_state(read_pipeline_state(SHIPPED))
    expected = pipeline.predict_proba(TEXTS)
    assert np.array_equal(fast.predict_proba(TEXTS), expected)
    singles = np.vstack([fast.predict_proba([text]) for text in TEXTS])
    assert np.array_equal(singles, expected)


def test_a_cleared_word_cache_gives_the_same_scores(
    tiny_model_dir: Path, tiny_pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fast_pipeline, "WORD_CACHE_SIZE", 5)
    fast = FastPipeline.from_state(read_pipeline_state(tiny_model_dir))
    for _ in range(2):  # the second pass reads what the first left in the caches
        assert np.array_equal(fast.predict_proba(TEXTS), tiny_pipeline.predict_proba(TEXTS))


def test_explanations_match_scikit_learns(tiny_fast: FastPipeline, tiny_pipeline: Pipeline) -> None:
    reference = SklearnScorer(tiny_pipeline)
    for text in TEXTS:
        assert tiny_fast.explain(text, 5) == reference.explain(text, 5)


def test_other_pipeline_shapes_are_refused(tmp_path: Path, tiny_pipeline: Pipeline) -> None:
    features_only = Pipeline([("features", tiny_pipeline.steps[0][1])])
    save_model(tmp_path / "m", features_only, {}, {}, "card")
    with pytest.raises(UnsupportedPipelineError, match="a Pipeline of 1 steps"):
        FastPipeline.from_state(read_pipeline_state(tmp_path / "m"))


def test_classifier_serves_other_shapes_through_scikit_learn(
    tmp_path: Path, tiny_model_dir: Path, tiny_pipeline: Pipeline
) -> None:
    # Binary counts are an option the fast path does not reproduce.
    folder = tmp_path / "binary"
    shutil.copytree(tiny_model_dir, folder)
    pipeline = load_model(folder)
    word_hashing = pipeline.pipeline.named_steps["features"].transformer_list[0][1][0]
    word_hashing.set_params(binary=True)
    save_model(folder, pipeline.pipeline, pipeline.metadata, {}, "card")

    classifier = TopicClassifier.load(folder)

    assert isinstance(classifier.scorer, SklearnScorer)
    expected = pipeline.pipeline.predict_proba(TEXTS)
    got = [[p.scores[label] for label in classifier.labels] for p in classifier.predict(TEXTS)]
    assert np.array_equal(np.array(got), np.clip(expected, 0.0, 1.0))


def test_the_shipped_model_is_served_by_the_fast_path() -> None:
    assert isinstance(TopicClassifier.load(SHIPPED).scorer, FastPipeline)


def test_long_words_are_scored_but_not_cached(
    tiny_model_dir: Path, tiny_pipeline: Pipeline
) -> None:
    # Each cached word's row grows with its length: input of long words must not fill memory.
    fast = FastPipeline.from_state(read_pipeline_state(tiny_model_dir))
    text = " ".join(["x" * 5000 + str(i) for i in range(20)] + ["tariffs", "navy"])
    assert np.array_equal(fast.predict_proba([text]), tiny_pipeline.predict_proba([text]))
    cached = [set(b._columns) | set(getattr(b, "_rows_cache", {})) for b in fast.branches]
    assert all(len(word) <= fast_pipeline.CACHED_WORD_CHARS for words in cached for word in words)
    assert any("tariffs" in words for words in cached)
