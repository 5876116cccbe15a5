"""The built site in Debian's Chromium: formulas, answers, search, requests, console and small screens."""

from __future__ import annotations

import re

import pytest

from pages import RAW_TEX
from search_quality import hit_rate, measure, result_ids

pytestmark = pytest.mark.browser

MATH_ALL = """async () => {
  await window.handbookMath.all()
  const formulas = document.querySelectorAll("article .arithmatex")
  const rendered = document.querySelectorAll("article .arithmatex mjx-container")
  return [formulas.length, rendered.length]
}"""


def wait_for_math(page) -> tuple[int, int]:
    """Typeset every formula of the page (as before printing); the numbers of formulas and rendered ones."""
    page.wait_for_function("() => window.handbookMath")
    return tuple(page.evaluate(MATH_ALL))


def test_formulas_render_when_seen_and_all_of_them_render(open_page):
    page = open_page("/transformer/attention/").page
    answer = page.locator("#why-scale-sqrt-dk ~ details").first
    assert answer.locator("mjx-container").count() == 0  # a closed answer is not typeset yet
    answer.locator("summary").click()
    page.wait_for_function("() => document.querySelector('#why-scale-sqrt-dk ~ details mjx-container')")
    assert answer.locator(".arithmatex").count() > 3
    page.wait_for_function("d => d.querySelectorAll('.arithmatex').length"
                           " === d.querySelectorAll('.arithmatex mjx-container').length", arg=answer.element_handle())


def test_every_formula_renders_also_after_instant_navigation(open_page):
    watched = open_page("/transformer/attention/")
    formulas, rendered = wait_for_math(watched.page)
    assert formulas > 10 and rendered == formulas
    # instant navigation (Material replaces the content without a page load) to another page with math
    watched.page.evaluate("() => { window.notReloaded = true }")
    watched.page.click("a.md-nav__link[href$='positional-encoding/']")
    watched.page.wait_for_url("**/positional-encoding/")
    watched.page.wait_for_function("() => document.querySelector('article h1').textContent.includes('位置编码')")
    formulas, rendered = wait_for_math(watched.page)
    assert formulas > 5 and rendered == formulas
    assert watched.page.evaluate("() => window.notReloaded === true"), "the page was reloaded, not swapped"
    assert watched.errors == []


def test_answer_is_closed_and_opens_on_click(open_page):
    page = open_page("/transformer/attention/").page
    answer = page.locator("#why-scale-sqrt-dk ~ details").first
    assert answer.evaluate("d => d.open") is False
    answer.locator("summary").click()
    assert answer.evaluate("d => d.open") is True
    assert answer.locator("p").first.is_visible()


def test_chinese_query_finds_the_question_and_opens_its_answer(open_page):
    page = open_page("/").page
    assert "why-scale-sqrt-dk" in result_ids(page, "为什么除以根号dk")[:5]
    # results draw no formula: titles and excerpts show them as text (a code example may still quote TeX)
    first = page.inner_text(".md-search-result__item:first-child")
    titles = page.eval_on_selector_all(".md-search-result__article :is(h1, h2)", "hs => hs.map(h => h.textContent)")
    assert "√d_k" in first and not RAW_TEX.findall(first + "".join(titles))
    page.click(".md-search-result__list a[href$='#why-scale-sqrt-dk']")
    page.wait_for_url(re.compile(r"/transformer/attention/(\?[^#]*)?#why-scale-sqrt-dk$"))  # ?h= highlights
    # instant navigation changes the URL before it swaps the new page in
    page.wait_for_function("() => document.querySelector('#why-scale-sqrt-dk ~ details')?.open")


def test_no_request_leaves_the_site_and_no_console_errors(open_page):
    # every topic page of every language is checked the same way on a phone in test_formulas.py
    for path in ["/", "/tags/", "/glossary/", "/contributing/", "/downloads/", "/en/", "/zh-Hant/"]:
        watched = open_page(path)
        wait_for_math(watched.page)
        assert watched.foreign_requests == [], path
        assert watched.errors == [], path


def test_the_closed_drawer_is_not_drawn_and_opens_with_its_links(open_page):
    page = open_page("/transformer/attention/", width=375, height=800).page
    link = page.locator(".md-sidebar--primary a.md-nav__link[href$='/positional-encoding/']")
    assert not link.is_visible()  # closed: skipped by the browser, not merely slid off the screen
    page.click(".md-header label[for=__drawer]")
    link.wait_for(state="visible")
    page.mouse.click(360, 400)  # on the overlay: the drawer slides away, then empties
    link.wait_for(state="hidden")


def test_a_link_to_the_last_question_of_a_long_page_lands_on_it_on_a_phone(open_page):
    # what lies above it is drawn only near the screen, with estimated sizes: the jump must still be exact
    page = open_page("/transformer/attention/#attention-complexity-long-text", width=375, height=800).page
    page.wait_for_function("() => document.querySelector('#attention-complexity-long-text ~ details').open")
    page.wait_for_timeout(500)  # time for anything near the screen to be drawn at its real size
    top = page.evaluate("() => document.getElementById('attention-complexity-long-text').getBoundingClientRect().top")
    header = page.evaluate("() => document.querySelector('.md-header').getBoundingClientRect().bottom")
    assert header <= top < header + 40


def test_each_matching_question_is_a_result_of_its_own_under_its_page_title(open_page):
    page = open_page("/").page
    assert result_ids(page, "LoRA")[:3].count("lora-principle") == 1  # was folded under "7 more on this page"
    first = page.locator(".md-search-result__item").nth(result_ids(page, "LoRA").index("lora-principle"))
    assert first.locator("h1").inner_text().replace("\u200b", "") == "参数高效微调"  # the page it is on
    assert first.locator("details").count() == 0
    page.keyboard.press("Enter")  # goes to the best question, not to a page
    page.wait_for_url(re.compile(r"#[a-z0-9-]+$"))


def test_a_query_with_a_zero_still_gets_results(open_page):
    page = open_page("/").page  # a term of zeros made the search worker throw
    assert "zero-initialization" in result_ids(page, "参数为什么不能初始化为0")[:5]


def test_a_code_block_gets_its_copy_button_once_its_answer_is_opened_and_seen(open_page):
    page = open_page("/ml-basics/metrics/").page
    answer = page.locator("details:has(pre)").first
    assert answer.locator(".md-code__button").count() == 0  # mounted lazily, not while the page starts
    answer.locator("summary").click()
    answer.locator("pre").first.scroll_into_view_if_needed()
    answer.locator(".md-code__button").first.wait_for(state="visible")


def test_realistic_queries_find_the_expected_question_in_the_top_five(open_page):
    outcomes = measure(open_page("/").page)
    misses = [(o.query, o.expected, o.rank) for o in outcomes if not o.rank or o.rank > 5]
    assert len(outcomes) >= 50
    assert hit_rate(outcomes) >= 0.98, misses  # counting only the results a reader sees, none folded away
