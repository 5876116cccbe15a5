"""繁體中文: the zh-Hant edition is converted from the Simplified pages at build time with OpenCC.

There are no Traditional source files. Each zh-Hant page falls back to its Simplified source
(mkdocs-static-i18n) and its rendered HTML, title, tags and navigation are converted here, with
Taiwan phrasing (`s2twp`) and the project's fixes in `hooks/opencc_fixes.txt`.
"""

from __future__ import annotations

from language import current_language
from qa.chinese import to_traditional

LANG = "zh-Hant"
convert = to_traditional()


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
