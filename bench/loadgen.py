"""Drive wrk (a separate load-generator process) against a loopback URL and read its figures."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

# wrk's Lua hooks: rotate through the request bodies, then print one JSON line of figures.
# No response() hook: each thread runs its own Lua state, so a counter there never reaches
# done(); wrk's own summary.errors.status counts the answers of status 400 and above.
_LUA = """
local bodies = {%(bodies)s}
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  i = i %% #bodies + 1
  return wrk.format(nil, "%(path)s", nil, bodies[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %%d, "seconds": %%.6f, "p50_ms": %%.3f, "p95_ms": %%.3f, ' ..
    '"p99_ms": %%.3f, "socket_errors": %%d, "http_errors": %%d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3,
    latency:percentile(95) / 1e3, latency:percentile(99) / 1e3,
    e.connect + e.read + e.write + e.timeout, e.status))
end
"""


CONCURRENCY = (1, 8, 64)  # connections in each run of a series


@dataclass(frozen=True, slots=True)
class LoadResult:
    """Throughput and latency of one wrk run."""

    concurrency: int
    requests: int
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int


def _lua_string(text: str) -> str:
    level = "=" * 8
    return f"[{level}[{text}]{level}]"


def run_wrk(
    base_url: str, path: str, bodies: Sequence[str], concurrency: int, seconds: float
) -> LoadResult:
    """POST the bodies in rotation at `concurrency` connections for `seconds` (whole seconds)."""
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is not installed (apt-get install wrk)")
    script = _LUA % {"bodies": ", ".join(_lua_string(b) for b in bodies), "path": path}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        output = _wrk(_wrk_command(base_url, handle.name, concurrency, seconds))
    finally:
        Path(handle.name).unlink()
    return _result(concurrency, output)


def _wrk_command(base_url: str, script: str, concurrency: int, seconds: float) -> list[str]:
    # wrk takes whole seconds only ("2.0s" is a usage error); two threads at most, as the
    # machine has two cores and the server under test needs them.
    duration = f"{max(1, round(seconds))}s"
    threads = str(max(1, min(2, concurrency)))
    return [
        *("wrk", "-t", threads, "-c", str(concurrency), "-d", duration),
        *("--timeout", "10s", "-s", script, base_url),
    ]


def _wrk(command: list[str]) -> str:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr or done.stdout}")
    return done.stdout


def _result(concurrency: int, output: str) -> LoadResult:
    line = next((ln for ln in output.splitlines() if ln.startswith("WRKJSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no figures: {output}")
    figures = json.loads(line.removeprefix("WRKJSON "))
    return LoadResult(
        concurrency=concurrency,
        requests=figures["requests"],
        rps=figures["requests"] / figures["seconds"],
        p50_ms=figures["p50_ms"],
        p95_ms=figures["p95_ms"],
        p99_ms=figures["p99_ms"],
        errors=figures["socket_errors"] + figures["http_errors"],
    )
