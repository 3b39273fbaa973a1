"""HTTP routes: request model in, core call, response model out."""

from __future__ import annotations

from fastapi import APIRouter

from service.cleaning import CLEANER_VERSION, clean
from service.schemas import CleanRequest, CleanResponse, RemovalOut

router = APIRouter()


@router.post("/v1/clean", response_model_exclude_none=True)
def clean_article(request: CleanRequest) -> CleanResponse:
    """Return the article inside a page's HTML or scraped text."""
    article = clean(html=request.html, text=request.text, url=request.url)
    removed = None
    if request.explain:
        removed = [RemovalOut(rule=r.rule, text=r.text) for r in article.removed]
    return CleanResponse(
        title=article.title,
        text=article.text,
        paragraphs=article.paragraphs,
        cleaner_version=CLEANER_VERSION,
        removed=removed,
    )
