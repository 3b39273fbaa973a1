"""Terms and columns: the same as scikit-learn's HashingVectorizer and murmurhash3_32."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction import FeatureHasher
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.utils import murmurhash3_32 as sklearn_murmurhash3_32

from service import text_hashing
from service.text_hashing import (
    CharWordsAnalyzer,
    WordAnalyzer,
    hashed_columns,
    murmurhash3_32,
)

TOKENS = re.compile(r"(?u)\b\w\w+\b")
AWKWARD = (
    "",
    "a",
    "ab",
    "ΣΟΦΟΣ ΛΟΓΟΣ. Σ",
    "İstanbul ǅemal ß ﬁne",
    "line\u2028separated\u00a0words\x1cand\x1dodd  spaces",
    "Tariffs, tariffs; TARIFFS! 2025-01-01 $5.5bn 🚢🚢",
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=40), max_size=50))
def test_hashes_are_scikit_learns(texts: list[str]) -> None:
    keys = [text.encode("utf-8", "surrogatepass") for text in texts]
    expected = [sklearn_murmurhash3_32(key, seed=0) for key in keys]
    assert murmurhash3_32(keys).tolist() == expected


def test_hashes_of_every_length_up_to_three_blocks() -> None:
    keys = [bytes(range(200, 200 + n)) for n in range(13)] + [b"\xff" * 9, b"\x00" * 5]
    expected = [sklearn_murmurhash3_32(key, seed=0) for key in keys]
    assert murmurhash3_32(keys).tolist() == expected


def test_long_keys_among_short_ones_hash_right_without_padding_them_all() -> None:
    # A 1 MB key beside 20,000 short ones: one common padding would need 20 GB.
    keys = [b"w%d" % i for i in range(20_000)] + [b"x" * 1_000_000, b"y" * 65, b"z" * 130]
    expected = [sklearn_murmurhash3_32(key, seed=0) for key in keys]
    assert murmurhash3_32(keys).tolist() == expected


def test_a_hash_of_minus_two_to_the_31_gets_scikit_learns_column(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # abs(-2**31) overflows in int32; scikit-learn defines that one column specially.
    monkeypatch.setattr(
        text_hashing, "murmurhash3_32", lambda keys: np.full(len(keys), -(2**31), np.int32)
    )
    n_features = 2**18 + 7
    expected = (2147483647 - (n_features - 1)) % n_features
    assert hashed_columns(["x", "y"], n_features).tolist() == [expected, expected]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.sampled_from([(1, 1), (1, 2), (2, 3)]))
def test_word_terms_and_columns_are_scikit_learns(text: str, ngrams: tuple[int, int]) -> None:
    vectorizer = HashingVectorizer(ngram_range=ngrams, n_features=2**10, alternate_sign=False)
    ours = WordAnalyzer(TOKENS, ngrams, lowercase=True).terms(text)
    assert ours == vectorizer.build_analyzer()(text)
    _assert_columns(ours, vectorizer)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.sampled_from([(2, 5), (1, 3), (4, 4)]))
def test_char_word_terms_and_columns_are_scikit_learns(text: str, ngrams: tuple[int, int]) -> None:
    vectorizer = HashingVectorizer(
        analyzer="char_wb", ngram_range=ngrams, n_features=2**10, alternate_sign=False
    )
    ours = CharWordsAnalyzer(ngrams, lowercase=True).terms(text)
    assert ours == vectorizer.build_analyzer()(text)
    _assert_columns(ours, vectorizer)


def test_awkward_texts_give_scikit_learns_terms() -> None:
    word = HashingVectorizer(ngram_range=(1, 2)).build_analyzer()
    char = HashingVectorizer(analyzer="char_wb", ngram_range=(2, 5)).build_analyzer()
    for text in AWKWARD:
        assert WordAnalyzer(TOKENS, (1, 2), lowercase=True).terms(text) == word(text)
        assert CharWordsAnalyzer((2, 5), lowercase=True).terms(text) == char(text)


def _assert_columns(terms: list[str], vectorizer: HashingVectorizer) -> None:
    # The hasher HashingVectorizer uses: each one-term row holds that term's column.
    hasher = FeatureHasher(vectorizer.n_features, input_type="string", alternate_sign=False)
    expected = hasher.transform([[term] for term in terms]).indices if terms else []
    assert hashed_columns(terms, vectorizer.n_features).tolist() == list(expected)
