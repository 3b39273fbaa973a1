"""Start and stop the servers under test on loopback, timing cold start and reading their RSS."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Running:
    """A started server: where it listens, how long it took to be ready, and its process."""

    base_url: str
    cold_start_s: float
    process: subprocess.Popen[bytes]

    def rss_mib(self) -> dict[str, float]:
        """RSS of the server's process tree in MiB, keyed by "pid role"."""
        root = self.process.pid
        return {f"{pid} {_role(pid, root)}": _rss_kib(pid) / 1024 for pid in _process_tree(root)}


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _process_tree(root: int) -> list[int]:
    pids, frontier = [root], [root]
    while frontier:
        parent = frontier.pop()
        children = Path(f"/proc/{parent}/task/{parent}/children")
        found = [int(p) for p in children.read_text().split()] if children.exists() else []
        pids.extend(found)
        frontier.extend(found)
    return pids


def _role(pid: int, root: int) -> str:
    # multiprocessing's resource tracker is a helper; any other child serves requests.
    command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
    if b"resource_tracker" in command:
        return "helper"
    if pid == root:
        return "main"
    return "worker"


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _wait_ready(url: str, process: subprocess.Popen[bytes], timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before it was ready")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.02)
    raise RuntimeError(f"{url} not ready within {timeout_s} s")


@contextmanager
def serve(
    command: Sequence[str],
    env: Mapping[str, str],
    port: int,
    ready_path: str,
    cwd: Path | None = None,
    timeout_s: float = 60,
) -> Iterator[Running]:
    """Run `command` until the block ends; yields once `ready_path` answers 200."""
    started = time.monotonic()
    process = subprocess.Popen(
        list(command),
        env={**os.environ, **env},
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _wait_ready(f"http://127.0.0.1:{port}{ready_path}", process, timeout_s)
        yield Running(f"http://127.0.0.1:{port}", time.monotonic() - started, process)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def serve_ours(workers: int, model_dir: Path) -> AbstractContextManager[Running]:
    """Our service (python -m service) with `workers` uvicorn workers."""
    port = free_port()
    env = {
        "PORT": str(port),
        "WORKERS": str(workers),
        "MODEL_DIR": str(model_dir),
        "LOG_LEVEL": "info",
    }
    return serve([sys.executable, "-m", "service"], env, port, "/readyz")


def serve_mlserver(
    mlserver_bin: Path, model_joblib: Path, workers: int, root: Path
) -> AbstractContextManager[Running]:
    """MLServer's scikit-learn runtime serving the same fitted pipeline."""
    port = free_port()
    model_folder = root / "topics"
    model_folder.mkdir(parents=True, exist_ok=True)
    (model_folder / "model-settings.json").write_text(
        json.dumps(
            {
                "name": "topics",
                "implementation": "mlserver_sklearn.SKLearnModel",
                "parameters": {"uri": str(model_joblib), "extra": {"predict_fn": "predict_proba"}},
            }
        )
    )
    (root / "settings.json").write_text(
        json.dumps(
            {
                "http_port": port,
                "grpc_port": free_port(),
                "metrics_port": free_port(),
                "parallel_workers": workers,
                "debug": False,
            }
        )
    )
    return serve(
        [str(mlserver_bin), "start", str(root)], {}, port, "/v2/models/topics/ready", timeout_s=120
    )
