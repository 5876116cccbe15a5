"""Translation status: which pages are translated, and which translations lag behind their source (rule T2)."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from .model import Problem
from .site import Site

KEY = "translated_from"


@dataclass(frozen=True)
class Status:
    path: str  # source page
    translation: str  # path of the translation, "" if none
    outdated: bool  # the source changed since the translation was made


def translation_status(site: Site, lang: str) -> dict[str, Status]:
    """Source path -> status of its `lang` translation."""
    result = {}
    for page in site.source_pages:
        translated = site.pages.get(f"{page.path[:-3]}.{lang}.md")
        if translated is None:
            result[page.path] = Status(page.path, "", False)
        else:
            recorded = str(translated.front_matter.get(KEY, ""))
            result[page.path] = Status(page.path, translated.path, recorded != page.digest)
    return result


def status_table(site: Site, lang: str, labels: dict, title_of_page) -> str:
    """A Markdown table: per section, how many pages are translated and how many are outdated."""
    status = translation_status(site, lang)
    sections: dict[str, list[Status]] = {}
    for path, item in sorted(status.items()):
        sections.setdefault(posixpath.dirname(path), []).append(item)
    rows = [f"| {labels['section']} | {labels['translated']} | {labels['outdated']} | {labels['missing']} |",
            "| --- | ---: | ---: | --- |"]
    for folder, items in sections.items():
        index = f"{folder}/index.md" if folder else "index.md"
        name = title_of_page(index) if index in site.pages else (folder or "/")
        done = sum(1 for i in items if i.translation)
        outdated = sum(1 for i in items if i.outdated)
        missing = ", ".join(f"`{i.path}`" for i in items if not i.translation) or "—"
        rows.append(f"| {name} | {done} / {len(items)} | {outdated} | {missing} |")
    return "\n".join(rows)


def outdated_notices(site: Site, langs) -> list[Problem]:
    """A notice for each translation behind its Chinese source (rule T2, a notice: shown, never fatal), at the
    translation's front matter."""
    return [Problem(status.translation, 1, f"translation may be outdated: docs/{status.path} changed since it was "
                    f"translated; update it, then run `scripts/translation stamp docs/{status.translation}`", "T2")
            for lang in langs for status in translation_status(site, lang).values() if status.outdated]
