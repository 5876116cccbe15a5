"""Search quality in the browser: the realistic interview queries of tests/data/search_queries.tsv typed into
the search box of the built site; where the expected question ranks."""

from __future__ import annotations

import tempfile
from pathlib import Path

from common import CHROMIUM, built_and_served
from playwright.sync_api import sync_playwright
from search_quality import hit_rate, measure

from qa.book import CHROMIUM_ARGS


def run() -> dict:
    with tempfile.TemporaryDirectory() as folder:
        server, url = built_and_served(Path(folder) / "site")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page()
                page.goto(url)
                outcomes = measure(page)
                browser.close()
        finally:
            server.shutdown()
    return {"queries": len(outcomes), "top1": hit_rate(outcomes, 1), "top3": hit_rate(outcomes, 3),
            "top5": hit_rate(outcomes, 5),
            "misses": [(o.query, o.expected, o.rank) for o in outcomes if not o.rank or o.rank > 5]}


def report() -> str:
    result = run()
    lines = ["| queries | top-1 | top-3 | top-5 |", "| ---: | ---: | ---: | ---: |",
             f"| {result['queries']} | {result['top1']:.1%} | {result['top3']:.1%} | {result['top5']:.1%} |", ""]
    misses = [f"“{query}” (expected `{expected}`, rank {rank or '—'})" for query, expected, rank in result["misses"]]
    lines.append("Outside the top 5: " + ("; ".join(misses) if misses else "none") + ".")
    return "\n".join(lines)


if __name__ == "__main__":
    print(report())
