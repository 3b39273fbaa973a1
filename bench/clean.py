"""Cleaner benchmark on ../shared extraction-dev: P, R, F1 and docs/s, ours beside baselines."""

# Run with `make bench-clean` (or `python -m bench.clean`). HTML input: our cleaner,
# trafilatura (fast and favor_precision) and resiliparse, timed on already-decoded strings,
# parse + extract only, one process, a warm-up pass and then a timed pass. Text input: the
# page's visible text as a naive scraper returns it (bench.devset.visible_text) against the
# article body; ours and the raw text.

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bench.devset import DEV_DIR, Page, ad_lines, load_pages, visible_text
from bench.shingles import PageScore, Summary, score_page, summarise
from service.cleaning import clean

Extractor = Callable[[str], str]
# Generous: the benchmark measures extraction, but production always passes a deadline.
_DEADLINE_S = 60.0


@dataclass(frozen=True, slots=True)
class Result:
    """One extractor's figures on one input kind."""

    name: str
    summary: Summary
    docs_per_s: float
    ad_lines: int
    pages: list[PageScore]


def ours_html(html: str) -> str:
    """Our cleaner on raw HTML."""
    return clean(html=html, deadline=time.monotonic() + _DEADLINE_S).text


def ours_text(text: str) -> str:
    """Our cleaner on a naive scraper's visible text."""
    return clean(text=text, deadline=time.monotonic() + _DEADLINE_S).text


def raw_text(text: str) -> str:
    """The baseline: the visible text untouched."""
    return text


def trafilatura_fast(html: str) -> str:
    """trafilatura with fast=True."""
    import trafilatura

    return trafilatura.extract(html, fast=True) or ""


def trafilatura_precision(html: str) -> str:
    """trafilatura with favor_precision=True."""
    import trafilatura

    return trafilatura.extract(html, favor_precision=True) or ""


def resiliparse_main(html: str) -> str:
    """resiliparse's plain-text extraction with its main-content heuristics."""
    from resiliparse.extract.html2text import extract_plain_text

    return extract_plain_text(html, main_content=True)


def measure(name: str, extract: Extractor, inputs: Sequence[str], truths: Sequence[str]) -> Result:
    """Score one extractor: a warm-up pass, then a timed pass whose outputs are scored."""
    for item in inputs:
        extract(item)
    outputs = []
    start = time.perf_counter()
    for item in inputs:
        outputs.append(extract(item))
    elapsed = time.perf_counter() - start
    scores = [score_page(out, truth) for out, truth in zip(outputs, truths, strict=True)]
    ads = sum(len(ad_lines(out)) for out in outputs)
    return Result(name, summarise(scores), len(inputs) / elapsed, ads, scores)


def print_table(title: str, results: Sequence[Result]) -> None:
    """Print one input kind's results as an aligned table."""
    print(f"\n{title}")
    print(f"  {'extractor':<34} {'P':>6} {'R':>6} {'F1':>6} {'docs/s':>8} {'ad lines':>9}")
    for r in results:
        s = r.summary
        row = f"{s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {r.docs_per_s:8.0f} {r.ad_lines:9d}"
        print(f"  {r.name:<34} {row}")


def print_worst(result: Result, pages: Sequence[Page], count: int) -> None:
    """Print the pages where an extractor scores lowest, to study failures (not to fit them)."""
    ranked = sorted(zip(result.pages, pages, strict=True), key=lambda pair: _page_f1(pair[0]))
    print(f"\n  worst {count} pages for {result.name}:")
    for score, page in ranked[:count]:
        p = "  -  " if score.precision is None else f"{score.precision:.3f}"
        print(f"    {p} {score.recall:.3f}  {page.page_id[:12]}  {page.url[:70]}")


def _page_f1(score: PageScore) -> float:
    p, r = score.precision or 0.0, score.recall
    return 2 * p * r / (p + r) if p + r else 0.0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print its tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ours-only", action="store_true", help="skip the baselines")
    parser.add_argument("--worst", type=int, default=0, help="list our N worst pages")
    args = parser.parse_args(argv)
    pages = load_pages()
    if not pages:
        print(f"skipped: {DEV_DIR} is absent (the benchmark needs ../shared)")
        return 0
    truths = [p.truth for p in pages]
    htmls = [p.html for p in pages]
    texts = [visible_text(p.html) for p in pages]
    html_runs: list[tuple[str, Extractor]] = [("ours", ours_html)]
    if not args.ours_only:
        html_runs += [
            ("trafilatura fast=True", trafilatura_fast),
            ("trafilatura favor_precision=True", trafilatura_precision),
            ("resiliparse main_content=True", resiliparse_main),
        ]
    html_results = [measure(name, fn, htmls, truths) for name, fn in html_runs]
    text_runs: list[tuple[str, Extractor]] = [("ours", ours_text), ("raw visible text", raw_text)]
    text_results = [measure(name, fn, texts, truths) for name, fn in text_runs]
    print(f"extraction-dev: {len(pages)} pages ({DEV_DIR})")
    print_table("HTML input -> article body", html_results)
    if len(html_results) > 1:
        ratio = html_results[0].docs_per_s / html_results[1].docs_per_s
        print(f"  ours / trafilatura fast=True docs/s: {ratio:.1f}x")
    print_table("visible text input -> article body", text_results)
    if args.worst:
        print_worst(html_results[0], pages, args.worst)
        print_worst(text_results[0], pages, args.worst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
