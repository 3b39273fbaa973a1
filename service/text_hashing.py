"""HashingVectorizer's terms and columns, computed without importing scikit-learn."""

# Why this exists: importing scikit-learn, and the scipy.stats it pulls in, is more than half of
# a worker's start-up (`python -X importtime -c "import sklearn.feature_extraction"`: ~0.7 s of
# ~1.6 s). Serving the fitted pipeline needs none of it, only two of its steps: the analyzers
# that cut a text into terms, and MurmurHash3, which maps each term to a column. Both are
# reproduced here for the options training uses (lowercase, no accent stripping, no stop words,
# a token pattern, word or char_wb n-grams); anything else is refused by the caller. The tests
# compare every term and column with scikit-learn's own, on awkward and on random text.

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# MurmurHash3_x86_32's constants (Austin Appleby's public-domain reference algorithm).
_C1 = np.uint32(0xCC9E2D51)
_C2 = np.uint32(0x1B873593)
_M = np.uint32(5)
_N = np.uint32(0xE6546B64)
_F1 = np.uint32(0x85EBCA6B)
_F2 = np.uint32(0xC2B2AE35)
_WHITE_SPACES = re.compile(r"\s\s+")
# Keys up to this long are hashed in one padded group; n-grams and word pairs almost all are.
_SHORT_KEY_BYTES = 64
_HASH_CHUNK = 65_536


def murmurhash3_32(keys: Sequence[bytes]) -> np.ndarray:
    """MurmurHash3 (x86, 32 bits, seed 0) of each key, as signed ints: sklearn's murmurhash3_32."""
    # Vectorised across keys padded to a common length. Terms are short, so they share one
    # group; a rare long key (a URL, a run of letters) goes into a group of keys of up to twice
    # its length, so that one long key never makes every short one as long.
    lengths = np.fromiter(map(len, keys), dtype=np.int64, count=len(keys))
    groups = np.where(lengths <= _SHORT_KEY_BYTES, 0, np.frexp(lengths.astype(np.float64))[1])
    if not groups.any():
        return _murmur_padded(keys, lengths).view(np.int32)
    out = np.empty(len(keys), dtype=np.uint32)
    for group in np.unique(groups).tolist():
        where = np.flatnonzero(groups == group)
        out[where] = _murmur_padded([keys[i] for i in where.tolist()], lengths[where])
    return out.view(np.int32)


def _murmur_padded(keys: Sequence[bytes], lengths: np.ndarray) -> np.ndarray:
    # Each key is padded with zero bytes to the longest one's whole 4-byte blocks, and a block
    # only mixes into the keys that reach past it.
    width = (int(lengths.max(initial=0)) // 4 + 1) * 4
    padded = b"".join([key.ljust(width, b"\0") for key in keys])
    words = np.frombuffer(padded, dtype=np.uint8).reshape(len(keys), width).view("<u4")
    whole = lengths // 4
    h = np.zeros(len(keys), dtype=np.uint32)
    with np.errstate(over="ignore"):
        for i in range(int(whole.max(initial=0))):
            mixed = _rotl(h ^ _scramble(words[:, i].copy()), 13) * _M + _N
            h = np.where(whole > i, mixed, h)
        # The last 1-3 bytes: the padding zeros beyond them leave the little-endian word as
        # those bytes alone. Keys with no tail skip this mix.
        tail = words[np.arange(len(keys)), whole]
        h = np.where(lengths % 4 > 0, h ^ _scramble(tail), h)
        h ^= lengths.astype(np.uint32)
        h ^= h >> np.uint32(16)
        h *= _F1
        h ^= h >> np.uint32(13)
        h *= _F2
        h ^= h >> np.uint32(16)
    return h


def _scramble(k: np.ndarray) -> np.ndarray:
    return _rotl(k * _C1, 15) * _C2


def _rotl(x: np.ndarray, r: int) -> np.ndarray:
    return (x << np.uint32(r)) | (x >> np.uint32(32 - r))


def hashed_columns(terms: Sequence[str], n_features: int) -> np.ndarray:
    """The column HashingVectorizer(alternate_sign=False) gives each term (int64)."""
    if len(terms) > _HASH_CHUNK:
        # A huge batch (the n-grams of a megabyte-long "word") in slices: the encoded and
        # padded copies of one slice at a time stay a few MB.
        slices = [terms[i : i + _HASH_CHUNK] for i in range(0, len(terms), _HASH_CHUNK)]
        return np.concatenate([hashed_columns(part, n_features) for part in slices])
    hashes = murmurhash3_32([term.encode("utf-8") for term in terms]).astype(np.int64)
    # In int64, abs(-2**31) % n is what scikit-learn computes for that one value, too.
    return np.abs(hashes) % n_features


@dataclass(frozen=True, slots=True)
class WordAnalyzer:
    """analyzer="word": token_pattern's matches in the lowercased text, then word n-grams."""

    token_pattern: re.Pattern[str]
    ngram_range: tuple[int, int]
    lowercase: bool

    def terms(self, text: str) -> list[str]:
        """The terms scikit-learn's analyzer yields, in its order."""
        tokens = self.token_pattern.findall(text.lower() if self.lowercase else text)
        low, high = self.ngram_range
        terms = list(tokens) if low == 1 else []
        for n in range(max(low, 2), min(high, len(tokens)) + 1):
            # Each n-gram is tokens[i : i + n], joined by a space; zip walks them in C.
            terms.extend(map(" ".join, zip(*(tokens[k:] for k in range(n)), strict=False)))
        return terms


@dataclass(frozen=True, slots=True)
class CharWordsAnalyzer:
    """analyzer="char_wb": character n-grams of each word padded with one space either side."""

    ngram_range: tuple[int, int]
    lowercase: bool

    def terms(self, text: str) -> list[str]:
        """The terms scikit-learn's analyzer yields, in its order."""
        text = _WHITE_SPACES.sub(" ", text.lower() if self.lowercase else text)
        return [term for word in text.split() for term in self.word_terms(word)]

    def word_terms(self, word: str) -> list[str]:
        """The n-grams of one word (no white space in it), already lowercased if need be."""
        padded = f" {word} "
        size = len(padded)
        low, high = self.ngram_range
        terms = [
            padded[i : i + n]
            for n in range(low, min(high, size - 1) + 1)
            for i in range(size - n + 1)
        ]
        if high >= size:
            terms.append(padded)  # a word shorter than n counts once, whole (then n stops)
        return terms
