"""Downloads: an Anki deck and a CSV of every question per language, made at build time, plus the PDFs, the EPUBs
and the offline bundle that `scripts/pdf` leaves in build/downloads/. All are added to the site as files under
downloads/, and the downloads page lists them with their sizes and build date.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import markdown
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from analysis import analyse
from language import LABELS, current_language, page_url, site_name
from qa.chinese import to_traditional
from qa.export import apkg_bytes, cards, converted, csv_text, media_files
from offline import offline

LANGUAGES = ("zh", "zh-Hant", "en")  # the order of the downloads table
PAGE_EXTENSIONS = ("toc", "pymdownx.snippets", "pymdownx.tabbed", "pymdownx.tasklist", "abbr", "footnotes")
PREBUILT = Path("build") / "downloads"  # relative to the project: written by scripts/pdf
NAMES = {
    "zh": {"pdf": "PDF（简体）", "epub": "EPUB 电子书（简体）", "apkg": "Anki 卡组（简体）", "csv": "CSV 表格（简体）",
           "zh-Hant-pdf": "PDF（繁體）", "zh-Hant-epub": "EPUB 电子书（繁體）", "zh-Hant-apkg": "Anki 卡组（繁體）",
           "zh-Hant-csv": "CSV 表格（繁體）", "en-pdf": "PDF (English)", "en-epub": "EPUB (English)",
           "en-apkg": "Anki deck (English)", "en-csv": "CSV (English)",
           "zip": "离线网页包", "file": "文件", "size": "大小", "built": "生成日期", "missing": "未生成"},
    "en": {"pdf": "PDF (Simplified Chinese)", "epub": "EPUB e-book (Simplified Chinese)",
           "apkg": "Anki deck (Simplified Chinese)", "csv": "CSV (Simplified Chinese)",
           "zh-Hant-pdf": "PDF (Traditional Chinese)", "zh-Hant-epub": "EPUB e-book (Traditional Chinese)",
           "zh-Hant-apkg": "Anki deck (Traditional Chinese)", "zh-Hant-csv": "CSV (Traditional Chinese)",
           "en-pdf": "PDF (English)", "en-epub": "EPUB e-book (English)", "en-apkg": "Anki deck (English)",
           "en-csv": "CSV (English)",
           "zip": "Offline website (zip)", "file": "File", "size": "Size", "built": "Built on", "missing": "not built"},
}
_made: dict[tuple, dict[str, bytes]] = {}


def downloads(config) -> dict[str, bytes]:
    """The decks and CSVs of every language, made once per change of docs/. 繁體 is converted from 简体.
    None under `mkdocs serve` (hooks/serving.py): a saved page shows sooner, and the page lists them as not built."""
    if config.extra.get("serving"):
        return {}
    analysis = analyse(config)
    if analysis.signature not in _made:
        # The site's Markdown extensions, less those for whole pages; code is left unhighlighted (Anki shows
        # plain code well, and Pygments would double the time).
        configs = {**config.mdx_configs, "pymdownx.highlight": {
            **config.mdx_configs.get("pymdownx.highlight", {}), "use_pygments": False}}
        extensions = [e for e in config.markdown_extensions if e not in PAGE_EXTENSIONS]
        renderer = markdown.Markdown(extensions=extensions, extension_configs=configs)

        def render(text: str) -> str:
            renderer.reset()
            return renderer.convert(text)

        def url(lang: str):
            return lambda source: page_url(config, lang, source)

        editions = {lang: cards(analysis.site, lang, LABELS[lang], render, url(lang)) for lang in ("zh", "en")}
        zh_root, hant_root = url("zh")("index.md"), url("zh-Hant")("index.md")
        editions["zh-Hant"] = converted(editions["zh"], to_traditional(),
                                        lambda text: text.replace(zh_root, hant_root))
        made = {}
        for lang, found in editions.items():
            made[f"downloads/handbook-{lang}.csv"] = csv_text(found, LABELS.get(lang, LABELS["zh"]).kinds)
            made[f"downloads/handbook-{lang}.apkg"] = apkg_bytes(
                found, site_name(config, lang), lang, media_files(found, Path(config.docs_dir)))
        _made.clear()
        _made[analysis.signature] = made
    return _made[analysis.signature]


def prebuilt(config) -> dict[str, Path]:
    """The PDFs, the EPUBs and the offline bundle, if scripts/pdf made them (not inside the offline bundle itself)."""
    folder = Path(config.config_file_path).parent / PREBUILT
    if not folder.is_dir() or offline(config):
        return {}
    return {f"downloads/{p.name}": p for p in sorted(folder.glob("handbook-*"))}


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
    words = NAMES.get(lang, NAMES["zh"])
    rows = [f"| {words['file']} | {words['size']} |", "| --- | ---: |"]
    entries = [(f"handbook-{code}.{kind}", words[kind] if code == "zh" else words[f"{code}-{kind}"])
               for kind in ("pdf", "epub", "apkg", "csv") for code in LANGUAGES]
    entries.append(("handbook-offline.zip", words["zip"]))
    for name, label in entries:
        size = sizes.get(f"downloads/{name}")
        rows.append(f"| [{label}](downloads/{name}) | {_size(size)} |" if size else f"| {label} | {words['missing']} |")
    built = dt.datetime.fromtimestamp(int(os.environ.get("SOURCE_DATE_EPOCH", dt.datetime.now().timestamp())),
                                      dt.timezone.utc).date().isoformat()
    return "\n".join(rows) + f"\n\n{words['built']}：{built}"


def _size(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1e5 else f"{max(1, round(size / 1e3))} KB"
