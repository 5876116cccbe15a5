"""The search index as readers need it.

- Result titles show formulas as plain text (`√d_k`, not LaTeX): no formula renderer runs in the results.
- Each entry gets a search-only `keywords` field (configured in mkdocs.yml): the words of its title cut the
  way jieba's search mode cuts them (a compound and its parts: 梯度爆炸 -> 梯度, 爆炸, 梯度爆炸), plus the
  question's aliases from its meta block. Material's query segmenter splits a typed phrase into words that
  exist in the index, so a reader typing "梯度爆炸" finds the question titled with that word.
"""

from __future__ import annotations

import json
from pathlib import Path

import jieba
from mkdocs.plugins import event_priority

from analysis import analyse
from language import language_of
from qa.chinese import to_traditional
from qa.plain import plain_title

SEPARATOR = "\u200b"  # Material's word separator for Chinese text


@event_priority(-110)  # after the search plugin and mkdocs-static-i18n have written the index
def on_post_build(config) -> None:
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.exists():
        return
    site = analyse(config).site
    index = json.loads(path.read_text(encoding="utf-8"))
    for doc in index["docs"]:
        doc["title"] = plain_title(doc["title"])
        words = [doc["title"].replace(SEPARATOR, "")] + aliases(site, doc["location"], language_of(config, doc["location"]))
        doc["keywords"] = SEPARATOR.join(dict.fromkeys(
            word.strip() for text in words for word in jieba.cut_for_search(text) if word.strip()))
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    path.write_text(data, encoding="utf-8")
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
    return [to_traditional()(k) for k in keywords] if lang == "zh-Hant" else keywords
