"""Questions on the pages: badges, cross-references, `q:` links and section listings from the question graph.

The graph itself is computed once per build by `analysis.py`; this hook only renders it into each page.
"""

from __future__ import annotations

import functools
import json
import posixpath
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Callable
from urllib.parse import quote, urlencode

import markdown as python_markdown
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkPage

from adapters import current_language
from analysis import analyse
from build import state
from language import LABELS, page_path
from qa.languages import page_words
from qa.model import Question, source_path
from qa.plain import plain_title
from qa.render import (decorate_questions, link_text_html, mark_questions, page_listing, section_listing,
                       site_markdown)
from qa.site import Site, is_topic_page


def on_nav(nav, config, files) -> None:
    state(config).section_indexes = [source_path(child.file.src_uri) for item in nav.items if item.is_section
                           for child in item.children if child.is_page and child.file.src_uri.endswith("index.md")]


def on_page_markdown(markdown: str, page: MkPage, config, files: Files) -> str:
    site, path = analyse(config).site, page.file.src_uri
    lang = current_language(config)
    labels = page_words(LABELS, lang)

    def title_of(qid: str) -> str:
        return site.question_title(qid, lang)

    def title_of_page(source: str) -> str:
        return site.page_title(source, lang)

    if is_topic_page(path):
        markdown = mark_questions(markdown, path, site)
        page.meta["tags"] = page_tags(site, path, lang)
    if "<!-- pages -->" in markdown:
        markdown = markdown.replace("<!-- pages -->", page_listing(
            source_path(path), site, labels, title_of_page))
    if "<!-- sections -->" in markdown:
        markdown = markdown.replace("<!-- sections -->", section_listing(
            state(config).section_indexes, site, labels, title_of_page))
    return site_markdown(markdown, path, site, title_of)


def on_page_content(html: str, page: MkPage, config, files: Files) -> str:
    """The questions' badges, sources and cross-references in place of their markers; formulas in the table of
    contents shown as plain text (no formula renderer runs there)."""
    stack = list(page.toc)
    while stack:
        item = stack.pop()
        item.title = plain_title(item.title)
        stack.extend(item.children)
    if not is_topic_page(page.file.src_uri):
        return html
    analysis, lang = analyse(config), current_language(config)
    links = question_links(config, files, lang)

    def report_url(question: Question) -> str:
        if not config.repo_url:
            return ""
        params = {"template": "content-error.yml", "title": f"[内容错误] {question.title}",
                  "question-id": question.id, "page-url": f"{config.site_url or ''}{page.url}#{question.id}"}
        return f"{config.repo_url.rstrip('/')}/issues/new?{urlencode(params, quote_via=quote)}"

    return decorate_questions(html, page.file.src_uri, analysis.site, page_words(LABELS, lang), analysis.related,
                              analysis.backlinks, lambda qid: links.link(qid, page.file), report_url)


@dataclass
class QuestionLinks:
    """HTML links to questions from the pages of one language, titled in that language: where each question's
    page is and how each title renders are found once per build, not once per link."""

    files: Files  # the language's (mkdocs-static-i18n finds each page's translation or its fallback)
    site: Site
    lang: str
    title: Callable[[str], str]  # a title's Markdown -> its HTML (cached: 繁體 shows the Simplified titles)
    pages: dict[str, File] = field(default_factory=dict)  # source path -> the built page

    def link(self, qid: str, here: File) -> str:
        question = self.site.questions[qid]
        if question.page not in self.pages:
            self.pages[question.page] = self.files.get_file_from_path(question.page)
        url = self.pages[question.page].url_relative_to(here)
        return f'<a href="{escape(url)}#{qid}">{self.title(self.site.question_title(qid, self.lang))}</a>'


def question_links(config, files: Files, lang: str) -> QuestionLinks:
    """The language's `QuestionLinks`, made by its first page."""
    made = state(config).question_links
    if lang not in made:
        shared = next(iter(made.values()), None)  # a title's HTML is the same in every language that shows it
        title = shared.title if shared else title_renderer(config)
        made[lang] = QuestionLinks(files, analyse(config).site, lang, title)
    return made[lang]


def title_renderer(config) -> Callable[[str], str]:
    """A title's Markdown -> its HTML as the text of a link, with the site's extensions; each title once."""
    renderer = python_markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    return functools.cache(lambda title: link_text_html(title, lambda text: renderer.reset().convert(text)))


def page_tags(site: Site, path: str, lang: str) -> list[str]:
    """The page's tags for Material's tags plugin: the union of its questions' tags."""
    source = site.pages[source_path(path)]
    tags = sorted({tag for question in source.questions for tag in question.tags})
    if lang == "en":
        return [site.settings.tags.get(tag, tag) for tag in tags]
    return tags


def on_post_build(config) -> None:
    """The question index the practice mode reads (random question, progress): written as a script, so that
    it also loads from file://."""
    site = analyse(config).site
    index = [{"id": q.id, "page": q.page, "section": posixpath.dirname(q.page), "url": page_path(config, q.page)}
             for q in sorted(site.questions.values(), key=lambda q: (q.page, q.line))]
    target = Path(config.site_dir) / "assets" / "javascripts" / "question-index.js"
    target.write_text(f"window.handbookQuestions = {json.dumps(index, ensure_ascii=False)}\n", encoding="utf-8")
