"""Classifier: labels from the model folder, scores in [0, 1], batch scoring, explanations."""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.classifier import TopicClassifier, prepare
from service.cleaning.errors import CleaningTimeoutError
from service.model_store import METADATA, ModelFolderError
from tests.conftest import TINY_EXAMPLES


@pytest.fixture(scope="module")
def classifier(tiny_model_dir: Path) -> TopicClassifier:
    return TopicClassifier.load(tiny_model_dir)


def test_labels_thresholds_and_identity_come_from_metadata(
    classifier: TopicClassifier, tiny_model_dir: Path
) -> None:
    metadata = json.loads((tiny_model_dir / METADATA).read_text())
    assert classifier.labels == tuple(metadata["labels"])
    assert classifier.thresholds == metadata["thresholds"]
    assert classifier.info.name == metadata["name"]
    assert classifier.info.version == metadata["version"]


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(max_size=200), min_size=1, max_size=5))
def test_scores_cover_exactly_the_labels_and_lie_in_unit_interval(
    classifier: TopicClassifier, texts: list[str]
) -> None:
    for prediction in classifier.predict(texts):
        assert tuple(prediction.scores) == classifier.labels
        assert all(0.0 <= score <= 1.0 for score in prediction.scores.values())
        assert prediction.labels == [
            label
            for label in classifier.labels
            if prediction.scores[label] >= classifier.thresholds[label]
        ]


def test_batch_scores_equal_one_by_one_scores(classifier: TopicClassifier) -> None:
    texts = [text for text, _ in TINY_EXAMPLES]
    batch = classifier.predict(texts)
    assert batch == [classifier.predict([text])[0] for text in texts]


def test_empty_batch_gives_no_predictions(classifier: TopicClassifier) -> None:
    assert classifier.predict([]) == []


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Tariffs and import duties on steel were raised again.", "tariffs"),
        ("The army moved troops and missiles to the border.", "defence"),
        ("Beijing and Chinese officials met in Shanghai.", "china"),
    ],
    ids=["tariffs", "defence", "china"],
)
def test_minimum_functionality_clear_texts_get_their_label(
    classifier: TopicClassifier, text: str, label: str
) -> None:
    (prediction,) = classifier.predict([text])
    assert label in prediction.labels
    assert max(prediction.scores, key=prediction.scores.__getitem__) == label


def test_adding_tariff_wording_raises_the_tariffs_score(classifier: TopicClassifier) -> None:
    base = "The minister spoke to reporters on Monday about the economy."
    stronger = base + " He announced new tariffs and import duties in the trade war."
    before, after = classifier.predict([base, stronger])
    assert after.scores["tariffs"] > before.scores["tariffs"]


def test_a_fourth_label_is_served_without_code_change(
    tiny_model_factory: Callable[[Sequence[tuple[str, tuple[str, ...]]]], Path],
) -> None:
    examples = [
        *TINY_EXAMPLES,
        ("Voters queued at polling stations for the election.", ("elections",)),
        ("The election campaign ended with a televised debate.", ("elections",)),
    ]
    model = TopicClassifier.load(tiny_model_factory(examples))
    (prediction,) = model.predict(["The election debate drew voters."])
    assert model.labels == ("china", "defence", "elections", "tariffs")
    assert set(prediction.scores) == set(model.labels)
    assert "elections" in prediction.labels


def test_explain_names_terms_that_raise_the_label(classifier: TopicClassifier) -> None:
    explanation = classifier.explain("New tariffs on imported steel.", top_k=3)
    assert set(explanation) == set(classifier.labels)
    assert "tariffs" in [term for term, _ in explanation["tariffs"]]
    assert all(weight > 0 for terms in explanation.values() for _, weight in terms)
    assert all(len(terms) <= 3 for terms in explanation.values())


ARTICLE = (
    "Washington raised tariffs on imported steel and aluminium on Tuesday, a move that "
    "trading partners said would invite retaliation against American farm exports.",
    "European officials said they would respond at the World Trade Organization and draw up "
    "a list of American goods that could face duties of their own within weeks.",
)


def test_prepare_keeps_the_article_paragraphs_in_order() -> None:
    prepared = prepare(text="\n\n".join(ARTICLE))
    assert prepared.index(ARTICLE[0]) < prepared.index(ARTICLE[1])


def test_prepare_reads_html_like_text() -> None:
    html = "<html><body>" + "".join(f"<p>{p}</p>" for p in ARTICLE) + "</body></html>"
    assert all(paragraph in prepare(html=html) for paragraph in ARTICLE)


def test_threshold_count_mismatch_with_artefact_is_refused(
    tmp_path: Path, tiny_model_dir: Path
) -> None:
    folder = tmp_path / "m"
    shutil.copytree(tiny_model_dir, folder)
    metadata = json.loads((folder / METADATA).read_text())
    metadata["labels"].append("extra")
    metadata["thresholds"]["extra"] = 0.5
    (folder / METADATA).write_text(json.dumps(metadata))
    with pytest.raises(ModelFolderError, match="scores"):
        TopicClassifier.load(folder)


def test_missing_version_is_refused(tmp_path: Path, tiny_model_dir: Path) -> None:
    folder = tmp_path / "m"
    shutil.copytree(tiny_model_dir, folder)
    metadata = json.loads((folder / METADATA).read_text())
    del metadata["version"]
    (folder / METADATA).write_text(json.dumps(metadata))
    with pytest.raises(ModelFolderError, match="version"):
        TopicClassifier.load(folder)


def test_prepare_stops_at_a_passed_deadline() -> None:
    with pytest.raises(CleaningTimeoutError):
        prepare(text="\n\n".join(ARTICLE), deadline=time.monotonic() - 1)
