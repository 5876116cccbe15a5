"""Downloads: an Anki deck and a CSV of every question per language, made by a build that is asked for them
(`extra.decks`: scripts/pdf's), plus the PDFs, the EPUBs, the offline bundle and those decks that `scripts/pdf`
leaves in build/downloads/. All are added to the site as files under downloads/, and the downloads page lists
them with their sizes and build date.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from pathlib import Path

import markdown
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from adapters import current_language, offline_enabled, site_name
from analysis import analyse
from build import state
from language import LABELS, languages, page_url
from qa.export import apkg_bytes, cards, csv_text, media_files
from qa.languages import LANGUAGES, converter, page_words

PAGE_EXTENSIONS = ("toc", "pymdownx.snippets", "pymdownx.tabbed", "pymdownx.tasklist", "abbr", "footnotes")
PREBUILT = Path("build") / "downloads"  # relative to the project: written by scripts/pdf
KINDS = ("pdf", "epub", "apkg", "csv")  # the order of the downloads table, each in every language
NAMES = {  # per hand-written language (qa/languages.py); a download's name is "{kind} in {language}"
    "zh": {"pdf": "PDF", "epub": "EPUB 电子书", "apkg": "Anki 卡组", "csv": "CSV 表格", "in": "{kind}（{language}）",
           "zip": "离线网页包", "file": "文件", "size": "大小", "built": "生成日期", "missing": "未生成"},
    "en": {"pdf": "PDF", "epub": "EPUB e-book", "apkg": "Anki deck", "csv": "CSV", "in": "{kind} ({language})",
           "zip": "Offline website (zip)", "file": "File", "size": "Size", "built": "Built on", "missing": "not built"},
}


def downloads(config) -> dict[str, bytes]:
    """The decks and CSVs of every language, made once per build if the build is asked for them. A converted
    language's (繁體) are converted from its source's. Never in the preview of scripts/serve (hooks/build.py)."""
    build = state(config)
    if build.serving or not config.extra.get("decks"):
        return {}
    if build.downloads is None:
        # The site's Markdown extensions, less those for whole pages; code is left unhighlighted (Anki shows
        # plain code well, and Pygments would double the time).
        configs = {**config.mdx_configs, "pymdownx.highlight": {
            **config.mdx_configs.get("pymdownx.highlight", {}), "use_pygments": False}}
        extensions = [e for e in config.markdown_extensions if e not in PAGE_EXTENSIONS]
        renderer = markdown.Markdown(extensions=extensions, extension_configs=configs)

        @functools.cache  # a converted language renders its source's answers again
        def render(text: str) -> str:
            renderer.reset()
            return renderer.convert(text)

        def url(lang: str):
            return lambda source: page_url(config, lang, source)

        made, site = {}, analyse(config).site
        for lang in languages(config):
            labels = page_words(LABELS, lang)  # cards() converts after rendering
            found = cards(site, lang, labels, render, url(lang), converter(lang))
            made[f"downloads/handbook-{lang}.csv"] = csv_text(found, labels.kinds)
            made[f"downloads/handbook-{lang}.apkg"] = apkg_bytes(
                found, site_name(config, lang), lang, media_files(found, Path(config.docs_dir)))
        build.downloads = made
    return build.downloads


def prebuilt(config) -> dict[str, Path]:
    """What scripts/pdf made (not inside the offline bundle itself), less what this build makes again."""
    folder = Path(config.config_file_path).parent / PREBUILT
    if not folder.is_dir() or offline_enabled(config):
        return {}
    found = {f"downloads/{p.name}": p for p in sorted(folder.glob("handbook-*"))}
    return {path: source for path, source in found.items() if path not in downloads(config)}


@event_priority(-110)  # after mkdocs-static-i18n (-100), which only handles files that exist in docs/
def on_files(files: Files, config) -> Files:
    for path, content in downloads(config).items():
        files.append(File.generated(config, path, content=content))
    for path, source in prebuilt(config).items():
        files.append(File.generated(config, path, abs_src_path=str(source)))
    return files


def on_page_markdown(text: str, page, config, files) -> str:
    if "<!-- downloads -->" not in text:
        return text
    sizes = {path: len(content) for path, content in downloads(config).items()}
    sizes |= {path: source.stat().st_size for path, source in prebuilt(config).items()}
    return text.replace("<!-- downloads -->", downloads_table(sizes, current_language(config)))


def downloads_table(sizes: dict[str, int], lang: str) -> str:
    words = page_words(NAMES, lang)  # the downloads page is converted whole
    rows = [f"| {words['file']} | {words['size']} |", "| --- | ---: |"]
    named = {code: page_words(language.names, lang) for code, language in LANGUAGES.items()}
    entries = [(f"handbook-{code}.{kind}", words["in"].format(kind=words[kind], language=name))
               for kind in KINDS for code, name in named.items()]
    entries.append(("handbook-offline.zip", words["zip"]))
    for name, label in entries:
        size = sizes.get(f"downloads/{name}")
        rows.append(f"| [{label}](downloads/{name}) | {_size(size)} |" if size else f"| {label} | {words['missing']} |")
    built = dt.datetime.fromtimestamp(int(os.environ.get("SOURCE_DATE_EPOCH", dt.datetime.now().timestamp())),
                                      dt.timezone.utc).date().isoformat()
    return "\n".join(rows) + f"\n\n{words['built']}：{built}"


def _size(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1e5 else f"{max(1, round(size / 1e3))} KB"
