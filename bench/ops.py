"""make bench-ops: the issue-5 operations figures, each against a real server on loopback.

1. reload under load: wrk drives /v1/classify while the admin endpoint swaps models; failures.
2. a flood of 10 MB bodies: every answer must be 413; the server's peak RSS (VmHWM).
3. CPU-saturating load on /v1/clean: /livez latency percentiles measured during it.

Prints figures only; nothing here asserts a timing. Needs wrk (apt-get install wrk).
"""

from __future__ import annotations

import argparse
import http.client
import json
import shutil
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from bench.loadgen import run_wrk
from bench.servers import Running, free_port, serve

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "model"
KEY = "bench-ops-admin-key-0123456789"
TEN_MB = 10 * 1024 * 1024

PARAGRAPH = (
    "The ministry said on Monday that the new measures on imported steel and aluminium would "
    "take effect next month, after talks with trading partners ended without an agreement, "
    "and officials warned that further duties could follow if the dispute was not settled."
)


def news_page(paragraphs: int) -> str:
    """A synthetic news page: navigation, an article of `paragraphs` paragraphs, a footer."""
    nav = "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(40))
    body = "".join(f"<p>{PARAGRAPH} ({i})</p>" for i in range(paragraphs))
    return (
        f"<html><head><title>Steel duties</title></head><body><nav><ul>{nav}</ul></nav>"
        f"<article><h1>Steel duties take effect</h1>{body}</article>"
        "<aside>Advertisement</aside><footer>Subscribe. All rights reserved.</footer></body></html>"
    )


def start(env: dict[str, str]) -> AbstractContextManager[Running]:
    """python -m service on a free loopback port, ready once /readyz answers 200."""
    port = free_port()
    base = {"PORT": str(port), "MODEL_DIR": str(MODEL), "LOG_LEVEL": "warning"}
    return serve([sys.executable, "-m", "service"], base | env, port, "/readyz", cwd=ROOT)


def _post(base_url: str, path: str, body: dict[str, Any], headers: dict[str, str]) -> int:
    host, port = base_url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    try:
        connection.request(
            "POST", path, json.dumps(body), {"Content-Type": "application/json"} | headers
        )
        return connection.getresponse().status
    finally:
        connection.close()


# --- 1. reload under load ----------------------------------------------------------------------


def reload_under_load(seconds: int, concurrency: int) -> dict[str, Any]:
    """wrk on /v1/classify for `seconds` while models are swapped back and forth."""
    with tempfile.TemporaryDirectory() as scratch:
        twin = Path(scratch) / "model-copy"
        shutil.copytree(MODEL, twin)
        with start({"API_KEY": KEY}) as server:
            reloads: list[tuple[int, float]] = []
            stop = threading.Event()

            def swap() -> None:
                folders = [str(twin), str(MODEL)]
                time.sleep(0.5)
                while not stop.is_set():
                    started = time.monotonic()
                    body = {"model_dir": folders[len(reloads) % 2]}
                    status = _post(server.base_url, "/v1/admin/reload", body, {"X-API-Key": KEY})
                    reloads.append((status, time.monotonic() - started))
                    stop.wait(0.25)

            swapper = threading.Thread(target=swap)
            swapper.start()
            bodies = [json.dumps({"html": news_page(n)}) for n in (3, 8, 20)]
            try:
                load = run_wrk(server.base_url, "/v1/classify", bodies, concurrency, seconds)
            finally:
                stop.set()
                swapper.join()
    return {
        "requests": load.requests,
        "failed": load.errors,
        "rps": round(load.rps, 1),
        "p99_ms": load.p99_ms,
        "reloads": len(reloads),
        "reloads_ok": sum(1 for status, _ in reloads if status == 200),
        "reload_s_median": round(statistics.median(s for _, s in reloads), 3) if reloads else None,
    }


# --- 2. a flood of 10 MB bodies ----------------------------------------------------------------


def _send_oversize(base_url: str, chunked: bool) -> int:
    """POST 10 MB (declared, or chunked with no length) and return the status the server sent."""
    host, port = base_url.removeprefix("http://").split(":")
    length = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {TEN_MB}"
    head = (
        f"POST /v1/clean HTTP/1.1\r\nHost: {host}\r\n"
        f"Content-Type: application/json\r\n{length}\r\n\r\n"
    )
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(head.encode())

        def push() -> None:
            block = b"x" * 65536
            framed = b"10000\r\n" + block + b"\r\n" if chunked else block
            try:
                for _ in range(TEN_MB // 65536):
                    sock.sendall(framed)
                if chunked:
                    sock.sendall(b"0\r\n\r\n")
            except OSError:
                pass  # the server answered and closed: the rest of the body is refused

        sender = threading.Thread(target=push)
        sender.start()
        try:
            status_line = sock.makefile("rb").readline().decode()
        finally:
            sender.join()
    return int(status_line.split()[1]) if status_line else 0


def _hwm_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def body_flood(requests: int, concurrency: int) -> dict[str, Any]:
    """`requests` 10 MB POSTs from `concurrency` clients, half declared and half chunked."""
    with start({}) as server:
        pid = server.process.pid
        rss_before = _hwm_kib(pid)
        statuses: Counter[int] = Counter()
        lock = threading.Lock()
        jobs = iter(range(requests))

        def client() -> None:
            for n in jobs:
                status = _send_oversize(server.base_url, chunked=n % 2 == 1)
                with lock:
                    statuses[status] += 1

        started = time.monotonic()
        _run_threads(client, concurrency)
        elapsed = time.monotonic() - started
        peak = _hwm_kib(pid)
    return {
        "requests": requests,
        "statuses": dict(statuses),
        "all_413": statuses == Counter({413: requests}),
        "seconds": round(elapsed, 2),
        "rss_peak_mib_before_flood": round(rss_before / 1024, 1),
        "rss_peak_mib_after_flood": round(peak / 1024, 1),
        "bytes_offered_mib": requests * 10,
    }


def _run_threads(target: Callable[[], None], count: int) -> None:
    threads = [threading.Thread(target=target) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


# --- 3. /livez during CPU-saturating /v1/clean load ----------------------------------------------


def _livez_latencies(base_url: str, stop: threading.Event, out: list[float]) -> None:
    host, port = base_url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    while not stop.is_set():
        started = time.perf_counter()
        connection.request("GET", "/livez")
        response = connection.getresponse()
        response.read()
        if response.status == 200:
            out.append((time.perf_counter() - started) * 1000)
        stop.wait(0.02)
    connection.close()


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 2)


def livez_under_clean_load(seconds: int, concurrency: int, threads: int | None) -> dict[str, Any]:
    """p50/p99/max of /livez while wrk saturates /v1/clean."""
    env = {"THREADPOOL_SIZE": str(threads)} if threads else {}
    with start(env) as server:
        idle: list[float] = []
        _sample(server.base_url, idle, 2.0)
        busy: list[float] = []
        stop = threading.Event()
        prober = threading.Thread(target=_livez_latencies, args=(server.base_url, stop, busy))
        bodies = [json.dumps({"html": news_page(n)}) for n in (10, 40, 120)]
        prober.start()
        try:
            load = run_wrk(server.base_url, "/v1/clean", bodies, concurrency, seconds)
        finally:
            stop.set()
            prober.join()
    return {
        "threadpool": threads or "default (8)",
        "clean_rps": round(load.rps, 1),
        "clean_p99_ms": load.p99_ms,
        "clean_errors": load.errors,
        "livez_idle_p99_ms": _percentile(idle, 0.99),
        "livez_samples": len(busy),
        "livez_p50_ms": _percentile(busy, 0.50),
        "livez_p99_ms": _percentile(busy, 0.99),
        "livez_max_ms": round(max(busy), 2),
    }


def _sample(base_url: str, out: list[float], seconds: float) -> None:
    stop = threading.Event()
    threading.Timer(seconds, stop.set).start()
    _livez_latencies(base_url, stop, out)


def main(argv: list[str] | None = None) -> int:
    """Run the three measurements and print one JSON object per line."""
    parser = argparse.ArgumentParser(prog="python -m bench.ops", description=__doc__)
    parser.add_argument("--seconds", type=int, default=15, help="length of each load run")
    parser.add_argument("--concurrency", type=int, default=32, help="wrk connections")
    parser.add_argument("--flood", type=int, default=200, help="10 MB requests in the flood")
    args = parser.parse_args(argv)
    for name, result in _runs(args):
        print(json.dumps({"measurement": name, **result}), flush=True)
    return 0


def _runs(args: argparse.Namespace) -> Iterator[tuple[str, dict[str, Any]]]:
    yield "reload_under_load", reload_under_load(args.seconds, args.concurrency)
    yield "flood_10mb_bodies", body_flood(args.flood, 16)
    for threads in (None, 40):  # the default (THREADPOOL_SIZE=8), and anyio's default for contrast
        yield (
            "livez_during_clean_load",
            livez_under_clean_load(args.seconds, args.concurrency, threads),
        )


if __name__ == "__main__":
    raise SystemExit(main())
