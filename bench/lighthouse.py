"""Lighthouse (npm, pinned in package-lock.json) in Debian's Chromium, mobile settings, on the home page and a
topic page of the built site: median scores of at least 5 runs per category (and the spread of the performance
score), with Lighthouse's default CPU slowdown and with one calibrated to the host, which means the same phone
on any machine."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import tempfile
from pathlib import Path

from common import CHROMIUM, ROOT, RUNS, built_and_served

PAGES = {"home": "", "topic page": "transformer/attention/"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {"largest-contentful-paint": "LCP (s)", "total-blocking-time": "TBT (ms)",  # what limits performance
           "cumulative-layout-shift": "CLS"}
RUNS_HERE = max(RUNS, 5)  # the performance score varies most from run to run
SPREAD = "performance, all runs"
HOST = "host CPU"  # Lighthouse's benchmarkIndex of this machine
SLOWDOWN = "CPU slowdown"
# Lighthouse's 4x default is meant for a host whose benchmarkIndex is 1500-2000 (its throttling guide); a host
# that is faster or slower gets a slowdown in proportion, so that it emulates the same mid-range phone.
DEFAULT_SLOWDOWN, DEFAULT_HOST = 4, 1750
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"


def scores(url: str, slowdown: float = DEFAULT_SLOWDOWN) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        subprocess.run(["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
                        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking",
                        f"--throttling.cpuSlowdownMultiplier={slowdown:.2f}",
                        f"--only-categories={','.join(CATEGORIES)}"],
                       check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True)
        data = json.loads(report.read_text(encoding="utf-8"))
    metrics = {label: data["audits"][audit]["numericValue"] for audit, label in METRICS.items()}
    metrics["LCP (s)"] /= 1000
    metrics[HOST] = data["environment"]["benchmarkIndex"]
    metrics[SLOWDOWN] = slowdown
    return {name: data["categories"][name]["score"] * 100 for name in CATEGORIES} | metrics


def run() -> dict[str, dict[str, float]]:
    with tempfile.TemporaryDirectory() as folder:
        server, url = built_and_served(Path(folder) / "site", compressed=True)
        try:
            results = {}
            for name, path in PAGES.items():
                host = scores(url + path)[HOST]  # a first run that measures the host (and warms it up)
                calibrated = DEFAULT_SLOWDOWN * host / DEFAULT_HOST
                for setting, slowdown in (("Lighthouse's default", DEFAULT_SLOWDOWN), ("calibrated", calibrated)):
                    runs = [scores(url + path, slowdown) for _ in range(RUNS_HERE)]
                    result = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
                    performance = [r["performance"] for r in runs]
                    results[f"{name}, {setting}"] = result | {SPREAD: f"{min(performance):.0f}–{max(performance):.0f}"}
        finally:
            server.shutdown()
    return results


def report() -> str:
    columns = [*CATEGORIES, *METRICS.values(), SPREAD, HOST, SLOWDOWN]
    cell = {SPREAD: "{}", HOST: "{:.0f}", SLOWDOWN: "{:.1f}×"}
    lines = ["| page | " + " | ".join(columns) + " |", "| --- |" + " ---: |" * len(columns)]
    lines += [f"| {page} | " + " | ".join(cell.get(c, "{:.3g}").format(result[c]) for c in columns) + " |"
              for page, result in run().items()]
    return "\n".join(lines + ["", f"Mobile settings, medians of {RUNS_HERE} runs each, text served gzip-compressed "
                                   "from 127.0.0.1, as GitHub Pages serves it. Lighthouse's default slows the CPU "
                                   "down 4×, which suits a host CPU (its benchmarkIndex) of 1500–2000: a faster host "
                                   "emulates a faster phone. The calibrated rows slow it down by 4× the host's index "
                                   "over 1750 (measured in a first run), so that any host emulates the same phone."])


if __name__ == "__main__":
    print(report())
