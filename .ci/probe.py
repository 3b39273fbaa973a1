"""Probe a running newsclean: ready, a real /v1/clean and /v1/classify, and two caller errors.

Usage: python3 .ci/probe.py BASE_URL MODEL_METADATA_JSON (standard library only: it runs on the
host against the container, before any venv exists).
"""

from __future__ import annotations

import json
import socket
import sys
import time
import urllib.error
import urllib.request
from typing import Any

PAGE = """<html><head><title>Steel tariffs rise again | The Daily Example</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav>
<article><h1>Steel tariffs rise again</h1>
<p>The government raised tariffs on imported steel and aluminium on Monday, the third increase
in a year, and trading partners said they would answer with duties of their own.</p>
<p>Officials said the new import duties would protect domestic mills, while carmakers warned
that the trade war would push up prices for buyers across the country.</p></article>
<aside>Advertisement</aside><footer>Subscribe to our newsletter. All rights reserved.</footer>
</body></html>"""


def call(base: str, path: str, body: bytes | None = None, **headers: str) -> tuple[int, Any, Any]:
    """Status, parsed JSON body and headers of one request."""
    request = urllib.request.Request(base + path, data=body, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read()), response.headers
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read()), error.headers


def declared_oversize_status(base: str, size: int) -> int:
    """Status for a POST that only declares a `size`-byte body: the limit is checked up front."""
    host, port = base.removeprefix("http://").split(":")
    head = (
        f"POST /v1/clean HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {size}\r\n\r\n"
    )
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(head.encode())  # and no body: the answer must not wait for it
        status_line = sock.makefile("rb").readline().decode()
    return int(status_line.split()[1])


def wait_ready(base: str, seconds: float) -> None:
    """Poll /readyz until it answers 200."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if call(base, "/readyz")[0] == 200:
                return
        except (OSError, ValueError):
            pass
        if time.monotonic() > deadline:
            raise SystemExit(f"{base}/readyz not 200 within {seconds:.0f} s")
        time.sleep(0.5)


def check(condition: bool, message: str) -> None:
    """Fail the probe with `message` unless `condition` holds."""
    if not condition:
        raise SystemExit(f"probe failed: {message}")
    print(f"ok: {message}")


def main(base: str, metadata_path: str) -> None:
    """Run every probe against `base`."""
    labels = json.load(open(metadata_path, encoding="utf-8"))["labels"]
    started = time.monotonic()
    wait_ready(base, 90)
    print(f"ready after {time.monotonic() - started:.1f} s")
    json_type = {"Content-Type": "application/json", "X-Request-ID": "ci-probe-1"}

    status, body, headers = call(base, "/v1/clean", json.dumps({"html": PAGE}).encode(), **json_type)
    check(status == 200, f"/v1/clean answers 200 (got {status})")
    check("third increase" in body["text"], "/v1/clean keeps the article body")
    check("Subscribe to our newsletter" not in body["text"], "/v1/clean drops the footer")
    check(headers["X-Request-ID"] == "ci-probe-1", "the request id is echoed")

    status, body, _ = call(base, "/v1/classify", json.dumps({"html": PAGE}).encode(), **json_type)
    check(status == 200, f"/v1/classify answers 200 (got {status})")
    check(sorted(body["scores"]) == sorted(labels), f"a score for every model label {labels}")
    check("tariffs" in body["labels"], f"the tariffs article is labelled tariffs ({body['labels']})")
    check(bool(body["model"]["version"]), f"the model is named ({body['model']})")

    status, body, _ = call(base, "/v1/clean", b"{not json", **json_type)
    check(status == 400 and body["type"].endswith("invalid-json"), "bad JSON is a 400 problem")
    status = declared_oversize_status(base, 10 * 1024 * 1024)
    check(status == 413, f"a declared 10 MiB body is a 413 before it is sent (got {status})")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
