"""Material's search index, as the offline bundle's readers need it.

- Only the offline bundle searches with it (Pagefind cannot fetch its files from file://): elsewhere Material indexes
  no page (its documented `search: exclude`) and loads no word-cutting dictionary. The published site is searched
  with Pagefind (search_pagefind.py); `scripts/serve` shows no search results, and each rebuild is faster for it.
- One index per language (`search_index.<lang>.json`), beside the merged one mkdocs-static-i18n writes.
- Result titles and answers show formulas as plain text (`√d_k`, not LaTeX): no formula renderer runs in the
  results. An answer's text starts at its first paragraph, without the label of the answer box.
- Each question's entry gets a search-only `keywords` field (configured in mkdocs.yml): the words of its title cut the
  way jieba's search mode cuts them (a compound and its parts: 梯度爆炸 -> 梯度, 爆炸, 梯度爆炸), plus the
  question's aliases from its meta block. Material's query segmenter splits a typed phrase into words that
  exist in the index, so a reader typing "梯度爆炸" finds the question titled with that word.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jieba
from mkdocs.plugins import event_priority

from adapters import building_another_language, offline_enabled, without_word_cutting
from analysis import analyse
from language import language_of, languages
from qa.languages import LANGUAGES, converter
from qa.plain import plain_formulas, plain_title

SEPARATOR = "\u200b"  # Material's word separator for Chinese text
LABEL_RE = re.compile(r"^[^<]*(?=<p>)")  # the answer's label ("参考答案") before its first paragraph


@event_priority(100)  # before Material's search plugin loads jieba's dictionaries
def on_config(config):
    if not offline_enabled(config):
        without_word_cutting(config)
    return config


def on_page_markdown(markdown: str, page, config, files) -> str:
    if not offline_enabled(config):  # read by Material's search plugin when the page is rendered
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return markdown


@event_priority(-110)  # after the search plugin and mkdocs-static-i18n have written the index
def on_post_build(config) -> None:
    if building_another_language(config):
        return  # the merged index is written at the end of mkdocs-static-i18n's loop
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.exists():
        return
    site = analyse(config).site
    index = json.loads(path.read_text(encoding="utf-8"))
    for doc in index["docs"]:
        doc["title"] = plain_title(doc["title"])
        qid = doc["location"].partition("#")[2]
        if qid in site.questions:  # questions only: they are what readers seek
            doc["text"] = plain_formulas(LABEL_RE.sub("", doc["text"]))
            lang = language_of(config, doc["location"])
            # A converted language (繁體) is cut as its source and converted: jieba's dictionaries are Simplified
            source = LANGUAGES[lang].source
            words = [site.question_title(qid, source) if source else doc["title"].replace(SEPARATOR, "")]
            cut = [word.strip() for text in words + aliases(site, doc["location"], lang)
                   for word in jieba.cut_for_search(text) if word.strip()]
            doc["keywords"] = SEPARATOR.join(dict.fromkeys(map(converter(lang), cut)))
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    path.write_text(data, encoding="utf-8")
    for lang in languages(config):  # the index each language's pages load (see search.js)
        own = {**index, "docs": [doc for doc in index["docs"] if language_of(config, doc["location"]) == lang]}
        path.with_name(f"search_index.{lang}.json").write_text(
            json.dumps(own, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    script = path.with_suffix(".js")  # the copy Material's offline plugin makes for file:// pages
    if script.exists():
        script.write_text(f"var __index = {data}", encoding="utf-8")


def aliases(site, location: str, lang: str) -> list[str]:
    """The `keywords` of the question an index entry points to, in the entry's language."""
    question = site.questions.get(location.partition("#")[2])
    if question is None:
        return []
    qid = question.id
    keywords = list(question.keywords)
    translated = site.page(question.page, lang)
    keywords += [k for q in translated.questions if q.id == qid for k in q.keywords]
    return keywords  # 繁體 keywords are converted after cutting
