"""Flashcards and a spreadsheet of every question: an Anki deck (.apkg) and a CSV.

Formulas stay LaTeX inside `\\(…\\)` and `\\[…\\]`, which Anki renders with its own MathJax. Notes have
stable ids (from the question id), so importing a newer deck updates the cards instead of duplicating them.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import posixpath
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import genanki

from .plain import plain_title
from .render import Labels, site_markdown, sources_html
from .site import Site, resolve
from .sources import question_sources

HREF_RE = re.compile(r'(href|src)="([^"#:]+?)(#[^"]*)?"')
CSV_FIELDS = ["id", "section", "page", "title", "difficulty", "kind", "tags", "url", "answer", "sources"]
CARD_CSS = """.card { font-family: sans-serif; font-size: 18px; text-align: left; line-height: 1.6; }
.meta { color: #777; font-size: 14px; } pre { white-space: pre-wrap; background: #f5f5f5; padding: 8px; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: 2px 6px; }
img { max-width: 100%; } .night_mode pre { background: #333; } .night_mode img { filter: invert(0.88); }"""


@dataclass
class Card:
    id: str
    section: str
    page: str
    title: str  # Markdown (may contain formulas)
    difficulty: int
    kind: list[str]
    tags: list[str]
    url: str
    answer: str  # Markdown
    answer_html: str  # with the reference list
    title_html: str
    sources: list[str]  # one line per source: `Authors (year). Title. link`


def stable_id(*parts: str) -> int:
    """A deterministic 31-bit id for Anki decks and models."""
    return int(hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:8], 16) & 0x7FFFFFFF


def cards(site: Site, lang: str, labels: Labels, render: Callable[[str], str],
          page_url: Callable[[str], str], convert: Callable[[str], str] = str) -> list[Card]:
    """One card per question in `lang`, in page order. `render` turns Markdown into HTML; `page_url` gives the
    absolute URL of a source page in `lang`; `convert` turns the text into `lang` when it is converted from the
    pages of another language (繁體 from 简体), after rendering."""
    result = []
    for page in sorted(site.source_pages, key=lambda p: p.path):
        shown = site.page(page.path, lang)
        answers = {q.id: q for q in shown.questions}
        folder = posixpath.dirname(page.path)
        section = site.page_title(f"{folder}/index.md", lang) if f"{folder}/index.md" in site.pages else folder
        for question in page.questions:
            local = answers.get(question.id, question)
            markdown = site_markdown(local.answer, page.path, site, lambda qid: site.question_title(qid, lang))
            listing = sources_html(question, labels)
            answer_html = render(markdown) + (f'<div class="qa-sources">{listing}</div>' if listing else "")
            result.append(Card(
                question.id, convert(section), convert(shown.title), convert(local.title), question.difficulty,
                [convert(kind) for kind in question.kind], [convert(tag) for tag in question.tags],
                f"{page_url(page.path)}#{question.id}", convert(markdown),
                convert(_absolute_links(answer_html, page.path, page_url)), convert(title_html(local.title)),
                [convert(source.text()) for source in question_sources(question.meta)]))
    return result


def title_html(title: str) -> str:
    """A question title as HTML for a card: text escaped, formulas as `\\(…\\)` for Anki's MathJax."""
    parts = re.split(r"\$([^$]+)\$", title)
    return "".join(html.escape(part) if i % 2 == 0 else f"\\({html.escape(part)}\\)" for i, part in enumerate(parts))


def _absolute_links(html: str, page_path: str, page_url: Callable[[str], str]) -> str:
    """Relative links to pages become absolute URLs; images keep only their file name (Anki media)."""
    def replace(match: re.Match) -> str:
        attribute, target, anchor = match.group(1), match.group(2), match.group(3) or ""
        if attribute == "src":
            return f'src="{posixpath.basename(target)}"'
        if target.endswith(".md"):
            return f'href="{page_url(resolve(page_path, target))}{anchor}"'
        return match.group(0)
    return HREF_RE.sub(replace, html)


def media_files(cards_: list[Card], docs_dir: Path) -> list[str]:
    """Image files the answers show, to ship inside the deck."""
    names = {name for card in cards_ for name in re.findall(r'src="([^"/]+)"', card.answer_html)}
    found = {p.name: p for p in docs_dir.rglob("*") if p.name in names}
    return [str(found[name]) for name in sorted(names) if name in found]


def csv_text(cards_: list[Card], kind_labels: dict[str, str]) -> bytes:
    """The questions as CSV (UTF-8 with a BOM, so that spreadsheets detect the encoding)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_FIELDS)
    for card in cards_:
        writer.writerow([card.id, card.section, card.page, plain_title(card.title), card.difficulty,
                         " ".join(kind_labels.get(k, k) for k in card.kind), " ".join(card.tags), card.url,
                         card.answer, "\n".join(card.sources)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def apkg_bytes(cards_: list[Card], deck_name: str, lang: str, media: list[str]) -> bytes:
    """An Anki package: one subdeck per section, one note per question, with stable ids."""
    model = genanki.Model(
        stable_id("nlp-interview-handbook", "model", lang), f"{deck_name} ({lang})",
        fields=[{"name": name} for name in ("Id", "Question", "Answer", "Section", "Page", "Difficulty", "Url")],
        templates=[{
            "name": "Card",
            "qfmt": '<div class="meta">{{Section}} · {{Page}} · {{Difficulty}}</div><h3>{{Question}}</h3>',
            "afmt": '{{FrontSide}}<hr id="answer">{{Answer}}<p class="meta"><a href="{{Url}}">{{Url}}</a></p>',
        }],
        css=CARD_CSS,
    )
    decks = {}
    for card in cards_:
        name = f"{deck_name}::{card.section}"
        deck = decks.setdefault(name, genanki.Deck(stable_id("nlp-interview-handbook", lang, name), name))
        deck.add_note(genanki.Note(
            model=model,
            fields=[card.id, card.title_html, card.answer_html, card.section, card.page,
                    "★" * card.difficulty + "☆" * (3 - card.difficulty), card.url],
            tags=[f"handbook::{t}".replace(" ", "_") for t in card.tags] + [f"difficulty::{card.difficulty}"],
            guid=genanki.guid_for("nlp-interview-handbook", card.id, lang),
        ))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "deck.apkg"
        genanki.Package(list(decks.values()), media_files=media).write_to_file(str(path), timestamp=0)
        return path.read_bytes()
