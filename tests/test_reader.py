"""What a reader does in the browser: practice mode, marks kept across reloads, a random question, downloads,
links to report an error or edit the page, the tags index, MathJax only where needed, and accessibility
(axe-core, from the npm package pinned in package-lock.json)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from accessibility import axe_violations, open_search, reveal_answers

pytestmark = pytest.mark.browser


def answers_open(page) -> list[bool]:
    return page.eval_on_selector_all("article details", "all => all.map(d => d.open)")


def test_the_toolbar_expands_and_collapses_every_answer(open_page):
    page = open_page("/transformer/attention/").page
    assert not any(answers_open(page))
    page.click(".qa-toolbar button:has-text('展开全部')")
    assert all(answers_open(page))
    page.click(".qa-toolbar button:has-text('折叠全部')")
    assert not any(answers_open(page))
    page.keyboard.press("e")  # keyboard shortcut
    assert all(answers_open(page))


def test_marks_survive_a_reload_and_show_as_progress(open_page):
    watched = open_page("/transformer/attention/")
    page = watched.page
    page.click("[data-qid='why-scale-sqrt-dk'] button[value='mastered']")
    page.click("[data-qid='self-attention-formula'] button[value='review']")
    page.reload()
    page.wait_for_selector("[data-qid='why-scale-sqrt-dk'] button[aria-pressed='true']")
    assert page.get_attribute("[data-qid='why-scale-sqrt-dk'] button[value='mastered']", "aria-pressed") == "true"
    assert page.get_attribute("[data-qid='self-attention-formula'] button[value='review']", "aria-pressed") == "true"
    assert "已掌握 1" in page.inner_text(".qa-page-progress")
    page.goto(page.url.split("/transformer/")[0] + "/transformer/")  # the section index shows progress
    page.wait_for_function("() => document.querySelector(\".qa-progress[data-page='transformer/attention.md']\")"
                           "?.textContent.includes('✓ 1')")
    assert watched.errors == []


def test_practice_mode_on_a_dark_phone_screen_across_instant_navigation(open_page):
    watched = open_page("/transformer/attention/", width=375, height=800, color_scheme="dark", is_mobile=True,
                        has_touch=True)
    page = watched.page
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"  # the reader's dark mode
    page.tap("[data-qid='why-scale-sqrt-dk'] button[value='mastered']")
    page.evaluate("() => { window.notReloaded = true }")
    page.tap("a.md-footer__link--next")  # instant navigation: Material swaps the page in
    page.wait_for_function("() => !document.querySelector('#why-scale-sqrt-dk') && document.querySelector('.qa-toolbar')")
    assert page.evaluate("() => window.notReloaded === true"), "the page was reloaded, not swapped"
    page.tap(".qa-toolbar button:has-text('展开全部')")
    assert answers_open(page) and all(answers_open(page))
    page.go_back()
    page.wait_for_selector("[data-qid='why-scale-sqrt-dk'] button[value='mastered'][aria-pressed='true']")
    assert "已掌握 1" in page.inner_text(".qa-page-progress")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    assert watched.errors == []


def test_random_question_lands_on_a_question_with_its_answer_open(open_page):
    page = open_page("/transformer/attention/").page
    index = "() => performance.getEntriesByType('resource').some(e => e.name.endsWith('/question-index.js'))"
    assert not page.evaluate(index)  # the list of every question is loaded when needed, not by every page
    page.select_option(".qa-scope", "section")
    page.click(".qa-toolbar button:has-text('随机一题')")
    page.wait_for_url("**/transformer/**#*")
    assert "/transformer/" in page.url
    target = page.url.split("#")[1]
    page.wait_for_function("id => document.getElementById(id)?.nextElementSibling", arg=target)
    assert page.evaluate("id => [...document.querySelectorAll('details')].some(d => d.open)", target)


def test_only_review_questions_can_be_drawn(open_page):
    page = open_page("/ml-basics/metrics/").page
    page.click("[data-qid='auc-vs-f1'] button[value='review']")
    page.select_option(".qa-scope", "review")
    page.click(".qa-toolbar button:has-text('随机一题')")
    page.wait_for_url("**#auc-vs-f1")


def test_the_anki_deck_downloads_from_the_downloads_page(open_page):
    page = open_page("/downloads/").page
    with page.expect_download() as download:
        page.click("a[href$='handbook-zh.apkg']")
    path = download.value.path()
    assert path.stat().st_size > 100_000 and path.read_bytes()[:2] == b"PK"  # a zip, like every .apkg


def test_report_and_edit_links(open_page):
    page = open_page("/transformer/attention/").page
    report = page.get_attribute("[data-qid='why-scale-sqrt-dk'] a.qa-report", "href")
    query = parse_qs(urlsplit(report).query)
    assert report.startswith("https://github.com/") and "/issues/new" in report
    assert query["question-id"] == ["why-scale-sqrt-dk"] and query["page-url"][0].endswith("#why-scale-sqrt-dk")
    assert query["template"] == ["content-error.yml"]
    edit = page.get_attribute("a.md-content__button[href*='/edit/']", "href")
    assert edit.endswith("/edit/main/docs/transformer/attention.md")


def test_the_tags_index_lists_pages_by_tag(open_page):
    page = open_page("/tags/").page
    assert page.locator("article a[href*='transformer/attention']").count() > 0
    assert "注意力" in page.inner_text("article")


def test_mathjax_loads_only_when_a_formula_is_shown(browser, server):
    """Pages without formulas never load MathJax; a page with formulas only in closed answers loads it when an
    answer opens."""
    for path, has_formulas in (("/", False), ("/llm/prompting/", False), ("/pretrained/bert/", True)):
        page = browser.new_page()
        loaded = []
        page.on("request", lambda r: "mathjax/tex-svg.js" in r.url and loaded.append(r.url))
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
        assert loaded == [], path
        page.evaluate("() => document.querySelectorAll('article details').forEach(d => d.open = true)")
        page.wait_for_timeout(500)
        page.wait_for_load_state("networkidle")
        assert bool(loaded) == has_formulas, path
        page.close()


@pytest.mark.parametrize("path", ["/", "/transformer/attention/", "/en/llm/overview/"])
def test_axe_finds_no_accessibility_violations(open_page, path):
    page = open_page(path).page
    reveal_answers(page)
    assert axe_violations(page) == []


def test_axe_finds_no_violations_in_dark_mode_on_a_phone(open_page):
    page = open_page("/transformer/attention/", width=375, height=800, color_scheme="dark").page
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    page.click("[data-qid='why-scale-sqrt-dk'] button[value='mastered']")  # a pressed mark is checked too
    page.mouse.move(0, 0)  # not hovering over it
    reveal_answers(page)
    assert axe_violations(page) == []


def test_axe_finds_no_violations_in_the_search_overlay(open_page):
    page = open_page("/").page
    open_search(page, "梯度消失")
    assert axe_violations(page) == []
