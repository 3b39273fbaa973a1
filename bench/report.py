"""The tables `make bench` prints from its results (bench.perf gathers them)."""

from __future__ import annotations

from typing import Any

from bench.clean import PARSE_FLOOR
from bench.loadgen import CONCURRENCY, LoadResult

PEER_PATH = "/v2/models/topics/infer"


def print_report(results: dict[str, Any]) -> None:
    """The tables a user choosing a service would read, then the issue's acceptance figures."""
    printers = {
        "cleaning": _cleaning,
        "limit": _limit,
        "http": _http,
        "bulk": _bulk,
    }
    for name, printer in printers.items():
        if name in results:
            printer(results)
    if "http" in results:
        _efficiency(results)
        _peer(results)
    if "http" in results or "startup" in results:
        _footprint(results)
    _acceptance(results)


def _cleaning(results: dict[str, Any]) -> None:
    print("\n== Cleaning: extraction-dev, HTML input, one process (median of rounds)")
    cleaning = results["cleaning"]
    if "skipped" in cleaning:
        print(f"  skipped: {cleaning['skipped']}")
        return
    print(f"  {'extractor':<34}{'P':>7}{'R':>7}{'F1':>7}{'docs/s':>9}{'ours is':>10}")
    for name, r in cleaning.items():
        print(
            f"  {name:<34}{r['precision']:7.3f}{r['recall']:7.3f}{r['f1']:7.3f}"
            f"{r['docs_per_s']:9.0f}{r['ours_speed_ratio']:9.1f}x"
        )


def _limit(results: dict[str, Any]) -> None:
    print("\n== The limit: clean + classify in process, one core, no HTTP")
    for key, rate in results["limit"].items():
        print(f"  {key:<16}{rate:10.0f} docs/s")


def _http(results: dict[str, Any]) -> None:
    print("\n== Over HTTP: wrk on loopback, 1 KB texts (batch: 64 documents per request)")
    print(
        f"  {'server':<13}{'endpoint':<26}{'conc':>5}{'req/s':>9}{'docs/s':>9}{'p50 ms':>9}"
        f"{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}"
    )
    for server, path, r in _series_rows(results):
        docs = r.rps * (64 if path.endswith("batch") else 1)
        print(
            f"  {server:<13}{path:<26}{r.concurrency:5d}{r.rps:9.0f}{docs:9.0f}{r.p50_ms:9.1f}"
            f"{r.p95_ms:9.1f}{r.p99_ms:9.1f}{r.errors:8d}"
        )


def _bulk(results: dict[str, Any]) -> None:
    b = results["bulk"]
    print(f"\n== Bulk: python -m service.bulk, classify, {b['workers']} processes, 1 KB texts")
    print(f"  {b['docs']} docs in {b['seconds']:.1f} s (start-up included): {b['docs_per_s']:.0f}")
    for workers in (1, 2):
        batch = _at(results, "http", f"ours w{workers}", "/v1/classify batch", 4)
        single = _best(results, f"ours w{workers}", "/v1/classify")
        if batch and single:
            print(
                f"  same work over HTTP, {workers} worker(s): {batch.rps * 64:.0f} docs/s "
                f"in batches of 64, {single.rps:.0f} docs/s one per request"
            )


def _efficiency(results: dict[str, Any]) -> None:
    limit = results.get("limit", {}).get("1KB batch 1")
    if not limit:
        return
    print("\n== Efficiency: HTTP /v1/classify rate / (workers x in-process batch-1 rate), 1 KB")
    for workers in (1, 2):
        for c in CONCURRENCY:
            r = _at(results, "http", f"ours w{workers}", "/v1/classify", c)
            if r:
                print(
                    f"  {workers} worker(s), concurrency {c:>2}: {r.rps / (limit * workers):6.0%}"
                )


def _peer(results: dict[str, Any]) -> None:
    ours = _at(results, "http", "ours w2", "/v1/classify", 64)
    peer = _at(results, "mlserver", "mlserver w2", PEER_PATH, 64)
    print("\n== Peer: 2 workers, concurrency 64, 1 KB texts")
    if not (ours and peer):
        print(f"  skipped: {results.get('mlserver', {}).get('skipped', 'no figures')}")
        return
    same = results["mlserver"]["mlserver w2"].get("same_scores")
    rows = (
        ("ours /v1/classify (cleans, then classifies)", ours),
        ("MLServer sklearn runtime (classifies only)", peer),
    )
    for name, r in rows:
        print(f"  {name:<45}{r.rps:8.0f} req/s, p99 {r.p99_ms:.1f} ms")
    print(f"  MLServer's scores equal the pipeline's: {same}")
    ratio, p99 = ours.rps / peer.rps, ours.p99_ms / peer.p99_ms
    print(f"  ours/MLServer: throughput {ratio:.2f}x, p99 {p99:.2f}x")


def _footprint(results: dict[str, Any]) -> None:
    print("\n== Footprint (RSS in MiB per process: idle after start / after the load)")
    servers = {**results.get("http", {}), **results.get("mlserver", {})}
    for server, figures in servers.items():
        if not isinstance(figures, dict) or "rss_mib" not in figures:
            continue
        idle, loaded = figures["rss_mib"]["idle"], figures["rss_mib"]["after load"]
        rss = ", ".join(
            f"{key.split()[-1]} {v:.0f}/{loaded.get(key, 0):.0f}" for key, v in idle.items()
        )
        print(f"  {server:<13} cold start to ready {figures['cold_start_s']:5.2f} s; RSS {rss}")
    for server, starts in results.get("startup", {}).items():
        print(
            f"  {server:<13} cold start to ready, median of {len(starts['runs'])} starts in turn: "
            f"{starts['median_s']:.2f} s (min {starts['min_s']:.2f}, max {starts['max_s']:.2f})"
        )
    image = results.get("image")
    print(f"  image size: {f'{image:.0f} MB' if image else 'not built here (no podman image)'}")


def _acceptance(results: dict[str, Any]) -> None:
    print("\n== Issue 6 acceptance figures (this run)")
    for line in _acceptance_lines(results):
        print(f"  {line}")


def _acceptance_lines(results: dict[str, Any]) -> list[str]:
    lines = []
    ours = _at(results, "http", "ours w2", "/v1/classify", 64)
    peer = _at(results, "mlserver", "mlserver w2", PEER_PATH, 64)
    if ours and peer:
        lines.append(
            f"classify w2 c64 vs MLServer: {ours.rps / peer.rps:.2f}x throughput (target >= 2), "
            f"p99 {ours.p99_ms:.0f} vs {peer.p99_ms:.0f} ms (target: ours <=)"
        )
    limit = results.get("limit", {})
    best = _best(results, "ours w1", "/v1/classify")
    alone = _at(results, "http", "ours w1", "/v1/classify", 1)
    if limit.get("1KB batch 1") and best and alone:
        lines.append(
            f"efficiency, one document per request, 1 worker: {best.rps / limit['1KB batch 1']:.0%}"
            f" at concurrency {best.concurrency} (target >= 60%), "
            f"{alone.rps / limit['1KB batch 1']:.0%} at concurrency 1; "
            f"{best.rps / limit['1KB batch 64']:.0%} of the in-process batch-64 rate"
        )
    cleaning = results.get("cleaning", {})
    if "ours" in cleaning and "trafilatura fast=True" in cleaning:
        trafilatura = cleaning["trafilatura fast=True"]
        line = (
            f"cleaning vs trafilatura fast=True: {trafilatura['ours_speed_ratio']:.1f}x docs/s "
            f"(target >= 10), F1 {cleaning['ours']['f1']:.3f} vs {trafilatura['f1']:.3f}"
        )
        floor = cleaning.get(PARSE_FLOOR)
        if floor:
            # Each ratio is trafilatura's (or the floor's) pass time over ours in one round.
            line += (
                f"; the floor (Lexbor parse + body text, no extraction) runs "
                f"{trafilatura['ours_speed_ratio'] / floor['ours_speed_ratio']:.1f}x trafilatura"
            )
        lines.append(line)
    starts = results.get("startup", {})
    for server in ("ours w1", "ours w2"):
        if server in starts:
            peer_start = starts.get(server.replace("ours", "mlserver"), {}).get("median_s")
            versus = f", MLServer {peer_start:.2f} s" if peer_start else ""
            lines.append(
                f"{server} cold start to ready: median {starts[server]['median_s']:.2f} s "
                f"(target <= 2){versus}"
            )
    return lines


def _series_rows(results: dict[str, Any]) -> list[tuple[str, str, LoadResult]]:
    rows: list[tuple[str, str, LoadResult]] = []
    for section in ("http", "mlserver"):
        for server, figures in results.get(section, {}).items():
            if not isinstance(figures, dict):
                continue
            for key, series in figures.items():
                if key.startswith("/"):
                    rows.extend((server, key, load) for load in series)
    return rows


def _at(results: dict[str, Any], section: str, server: str, path: str, c: int) -> LoadResult | None:
    series = results.get(section, {}).get(server, {}).get(path) or []
    return next((r for r in series if r.concurrency == c), None)


def _best(results: dict[str, Any], server: str, path: str) -> LoadResult | None:
    series = results.get("http", {}).get(server, {}).get(path) or []
    return max(series, key=lambda r: r.rps, default=None)
