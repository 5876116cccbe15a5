"""The real site: a strict build with zero warnings, and the question structure read back from its HTML."""

from __future__ import annotations

import functools
import gzip
import json
import re
from collections import Counter
from pathlib import Path

import pytest
import tinyhtml5
from PIL import Image

from conftest import ROOT
from pages import LANGUAGE_ROOTS, NS, article, language_of, questions, tag, text, topic_pages

from qa.site import load_docs
from qa.sources import question_sources

SITE = load_docs(ROOT / "docs")

ID_RE = re.compile(r"^[a-z][a-z0-9-]{0,47}$")


# Tests that read every built topic page run in one worker, which parses each page once (pages.article caches it).
READS_EVERY_PAGE = pytest.mark.xdist_group("built-pages")


def test_strict_build_has_no_warnings(build):
    assert build.returncode == 0, build.output
    warnings = [line for line in build.output.splitlines() if "WARNING" in line or "ERROR" in line]
    assert warnings == []


def test_language_alternates_are_in_the_sitemap_and_not_in_each_head(site):
    page = (site / "transformer" / "attention" / "index.html").read_text(encoding="utf-8")
    assert 'rel="alternate"' not in page.split("</head>")[0]  # Material would fetch a site map for each
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert re.search(r'hreflang="en" href="[^"]*/en/transformer/attention/"', sitemap)


def test_every_language_is_built(site):
    for root in LANGUAGE_ROOTS.values():
        assert (site / root / "index.html").exists()
        assert topic_pages(site, next(k for k, v in LANGUAGE_ROOTS.items() if v == root))


@READS_EVERY_PAGE
def test_each_question_has_an_explicit_id_and_one_closed_answer(site):
    for lang in LANGUAGE_ROOTS:
        for page in topic_pages(site, lang):
            found = questions(page)
            assert found, f"{page} has no questions"
            for question in found:
                where = f"{page.relative_to(site)}#{question.id}"
                assert ID_RE.match(question.id), f"{where}: id is not explicit ASCII"
                assert len(question.answers) == 1, f"{where}: {len(question.answers)} answer blocks"
                answer = question.answers[0]
                assert "open" not in answer.attrib, f"{where}: answer is open by default"
                assert tag(answer[0]) == "summary"


@READS_EVERY_PAGE
def test_question_ids_are_unique_site_wide(site):
    for lang in LANGUAGE_ROOTS:
        ids = Counter(q.id for page in topic_pages(site, lang) for q in questions(page))
        assert [qid for qid, n in ids.items() if n > 1] == []


@READS_EVERY_PAGE
def test_every_question_shows_related_questions_and_links_work_within_its_language(site):
    anchors = {}  # built page -> its element ids
    with_backlinks = 0
    for lang in LANGUAGE_ROOTS:
        for page in topic_pages(site, lang):
            for question in questions(page):
                where = f"{page.relative_to(site)}#{question.id}"
                assert len(question.cross_references) == 1, f"{where}: no related questions"
                rows = question.cross_references[0].findall(f"{NS}p")
                assert 1 <= len(rows[0].findall(f".//{NS}a")) <= 5, f"{where}: 1 to 5 related questions"
                with_backlinks += len(rows) == 2
                for link in question.cross_references[0].iter(f"{NS}a"):
                    path, _, anchor = link.get("href").partition("#")
                    target = (page.parent / path / "index.html").resolve() if path else page
                    assert target.is_file() and language_of(site, target) == lang, f"{where}: {link.get('href')}"
                    if target not in anchors:
                        anchors[target] = {e.get("id") for e in article(target).iter() if e.get("id")}
                    assert anchor in anchors[target] and anchor != question.id, f"{where}: {link.get('href')}"
    assert with_backlinks > 50


SOURCES_LABEL = {"zh": "参考资料", "zh-Hant": "參考資料", "en": "References"}
UNCITED_SECTIONS = ("behavioral/", "python/")  # interview conduct and Python: no papers behind them


@READS_EVERY_PAGE
def test_sources_show_inside_each_answer_in_every_language(site):
    """Each question's sources (rule M7) close its answer, as links, in all three languages; at least 90% of the
    technical questions have them."""
    expected = {qid: [s.link for s in question_sources(q.meta)] for qid, q in SITE.questions.items()}
    for lang in LANGUAGE_ROOTS:
        for page in topic_pages(site, lang):
            for question in questions(page):
                lists = question.answers[0].findall(f".//{NS}div[@class='qa-sources']")
                where = f"{page.relative_to(site)}#{question.id}"
                if not expected[question.id]:
                    assert lists == [], where
                    continue
                assert len(lists) == 1, f"{where}: {len(lists)} reference lists in the answer"
                assert text(lists[0]).startswith(SOURCES_LABEL[lang]), where
                links = [a.get("href") for a in lists[0].iter(f"{NS}a")]
                assert links == expected[question.id], where
    technical = [q for q in SITE.questions.values() if not q.page.startswith(UNCITED_SECTIONS)]
    cited = [q for q in technical if expected[q.id]]
    assert len(cited) >= 0.9 * len(technical), f"{len(cited)} of {len(technical)} technical questions cite sources"


NOT_FOUND_TITLES = {"zh": "找不到这个页面", "zh-Hant": "找不到這個頁面", "en": "Page not found"}


def test_each_edition_has_a_404_page_in_its_language_linking_the_others_and_search(site):
    for lang, root in LANGUAGE_ROOTS.items():
        path = site / root / "404.html"
        page = path.read_text(encoding="utf-8")
        assert re.search(rf'<html lang="{lang}"', page), f"{path}: not in {lang}"
        content = article(path)
        assert text(content.find(f"{NS}h1")).endswith(NOT_FOUND_TITLES[lang]), path
        assert content.find(f".//{NS}label[@for='__search']") is not None, f"{path}: no way to search"
        links = {a.get("hreflang") or "home": a.get("href") for a in content.iter(f"{NS}a")}
        assert links["home"].endswith("/" + root), links
        assert {k: v for k, v in links.items() if k != "home"} == \
            {other: links["home"].removesuffix(root) + other_root
             for other, other_root in LANGUAGE_ROOTS.items() if other != lang}


def indexed_pages(index: Path) -> set[str]:
    """The addresses of the pages in a Pagefind index: each fragment is Pagefind's signature and then the page's JSON,
    compressed."""
    pages = set()
    for fragment in (index / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        pages.add(json.loads(data[data.index(b"{"):])["url"])
    return pages


def test_each_languages_search_index_holds_its_pages_and_no_page_not_found(site):
    others = {root.rstrip("/") for root in LANGUAGE_ROOTS.values() if root}
    for lang, root in LANGUAGE_ROOTS.items():
        top = site / root
        pages = {"/" + "".join(f"{part}/" for part in path.parent.relative_to(top).parts)
                 for path in top.rglob("index.html") if not {"pagefind", *others} & set(path.relative_to(top).parts)}
        assert indexed_pages(top / "pagefind") == pages, lang


OG_LOCALES = {"zh": "zh_CN", "zh-Hant": "zh_TW", "en": "en_US"}


@functools.cache
def head_of(path) -> dict:
    """The share and search metadata in a built page's head: name/property -> content (lists for repeats)."""
    html = path.read_text(encoding="utf-8")
    root = tinyhtml5.parse(html[:html.index("</head>") + len("</head>")])
    head = root.find(f"{NS}head")
    found: dict = {"canonical": [link.get("href") for link in head.iter(f"{NS}link") if link.get("rel") == "canonical"]}
    for meta in head.iter(f"{NS}meta"):
        key = meta.get("property") or meta.get("name")
        if key:
            found.setdefault(key, []).append(meta.get("content"))
    found["json-ld"] = [text(script) for script in head.iter(f"{NS}script") if script.get("type") == "application/ld+json"]
    return found


@READS_EVERY_PAGE
def test_every_page_has_a_description_share_tags_and_its_questions_as_structured_data(site, site_url):
    checked = 0
    for lang, root in LANGUAGE_ROOTS.items():
        others = {OG_LOCALES[other] for other in LANGUAGE_ROOTS if other != lang}
        topics = set(topic_pages(site, lang))
        for path in sorted((site / root).rglob("index.html")):
            relative = path.relative_to(site).as_posix()
            if relative.startswith(("assets/", "search/")) or language_of(site, path) != lang:
                continue
            head, where = head_of(path), relative
            url = site_url + relative.removesuffix("index.html")
            assert head["canonical"] == [url] == head["og:url"], where
            assert head["description"] == head["og:description"] and 10 <= len(head["description"][0]) <= 161, where
            assert head["og:locale"] == [OG_LOCALES[lang]] and set(head["og:locale:alternate"]) == others, where
            assert head["og:title"][0] and head["og:type"] == ["article" if path in topics else "website"], where
            image = site / head["og:image"][0].removeprefix(site_url)
            with Image.open(image) as card:
                assert card.format == "PNG" and card.size == (1200, 630), where
            if path in topics:
                (data,) = [json.loads(block) for block in head["json-ld"]]
                assert data["@type"] == "FAQPage" and data["url"] == url, where
                shown = questions(path)
                assert [q["url"] for q in data["mainEntity"]] == [f"{url}#{q.id}" for q in shown], where
                assert all(q["@type"] == "Question" and q["name"] and q["acceptedAnswer"]["@type"] == "Answer"
                           and len(q["acceptedAnswer"]["text"]) >= 20 for q in data["mainEntity"]), where
                assert head["description"][0] != head_of(site / root / "index.html")["description"][0], where
            checked += 1
    assert checked > 100
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {site_url}sitemap.xml" in robots.splitlines() and (site / "sitemap.xml").is_file()


@READS_EVERY_PAGE
def test_what_is_not_the_answer_is_kept_out_of_search(site):
    """Badges, sources and the related-question rows name other questions: indexed, they would make a question a
    result for words of its neighbours' titles. Pagefind reads the built page, where Material has removed every
    `data-search-exclude` with a value (Python-Markdown drops those without one inside Markdown blocks), so these
    carry Pagefind's own `data-pagefind-ignore` too."""
    kept_in = [(page.parent.name, tag(element), element.get("class")) for page in topic_pages(site)
               for element in article(page).iter()
               if set((element.get("class") or "").split()) & {"qa-badges", "qa-sources", "qa-xref"}
               and element.get("data-search-exclude") is None and element.get("data-pagefind-ignore") is None]
    assert kept_in == []
