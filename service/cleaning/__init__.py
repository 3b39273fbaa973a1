"""Pure cleaning core: raw HTML or scraped text in, the article out (stdlib + selectolax only)."""

from __future__ import annotations

from service.cleaning.article import Article, Removal

CLEANER_VERSION = "0.1.0"

__all__ = ["CLEANER_VERSION", "Article", "Removal", "clean"]


def clean(*, html: str | None = None, text: str | None = None, url: str | None = None) -> Article:
    """Return the article inside exactly one of `html` or `text`."""
    # Placeholder until the HTML and text paths land: keeps non-empty lines.
    if (html is None) == (text is None):
        raise ValueError("pass exactly one of html or text")
    if html is not None:
        from selectolax.lexbor import LexborHTMLParser

        body = LexborHTMLParser(html).body
        source = body.text(separator="\n") if body is not None else ""
    else:
        source = text or ""
    lines = [ln.strip() for ln in source.splitlines() if ln.strip()]
    return Article(title=None, paragraphs=lines)
