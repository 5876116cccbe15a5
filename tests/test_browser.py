"""The built site in Debian's Chromium: formulas, answers, search, requests, console and small screens."""

from __future__ import annotations

import pytest

from pages import topic_pages

pytestmark = pytest.mark.browser

MATH_DONE = """async () => {
  if (window.handbookMath) await window.handbookMath
  const formulas = document.querySelectorAll("article .arithmatex")
  const rendered = document.querySelectorAll("article .arithmatex mjx-container")
  return [formulas.length, rendered.length]
}"""


def url_path(site, page) -> str:
    return "/" + page.parent.relative_to(site).as_posix() + "/"


def wait_for_math(page) -> tuple[int, int]:
    page.wait_for_function("() => !document.querySelector('.arithmatex') || window.handbookMath")
    return tuple(page.evaluate(MATH_DONE))


def search(page, query: str) -> list[str]:
    """Type a query into Material's search box; return the result links in order."""
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # Material reads the query on keyup; fill() alone fires none
    page.wait_for_selector(".md-search-result__list a", timeout=15000)
    page.wait_for_timeout(300)
    return page.eval_on_selector_all(".md-search-result__list a.md-search-result__link",
                                     "links => links.map(a => a.href)")


def test_every_formula_renders_also_after_instant_navigation(open_page):
    watched = open_page("/transformer/attention/")
    formulas, rendered = wait_for_math(watched.page)
    assert formulas > 10 and rendered == formulas
    # instant navigation (Material replaces the content without a page load) to another page with math
    watched.page.click("a.md-nav__link[href$='positional-encoding/']")
    watched.page.wait_for_url("**/positional-encoding/")
    watched.page.wait_for_function("() => document.querySelector('article h1').textContent.includes('位置编码')")
    formulas, rendered = wait_for_math(watched.page)
    assert formulas > 5 and rendered == formulas
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
    links = search(page, "为什么除以根号dk")
    assert any(link.endswith("/transformer/attention/#why-scale-sqrt-dk") for link in links[:5]), links[:5]
    page.click(".md-search-result__list a[href$='#why-scale-sqrt-dk']")
    page.wait_for_url("**/transformer/attention/#why-scale-sqrt-dk")
    page.wait_for_function("() => document.querySelector('#why-scale-sqrt-dk ~ details').open")


def test_no_request_leaves_the_site_and_no_console_errors(site, open_page):
    paths = ["/", "/tags/", "/glossary/", "/contributing/", "/en/", "/zh-Hant/"]
    paths += [url_path(site, page) for page in topic_pages(site)]
    for path in paths:
        watched = open_page(path)
        wait_for_math(watched.page)
        assert watched.foreign_requests == [], path
        assert watched.errors == [], path


def test_nothing_overflows_a_phone_screen(site, open_page):
    for page_file in topic_pages(site):
        page = open_page(url_path(site, page_file), width=375, height=800).page
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        wait_for_math(page)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{page_file.relative_to(site)} is {overflow}px wider than the screen"
