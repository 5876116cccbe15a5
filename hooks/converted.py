"""Languages converted from another language's pages at build time (繁體中文 from 简体, with OpenCC; qa/languages.py
says which and how).

A converted language has no source files of its own: each of its pages falls back to its source page
(mkdocs-static-i18n) and its rendered HTML, title, tags and navigation are converted here, with the project's
fixes in `hooks/opencc_fixes.txt`.
"""

from __future__ import annotations

from adapters import current_language
from qa.languages import converter


def on_nav(nav, config, files):
    convert = converter(current_language(config))
    if convert is not str:
        for item in nav.items:
            _convert_titles(item, convert)
    return nav


def _convert_titles(item, convert) -> None:
    if item.title:
        item.title = convert(item.title)
    for child in getattr(item, "children", None) or []:
        _convert_titles(child, convert)


def on_page_markdown(markdown, page, config, files):
    convert = converter(current_language(config))
    if convert is not str and isinstance(page.meta.get("tags"), list):
        page.meta["tags"] = [convert(str(tag)) for tag in page.meta["tags"]]
    return markdown


def on_page_content(html, page, config, files):
    convert = converter(current_language(config))
    if convert is str:
        return html
    page.title = convert(page.title or "")
    stack = list(page.toc)
    while stack:
        item = stack.pop()
        item.title = convert(item.title)
        stack.extend(item.children)
    return convert(html)
