"""Lighthouse (npm, pinned in package-lock.json) in Debian's Chromium, mobile settings, on the home page and a
topic page of the built site: median scores of RUNS runs per category."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import tempfile
from pathlib import Path

from common import ROOT, RUNS, built_and_served

from qa.book import CHROMIUM

PAGES = {"home": "", "topic page": "transformer/attention/"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"


def scores(url: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        subprocess.run(["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
                        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking",
                        f"--only-categories={','.join(CATEGORIES)}"],
                       check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True)
        data = json.loads(report.read_text(encoding="utf-8"))
    return {name: data["categories"][name]["score"] * 100 for name in CATEGORIES}


def run() -> dict[str, dict[str, float]]:
    with tempfile.TemporaryDirectory() as folder:
        server, url = built_and_served(Path(folder) / "site")
        try:
            results = {}
            for name, path in PAGES.items():
                runs = [scores(url + path) for _ in range(RUNS)]
                results[name] = {c: statistics.median(r[c] for r in runs) for c in CATEGORIES}
        finally:
            server.shutdown()
    return results


def report() -> str:
    lines = ["| page | " + " | ".join(CATEGORIES) + " |", "| --- |" + " ---: |" * len(CATEGORIES)]
    lines += [f"| {page} | " + " | ".join(f"{round(result[c])}" for c in CATEGORIES) + " |"
              for page, result in run().items()]
    return "\n".join(lines + ["", f"Mobile settings (Lighthouse's default), medians of {RUNS} runs, served by "
                                   "Python's http.server (no compression)."])


if __name__ == "__main__":
    print(report())
