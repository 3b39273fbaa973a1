"""Bulk mode: clean and/or classify a JSONL file of documents on all cores, with progress."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import IO, Any

from service.classifier import TopicClassifier, prepare
from service.cleaning import clean
from service.cleaning.errors import CleaningError
from service.model_store import ModelFolderError
from service.surrogates import LONE_SURROGATE, has_lone_surrogate

CHUNK_LINES = 64
_classifier: TopicClassifier | None = None


class BulkInputError(Exception):
    """A line of the input file is not a usable document."""


def _init_worker(model_dir: str | None) -> None:
    global _classifier
    _classifier = TopicClassifier.load(Path(model_dir)) if model_dir else None


def _load(number: int, line: str) -> dict[str, Any]:
    try:
        doc = json.loads(line)
    except json.JSONDecodeError as error:
        raise BulkInputError(f"line {number}: not JSON ({error.msg})") from None
    if not isinstance(doc, dict):
        raise BulkInputError(f"line {number}: not a JSON object")
    if has_lone_surrogate(line, doc):
        # The HTTP API refuses such a body as invalid JSON; here the one line is reported.
        raise BulkInputError(f"line {number}: {LONE_SURROGATE}")
    return doc


def _content(number: int, doc: dict[str, Any]) -> dict[str, str]:
    given = {key: doc[key] for key in ("text", "html") if isinstance(doc.get(key), str)}
    if len(given) != 1:
        raise BulkInputError(f"line {number}: needs exactly one of 'text' or 'html' as a string")
    return given


def _process_chunk(chunk: Sequence[tuple[int, str]], do_clean: bool) -> list[str]:
    results: list[dict[str, Any]] = []
    prepared: list[tuple[int, str]] = []
    for number, line in chunk:
        out: dict[str, Any] = {"id": number}
        try:
            doc = _load(number, line)
            out["id"] = doc.get("id", number)
            content = _content(number, doc)
            if do_clean:
                article = clean(text=content.get("text"), html=content.get("html"))
                out.update(title=article.title, text=article.text)
            if _classifier is not None:
                text = prepare(text=content.get("text"), html=content.get("html"))
                prepared.append((len(results), text))
        except (BulkInputError, CleaningError) as error:
            out["error"] = str(error)
        results.append(out)
    if _classifier is not None and prepared:
        predictions = _classifier.predict([text for _, text in prepared])
        for (position, _), prediction in zip(prepared, predictions, strict=True):
            results[position].update(labels=prediction.labels, scores=prediction.scores)
    return [json.dumps(r, ensure_ascii=False) for r in results]


def _chunks(lines: Iterable[str]) -> Iterator[list[tuple[int, str]]]:
    chunk: list[tuple[int, str]] = []
    for number, line in enumerate(lines, 1):
        if line.strip():
            chunk.append((number, line))
        if len(chunk) == CHUNK_LINES:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run(
    source: Iterable[str],
    sink: IO[str],
    *,
    model_dir: Path | None,
    do_clean: bool,
    workers: int,
    progress: IO[str] | None = None,
) -> tuple[int, float]:
    """Process every document in order; returns (documents, seconds)."""
    started, done = time.perf_counter(), 0
    work = partial(_process_chunk, do_clean=do_clean)
    init_args = (str(model_dir) if model_dir else None,)
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=init_args) as pool:
        # A bounded window of chunks in flight keeps memory flat on files of any size.
        window: deque[Future[list[str]]] = deque()
        for chunk in _chunks(source):
            window.append(pool.submit(work, chunk))
            if len(window) >= 4 * workers:
                done += _write(window.popleft().result(), sink, progress, started, done)
        while window:
            done += _write(window.popleft().result(), sink, progress, started, done)
    if progress is not None:
        progress.write("\n")
    return done, time.perf_counter() - started


def _write(
    lines: list[str], sink: IO[str], progress: IO[str] | None, started: float, done: int
) -> int:
    sink.write("\n".join(lines) + "\n")
    if progress is not None:
        total = done + len(lines)
        rate = total / max(time.perf_counter() - started, 1e-9)
        progress.write(f"\r{total:,} docs  {rate:,.0f} docs/s")
        progress.flush()
    return len(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: python -m service.bulk IN.jsonl OUT.jsonl [--no-classify] [--clean]."""
    parser = argparse.ArgumentParser(
        prog="python -m service.bulk",
        description="Clean and/or classify a JSONL file of {id, text|html} documents on all cores."
        " Each output line carries the id and either the results or an 'error'.",
    )
    parser.add_argument("input", type=Path, help="JSONL file, one {id, text|html} per line")
    parser.add_argument("output", type=Path, help="JSONL file to write ('-' for stdout)")
    parser.add_argument("--model-dir", type=Path, default=Path("model"), help="model folder")
    parser.add_argument("--clean", action="store_true", help="include title and clean text")
    parser.add_argument("--no-classify", action="store_true", help="skip classification")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes")
    args = parser.parse_args(argv)
    if args.no_classify and not args.clean:
        parser.error("nothing to do: --no-classify needs --clean")
    model_dir = None if args.no_classify else args.model_dir
    try:
        if model_dir is not None:
            TopicClassifier.load(model_dir)  # a clear error here, not a broken worker pool
        source = args.input.open(encoding="utf-8")
    except (ModelFolderError, OSError) as error:
        parser.exit(2, f"error: {error}\n")
    with source:
        sink = sys.stdout if str(args.output) == "-" else args.output.open("w", encoding="utf-8")
        with sink:
            docs, seconds = run(
                source,
                sink,
                model_dir=model_dir,
                do_clean=args.clean,
                workers=args.workers,
                progress=sys.stderr,
            )
    print(
        f"{docs} docs in {seconds:.2f} s: {docs / max(seconds, 1e-9):,.0f} docs/s", file=sys.stderr
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
