"""axe-core in Debian's Chromium on the home page, a topic page (also in dark mode on a phone), an English page
and the search overlay of the built site, every answer open: the accessibility rules each one breaks."""

from __future__ import annotations

import tempfile
from pathlib import Path

from accessibility import axe_violations, open_search, reveal_answers
from common import CHROMIUM, built_and_served
from playwright.sync_api import sync_playwright

from qa.book import CHROMIUM_ARGS

PHONE_DARK = {"viewport": {"width": 375, "height": 800}, "color_scheme": "dark"}
PAGES = {  # name -> (path, search query typed there, if any, browser context options)
    "home": ("", None, {}), "topic page": ("transformer/attention/", None, {}),
    "topic page, dark, phone": ("transformer/attention/", None, PHONE_DARK),
    "English page": ("en/llm/overview/", None, {}), "search overlay": ("", "梯度消失", {})}


def run() -> dict[str, list]:
    with tempfile.TemporaryDirectory() as folder:
        server, url = built_and_served(Path(folder) / "site")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                results = {}
                for name, (path, query, options) in PAGES.items():
                    context = browser.new_context(**options)
                    page = context.new_page()
                    page.goto(url + path)
                    page.wait_for_load_state("networkidle")
                    if query:
                        open_search(page, query)
                    else:
                        reveal_answers(page)
                    results[name] = axe_violations(page)
                    context.close()
                browser.close()
        finally:
            server.shutdown()
    return results


def report() -> str:
    lines = ["| page | violations | rules broken |", "| --- | ---: | --- |"]
    lines += [f"| {name} | {len(found)} | {', '.join(rule for rule, _, _ in found) or '—'} |"
              for name, found in run().items()]
    return "\n".join(lines)


if __name__ == "__main__":
    print(report())
