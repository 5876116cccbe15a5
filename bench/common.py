"""Shared by the benchmarks: paths, the number of runs, and the real site built into a temporary folder and
served on 127.0.0.1."""

from __future__ import annotations

import gzip
import io
import os
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_RUNS", 3))  # each figure is the median of RUNS measurements
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "tests"))

from qa.book import QuietHandler, serve  # noqa: E402
from qa.browser import find_chromium  # noqa: E402

CHROMIUM = str(find_chromium())  # the browser the tests use: $HANDBOOK_CHROMIUM, PATH, then Debian's


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class CompressingHandler(QuietHandler):
    """Serves text files gzip-compressed, as static hosts such as GitHub Pages do."""

    TEXT = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?")[0].endswith("/"):
            path = os.path.join(path, "index.html")
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.endswith(self.TEXT) \
                or not os.path.isfile(path):
            return super().send_head()
        body = gzip.compress(Path(path).read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def built_and_served(target: Path, compressed: bool = False, offline: bool = False):
    """Build the site (or the offline bundle) for a local address, serve it there (text gzip-compressed if asked);
    return (server, url)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(target)], cwd=ROOT, check=True,
                   env={**os.environ, "SITE_URL": url, "NO_MKDOCS_2_WARNING": "1",
                        "HANDBOOK_OFFLINE": str(offline).lower()}, capture_output=True)
    return serve(target, port, CompressingHandler if compressed else QuietHandler)