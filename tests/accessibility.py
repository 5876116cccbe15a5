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


def reveal_answers(page) -> None:
    """Open every answer, typeset every formula and scroll through the page, as a reader does: axe skips what
    is hidden, and Material sets up code blocks only once they are seen."""
    page.evaluate("""async () => {
      document.querySelectorAll("article details").forEach(d => d.open = true)
      await window.handbookMath.all()
      for (let y = 0; y < document.body.scrollHeight; y += innerHeight / 2) {
        scrollTo(0, y)
        await new Promise(frame => requestAnimationFrame(() => requestAnimationFrame(frame)))
      }
      scrollTo(0, 0)
    }""")
    page.wait_for_timeout(500)  # the header tabs fade back in


def open_search(page, query: str) -> None:
    """Open the search overlay and type `query` until results are listed."""
    page.keyboard.press("/")
    page.fill("input.md-search__input", query)
    page.press("input.md-search__input", "End")
    page.wait_for_selector(".md-search-result__list a")
