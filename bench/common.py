"""Shared by the benchmarks: paths, the number of runs, and the real site built into a temporary folder and
served on 127.0.0.1."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_RUNS", 3))  # each figure is the median of RUNS measurements
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "tests"))

from qa.book import serve  # noqa: E402


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def built_and_served(target: Path):
    """Build the site for a local address, serve it there; return (server, url)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(target)], cwd=ROOT, check=True,
                   env={**os.environ, "SITE_URL": url, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True)
    server, served = serve(target, port)
    return server, served
