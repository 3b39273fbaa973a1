"""Cleaner benchmark on ../shared extraction-dev: P, R, F1 and docs/s, ours beside baselines."""

# Run with `make bench-clean` (or `python -m bench.clean`). HTML input: our cleaner,
# trafilatura (fast and favor_precision), resiliparse, and the floor (Lexbor's parse and the
# body's text with no extraction, the time any Lexbor-based cleaner pays first), timed on
# already-decoded strings, parse + extract only, one process: a warm-up pass each, then
# --rounds rounds in which each extractor makes one timed pass in turn; docs/s is the median
# round. Ours is the call /v1/clean makes without `explain` (clean() and the removals' rule
# ids; their text is only built when read). Text input: the page's visible text as a naive
# scraper returns it (bench.devset.visible_text) against the article body; ours and the raw
# text.

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser

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
    pass_seconds: list[float] = field(default_factory=list)


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


def parse_floor(html: str) -> str:
    """No extraction at all: Lexbor's parse and the body's text, the floor under any cleaner."""
    body = LexborHTMLParser(html).body
    return body.text(separator=" ") if body is not None else ""


PARSE_FLOOR = "floor: Lexbor parse + body text"
# The other extractors, in the order they are timed after ours within each round.
HTML_BASELINES: tuple[tuple[str, Extractor], ...] = (
    ("trafilatura fast=True", trafilatura_fast),
    ("trafilatura favor_precision=True", trafilatura_precision),
    ("resiliparse main_content=True", resiliparse_main),
    (PARSE_FLOOR, parse_floor),
)


def measure(
    runs: Sequence[tuple[str, Extractor]],
    inputs: Sequence[str],
    truths: Sequence[str],
    rounds: int,
) -> list[Result]:
    """Score extractors: a warm-up pass each, then `rounds` rounds of one timed pass each."""
    # Passes take turns within a round, so a burst of load from other work on the machine
    # falls on one round of every extractor rather than on one extractor's only pass; the
    # median round is reported. Outputs are the same on every pass; the last is scored.
    for _, extract in runs:
        for item in inputs:
            extract(item)
    elapsed: dict[str, list[float]] = {name: [] for name, _ in runs}
    outputs: dict[str, list[str]] = {}
    for _ in range(rounds):
        for name, extract in runs:
            start = time.perf_counter()
            outputs[name] = [extract(item) for item in inputs]
            elapsed[name].append(time.perf_counter() - start)
    results = []
    for name, _ in runs:
        scores = [score_page(o, t) for o, t in zip(outputs[name], truths, strict=True)]
        ads = sum(len(ad_lines(out)) for out in outputs[name])
        seconds = statistics.median(elapsed[name])
        result = Result(name, summarise(scores), len(inputs) / seconds, ads, scores)
        result.pass_seconds.extend(elapsed[name])
        results.append(result)
    return results


def speed_ratio(ours: Result, other: Result) -> float:
    """Median over rounds of `other`'s pass time over `ours`, both timed in the same round."""
    pairs = zip(ours.pass_seconds, other.pass_seconds, strict=True)
    return statistics.median(theirs / mine for mine, theirs in pairs)


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
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds (median reported)")
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
        html_runs += HTML_BASELINES
    html_results = measure(html_runs, htmls, truths, args.rounds)
    text_runs: list[tuple[str, Extractor]] = [("ours", ours_text), ("raw visible text", raw_text)]
    text_results = measure(text_runs, texts, truths, args.rounds)
    print(f"extraction-dev: {len(pages)} pages ({DEV_DIR})")
    print(f"docs/s: median of {args.rounds} rounds, each extractor timed once per round in turn")
    print_table("HTML input -> article body", html_results)
    for other in html_results[1:]:
        ratio = speed_ratio(html_results[0], other)
        print(f"  ours / {other.name} docs/s: {ratio:.1f}x (median of per-round ratios)")
    print_table("visible text input -> article body", text_results)
    if args.worst:
        print_worst(html_results[0], pages, args.worst)
        print_worst(text_results[0], pages, args.worst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
