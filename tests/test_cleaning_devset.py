"""Real pages from ../shared extraction-dev: quality floors and no surviving ad lines."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from bench.devset import Page, ad_lines, load_pages, visible_text
from bench.shingles import score_page, summarise
from service.cleaning import clean

FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text(encoding="utf-8"))


@cache
def _pages(folder: Path) -> tuple[Page, ...]:
    return tuple(load_pages(folder))


@pytest.fixture(scope="module")
def pages(shared_dir: Path) -> tuple[Page, ...]:
    found = _pages(shared_dir / "benchmarks" / "extraction-dev")
    if not found:
        pytest.skip("extraction-dev is not present in ../shared")
    return found


def _outputs(pages: tuple[Page, ...], kind: str) -> list[str]:
    if kind == "html":
        return [clean(html=p.html, url=p.url).text for p in pages]
    return [clean(text=visible_text(p.html)).text for p in pages]


@pytest.mark.parametrize("kind", ["html", "text"])
def test_f1_on_extraction_dev_stays_above_its_floor(pages: tuple[Page, ...], kind: str) -> None:
    outputs = _outputs(pages, kind)
    summary = summarise(score_page(out, p.truth) for out, p in zip(outputs, pages, strict=True))
    assert summary.f1 >= FLOORS[f"{kind}_f1"], summary


@pytest.mark.parametrize("kind", ["html", "text"])
def test_no_ad_or_read_more_line_survives(pages: tuple[Page, ...], kind: str) -> None:
    survivors = [line for out in _outputs(pages, kind) for line in ad_lines(out)]
    assert survivors == []


def test_the_raw_visible_text_does_carry_ad_lines(pages: tuple[Page, ...]) -> None:
    # The check above means something only if the input has such lines to remove.
    assert sum(len(ad_lines(visible_text(p.html))) for p in pages) > 0
