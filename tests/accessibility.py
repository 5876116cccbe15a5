"""axe-core (the npm package pinned in package-lock.json), run in a page of the built site."""

from __future__ import annotations

from pathlib import Path

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page) -> list[tuple]:
    """(rule, impact, first targets) of each accessibility rule the page breaks."""
    if not AXE.exists():
        raise FileNotFoundError(f"{AXE} is missing: run npm ci (scripts/test does)")
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => (await axe.run(document)).violations")
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result]


def open_search(page, query: str) -> None:
    """Open the search overlay and type `query` until results are listed."""
    page.keyboard.press("/")
    page.fill("input.md-search__input", query)
    page.press("input.md-search__input", "End")
    page.wait_for_selector(".md-search-result__list a")
