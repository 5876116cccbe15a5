"""繁體中文: the zh-Hant edition is converted from the Simplified pages at build time with OpenCC.

There are no Traditional source files. Each zh-Hant page falls back to its Simplified source
(mkdocs-static-i18n) and its rendered HTML, title, tags and navigation are converted here, with
Taiwan phrasing (`s2twp`) and the project's fixes in `opencc_fixes.txt`.
"""

from __future__ import annotations

from pathlib import Path

import opencc

from language import current_language

LANG = "zh-Hant"
FIXES_FILE = Path(__file__).with_name("opencc_fixes.txt")


class Converter:
    """OpenCC with a list of protected phrases: each is swapped for a placeholder OpenCC leaves alone."""

    def __init__(self, config: str, fixes: dict[str, str]):
        self.opencc = opencc.OpenCC(config)
        self.fixes = sorted(fixes.items(), key=lambda item: -len(item[0]))

    def __call__(self, text: str) -> str:
        for i, (source, _) in enumerate(self.fixes):
            text = text.replace(source, f"\ue000{i}\ue001")
        text = self.opencc.convert(text)
        for i, (_, target) in enumerate(self.fixes):
            text = text.replace(f"\ue000{i}\ue001", target)
        return text


def read_fixes(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t", 1) for line in lines if line.strip() and not line.startswith("#"))


convert = Converter("s2twp", read_fixes(FIXES_FILE))


def on_nav(nav, config, files):
    if current_language(config) == LANG:
        for item in nav.items:
            _convert_titles(item)
    return nav


def _convert_titles(item) -> None:
    if item.title:
        item.title = convert(item.title)
    for child in getattr(item, "children", None) or []:
        _convert_titles(child)


def on_page_markdown(markdown, page, config, files):
    if current_language(config) == LANG and isinstance(page.meta.get("tags"), list):
        page.meta["tags"] = [convert(str(tag)) for tag in page.meta["tags"]]
    return markdown


def on_page_content(html, page, config, files):
    if current_language(config) != LANG:
        return html
    page.title = convert(page.title or "")
    stack = list(page.toc)
    while stack:
        item = stack.pop()
        item.title = convert(item.title)
        stack.extend(item.children)
    return convert(html)
