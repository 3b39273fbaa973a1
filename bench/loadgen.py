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
_LUA = """
local bodies = {%(bodies)s}
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  i = i %% #bodies + 1
  return wrk.format(nil, "%(path)s", nil, bodies[i])
end
local non2xx = 0
response = function(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %%d, "seconds": %%.6f, "p50_ms": %%.3f, "p95_ms": %%.3f, ' ..
    '"p99_ms": %%.3f, "socket_errors": %%d, "non2xx": %%d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3,
    latency:percentile(95) / 1e3, latency:percentile(99) / 1e3,
    e.connect + e.read + e.write + e.timeout, e.status))
end
"""


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
    """POST the bodies in rotation at `concurrency` connections for `seconds`."""
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is not installed (apt-get install wrk)")
    script = _LUA % {"bodies": ", ".join(_lua_string(b) for b in bodies), "path": path}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        threads = max(1, min(2, concurrency))
        command = [
            "wrk",
            "-t",
            str(threads),
            "-c",
            str(concurrency),
            "-d",
            f"{seconds}s",
            "--timeout",
            "10s",
            "-s",
            handle.name,
            base_url,
        ]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    finally:
        Path(handle.name).unlink()
    line = next(ln for ln in output.splitlines() if ln.startswith("WRKJSON "))
    figures = json.loads(line.removeprefix("WRKJSON "))
    return LoadResult(
        concurrency=concurrency,
        requests=figures["requests"],
        rps=figures["requests"] / figures["seconds"],
        p50_ms=figures["p50_ms"],
        p95_ms=figures["p95_ms"],
        p99_ms=figures["p99_ms"],
        errors=figures["socket_errors"] + figures["non2xx"],
    )
