"""make bench: cleaning, the in-process limit, HTTP load beside MLServer, bulk and the footprint.

Prints tables and writes bench/results/perf.json. Figures only: nothing here asserts a timing.
Ratios measured in one run are the comparable figures; absolute numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import asdict
from functools import partial
from pathlib import Path
from typing import Any

from bench import clean as clean_bench
from bench.devset import DEV_DIR, load_pages
from bench.loadgen import CONCURRENCY, LoadResult, run_wrk
from bench.report import print_report
from bench.servers import Running, serve_mlserver, serve_ours
from service import bulk
from service.classifier import TopicClassifier, prepare
from service.model_store import load_model
from training.corpus import read_items

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "perf.json"
MLSERVER_BIN = ROOT / ".venv-mlserver" / "bin" / "mlserver"
SIZES = {"1KB": 1024, "8KB": 8192}
BATCH = 64  # documents per request in the batch-mode HTTP run (MAX_BATCH_ITEMS)
BULK_DOCS = 6400
IMAGE = "localhost/newsclean:ci"
# Cold starts per server in the startup section: one start on this shared machine varies by
# more than a second, so each server is started this often, in turn, and the median reported.
COLD_STARTS = 5
SECTIONS = ("cleaning", "limit", "http", "mlserver", "startup", "bulk", "image")


def sample_texts(size: int, count: int = 64) -> list[str]:
    """`count` distinct documents of about `size` bytes, built from our own corpus's texts."""
    items = sorted(read_items(), key=lambda item: item.id)
    docs, current = [], ""
    for item in items:
        current = f"{current}\n\n{item.text}" if current else item.text
        if len(current.encode()) >= size:
            docs.append(current.encode()[:size].decode(errors="ignore").rsplit(" ", 1)[0])
            current = ""
            if len(docs) == count:
                break
    return docs


def in_process_rate(
    classifier: TopicClassifier, texts: Sequence[str], batch: int, min_seconds: float
) -> float:
    """Docs/s of clean + classify without HTTP, one process, `batch` documents per predict."""
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < min_seconds:
        for i in range(0, len(texts), batch):
            chunk = texts[i : i + batch]
            classifier.predict([prepare(text=t) for t in chunk])
            done += len(chunk)
    return done / (time.perf_counter() - start)


def limit_section(model_dir: Path, seconds: float) -> dict[str, float]:
    """The in-process limit at batch 1 and 64 for each text size."""
    classifier = TopicClassifier.load(model_dir)
    out = {}
    for name, size in SIZES.items():
        texts = sample_texts(size)
        in_process_rate(classifier, texts, 1, 0.5)  # warm-up
        for batch in (1, BATCH):
            out[f"{name} batch {batch}"] = in_process_rate(classifier, texts, batch, seconds)
    return out


def _load_series(server: Running, path: str, bodies: list[str], seconds: float) -> list[LoadResult]:
    run_wrk(server.base_url, path, bodies, 8, min(2.0, seconds))  # warm-up
    return [run_wrk(server.base_url, path, bodies, c, seconds) for c in CONCURRENCY]


def _batch_bodies(texts: list[str]) -> list[str]:
    # Each body holds every sample, rotated, so no two consecutive requests are identical.
    return [
        json.dumps(
            {"documents": [{"id": str(j), "text": t} for j, t in enumerate(texts[i:] + texts[:i])]}
        )
        for i in range(0, len(texts), 8)
    ]


def http_section(model_dir: Path, seconds: float) -> dict[str, Any]:
    """Our service at 1 and 2 workers: both endpoints, every concurrency, plus footprint."""
    texts = sample_texts(SIZES["1KB"])
    singles = [json.dumps({"text": t}) for t in texts]
    out: dict[str, Any] = {}
    for workers in (1, 2):
        with serve_ours(workers, model_dir) as server:
            _check(server.base_url, "/v1/classify", singles[0])
            idle_rss = server.rss_mib()
            figures: dict[str, Any] = {
                "cold_start_s": server.cold_start_s,
                "/v1/classify": _load_series(server, "/v1/classify", singles, seconds),
                "/v1/clean": _load_series(server, "/v1/clean", singles, seconds),
                "/v1/classify batch": [
                    run_wrk(server.base_url, "/v1/classify", _batch_bodies(texts), 4, seconds)
                ],
            }
            figures["rss_mib"] = {"idle": idle_rss, "after load": server.rss_mib()}
            out[f"ours w{workers}"] = figures
    return out


def mlserver_section(model_dir: Path, seconds: float) -> dict[str, Any]:
    """The same fitted pipeline behind MLServer's scikit-learn runtime, same load."""
    if not MLSERVER_BIN.exists():
        return {"skipped": f"{MLSERVER_BIN} missing (make bench builds it)"}
    texts = sample_texts(SIZES["1KB"])
    bodies = [_v2_body(t) for t in texts]
    pipeline = load_model(model_dir).pipeline
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        artefact = _joblib_copy(pipeline, Path(tmp))
        for workers in (1, 2):
            root = Path(tmp) / f"w{workers}"
            with serve_mlserver(MLSERVER_BIN, artefact, workers, root) as server:
                answer = _check(server.base_url, "/v2/models/topics/infer", bodies[0])
                idle_rss = server.rss_mib()
                series = _load_series(server, "/v2/models/topics/infer", bodies, seconds)
                out[f"mlserver w{workers}"] = {
                    "cold_start_s": server.cold_start_s,
                    "same_scores": _same_scores(answer, pipeline.predict_proba(texts[:1])[0]),
                    "/v2/models/topics/infer": series,
                    "rss_mib": {"idle": idle_rss, "after load": server.rss_mib()},
                }
    return out


def _v2_body(text: str) -> str:
    return json.dumps(
        {"inputs": [{"name": "text", "shape": [1], "datatype": "BYTES", "data": [text]}]}
    )


def _check(base_url: str, path: str, body: str) -> Any:
    # One real request before the load: a run of errors would otherwise look like speed.
    headers = {"Content-Type": "application/json"}
    request = urllib.request.Request(f"{base_url}{path}", body.encode(), headers, method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def _same_scores(answer: dict[str, Any], expected: Sequence[float]) -> bool:
    data = answer["outputs"][0]["data"]
    return len(data) == len(expected) and all(
        abs(a - b) < 1e-9 for a, b in zip(data, expected, strict=True)
    )


def _joblib_copy(pipeline: Any, folder: Path) -> Path:
    import joblib  # the peer loads joblib files only; this copy lives in a temp folder

    artefact = folder / "model.joblib"
    joblib.dump(pipeline, artefact)
    return artefact


def startup_section(model_dir: Path) -> dict[str, Any]:
    """Process start until ready, ours and MLServer at 1 and 2 workers, each COLD_STARTS times."""
    starters: dict[str, Callable[[], AbstractContextManager[Running]]] = {
        f"ours w{w}": partial(serve_ours, w, model_dir) for w in (1, 2)
    }
    times: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        if MLSERVER_BIN.exists():
            artefact = _joblib_copy(load_model(model_dir).pipeline, Path(tmp))
            starters |= {
                f"mlserver w{w}": partial(
                    serve_mlserver, MLSERVER_BIN, artefact, w, Path(tmp) / str(w)
                )
                for w in (1, 2)
            }
        # In turn, round after round: a slow spell of the machine falls on every server.
        for _ in range(COLD_STARTS):
            for name, start in starters.items():
                with start() as server:
                    times.setdefault(name, []).append(server.cold_start_s)
    return {
        name: {
            "median_s": statistics.median(runs),
            "min_s": min(runs),
            "max_s": max(runs),
            "runs": runs,
        }
        for name, runs in times.items()
    }


def bulk_section(model_dir: Path) -> dict[str, Any]:
    """service.bulk on every core: clean + classify a JSONL file of 1 KB texts."""
    texts = sample_texts(SIZES["1KB"])
    lines = [
        json.dumps({"id": str(i), "text": texts[i % len(texts)]}) + "\n" for i in range(BULK_DOCS)
    ]
    workers = 2
    with tempfile.TemporaryFile("w+", encoding="utf-8") as sink:
        docs, seconds = bulk.run(lines, sink, model_dir=model_dir, do_clean=False, workers=workers)
    return {"docs": docs, "seconds": seconds, "docs_per_s": docs / seconds, "workers": workers}


def image_size_mb() -> float | None:
    """Size of the container image built by the container check, when podman has it."""
    if shutil.which("podman") is None:
        return None
    probe = subprocess.run(
        ["podman", "image", "inspect", IMAGE, "--format", "{{.Size}}"],
        capture_output=True,
        text=True,
        check=False,
    )
    return int(probe.stdout.strip()) / 1e6 if probe.returncode == 0 else None


def cleaning_section(rounds: int) -> dict[str, Any]:
    """Our cleaner beside trafilatura, resiliparse and the parse floor on extraction-dev (HTML)."""
    pages = load_pages()
    if not pages:
        return {"skipped": f"{DEV_DIR} is absent"}
    htmls, truths = [p.html for p in pages], [p.truth for p in pages]
    runs = [("ours", clean_bench.ours_html), *clean_bench.HTML_BASELINES]
    results = clean_bench.measure(runs, htmls, truths, rounds)
    ours = results[0]
    return {
        r.name: {
            "f1": r.summary.f1,
            "precision": r.summary.precision,
            "recall": r.summary.recall,
            "docs_per_s": r.docs_per_s,
            # Median of per-round ratios: both timed in the same round, so load falls on both.
            "ours_speed_ratio": clean_bench.speed_ratio(ours, r),
        }
        for r in results
    }


def run_sections(args: argparse.Namespace) -> dict[str, Any]:
    """Every section asked for, in order, with progress on stderr."""
    work: dict[str, Callable[[], Any]] = {
        "cleaning": lambda: cleaning_section(args.rounds),
        "limit": lambda: limit_section(args.model_dir, max(2.0, args.seconds / 2)),
        "http": lambda: http_section(args.model_dir, args.seconds),
        "mlserver": lambda: mlserver_section(args.model_dir, args.seconds),
        "startup": lambda: startup_section(args.model_dir),
        "bulk": lambda: bulk_section(args.model_dir),
        "image": image_size_mb,
    }
    results: dict[str, Any] = {"seconds_per_run": args.seconds}
    for name in args.sections:
        started = time.monotonic()
        print(f"bench: {name} ...", file=sys.stderr, flush=True)
        results[name] = work[name]()
        print(f"bench: {name} done in {time.monotonic() - started:.0f} s", file=sys.stderr)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    """Run every section, print the tables, write the JSON."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--model-dir", type=Path, default=ROOT / "model")
    parser.add_argument("--seconds", type=int, default=8, help="length of each load run")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds of the cleaners")
    parser.add_argument(
        "--sections", type=_sections, default=list(SECTIONS), help=",".join(SECTIONS)
    )
    parser.add_argument("--out", type=Path, default=RESULTS, help="where the JSON goes")
    args = parser.parse_args(argv)
    results = run_sections(args)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, default=_plain))
    print_report(results)
    print(f"\nwritten: {args.out}")
    return 0


def _sections(value: str) -> list[str]:
    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = sorted(set(names) - set(SECTIONS))
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown sections {unknown}; known: {SECTIONS}")
    return names


def _plain(value: object) -> object:
    if isinstance(value, LoadResult):
        return asdict(value)
    raise TypeError(type(value).__name__)


if __name__ == "__main__":
    raise SystemExit(main())
