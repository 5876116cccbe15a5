"""The handbook as a PDF book, one per language, from the built site; or, for a large site, one volume per
top-level section, each a book of its own.

Chromium assembles every page of a language into one document, typesets the formulas as SVG (book.js) and
prints it with a cover, a table of contents, page numbers and an outline of sections, pages and questions.
The CJK text is set in a TrueType cut of Noto Sans CJK made for the book (fonts.py), so that it is embedded
as a real font, never as Type 3.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import http.server
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pygments.formatters import HtmlFormatter

from .browser import find_chromium
from .fonts import NOTO_CJK, font_face_css, subset_truetype
from .languages import LANGUAGES, words_in
from .plain import plain_title

HERE = Path(__file__).resolve().parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
BOOK_FONT = "Handbook CJK"
FOOTER = '<div style="width:100%;text-align:center;font-size:8px;color:#666"><span class="pageNumber"></span></div>'
SKIPPED_PAGES = ("contributing", "downloads", "tags", "translation-status")


BOOK_WORDS = {  # per hand-written language (qa/languages.py)
    "zh": {"contents": "目录", "answer": "参考答案", "version": "版本", "built": "生成日期", "online": "在线阅读："},
    "en": {"contents": "Contents", "answer": "Answer", "version": "Version", "built": "Built on",
           "online": "Read online: "},
}


@dataclass(frozen=True)
class Edition:
    """A language's book: what its cover and contents say and which font sets it."""

    lang: str
    root: str  # folder of the language in the built site: "" or "en/"
    title: str
    subtitle: str
    font: str  # the CJK font, which decides the glyph shapes (Simplified or Traditional)
    tag: str  # the EPUB's dc:language and xml:lang
    words: dict


EDITIONS = {code: Edition(code, language.root, language.title, language.subtitle, language.font, language.tag,
                          words_in(BOOK_WORDS, code)) for code, language in LANGUAGES.items()}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site_dir: Path, port: int = 0, handler: type = QuietHandler) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve the built site on 127.0.0.1 (a free port unless given) for Chromium."""
    handler = functools.partial(handler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def book_page(browser, url: str, edition: Edition):
    """A page of the edition in Chromium, with book.js loaded."""
    page = browser.new_page()
    page.goto(f"{url}{edition.root}glossary/")
    page.add_script_tag(content=(HERE / "book.js").read_text(encoding="utf-8"))
    return page


def sections(browser, url: str, edition: Edition) -> list[dict]:
    """The top-level sections of the edition's navigation, in order: {"key": "ml-basics", "title": "机器学习基础"}."""
    page = book_page(browser, url, edition)
    found = page.evaluate("skipped => handbookBook.sections(skipped)", list(SKIPPED_PAGES))
    page.close()
    return found


def assemble(browser, url: str, edition: Edition, log, while_typesetting, section: str | None = None) -> dict:
    """Gather the edition's pages in Chromium (book.js), or those of the section of that key; typeset the formulas
    while `while_typesetting(text)` runs here. The table of contents, the body, the number of formulas and what
    while_typesetting returned."""
    page = book_page(browser, url, edition)
    page.on("console", lambda message: log(message.text) if message.text.startswith("page ") else None)
    book = page.evaluate("args => handbookBook.assemble(args)",
                         {"answerLabel": edition.words["answer"], "skipped": list(SKIPPED_PAGES), "section": section})
    with ThreadPoolExecutor(1) as pool:
        side = pool.submit(while_typesetting, book["text"])
        book |= page.evaluate("() => handbookBook.typeset()")
        book["side"] = side.result()
    page.close()
    return book


def document(book: dict, edition: Edition, version: str, built: dt.date, fonts: str, section: str = "") -> str:
    """The printable HTML: cover (naming the section of a volume), contents and the book. The contents reserve the
    room of a page number for each entry ("000"); `number_the_contents` fills them in once they are known."""
    entries = [entry for entry in book["toc"] if entry["level"] <= 3]
    toc = "\n".join(f'<li class="toc-{entry["level"]}"><a href="#{entry["id"]}"><span>{html.escape(plain_title(entry["title"]))}'
                    f'</span><span class="toc-page">000</span></a></li>' for entry in entries)
    css = fonts + (HERE / "book.css").read_text(encoding="utf-8").replace("{font}", BOOK_FONT)
    css += HtmlFormatter(style="friendly").get_style_defs(".highlight")
    title = f"{edition.title} · {section}" if section else edition.title
    volume = f'\n  <p class="cover__title">{html.escape(section)}</p>' if section else ""
    return f"""<!doctype html>
<html lang="{edition.lang}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>{css}</style></head>
<body>
<section class="cover">
  <p class="cover__title">{html.escape(edition.title)}</p>{volume}
  <p class="cover__subtitle">{html.escape(edition.subtitle)}</p>
  <p class="cover__meta">{edition.words["version"]} {html.escape(version)} · {edition.words["built"]} {built.isoformat()}</p>
  <p class="cover__online">{edition.words["online"]}<a href="{html.escape(book["online"])}">{html.escape(book["online"])}</a></p>
</section>
<nav class="toc"><p class="toc__title">{edition.words["contents"]}</p><ol>{toc}</ol></nav>
{book["body"]}
</body></html>"""


def print_pdf(page, path: Path, tagged: bool) -> None:
    """Print the page to path; `tagged` adds the tags and the outline of sections, pages and questions (Chromium
    makes the outline from the tags), which take a quarter of the time."""
    page.pdf(path=str(path), format="A4", print_background=True, outline=tagged, tagged=tagged,
             display_header_footer=True, header_template="<div></div>", footer_template=FOOTER,
             margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"})


def heading_pages(path: Path) -> dict[str, int]:
    """The page number of each element a link of the PDF points to, by its id (Chromium writes each link's target
    as a named destination)."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    return {name.removeprefix("/"): reader.get_destination_page_number(target) + 1
            for name, target in reader.named_destinations.items()}


NUMBER_THE_CONTENTS = """pages => document.querySelectorAll("nav.toc a").forEach(link => {
  link.querySelector(".toc-page").textContent = pages[decodeURIComponent(link.hash.slice(1))]
})"""


def book_fonts(edition: Edition, text: str) -> str:
    """@font-face rules for the edition's CJK font, regular and bold, cut down to the book's characters."""
    return "".join(font_face_css(BOOK_FONT, subset_truetype(NOTO_CJK / f"NotoSansCJK-{style}.ttc", edition.font, text),
                                 weight) for style, weight in (("Regular", 400), ("Bold", 700)))


def print_book(browser, url: str, edition: Edition, version: str, path: Path, log, section: dict | None = None) -> Path:
    """Assemble, typeset and print the edition's handbook, or the volume of one section, to path."""
    name, start = edition.lang + (f" {section['key']}" if section else ""), time.perf_counter()
    step = lambda message: log(f"[{time.perf_counter() - start:5.1f} s] {name}: {message}")  # noqa: E731
    title = section["title"] if section else ""
    # the cover and the contents are set in the cut font too, and a volume's pages may not hold all their words
    words = " ".join([edition.title, edition.subtitle, title, *edition.words.values()])
    step("assembling the pages, then typesetting the formulas while cutting the fonts")
    book = assemble(browser, url, edition, step, lambda text: book_fonts(edition, text + words),
                    section and section["key"])
    fonts = book["side"]
    step(f"{len(book['toc'])} headings, {book['formulas']} formulas")
    step("printing (first pass: where each heading lands)")
    page = browser.new_page()
    page.set_content(document(book, edition, version, dt.date.today(), fonts, title), wait_until="load")
    print_pdf(page, path, tagged=False)
    page.evaluate(NUMBER_THE_CONTENTS, heading_pages(path))  # the numbers take the room reserved for them
    step("printing with page numbers in the contents")
    print_pdf(page, path, tagged=True)
    page.close()
    step(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return path


def build_pdfs(site_dir: Path, out_dir: Path, languages: list[str], version: str, log=print, by_section: bool = False,
               only: list[str] | None = None) -> dict[str, Path]:
    """Write handbook-<lang>.pdf for each language into out_dir; return the paths by language. by_section (or only,
    a list of section keys): one volume per section instead, handbook-<lang>-<nn>-<key>.pdf, numbered in the order
    of the navigation and named by the section's folder (handbook-zh-01-ml-basics.pdf); paths by "<lang>/<key>"."""
    from playwright.sync_api import sync_playwright

    server, url = serve(site_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
            for lang in languages:
                edition = EDITIONS[lang]
                if not (by_section or only):
                    written[lang] = print_book(browser, url, edition, version, out_dir / f"handbook-{lang}.pdf", log)
                    continue
                found = sections(browser, url, edition)
                if unknown := set(only or ()) - {section["key"] for section in found}:
                    raise ValueError(f"no section {', '.join(sorted(unknown))} (the sections: "
                                     f"{', '.join(section['key'] for section in found)})")
                for n, section in enumerate(found, 1):
                    if not only or section["key"] in only:
                        path = out_dir / f"handbook-{lang}-{n:02d}-{section['key']}.pdf"
                        written[f"{lang}/{section['key']}"] = print_book(browser, url, edition, version, path, log,
                                                                         section)
            browser.close()
    finally:
        server.shutdown()
    return written
