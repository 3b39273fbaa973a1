"""Line-level signals shared by both paths: shape (words, sentence end) and the vocabulary rules."""

from __future__ import annotations

import re

from service.cleaning import rules

# Invisible characters that scrapers leave inside lines (zero-width spaces, soft hyphens, BOM).
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
_KEY_STRIP = re.compile(r"[\W_]+")
# Scripts written without spaces between words: a character carries about half a word.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Closing quotes and brackets may follow the full stop of a sentence.
_TRAILING_CLOSERS = "\"')]*\u201d\u2019\u00bb\u203a"
# A line ending in a quote or an exclamation is speech, not a credit.
_QUOTE_OR_EXCLAIM = "!?\"\u201d\u2019"
_SENTENCE_ENDS = frozenset(".!?:;\u2026\u3002\uff01\uff1f")

_AD_LABELS = frozenset(rules.AD_LABELS)
_READ_MORE = frozenset(rules.READ_MORE)
_WIDGET_LABELS = frozenset(rules.WIDGET_LABELS)
_WIDGET_PREFIX = re.compile("(?:" + "|".join(rules.WIDGET_PREFIXES) + ")", re.IGNORECASE)
_TIMESTAMP = re.compile("(?:" + "|".join(rules.TIMESTAMP_PATTERNS) + r")\W*", re.IGNORECASE)
# An agency name ends a credit after a slash ("Jane Doe/AP"); the unambiguous ones may
# also follow a space ("... Yeoncheon. SOPA Images via Getty Images").
_AGENCY_ENDINGS = tuple(
    f"{sep}{name}" for name in rules.PHOTO_AGENCIES for sep in ("/", "/ ")
) + tuple(f" {name}" for name in rules.PHOTO_AGENCIES if len(name) > 4 or name == "afp")
_BYLINE = re.compile("(?:" + "|".join(rules.BYLINE_PATTERNS) + ")", re.IGNORECASE)

# Widget and byline wording only counts on short lines; prose may use the same words.
_SHORT_WORDS = 12
# Captions are sentences too, so a credit counts on lines up to a long caption's length.
_CAPTION_WORDS = 80
# A credit's text after its label ("Photo: Jane Doe/Agency") is at most this long.
_CREDIT_CHARS = 80
# No boilerplate line is longer; the cap also bounds the regex work on hostile input.
_MAX_RULE_CHARS = 1000


def normalise(line: str) -> str:
    """Collapse runs of white space and drop invisible characters."""
    if not line.isascii():
        line = _INVISIBLE.sub("", line)
    return " ".join(line.split())


def key(line: str) -> str:
    """Return the lower-case words of `line` without punctuation, for phrase lookups."""
    return _KEY_STRIP.sub(" ", line.lower()).strip()


def same_key(line: str) -> str:
    """Return a cheap comparison key: lines equal up to case and spacing share it."""
    return line.casefold()


def word_count(line: str) -> int:
    """Count words, counting characters of unspaced scripts (CJK, kana) as half a word each."""
    spaced = line.count(" ") + 1 if line else 0
    unspaced = len(_UNSPACED.findall(line)) if not line.isascii() else 0
    return max(spaced, unspaced // 2)


def ends_sentence(line: str) -> bool:
    """Tell whether `line` ends like a sentence (final punctuation, closing quotes allowed)."""
    stripped = line.rstrip(_TRAILING_CLOSERS + " ")
    return bool(stripped) and stripped[-1] in _SENTENCE_ENDS


def vocabulary_rule(line: str) -> str | None:
    """Return the id of the vocabulary rule that marks `line` as boilerplate, or None."""
    if len(line) > _MAX_RULE_CHARS:
        return None
    words = word_count(line)
    if words > _SHORT_WORDS:
        # Prose-length lines: only a caption's credit at the end can mark them.
        return "caption" if words <= _CAPTION_WORDS and ends_with_credit(line) else None
    phrase = key(line)
    if not phrase:
        return "symbols"
    if phrase in _AD_LABELS:
        return "ad-slot"
    if phrase in _READ_MORE:
        return "read-more"
    if phrase in _WIDGET_LABELS:
        return "widget"
    if _TIMESTAMP.fullmatch(line):
        return "timestamp"
    if ends_with_credit(line):
        return "caption"
    if _WIDGET_PREFIX.match(line):
        return "widget"
    if _BYLINE.match(line):
        return "byline"
    return None


def ends_with_credit(line: str) -> bool:
    """Tell whether `line` ends with a photo credit, as captions do."""
    tail = line[-_CREDIT_CHARS * 2 :].rstrip(" .").lower()
    if not tail or tail[-1] in _QUOTE_OR_EXCLAIM:
        return False
    if tail.endswith(")"):
        inner = tail[tail.rfind("(") + 1 : -1].split("/")[0].strip()
        if _names_credit(inner):
            return True
    # "Credit... Jane Doe" and "Photo — Jane Doe" mark the credit like a colon does.
    head, colon, value = tail.replace("...", ":").replace("…", ":").rpartition(":")
    if colon and len(value) <= _CREDIT_CHARS and not any(c in value for c in ".!?"):
        label = key(head[-30:]).split()
        if " ".join(label[-2:]) in rules.CREDIT_LABELS or (
            label[-1:] and label[-1] in rules.CREDIT_LABELS
        ):
            return True
    return tail.endswith(_AGENCY_ENDINGS)


def _names_credit(inner: str) -> bool:
    words = inner.split()
    return bool(words) and (
        " ".join(words[:2]) in rules.PHOTO_AGENCIES
        or words[0] in rules.PHOTO_AGENCIES
        or words[0] in rules.CREDIT_LABELS
    )
