"""Line-level signals shared by both paths: shape (words, sentence end) and the vocabulary rules."""

from __future__ import annotations

import re

from service.cleaning import rules

# Invisible characters that scrapers leave inside lines (zero-width spaces, soft hyphens, BOM).
_INVISIBLE_CHARS = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
_KEY_STRIP = re.compile(r"[\W_]+")
_DIGIT = re.compile(r"\d")
# Scripts written without spaces between words: a character carries about half a word.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Closing quotes and brackets may follow the full stop of a sentence.
_TRAILING_CLOSERS = "\"')]*\u201d\u2019\u00bb\u203a"
# A line ending in a quote or an exclamation is speech, not a credit.
_QUOTE_OR_EXCLAIM = '!?"\u201d\u2019'
_SENTENCE_ENDS = frozenset(".!?\u2026\u3002\uff01\uff1f")
# A teaser cut short: "The minister said the deal..." or "Korean headline.." (two dots).
_TRUNCATION_ENDS = ("..", "\u2026")

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
# Every ending above ends with one of these words: a line ending otherwise skips the scan.
_AGENCY_LAST_WORDS = frozenset(name.rsplit(" ", 1)[-1] for name in rules.PHOTO_AGENCIES)
_BYLINE = re.compile("(?:" + "|".join(rules.BYLINE_PATTERNS) + ")", re.IGNORECASE)
_SECTION_MARKERS = frozenset(rules.SECTION_MARKERS)
_COMMENT_META = re.compile(
    r"\W*(?:" + "|".join(rules.COMMENT_META_PATTERNS) + r")\W*", re.IGNORECASE
)
_WIDGET_SENTENCE = re.compile("|".join(rules.WIDGET_SENTENCE_PATTERNS), re.IGNORECASE)
_ACCOUNT_PROMPT = re.compile(rules.ACCOUNT_PROMPT_PATTERN, re.IGNORECASE)
_COOKIE = re.compile(rules.COOKIE_PATTERN, re.IGNORECASE)
_EMAIL = re.compile(rules.EMAIL_PATTERN)
_SIGNOFF = re.compile(rules.SIGNOFF_PATTERN, re.IGNORECASE)
_AUTHOR_BIO = re.compile(rules.AUTHOR_BIO_PATTERN)
_EMBED_SIGNATURE = re.compile(rules.EMBED_SIGNATURE_PATTERN)
_CAPTION_PREFIX = re.compile("|".join(rules.CAPTION_PREFIXES), re.IGNORECASE)

# Widget and byline wording only counts on short lines; prose may use the same words.
_SHORT_WORDS = 12
# Date rows and prompts run a little longer than labels ("Updated Nov. 19, 2019 8:21 am ET /
# Original Nov. 19, 2019 8:02 am ET").
_PREFIX_WORDS = 20
# Captions are sentences too, so a credit counts on lines up to a long caption's length.
_CAPTION_WORDS = 80
# A credit's text after its label ("Photo: Jane Doe/Agency") is at most this long.
_CREDIT_CHARS = 80
# Short lines in capitals are labels and promos ("GET THE APP"); headlines are written in
# sentence or title case.
_SHOUT_WORDS = 3
_SHOUT_LETTERS = 10
# Title case: at least this share of the longer words start with a capital.
_TITLE_WORD_CHARS = 3
_TITLE_MIN_WORDS = 4
_TITLE_SHARE = 0.8
# Form fields and list headers: "E-mail:", "Screen name:".
_FORM_LABEL_WORDS = 3
# Teasers cut short are one or two sentences long.
_TRUNCATED_WORDS = 40
# Rule ids the body-run rules read: a section heading ends the article, comment metadata
# marks a thread.
SECTION_END = "section-end"
COMMENT_META = "comment-meta"
# Text in spaced scripts averages under this many characters per word; above it, count the
# characters of unspaced scripts instead.
_SPACED_WORD_CHARS = 12
# No boilerplate line is longer; the cap also bounds the regex work on hostile input.
_MAX_RULE_CHARS = 1000


def normalise(line: str) -> str:
    """Collapse runs of white space and drop invisible characters."""
    if line.isprintable():
        # White space other than the plain space, and the invisible characters, are all
        # unprintable: most lines hold neither, and one pass in C tells so.
        return line.strip() if "  " not in line else " ".join(line.split())
    # Substring tests first: most non-ASCII text has none of them, and the regex costs more.
    # `map` over the bound method spares a generator frame per line.
    if not line.isascii() and any(map(line.__contains__, _INVISIBLE_CHARS)):
        line = _INVISIBLE.sub("", line)
    return " ".join(line.split())


def key(line: str) -> str:
    """Return the lower-case words of `line` without punctuation, for phrase lookups."""
    low = line.lower()
    if low.replace(" ", "").isalnum() and "  " not in low and low == low.strip():
        # Already only words and single spaces: nothing for the regex to strip.
        return low
    return _KEY_STRIP.sub(" ", low).strip()


def same_key(line: str) -> str:
    """Return a cheap comparison key: lines equal up to case and spacing share it."""
    return line.casefold()


def has_key(line: str, wanted: str | None) -> bool:
    """Tell whether `line`'s comparison key is `wanted` (see same_key)."""
    # Case folding never shortens a line, so a longer line cannot match: no fold needed.
    return wanted is not None and len(line) <= len(wanted) and line.casefold() == wanted


def word_count(line: str) -> int:
    """Count words, counting characters of unspaced scripts (CJK, kana) as half a word each."""
    spaced = line.count(" ") + 1 if line else 0
    if line.isascii() or spaced * _SPACED_WORD_CHARS > len(line):
        return spaced
    return max(spaced, len(_UNSPACED.findall(line)) // 2)


def is_title_case(line: str) -> bool:
    """Tell whether most words of `line` are capitalised, as headlines in many languages are."""
    words = [w for w in line.split() if len(w) > _TITLE_WORD_CHARS and w[0].isalpha()]
    if len(words) < _TITLE_MIN_WORDS:
        return False
    return sum(w[0].isupper() for w in words) >= len(words) * _TITLE_SHARE


def is_embed_signature(line: str) -> bool:
    """Tell whether `line` signs an embedded post ("— Jane Roe (@janeroe) May 2, 2019")."""
    return "(@" in line and _EMBED_SIGNATURE.match(line) is not None


def ends_sentence(line: str) -> bool:
    """Tell whether `line` ends like a sentence (final punctuation, closing quotes allowed)."""
    stripped = line.rstrip(_TRAILING_CLOSERS + " ")
    return bool(stripped) and stripped[-1] in _SENTENCE_ENDS


def vocabulary_rule(line: str, words: int | None = None) -> str | None:
    """Return the id of the vocabulary rule that marks `line` (of `words` words) as boilerplate."""
    if len(line) > _MAX_RULE_CHARS:
        return None
    if words is None:
        words = word_count(line)
    if words <= _TRUNCATED_WORDS and line.endswith(_TRUNCATION_ENDS):
        return "truncated"
    if "\u00a9" in line:
        # A copyright sign: a footer, or a photo credit ("... \u00a9 Reuters / Jane Roe").
        return "caption" if words > _SHORT_WORDS else "widget"
    if words <= rules.EMAIL_LINE_WORDS and "@" in line and _EMAIL.search(line):
        return "byline"
    if words <= rules.SIGNOFF_WORDS and _SIGNOFF.match(line):
        return "byline"
    if words <= rules.AUTHOR_BIO_WORDS and " is " in line and _AUTHOR_BIO.match(line):
        return "byline"
    if words > _PREFIX_WORDS:
        return _prose_rule(line, words)
    # Some patterns below need a digit or a word cheaper to look for than to match.
    digit = _DIGIT.search(line) is not None
    low = line.lower()
    if _maybe_comment_meta(line, low, digit) and _COMMENT_META.fullmatch(line):
        return COMMENT_META
    if _WIDGET_PREFIX.match(line):
        return "widget"
    if words > _SHORT_WORDS:
        return _prose_rule(line, words)
    return _short_rule(line, low, words, digit)


def _short_rule(line: str, low: str, words: int, digit: bool) -> str | None:
    # Lines of a dozen words or fewer: labels, menus, dates, credits. The comment-metadata
    # and widget-prefix patterns were tried above.
    phrase = key(line)
    if not phrase:
        return "symbols"
    if phrase in _AD_LABELS:
        return "ad-slot"
    if phrase in _READ_MORE:
        return "read-more"
    if phrase in _SECTION_MARKERS:
        return SECTION_END
    if phrase in _WIDGET_LABELS:
        return "widget"
    if (digit or "ago" in low) and _TIMESTAMP.fullmatch(line):
        return "timestamp"
    if _is_caption(line):
        return "caption"
    if _BYLINE.match(line):
        return "byline"
    if _widget_sentence(line, words):
        return "widget"
    if words >= _SHOUT_WORDS and _is_upper(line):
        return "label"
    if words <= _FORM_LABEL_WORDS and line.endswith(":"):
        return "label"
    return None


def _maybe_comment_meta(line: str, low: str, digit: bool) -> bool:
    return digit or ":" in line or "omment" in low or "repl" in low


def _prose_rule(line: str, words: int) -> str | None:
    # Prose-length lines: a caption (credit at the end, or a caption label first), or a
    # widget's stock sentence.
    if words <= _CAPTION_WORDS and _is_caption(line):
        return "caption"
    return "widget" if _widget_sentence(line, words) else None


def _is_caption(line: str) -> bool:
    return ends_with_credit(line) or _CAPTION_PREFIX.match(line) is not None


def _widget_sentence(line: str, words: int) -> bool:
    if words > rules.COOKIE_WORDS:
        return False
    low = line.lower()
    if words > rules.WIDGET_SENTENCE_WORDS:
        return "cookie" in low and bool(_COOKIE.search(low))
    for trigger in rules.WIDGET_SENTENCE_TRIGGERS:
        if trigger in low:
            break
    else:
        return False
    return bool(
        (words <= rules.WIDGET_SENTENCE_WORDS and _WIDGET_SENTENCE.search(low))
        or (words <= rules.ACCOUNT_PROMPT_WORDS and _ACCOUNT_PROMPT.search(low))
        or (words <= rules.COOKIE_WORDS and _COOKIE.search(low))
    )


def _is_upper(line: str) -> bool:
    return len(line) >= _SHOUT_LETTERS and line.isupper()


def ends_with_credit(line: str) -> bool:
    """Tell whether `line` ends with a photo credit, as captions do."""
    end = line[-2:]
    if end[-1:] == "." and end[:1].islower():
        # Prose ends with a word and a stop; a credit ends with a name, a bracket, no stop.
        return False
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
    last_word = tail[max(tail.rfind(" "), tail.rfind("/")) + 1 :]
    return last_word in _AGENCY_LAST_WORDS and tail.endswith(_AGENCY_ENDINGS)


def _names_credit(inner: str) -> bool:
    words = inner.split()
    return bool(words) and (
        " ".join(words[:2]) in rules.PHOTO_AGENCIES
        or words[0] in rules.PHOTO_AGENCIES
        or words[0] in rules.CREDIT_LABELS
    )
