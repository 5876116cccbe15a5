"""Read built HTML pages back: the article of a page, its questions and their answers."""

from __future__ import annotations

import functools
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element

import tinyhtml5

NS = "{http://www.w3.org/1999/xhtml}"
LANGUAGE_ROOTS = {"zh": "", "zh-Hant": "zh-Hant/", "en": "en/"}


def tag(element: Element) -> str:
    return element.tag.removeprefix(NS)


def text(element: Element) -> str:
    return "".join(element.itertext()).strip()


@functools.cache  # several tests read the same built pages: each is parsed once per test run
def article(path: Path) -> Element:
    """A built page's `<article>`: the page from its opening to its closing tag is parsed (not the navigation)."""
    html = path.read_text(encoding="utf-8")
    start, end = html.find("<article"), html.rfind("</article>")
    root = tinyhtml5.parse(html[start:end + len("</article>")] if 0 <= start < end else html)
    found = root.find(f".//{NS}article")
    assert found is not None, f"{path} has no <article>"
    return found


@dataclass
class BuiltQuestion:
    id: str
    title: str
    answers: list[Element]  # the <details> blocks between this heading and the next
    cross_references: list[Element]  # the "相关问题" / backlinks boxes between this heading and the next


def questions(path: Path) -> list[BuiltQuestion]:
    """The `<h2 id>` questions of a built page, each with the answer blocks and cross-references between it and
    the next heading."""
    result: list[BuiltQuestion] = []
    current = None
    for child in article(path):
        if tag(child) in ("h1", "h2"):
            current = BuiltQuestion(child.get("id", ""), text(child).rstrip("¶").strip(), [], [])
            if tag(child) == "h2":
                result.append(current)
        elif tag(child) == "details" and current is not None:
            current.answers.append(child)
        elif tag(child) == "div" and "qa-xref" in child.get("class", "").split() and current is not None:
            current.cross_references.append(child)
    return result


def topic_pages(site: Path, lang: str = "zh") -> list[Path]:
    """Built topic pages (`<section>/<topic>/index.html`) of a language."""
    base = site / LANGUAGE_ROOTS[lang] if LANGUAGE_ROOTS[lang] else site
    pages = []
    for section in sorted(p for p in base.iterdir() if p.is_dir() and p.name not in
                          ("assets", "search", "en", "zh-Hant", "tags", "downloads")):
        pages += sorted(p / "index.html" for p in section.iterdir() if (p / "index.html").exists())
    return pages


def language_of(site: Path, path: Path) -> str:
    """The language of a built file: its folder under the site's root."""
    first = path.relative_to(site).parts[0]
    return first if first in ("en", "zh-Hant") else "zh"


RAW_TEX = re.compile(r"\\(?:frac|sqrt|mathrm|sum|top)\b|\\[(\[]")  # a formula printed as it was typed


def printed(page, path: Path) -> str:
    """Print `page` as the browser prints it (the print media, "beforeprint" and "afterprint") and read the PDF's
    text back with pdftotext, whitespace removed (it breaks lines anywhere)."""
    page.pdf(path=str(path))
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True)
    return re.sub(r"\s+", "", out.stdout)
