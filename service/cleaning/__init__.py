"""Pure cleaning core: raw HTML or scraped text in, the article out (stdlib + selectolax only)."""

from __future__ import annotations

from service.cleaning.article import Article, Removal
from service.cleaning.errors import CleaningError, CleaningTimeoutError, check_deadline
from service.cleaning.paragraphs import build_article
from service.cleaning.text import text_blocks

CLEANER_VERSION = "1.1.1"

__all__ = [
    "CLEANER_VERSION",
    "Article",
    "CleaningError",
    "CleaningTimeoutError",
    "Removal",
    "clean",
]


def clean(
    *,
    html: str | None = None,
    text: str | None = None,
    url: str | None = None,
    deadline: float | None = None,
) -> Article:
    """Return the article inside exactly one of `html` or `text`; `deadline` is monotonic time."""
    if (html is None) == (text is None):
        raise ValueError("clean() takes exactly one of html= or text=")
    check_deadline(deadline, "start")
    if html is not None:
        from service.cleaning.html import html_blocks

        page = html_blocks(html, url, deadline)
        return build_article(page.blocks, page.title, page.removed, deadline, inside_article=True)
    return build_article(text_blocks(text or "", deadline), None, [], deadline)
