"""A question's sources (rule M7): the papers, model cards and documentation its answer rests on.

Each entry of the meta block's `sources:` list is a mapping with a `title`, a `year` and exactly one link:
`arxiv` (an arXiv id), `doi` or `url`; `authors`, `venue` and `note` (what the source backs) are optional.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

ARXIV_RE = re.compile(r"^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?/\d{7})(v\d+)?$")
DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")
URL_RE = re.compile(r"^https?://[^\s/]+\.[^\s]+$")
LINK_KEYS = ("arxiv", "doi", "url")
KEYS = {"title", "year", "authors", "venue", "note", *LINK_KEYS}
LAST_YEAR = 2026  # a year after the current one is a typo


@dataclass(frozen=True)
class Source:
    title: str
    year: int
    link: str  # the entry's URL
    authors: str = ""
    venue: str = ""
    note: str = ""

    def html(self, note: bool = True) -> str:
        """One entry of a reference list: `Authors (year). <a>Title</a>. Venue · note`."""
        tail = " · ".join(part for part in (self.venue, self.note if note else "") if part)
        return (f"{escape(self.authors) + ' ' if self.authors else ''}({self.year}). "
                f'<a href="{escape(self.link)}">{escape(self.title)}</a>.' + (f" {escape(tail)}" if tail else ""))

    def text(self) -> str:
        """The entry as one line of plain text."""
        return f"{self.authors + ' ' if self.authors else ''}({self.year}). {self.title}. {self.link}"


def question_sources(meta: dict) -> list[Source]:
    """The valid sources of a question's meta block (problems are reported by the checks)."""
    return read_sources(meta.get("sources"))[0]


def read_sources(value: object) -> tuple[list[Source], list[str]]:
    """The sources of a `sources:` meta value, and what is wrong with it (one message per problem)."""
    if value is None:
        return [], []
    if not isinstance(value, list):
        return [], ["sources must be a list of mappings, one per source"]
    sources, problems, seen = [], [], set()
    for number, entry in enumerate(value, 1):
        where = f"source {number}"
        if not isinstance(entry, dict):
            problems.append(f"{where} must be a mapping with title, year and one of arxiv, doi, url")
            continue
        unknown = sorted(set(map(str, entry)) - KEYS)
        if unknown:
            problems.append(f"{where} has unknown key(s) {', '.join(unknown)} (allowed: {', '.join(sorted(KEYS))}; "
                            "quote a value that holds ', ' or ': ')")
        links = [key for key in LINK_KEYS if key in entry]
        link, problem = _link(entry, links)
        title, year = entry.get("title"), entry.get("year")
        if problem:
            problems.append(f"{where}: {problem}")
        if not isinstance(title, str) or not title.strip():
            problems.append(f"{where} needs a title")
        if not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= LAST_YEAR:
            problems.append(f"{where} needs a year (1900–{LAST_YEAR})" + (f", not {year!r}" if year is not None else ""))
        if link in seen:
            problems.append(f"{where} repeats {link}")
        if problem or link in seen or not isinstance(title, str) or not isinstance(year, int):
            continue
        seen.add(link)
        sources.append(Source(title.strip(), year, link, *(str(entry.get(k, "") or "").strip()
                                                           for k in ("authors", "venue", "note"))))
    return sources, problems


def _link(entry: dict, links: list[str]) -> tuple[str, str]:
    """The entry's URL, or why it has none."""
    if len(links) != 1:
        return "", f"give exactly one of arxiv, doi, url (found {', '.join(links) or 'none'})"
    key, value = links[0], entry[links[0]]
    if not isinstance(value, str):
        return "", f"{key} must be a quoted string: unquoted, YAML reads it as the number {value!r}"
    value = value.strip()
    if key == "arxiv":
        return (f"https://arxiv.org/abs/{value}", "") if ARXIV_RE.match(value) else (
            "", f"malformed arXiv id '{value}' (expected e.g. 1706.03762)")
    if key == "doi":
        return (f"https://doi.org/{value}", "") if DOI_RE.match(value) else (
            "", f"malformed DOI '{value}' (expected e.g. 10.1162/neco.1997.9.8.1735)")
    return (value, "") if URL_RE.match(value) else ("", f"malformed url '{value}' (expected https://…)")
