"""The three editions: 简体 (source), 繁體 (OpenCC at build time) and English; the registry of languages and a
language added to it; per-language search, the language switcher, and outdated or missing translations."""

from __future__ import annotations

import gzip
import json
import re

import pytest
from mkdocs.utils.yaml import yaml_load
from conftest import ROOT
from pages import LANGUAGE_ROOTS, article, questions, text, topic_pages

from qa.chinese import FIXES_FILE, read_fixes
from qa.languages import DEFAULT, LANGUAGES, converter
from qa.site import load_docs

SITE = load_docs(ROOT / "docs")
HAN_SIMPLIFIED_ONLY = re.compile(r"[参数据这们来对时说应该]")  # common characters written differently in 繁體


def test_traditional_pages_are_converted_and_have_no_source_files(site):
    assert not list((ROOT / "docs").rglob("*.zh-Hant.md"))
    page = site / "zh-Hant" / "transformer" / "attention" / "index.html"
    body = text(article(page))
    assert "參考答案" in body and "参考答案" not in body
    assert not HAN_SIMPLIFIED_ONLY.search(body)
    assert [q.id for q in questions(page)] == [q.id for q in questions(site / "transformer" / "attention" / "index.html")]


# What s2twp writes for this domain's words and a Taiwan reader would not; each is corrected by an entry of
# hooks/opencc_fixes.txt (the comment there gives the reason and the form used instead).
KNOWN_BAD = [
    "全域性",  # 全局 (全域)
    "區域性",  # 局部 (局部; a local variable is 區域變數)
    "例項",  # 实例 (實例)
    "整合學習",  # 集成学习, ensemble learning (集成學習)
    "多工學習", "很多工上",  # 多任务 (多任務); 很多任务 became 很多工
    "介面卡",  # 适配器, a PEFT adapter (適配器)
    "運算元",  # 算子, which is Taiwan for operand (算子)
    "序列擴",  # 串行扩展, serial scaling (串列擴展)
    "問題型別", "錯誤型別", "實體型別",  # 类型, a kind (類型)
    "攻擊物件", "評價物件", "指代物件",  # 对象, a target (對象)
    "殘差連線", "全連線", "聯結器",  # 连接 (殘差連接, 全連接層, 連接器)
    "對映",  # 映射 (映射)
    "增強檢視",  # 视图, an augmented view (視圖)
    "免責宣告",  # 声明 (聲明)
    "重新整理",  # 刷新 (刷新)
    "迴圈神經網路",  # 循环神经网络 (循環神經網路)
    "擴充套件",  # 扩展 (擴展)
    "許可權",  # 权限 (權限)
    "分割槽",  # 分区 (分區)
    "釋出",  # 发布 (發布)
    "丟擲",  # 抛出 (拋出)
    "解除安裝",  # 卸载, offloading (卸載)
    "稽核",  # 审核 (審核)
    "畫素",  # 像素 (像素)
    "指令碼",  # 脚本 (腳本)
    "位元組跳動",  # 字节跳动, ByteDance (字節跳動)
]


def test_every_entry_of_the_term_table_converts_to_exactly_its_traditional_form():
    fixes = read_fixes(FIXES_FILE)
    convert = converter("zh-Hant")
    assert len(fixes) >= 40
    assert all(source.strip() == source and target.strip() == target and source and target
               for source, target in fixes.items()), "stray whitespace in hooks/opencc_fixes.txt"
    wrong = {source: (convert(source), target) for source, target in fixes.items() if convert(source) != target}
    assert not wrong, wrong
    in_a_sentence = {source: convert(f"我们看{source}。") for source, target in fixes.items()
                     if convert(f"我们看{source}。") != f"我們看{target}。"}
    assert not in_a_sentence, in_a_sentence
    assert not [(target, bad) for target in fixes.values() for bad in KNOWN_BAD if bad in target]


def test_known_bad_taiwan_forms_never_reach_the_traditional_site(site, offline_site):
    pages = sorted((site / "zh-Hant").rglob("*.html"))
    index = offline_site / "search" / "search_index.zh-Hant.json"  # Material's index: the offline bundle's search
    assert len(pages) > 30 and index.exists()
    found = [(str(path), bad) for path in [*pages, index]
             for text in [path.read_text(encoding="utf-8")] for bad in KNOWN_BAD if bad in text]
    assert not found, found


@pytest.mark.parametrize("lang", ["zh", "zh-Hant", "en"])
def test_answers_in_the_offline_search_index_start_with_their_text_and_hold_no_latex(offline_site, lang):
    docs = json.loads((offline_site / "search" / f"search_index.{lang}.json").read_text(encoding="utf-8"))["docs"]
    answers = [doc for doc in docs if doc.get("keywords")]  # the questions' entries
    assert len(answers) > 200
    assert not [doc["location"] for doc in answers if not doc["text"].startswith("<p>")]  # no "参考答案" label
    assert not [doc["location"] for doc in answers if "\\(" in doc["text"] or "\\frac" in doc["text"]]


@pytest.mark.xdist_group("built-pages")  # with tests/test_site.py's: one worker parses every page
def test_every_page_has_an_english_translation_with_the_same_ids(site):
    for page in SITE.source_pages:
        assert f"{page.path[:-3]}.en.md" in SITE.pages, f"{page.path} has no English translation"
    for built in topic_pages(site, "en"):
        chinese = site / built.relative_to(site / "en")
        assert [q.id for q in questions(built)] == [q.id for q in questions(chinese)]
        assert not re.search(r"[\u4e00-\u9fff]{6,}", "".join(q.title for q in questions(built))), built


def test_links_stay_within_the_language(site):
    page = site / "en" / "transformer" / "attention" / "index.html"
    internal = [a.get("href") for a in article(page).iter() if a.get("href") and a.tag.endswith("a")
                and not a.get("href").startswith(("http", "#", "mailto"))]
    assert internal
    for href in internal:
        resolved = (page.parent / href.split("#")[0]).resolve()
        assert resolved.is_relative_to((site / "en").resolve()) or "/assets/" in href or "/downloads/" in href, href


@pytest.mark.browser
@pytest.mark.parametrize("lang, query, expected", [
    ("en", "vanishing gradients", "vanishing-exploding-gradients|transformer-vanishing-gradient"),
    ("zh-Hant", "梯度消失", "vanishing-exploding-gradients"),
    ("zh", "梯度消失", "vanishing-exploding-gradients"),
])
def test_search_returns_pages_of_the_language_being_read_and_no_duplicates(open_page, lang, query, expected):
    from search_quality import result_ids

    page = open_page("/" + LANGUAGE_ROOTS[lang]).page
    assert set(expected.split("|")) & set(result_ids(page, query)[:5])
    hrefs = page.eval_on_selector_all(".md-search-result__list a.md-search-result__link",
                                      "links => links.map(a => { const u = new URL(a.href); return u.pathname + u.hash })")
    root = "/handbook/" + LANGUAGE_ROOTS[lang]
    others = [r for code, r in LANGUAGE_ROOTS.items() if code != lang and r and r.startswith(LANGUAGE_ROOTS[lang])]
    assert hrefs and all(h.startswith(root) and not any(h.startswith("/handbook/" + o) for o in others) for h in hrefs)
    questions = [href for href in hrefs if "#" in href]  # a page's title heads each of its questions
    assert len(questions) == len(set(questions))  # no result twice (the same page in another language would be)


@pytest.mark.browser
def test_traditional_queries_with_taiwan_terms_find_the_expected_question_in_the_top_five(open_page):
    from search_quality import QUERIES_HANT, hit_rate, measure, queries

    outcomes = measure(open_page("/zh-Hant/").page, queries(QUERIES_HANT))
    misses = [(o.query, o.expected, o.rank) for o in outcomes if not o.rank or o.rank > 5]
    assert len(outcomes) >= 20
    assert hit_rate(outcomes) >= 0.9, misses


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "zh-Hant", "zh"])
def test_a_query_loads_a_small_part_of_the_index_of_its_language_only(open_page, site, lang):
    page = open_page("/" + LANGUAGE_ROOTS[lang]).page
    files = {}  # path under the site -> bytes received; Pagefind's worker fetches the index, so requests are watched
    page.on("requestfinished", lambda request: files.__setitem__(
        request.url.split("/handbook/", 1)[1], request.sizes()["responseBodySize"]))
    page.wait_for_timeout(500)
    assert files == {}  # nothing while the reader only reads
    from search_quality import result_ids
    assert result_ids(page, "注意力 attention")
    indexes = [name for name in files if "pagefind/index/" in name]
    own = f"{LANGUAGE_ROOTS[lang]}pagefind/index/{lang.lower()}_"  # each language has its own index
    assert indexes and all(name.startswith(own) for name in indexes), files
    assert not any("search_index" in name for name in files)  # not Material's whole index
    sent = {name: len(gzip.compress((site / name.split("?")[0]).read_bytes())) if name.endswith((".js", ".json"))
            else size for name, size in files.items()}  # as a server sends them: its index and excerpts come gzipped
    assert sum(sent.values()) < 300_000, sent  # Material's index of one language: 1.8 MB, 0.58 MB gzipped


def test_where_pagefind_searches_material_indexes_no_page_and_the_offline_bundle_every_one(site, offline_site):
    """Readers of the site never load Material's index: building it would only cost its Chinese word cutting."""
    assert json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"] == []
    assert len(json.loads((offline_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]) > 1000


@pytest.mark.browser
def test_the_switcher_keeps_the_page_and_the_question(open_page):
    page = open_page("/en/transformer/attention/#why-scale-sqrt-dk").page
    page.click(".md-header [for='__language'], .md-select")  # open the language menu
    page.click(".md-select__link[hreflang='zh-Hant']")
    page.wait_for_url("**/zh-Hant/transformer/attention/#why-scale-sqrt-dk")
    page.click(".md-select")
    page.click(".md-select__link[hreflang='zh']")
    page.wait_for_url("**/handbook/transformer/attention/#why-scale-sqrt-dk")
    page.wait_for_function("() => document.querySelector('#why-scale-sqrt-dk ~ details')?.open")


def test_the_registry_of_languages_and_mkdocs_yml_name_the_same_languages():
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    i18n = next(plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    configured = {language["locale"]: language for language in i18n["languages"]}
    assert list(configured) == list(LANGUAGES)
    for code, language in configured.items():
        assert language.get("default", False) == (code == DEFAULT), code
        assert language["name"] == LANGUAGES[code].name, code
        assert language.get("site_name", config["site_name"]) == LANGUAGES[code].title, code
        assert language.get("theme", {}).get("language", config["theme"]["language"]) in (code, "zh-Hant"), code


def test_a_changed_chinese_page_flags_its_translation_without_failing_the_build(edited):
    assert edited.returncode == 0, edited.output
    assert "NOTICE  -  docs/rag/retrieval.en.md:1: translation may be outdated" in edited.output  # not a warning
    notice = text(article(edited.site / "en" / "rag" / "retrieval" / "index.html"))
    assert "Translation may be outdated" in notice
    status = text(article(edited.site / "en" / "translation-status" / "index.html"))
    assert "python/language.md" in status


def test_an_untranslated_page_falls_back_to_chinese_with_a_notice(edited):
    page = edited.site / "en" / "python" / "language" / "index.html"
    body = text(article(page))
    assert "Not translated yet" in body and "参考答案" in body
    link = re.search(r'href="([^"#]*contributing/)"', page.read_text(encoding="utf-8")).group(1)
    assert (page.parent / link / "index.html").resolve() == (edited.site / "en" / "contributing" / "index.html")


def test_a_language_added_to_the_registry_is_built_with_its_downloads_search_and_switcher(edited):
    assert edited.returncode == 0, edited.output
    hk, site = edited.site / "zh-HK", edited.site
    page = text(article(hk / "transformer" / "attention" / "index.html"))
    assert "數據" in page and "參考答案" in page and not HAN_SIMPLIFIED_ONLY.search(page)
    assert "資料" in text(article(site / "zh-Hant" / "transformer" / "attention" / "index.html"))
    switcher = (site / "index.html").read_text(encoding="utf-8")
    assert 'hreflang="zh-HK"' in switcher and "繁體中文（香港）" in switcher
    for name in ("handbook-zh-HK.apkg", "handbook-zh-HK.csv"):
        assert (site / "downloads" / name).stat().st_size > 100_000, name
    assert "數據" in (site / "downloads" / "handbook-zh-HK.csv").read_text(encoding="utf-8-sig")
    assert "Traditional Chinese (HK)" in text(article(site / "en" / "downloads" / "index.html"))
    assert "找不到這個頁面" in (hk / "404.html").read_text(encoding="utf-8")
    assert list((hk / "pagefind").glob("pagefind-entry.json")), "no search index of its own"
    assert list((site / "assets" / "share").glob("*-zh-HK.png")), "no share cards"
