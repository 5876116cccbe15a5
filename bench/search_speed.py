"""How soon a reader on a phone sees search results, and how much a query downloads: the site's search (Pagefind,
hooks/search_pagefind.py) against Material's own (lunr, the whole index of a language built in the browser), as
the offline bundle searches, built from the same pages and served the same way.

Each query runs in a fresh browser (nothing cached) at 390×844 with the CPU slowed down 4× (Chrome DevTools'
mid-range phone setting), served gzip-compressed as static hosts do. The time runs from the keystroke that
completes the query, typed as soon as search opens, to the drawn results (search.js marks the list with the query
it answers); the bytes are those of the search files received, compressed.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from common import CHROMIUM, built_and_served
from playwright.sync_api import sync_playwright

from qa.book import CHROMIUM_ARGS

QUERIES = ("梯度消失", "为什么除以根号dk", "GRPO 为什么不需要价值模型", "KV cache", "LoRA 原理")
SLOWDOWN = 4
ENGINES = {"Pagefind (the site)": False, "Material's lunr (offline bundle)": True}  # engine -> offline bundle


def first_result(browser, url: str, query: str, material: bool) -> tuple[float, int]:
    """Seconds from the last keystroke to the drawn results, and bytes of search files received. `material`: on a
    site indexed by both, search with Material's index."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    if material:  # without its marker search.js falls back to Material's search, as on file://
        def unmarked(route):
            response = route.fetch()
            headers = {k: v for k, v in response.headers.items() if k not in ("content-encoding", "content-length")}
            route.fulfill(status=response.status, headers=headers,
                          body=response.text().replace('name="handbook:search"', 'name="x"'))
        page.route(lambda address: address.startswith(url.split("/")[0] + "//" + url.split("/")[2])
                   and "." not in address.split("?")[0].rsplit("/", 1)[-1], unmarked)  # the site's pages
    received = {}
    page.on("requestfinished", lambda request: ("/pagefind/" in request.url or "/search" in request.url)
            and received.__setitem__(request.url, request.sizes()["responseBodySize"]))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": SLOWDOWN})
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    box.fill(query)
    start = time.perf_counter()
    box.press("End")  # Material reads the query on keyup
    page.wait_for_function("q => document.querySelector('.md-search-result')?.dataset.query === q", arg=query,
                           polling=10, timeout=120_000)
    seconds = time.perf_counter() - start
    page.wait_for_load_state("networkidle")
    context.close()
    return seconds, sum(received.values())


def measure(url: str, queries=QUERIES, material: bool = False) -> dict[str, float]:
    """Median seconds to the first results and median kilobytes a query downloads."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        runs = [first_result(browser, url, query, material) for query in queries]
        browser.close()
    return {"seconds": statistics.median(s for s, _ in runs), "kilobytes": statistics.median(b for _, b in runs) / 1024}


def run() -> dict[str, dict[str, float]]:
    figures = {}
    with tempfile.TemporaryDirectory() as folder:
        for engine, offline in ENGINES.items():
            server, url = built_and_served(Path(folder) / engine.split()[0], compressed=True, offline=offline)
            try:
                figures[engine] = measure(url)
            finally:
                server.shutdown()
    return figures


def table(figures: dict[str, dict[str, float]]) -> list[str]:
    rows = ["| search | first results (s) | downloaded per query (KB, gzip) |", "| --- | ---: | ---: |"]
    return rows + [f"| {engine} | {f['seconds']:.2f} | {f['kilobytes']:.0f} |" for engine, f in figures.items()]


def report() -> str:
    figures = run()
    return "\n".join(table(figures) + ["", f"Medians over {len(QUERIES)} queries ({', '.join(QUERIES)}), each in a "
                                       f"fresh browser, {SLOWDOWN}× CPU slowdown, phone viewport."])


if __name__ == "__main__":
    print(report())
