"""Every display formula is visible on a phone, as a reader sees it: at its natural size (or scrolling inside its
own box), with pixels on the screen, on every topic page, in light at 390 px and dark at 375 px in turn (in the other
languages, the formulas that the Simplified page does not show). The same walk checks that no page is wider
than the screen with every answer open, that nothing is requested from another origin and that nothing is logged
as an error."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image

from conftest import ROOT
from pages import LANGUAGE_ROOTS, RAW_TEX, printed, topic_pages

from qa.site import is_topic_page, load_docs

SITE = load_docs(ROOT / "docs")

pytestmark = pytest.mark.browser

# Each width and each scheme once: a colour scheme changes no size, and a width changes no colour (laying out a long
# page with every answer open is the walk's main cost).
PHONES = [(390, "light"), (375, "dark")]

# The palette Material applies for a reader's light or dark choice (its toggle sets these attributes).
SCHEME = """scheme => document.body.setAttribute("data-md-color-scheme", scheme === "dark" ? "slate" : "default")"""

# Open every answer, typeset every formula and load every image (a lazy image loading later moves what is below).
OPEN_AND_TYPESET = """async () => {
  document.querySelectorAll("article details").forEach(details => { details.open = true })
  const images = [...document.querySelectorAll("article img")]
  images.forEach(image => { image.loading = "eager" })
  await Promise.all([window.handbookMath.all(), ...images.map(image => image.decode().catch(() => {}))])
}"""

# For each display formula: its rendered box, its natural size (the SVG's own width and height in ex), whether
# its box scrolls and takes the keyboard focus, and where it shows on the screen.
MEASURE = """() => {
  const ex = document.createElement("div")
  ex.style.cssText = "position:absolute; visibility:hidden; width:100ex; height:0"
  return [...document.querySelectorAll("article div.arithmatex")].map((box, index) => {
    const svg = box.querySelector("mjx-container svg")
    if (!svg) return { index, typeset: false }
    box.appendChild(ex)
    const exPx = ex.getBoundingClientRect().width / 100
    ex.remove()
    const shown = svg.getBoundingClientRect(), frame = box.getBoundingClientRect()
    const left = Math.max(shown.left, frame.left), right = Math.min(shown.right, frame.right)
    return {
      index, typeset: true, tex: box.textContent.slice(0, 60),
      width: shown.width, height: shown.height,
      naturalWidth: parseFloat(svg.getAttribute("width")) * exPx,
      naturalHeight: parseFloat(svg.getAttribute("height")) * exPx,
      scrolls: box.scrollWidth > box.clientWidth + 1, focusable: box.tabIndex === 0,
      frameRight: frame.right,
      seen: { x: left, y: shown.top + scrollY, width: right - left, height: shown.height },  // in the page
    }
  })
}"""


def ink(pixels: Image.Image) -> float:
    """The share of pixels that stand out from the background (the most common colour) by their lightness."""
    image = pixels.convert("L")
    histogram = image.histogram()
    background = max(range(256), key=histogram.__getitem__)
    return sum(n for value, n in enumerate(histogram) if abs(value - background) > 60) / max(1, sum(histogram))


# Where the shown part of each display formula is on the screen now (measured after each scroll: lazy images
# above a formula may have loaded and moved it).
ON_SCREEN = """() => [...document.querySelectorAll("article div.arithmatex")].map(box => {
  const shown = box.querySelector("mjx-container svg").getBoundingClientRect(), frame = box.getBoundingClientRect()
  return { x: Math.max(shown.left, frame.left), right: Math.min(shown.right, frame.right),
           y: shown.top, bottom: shown.bottom }
})"""


def settled_screenshot(page):
    """A screenshot and where the formulas are in it: taken again while anything still moves."""
    where = page.evaluate(ON_SCREEN)
    while True:
        shot = Image.open(io.BytesIO(page.screenshot(animations="disabled")))
        where, before = page.evaluate(ON_SCREEN), where
        if where == before:
            return shot, where


def screens(page, formulas):
    """Each formula's pixels, cut from screenshots of the screen scrolled over the page, below the sticky header
    (one screenshot per screenful)."""
    height = page.viewport_size["height"]
    header = page.evaluate("() => document.querySelector('.md-header').getBoundingClientRect().bottom") + 8
    waiting = sorted(formulas, key=lambda formula: formula["seen"]["y"])
    while waiting:
        first = waiting[0]["index"]
        page.evaluate(f"() => scrollBy({{ top: ({ON_SCREEN})()[{first}].y - {header}, behavior: 'instant' }})")
        shot, where = settled_screenshot(page)
        shown = [formula for formula in waiting if header <= where[formula["index"]]["y"]
                 and where[formula["index"]]["bottom"] <= height] or waiting[:1]  # or taller than the screen
        for formula in shown:
            box = where[formula["index"]]
            top, bottom = max(box["y"], header), max(min(box["bottom"], height), max(box["y"], header))
            yield formula, shot.crop((round(box["x"]), round(top), round(box["right"]), round(bottom)))
        waiting = [formula for formula in waiting if formula not in shown]


def check_formulas(page, width: int, wanted: set[int]) -> tuple[int, list[str]]:
    """Check the display formulas of these indexes (in the order of the page)."""
    problems = []
    formulas = [formula for formula in page.evaluate(MEASURE) if formula["index"] in wanted]
    visible = []
    for formula in formulas:
        where = f"formula {formula['index']}"
        if not formula["typeset"]:
            problems.append(f"{where}: not typeset")
            continue
        formula["where"] = where = where + f" {formula['tex']!r}"
        if formula["width"] < formula["naturalWidth"] - 1 or formula["height"] < formula["naturalHeight"] - 1:
            problems.append(f"{where}: drawn {formula['width']:.0f}×{formula['height']:.0f} px, natural size "
                            f"{formula['naturalWidth']:.0f}×{formula['naturalHeight']:.0f} px")
            continue
        if formula["scrolls"] and not formula["focusable"]:
            problems.append(f"{where}: scrolls but cannot be scrolled from the keyboard")
        if formula["frameRight"] > width + 1:
            problems.append(f"{where}: its box reaches past the screen ({formula['frameRight']:.0f} px)")
        if formula["seen"]["width"] < 4 or formula["seen"]["height"] < 4:
            problems.append(f"{where}: nothing of it is on the screen")
        else:
            visible.append(formula)
    blank = [formula for formula, pixels in screens(page, visible) if ink(pixels) < 0.01]
    if blank:  # a screenshot may be taken before a scrolling box's tiles are drawn: look again once they are
        page.wait_for_timeout(1000)
        blank = [formula for formula, pixels in screens(page, blank) if ink(pixels) < 0.01]
    problems += [f"{formula['where']}: blank on the screen" for formula in blank]
    return len(formulas), problems


FORMULA_RE = re.compile(r'<div class="arithmatex">([^<]*)</div>')
SECTIONS = sorted({page.path.split("/")[0] for page in SITE.source_pages if is_topic_page(page.path)})


def walk(site, lang: str, section: str) -> list[tuple[Path, tuple[int, str], set[int]]]:
    """The built pages of a section to check, each with the view to check it in (the two views in turn) and the
    indexes of the display formulas to check there. What a width or a scheme changes is the style sheet all formulas
    share (a formula sets no colour of its own: rule A6), so each page is laid out once, in one view. A display
    formula is laid out alike whatever the language around it, so on a page of another language only the formulas
    that the default language's page does not show are checked (a translation's own formulas, or those with Chinese
    text in them, converted to 繁體), and a page without any is not walked."""
    walked = []
    for page in (page for page in topic_pages(site, lang) if page.parent.parent.name == section):
        formulas = FORMULA_RE.findall(page.read_text(encoding="utf-8"))
        default = site / page.relative_to(site / LANGUAGE_ROOTS[lang])
        known = set(FORMULA_RE.findall(default.read_text(encoding="utf-8"))) if LANGUAGE_ROOTS[lang] else set()
        wanted = {index for index, formula in enumerate(formulas) if formula not in known}
        if wanted or not LANGUAGE_ROOTS[lang]:
            walked.append((page, PHONES[len(walked) % len(PHONES)], wanted))
    return walked


@pytest.mark.parametrize("section", SECTIONS)  # small parts, shared out between the workers
@pytest.mark.parametrize("lang", list(LANGUAGE_ROOTS))
def test_every_display_formula_is_visible_on_a_phone(browser, server, site, lang, section):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    checked, problems, foreign, errors = 0, [], [], []
    origin = server[:server.index("/", len("http://"))]
    page.on("request", lambda r: r.url.startswith((origin + "/", "data:", "blob:")) or foreign.append(r.url))
    page.on("console", lambda m: m.type == "error" and errors.append(f"{page.url}: {m.text}"))
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    walked = walk(site, lang, section)
    try:
        for built, (width, scheme), wanted in walked:
            path = "/" + built.parent.relative_to(site).as_posix() + "/"
            page.set_viewport_size({"width": width, "height": 844})  # before loading: the page is laid out once
            page.emulate_media(color_scheme=scheme)  # Material's palette follows it
            page.goto(server + path)
            page.wait_for_function("() => window.handbookMath")
            page.evaluate(SCHEME, scheme)
            page.evaluate(OPEN_AND_TYPESET)
            page.evaluate("() => new Promise(requestAnimationFrame)")  # the focus observer has run
            count, found = check_formulas(page, width, wanted)
            checked += count
            problems += [f"{path} at {width} px, {scheme}: {problem}" for problem in found]
            assert page.evaluate("() => document.documentElement.scrollWidth") <= width, \
                f"{path} is wider than the screen at {width} px"
    finally:
        context.close()
    assert foreign == [] and errors == [], (foreign, errors)
    wanted = sum(len(indexes) for _, _, indexes in walked)
    assert checked == wanted, f"{checked} formulas checked of {wanted}"
    assert problems == [], f"{len(problems)} of {checked} formula views:\n" + "\n".join(problems[:40])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_printing_a_page_prints_every_answer_open_with_its_formulas_typeset(open_page, tmp_path, lang):
    page = open_page("/" + LANGUAGE_ROOTS[lang] + "transformer/attention/", 390, 844).page
    assert page.evaluate("() => !window.MathJax.typeset")  # nothing seen yet: MathJax has not even loaded
    answers = page.eval_on_selector_all(  # the opening words of every answer (up to a formula), all of them closed
        "article details > p:first-of-type", """ps => ps.map(p => {
          const words = []
          for (const node of p.childNodes) { if (node.classList?.contains("arithmatex")) break; words.push(node.textContent) }
          return words.join("").replace(/\\s+/g, "").slice(0, 12) }).filter(words => words.length >= 4)""")
    formulas = page.eval_on_selector_all("article .arithmatex", "xs => xs.length")
    text = printed(page, tmp_path / "page.pdf")
    assert len(answers) > 5 and formulas > 100
    assert [words for words in answers if words not in text] == []
    assert not RAW_TEX.findall(text)
    drawn = page.eval_on_selector_all("article .arithmatex", "xs => xs.filter(x => x.querySelector('mjx-container svg')).length")
    assert drawn == formulas
