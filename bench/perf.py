"""make bench: cleaning, the in-process limit, HTTP load beside MLServer, and the footprint.

Prints tables and writes bench/results/perf.json. Figures only: nothing here asserts a timing.
Ratios measured in one run are the comparable figures; absolute numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from bench import clean as clean_bench
from bench.devset import DEV_DIR, load_pages
from bench.loadgen import LoadResult, run_wrk
from bench.servers import Running, serve_mlserver, serve_ours
from service.classifier import TopicClassifier, prepare
from service.model_store import load_model
from training.corpus import read_items

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "perf.json"
MLSERVER_BIN = ROOT / ".venv-mlserver" / "bin" / "mlserver"
CONCURRENCY = (1, 8, 64)
SIZES = {"1KB": 1024, "8KB": 8192}
IMAGE = "localhost/newsclean:ci"


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
        in_process_rate(classifier, texts[:8], 1, 0.2)
        for batch in (1, 64):
            out[f"{name} batch {batch}"] = in_process_rate(classifier, texts, batch, seconds)
    return out


def _load_series(server: Running, path: str, bodies: list[str], seconds: float) -> list[LoadResult]:
    run_wrk(server.base_url, path, bodies, 8, min(2.0, seconds))  # warm-up
    return [run_wrk(server.base_url, path, bodies, c, seconds) for c in CONCURRENCY]


def http_section(model_dir: Path, seconds: float) -> dict[str, Any]:
    """Our service at 1 and 2 workers: both endpoints, every concurrency, plus footprint."""
    texts = [json.dumps({"text": t}) for t in sample_texts(SIZES["1KB"])]
    out: dict[str, Any] = {}
    for workers in (1, 2):
        with serve_ours(workers, model_dir) as server:
            time.sleep(0.5)
            rss = server.rss_mib()
            out[f"ours w{workers}"] = {
                "cold_start_s": server.cold_start_s,
                "rss_mib": rss,
                "/v1/classify": _load_series(server, "/v1/classify", texts, seconds),
                "/v1/clean": _load_series(server, "/v1/clean", texts, seconds),
            }
    return out


def mlserver_section(model_dir: Path, seconds: float) -> dict[str, Any]:
    """The same fitted pipeline behind MLServer's scikit-learn runtime, same load."""
    if not MLSERVER_BIN.exists():
        return {"skipped": f"{MLSERVER_BIN} missing (make bench builds it)"}
    import joblib  # the peer loads joblib files only; this copy lives in a temp folder

    bodies = [
        json.dumps({"inputs": [{"name": "text", "shape": [1], "datatype": "BYTES", "data": [t]}]})
        for t in sample_texts(SIZES["1KB"])
    ]
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        artefact = Path(tmp) / "model.joblib"
        joblib.dump(load_model(model_dir).pipeline, artefact)
        for workers in (1, 2):
            with serve_mlserver(
                MLSERVER_BIN, artefact, workers, Path(tmp) / f"w{workers}"
            ) as server:
                out[f"mlserver w{workers}"] = {
                    "cold_start_s": server.cold_start_s,
                    "rss_mib": server.rss_mib(),
                    "/v2/models/topics/infer": _load_series(
                        server, "/v2/models/topics/infer", bodies, seconds
                    ),
                }
    return out


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


def cleaning_section() -> dict[str, Any]:
    """Our cleaner beside trafilatura and resiliparse on extraction-dev (HTML input)."""
    pages = load_pages()
    if not pages:
        return {"skipped": f"{DEV_DIR} is absent"}
    htmls, truths = [p.html for p in pages], [p.truth for p in pages]
    runs: list[tuple[str, Callable[[str], str]]] = [
        ("ours", clean_bench.ours_html),
        ("trafilatura fast=True", clean_bench.trafilatura_fast),
        ("trafilatura favor_precision=True", clean_bench.trafilatura_precision),
        ("resiliparse main_content=True", clean_bench.resiliparse_main),
    ]
    results = {name: clean_bench.measure(name, fn, htmls, truths) for name, fn in runs}
    return {
        name: {
            "f1": r.summary.f1,
            "precision": r.summary.precision,
            "recall": r.summary.recall,
            "docs_per_s": r.docs_per_s,
        }
        for name, r in results.items()
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run every section, print the tables, write the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-dir", type=Path, default=ROOT / "model")
    parser.add_argument("--seconds", type=float, default=8.0, help="length of each load run")
    args = parser.parse_args(argv)
    results: dict[str, Any] = {"seconds_per_run": args.seconds}
    results["cleaning"] = cleaning_section()
    results["limit"] = limit_section(args.model_dir, max(2.0, args.seconds / 2))
    results["http"] = http_section(args.model_dir, args.seconds)
    results["mlserver"] = mlserver_section(args.model_dir, args.seconds)
    results["image_mb"] = image_size_mb()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, default=_plain))
    print_report(results)
    print(f"\nwritten: {RESULTS.relative_to(ROOT)}")
    return 0


def _plain(value: object) -> object:
    if isinstance(value, LoadResult):
        return asdict(value)
    raise TypeError(type(value).__name__)


def _series_rows(results: dict[str, Any]) -> list[tuple[str, str, LoadResult]]:
    rows = []
    for section in ("http", "mlserver"):
        for server, figures in results[section].items():
            for key, series in figures.items() if isinstance(figures, dict) else ():
                if key.startswith("/"):
                    rows.extend((server, key, load) for load in series)
    return rows


def _at(results: dict[str, Any], section: str, server: str, path: str, c: int) -> LoadResult | None:
    series = results[section].get(server, {}).get(path) or []
    return next((r for r in series if r.concurrency == c), None)


def print_report(results: dict[str, Any]) -> None:
    """The tables a user choosing a service would read."""
    print("\n== Cleaning: extraction-dev, HTML input, one process")
    cleaning = results["cleaning"]
    if "skipped" in cleaning:
        print(f"  skipped: {cleaning['skipped']}")
    else:
        base = cleaning["trafilatura fast=True"]["docs_per_s"]
        print(f"  {'extractor':<34}{'P':>7}{'R':>7}{'F1':>7}{'docs/s':>9}{'x trafilatura':>15}")
        for name, r in cleaning.items():
            print(
                f"  {name:<34}{r['precision']:7.3f}{r['recall']:7.3f}{r['f1']:7.3f}"
                f"{r['docs_per_s']:9.0f}{r['docs_per_s'] / base:14.1f}x"
            )
    print("\n== The limit: clean + classify in process, one core, no HTTP")
    for key, rate in results["limit"].items():
        print(f"  {key:<16}{rate:10.0f} docs/s")
    print("\n== Over HTTP: wrk on loopback, 1 KB texts")
    print(
        f"  {'server':<13}{'endpoint':<26}{'conc':>5}{'req/s':>9}{'p50 ms':>9}"
        f"{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}"
    )
    for server, path, r in _series_rows(results):
        print(
            f"  {server:<13}{path:<26}{r.concurrency:5d}{r.rps:9.0f}{r.p50_ms:9.1f}"
            f"{r.p95_ms:9.1f}{r.p99_ms:9.1f}{r.errors:8d}"
        )
    limit = results["limit"]["1KB batch 1"]
    print("\n== Efficiency: HTTP /v1/classify rate / in-process batch-1 rate (1 KB)")
    for workers in (1, 2):
        for c in CONCURRENCY:
            r = _at(results, "http", f"ours w{workers}", "/v1/classify", c)
            if r:
                share = r.rps / (limit * workers)
                print(
                    f"  {workers} worker(s), concurrency {c:>2}: {share:6.0%} "
                    f"of {workers} x in-process"
                )
    ours = _at(results, "http", "ours w2", "/v1/classify", 64)
    peer = _at(results, "mlserver", "mlserver w2", "/v2/models/topics/infer", 64)
    print("\n== Peer: 2 workers, concurrency 64, 1 KB texts")
    if ours and peer:
        print(
            f"  ours /v1/classify (cleans, then classifies): {ours.rps:8.0f} req/s, "
            f"p99 {ours.p99_ms:.1f} ms"
        )
        print(
            f"  MLServer sklearn runtime (classifies only):   {peer.rps:8.0f} req/s, "
            f"p99 {peer.p99_ms:.1f} ms"
        )
        print(
            f"  throughput ratio ours/MLServer: {ours.rps / peer.rps:.2f}x; "
            f"p99 ratio: {ours.p99_ms / peer.p99_ms:.2f}"
        )
    else:
        print(f"  skipped: {results['mlserver'].get('skipped', 'no figures')}")
    print("\n== Footprint")
    for server, figures in {**results["http"], **results["mlserver"]}.items():
        if isinstance(figures, dict) and "rss_mib" in figures:
            rss = ", ".join(f"{v:.0f}" for v in figures["rss_mib"].values())
            print(
                f"  {server:<13} cold start to ready {figures['cold_start_s']:5.2f} s; "
                f"RSS per process (MiB): {rss}"
            )
    image = results["image_mb"]
    print(f"  image size: {f'{image:.0f} MB' if image else 'n/a (no podman image built here)'}")


if __name__ == "__main__":
    raise SystemExit(main())
