"""The handbook as an EPUB 3 book, one per language, from the built site.

Chromium gathers every page of a language as for the PDF (book.js), typesets the formulas as SVG that carry their
own glyphs (no font or script needed in the reader) and cuts the book into one XHTML chapter per section
(epub.js). This module packs the chapters with a cover (drawn by Chromium as a PNG), a navigation document of
sections, pages and questions, and a small style sheet that leaves the fonts to the reader, so that the text,
CJK included, reflows.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import time
import urllib.request
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pygments.formatters import HtmlFormatter

from .book import CHROMIUM_ARGS, EDITIONS, HERE, SKIPPED_PAGES, Edition, serve
from .browser import find_chromium
from .plain import plain_title

COVER_SIZE = (1200, 1800)
STYLE = """
body { margin: 0 0.5em; line-height: 1.6; }
h1, h2, h3, h4, h5, h6 { line-height: 1.3; page-break-after: avoid; break-after: avoid; }
h1 { font-size: 1.6em; page-break-before: always; break-before: page; }
h2 { font-size: 1.35em; margin-top: 1.6em; }
h3 { font-size: 1.15em; margin-top: 1.4em; }
a { color: #3f51b5; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.85em; line-height: 1.4; padding: 0.5em;
      background: #f5f5f5; border-radius: 4px; }
code { font-family: monospace; font-size: 0.9em; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; vertical-align: top; }
blockquote { margin: 1em 0; padding-left: 1em; border-left: 3px solid #ccc; }
img, .diagram svg { max-width: 100%; height: auto; }
div.arithmatex { margin: 0.8em 0; text-align: center; }
div.arithmatex svg { max-width: 100%; height: auto; }
.qa-badges { font-size: 0.8em; color: #555; }
.qa-badges span { margin-right: 0.6em; }
.book-answer { margin: 0.6em 0 1.4em; padding-left: 0.8em; border-left: 3px solid #7986cb; }
.book-answer__label { font-weight: bold; margin-bottom: 0.3em; }
.admonition { margin: 1em 0; padding: 0.2em 0.8em; border-left: 3px solid #448aff; background: #f5f8ff; }
.admonition-title { font-weight: bold; }
.cover { margin: 0; padding: 0; text-align: center; }
.cover img { max-width: 100%; max-height: 100%; }
.colophon { font-size: 0.85em; color: #555; }
"""


@dataclass
class Typeset:
    """One edition as epub.js returns it: the chapters, the table of contents and where each id is."""

    edition: Edition
    toc: list[dict]
    chapters: list[dict]
    files: dict[str, str]
    images: list[dict]
    online: str
    formulas: int
    cover: bytes


def typeset(browser, url: str, edition: Edition, version: str, built: dt.date, log) -> Typeset:
    page = browser.new_page()
    page.on("console", lambda message: log(message.text) if message.text.startswith("page ") else None)
    page.goto(f"{url}{edition.root}glossary/")
    for script in ("book.js", "epub.js"):
        page.add_script_tag(content=(HERE / script).read_text(encoding="utf-8"))
    book = page.evaluate("args => handbookBook.assemble(args)",
                         {"answerLabel": edition.words["answer"], "skipped": list(SKIPPED_PAGES)})
    log(f"{len(book['toc'])} headings; typesetting the formulas")
    page.add_style_tag(content=".book-section { content-visibility: auto; }")  # not laid out off screen: faster
    formulas = page.evaluate("async () => (await handbookBook.typeset({ fontCache: 'local' })).formulas")
    made = page.evaluate("() => handbookEpub.chapters()")
    page.close()
    page = browser.new_page(viewport={"width": COVER_SIZE[0], "height": COVER_SIZE[1]})
    page.set_content(cover_html(edition, version, built))
    cover = page.screenshot(type="png")
    page.close()
    log(f"{len(made['chapters'])} chapters, {formulas} formulas")
    return Typeset(edition, book["toc"], made["chapters"], made["files"], made["images"], book["online"], formulas,
                   cover)


def cover_html(edition: Edition, version: str, built: dt.date) -> str:
    """The cover, drawn by Chromium with the system's CJK font into a PNG."""
    return f"""<!doctype html><html lang="{edition.tag}"><head><meta charset="utf-8"><style>
html, body {{ margin: 0; width: {COVER_SIZE[0]}px; height: {COVER_SIZE[1]}px; }}
body {{ display: flex; flex-direction: column; justify-content: center; box-sizing: border-box; padding: 100px;
        background: linear-gradient(160deg, #3f51b5, #1a237e); color: #fff; font-family: "{edition.font}", sans-serif; }}
h1 {{ font-size: 86px; line-height: 1.25; margin: 0 0 60px; }}
p {{ font-size: 52px; margin: 0 0 24px; opacity: 0.9; }}
.meta {{ font-size: 34px; margin-top: 480px; opacity: 0.75; }}
</style></head><body><h1>{html.escape(edition.title)}</h1><p>{html.escape(edition.subtitle)}</p>
<p class="meta">{edition.words["version"]} {html.escape(version)} · {edition.words["built"]} {built.isoformat()}</p>
</body></html>"""


def xhtml(lang: str, title: str, body: str, head: str = "") -> str:
    tag = EDITIONS[lang].tag
    return f"""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="{tag}" lang="{tag}">
<head><meta charset="utf-8"/><title>{html.escape(title)}</title>
<link rel="stylesheet" type="text/css" href="style.css"/>{head}</head>
<body>{body}</body>
</html>
"""


def navigation(book: Typeset, version: str, built: dt.date) -> str:
    """The navigation document: sections, pages and questions, nested as they are in the book."""
    words = book.edition.words
    lines: list[str] = []
    depth: list[int] = []  # the levels of the open lists
    for entry in book.toc:
        level, target = entry["level"], book.files.get(entry["id"])
        if not target:
            continue
        while len(depth) > 1 and depth[-1] > level:
            lines.append("</li></ol>")
            depth.pop()
        if depth and depth[-1] > level:  # a section after pages outside any: one list holds both
            depth[-1] = level
        if depth and depth[-1] == level:
            lines.append("</li>")
        else:
            lines.append("<ol>")
            depth.append(level)
        lines.append(f'<li><a href="{target}#{html.escape(entry["id"])}">{html.escape(plain_title(entry["title"]))}</a>')
    while depth:
        lines.append("</li></ol>")
        depth.pop()
    first = book.chapters[0]["file"]
    body = f"""<nav epub:type="toc" id="toc"><h1>{words["contents"]}</h1>
{"".join(lines)}
</nav>
<nav epub:type="landmarks" hidden="hidden"><ol>
<li><a epub:type="cover" href="cover.xhtml">{html.escape(book.edition.title)}</a></li>
<li><a epub:type="toc" href="nav.xhtml#toc">{words["contents"]}</a></li>
<li><a epub:type="bodymatter" href="{first}">{html.escape(book.chapters[0]["title"])}</a></li>
</ol></nav>
<p class="colophon">{words["version"]} {html.escape(version)} · {words["built"]} {built.isoformat()}<br/>
{words["online"]}<a href="{html.escape(book.online)}">{html.escape(book.online)}</a></p>"""
    return xhtml(book.edition.lang, words["contents"], body)


def package(book: Typeset, items: list[tuple[str, str, str]], modified: dt.datetime) -> str:
    """The package document (content.opf): metadata, every file, and the reading order."""
    edition = book.edition
    identifier = uuid.uuid5(uuid.NAMESPACE_URL, f"{book.online}#{edition.lang}")
    manifest = "\n".join(f'<item id="{item_id}" href="{href}" media-type="{media}"{properties}/>'
                         for item_id, href, media, properties in items)
    spine = "\n".join(f'<itemref idref="{item_id}"/>' for item_id, href, media, _ in items
                      if media == "application/xhtml+xml")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id"
         xml:lang="{edition.tag}">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="book-id">urn:uuid:{identifier}</dc:identifier>
<dc:title>{html.escape(edition.title)}</dc:title>
<dc:language>{edition.tag}</dc:language>
<dc:description>{html.escape(edition.subtitle)}</dc:description>
<dc:source>{html.escape(book.online)}</dc:source>
<meta property="dcterms:modified">{modified.strftime("%Y-%m-%dT%H:%M:%SZ")}</meta>
<meta name="cover" content="cover-image"/>
</metadata>
<manifest>
{manifest}
</manifest>
<spine>
{spine}
</spine>
</package>
"""


CONTAINER = """<?xml version="1.0" encoding="utf-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
"""
XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"'
MEDIA_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
               ".svg": "image/svg+xml", ".webp": "image/webp"}


def write_epub(path: Path, book: Typeset, images: dict[str, bytes], version: str, modified: dt.datetime) -> None:
    """Pack the book: the mimetype first and stored, then the container, the package and the content."""
    edition, built = book.edition, modified.date()
    css = STYLE + HtmlFormatter(style="friendly").get_style_defs(".highlight")
    files = {
        "style.css": css,
        "cover.xhtml": xhtml(edition.lang, edition.title, f'<section class="cover" epub:type="cover">'
                             f'<img src="cover.png" alt="{html.escape(edition.title)}"/></section>'),
        "nav.xhtml": navigation(book, version, built),
    }
    items = [("style", "style.css", "text/css", ""),
             ("cover-image", "cover.png", "image/png", ' properties="cover-image"'),
             ("cover", "cover.xhtml", "application/xhtml+xml", ""),
             ("nav", "nav.xhtml", "application/xhtml+xml", ' properties="nav"')]
    for n, chapter in enumerate(book.chapters, 1):
        body = chapter["xhtml"].replace(f'<use {XLINK} ', "<use ")  # declared once, on the formula's <svg>
        files[chapter["file"]] = xhtml(edition.lang, chapter["title"] or edition.title, body)
        items.append((f"chapter-{n}", chapter["file"], "application/xhtml+xml",
                      ' properties="svg"' if chapter["svg"] else ""))
    for n, name in enumerate(images, 1):
        items.append((f"image-{n}", name, MEDIA_TYPES.get(Path(name).suffix.lower(), "application/octet-stream"), ""))
    files["content.opf"] = package(book, items, modified)
    stamp = modified.timetuple()[:6]
    with zipfile.ZipFile(path, "w") as epub:
        epub.writestr(zipfile.ZipInfo("mimetype", stamp), "application/epub+zip", zipfile.ZIP_STORED)
        entries = {"META-INF/container.xml": CONTAINER.encode(), "OEBPS/cover.png": book.cover}
        entries |= {f"OEBPS/{name}": text.encode("utf-8") for name, text in files.items()}
        entries |= {f"OEBPS/{name}": data for name, data in images.items()}
        for name, data in entries.items():
            epub.writestr(zipfile.ZipInfo(name, stamp), data, zipfile.ZIP_DEFLATED, 9)


def build_time() -> dt.datetime:
    """Now, or SOURCE_DATE_EPOCH for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    now = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch else dt.datetime.now(dt.timezone.utc)
    return now.replace(microsecond=0)


def build_epubs(site_dir: Path, out_dir: Path, languages: list[str], version: str, log=print) -> dict[str, Path]:
    """Write handbook-<lang>.epub for each language into out_dir; return the paths."""
    from playwright.sync_api import sync_playwright

    server, url = serve(site_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    start, modified = time.perf_counter(), build_time()

    def step(lang):
        return lambda message: log(f"[{time.perf_counter() - start:5.1f} s] {lang} epub: {message}")
    written = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
            for lang in languages:
                book = typeset(browser, url, EDITIONS[lang], version, modified.date(), step(lang))
                images = {image["name"]: image["content"].encode("utf-8") if "content" in image
                          else urllib.request.urlopen(image["url"]).read() for image in book.images}
                path = out_dir / f"handbook-{lang}.epub"
                write_epub(path, book, images, version, modified)
                step(lang)(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
                written[lang] = path
            browser.close()
    finally:
        server.shutdown()
    return written
