"""Translations: mark pages shown in Chinese because they are not translated yet, flag translations that lag
behind their Chinese source, and render the translation status page. (An outdated translation is also a notice
of rule T2, logged with the other problems by analysis.py.)"""

from __future__ import annotations

import posixpath
import shutil
from pathlib import Path

from adapters import current_language
from analysis import analyse
from language import language_root
from qa.languages import TRANSLATED, page_words
from qa.model import source_path
from qa.translation import status_table

NOTICES = {
    "en": {
        "fallback": '!!! note "Not translated yet"\n    This page is shown in Chinese because it has no English '
                    "translation yet. Translations are welcome: see [Contributing]({contributing}).\n\n",
        "outdated": '!!! warning "Translation may be outdated"\n    The Chinese page has changed since this '
                    "translation was made. The Chinese version is authoritative.\n\n",
    },
}
STATUS_WORDS = {
    "zh": {"section": "分区", "translated": "已翻译", "outdated": "可能过时", "missing": "未翻译的页面"},
    "en": {"section": "Section", "translated": "Translated", "outdated": "Outdated", "missing": "Not translated"},
}


def on_post_build(config) -> None:
    """Every language root gets the site map: Material's instant navigation reads one from each language."""
    site_dir = Path(config.site_dir)
    sitemap = site_dir / "sitemap.xml"
    root = language_root(config, current_language(config))
    if root and sitemap.exists():
        shutil.copy2(sitemap, site_dir / root / "sitemap.xml")


def on_page_markdown(markdown, page, config, files):
    lang = current_language(config)
    analysis = analyse(config)
    site = analysis.site
    if lang in NOTICES:
        status = analysis.translation_status(lang).get(source_path(page.file.src_uri))
        if status and not status.translation:
            contributing = posixpath.relpath("contributing.md", posixpath.dirname(page.file.src_uri) or ".")
            markdown = _after_title(markdown, NOTICES[lang]["fallback"].format(contributing=contributing))
        elif status and status.outdated:
            markdown = _after_title(markdown, NOTICES[lang]["outdated"])
    if "<!-- translation-status -->" in markdown:
        words = page_words(STATUS_WORDS, lang)
        markdown = markdown.replace("<!-- translation-status -->", "\n\n".join(
            status_table(site, translated, words, lambda source: site.page_title(source, lang))
            for translated in TRANSLATED))
    return markdown


def _after_title(markdown: str, notice: str) -> str:
    """Insert a notice after the page's `# Title` line (or at the top)."""
    lines = markdown.split("\n")
    at = next((i + 1 for i, line in enumerate(lines) if line.startswith("# ")), 0)
    return "\n".join(lines[:at] + ["", notice] + lines[at:])
