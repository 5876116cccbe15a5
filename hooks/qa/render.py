"""Turn the question graph into Markdown: badges, cross-references, `q:` links and section listings."""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from typing import Callable

from .model import Question, source_path
from .parse import classify_lines
from .site import Site
from .sources import question_sources

Q_LINK_RE = re.compile(r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(q:([a-z][a-z0-9-]*)\)")


@dataclass(frozen=True)
class Labels:
    """Interface words of one language."""

    related: str
    backlinks: str
    difficulty: tuple  # names of levels 1, 2, 3
    difficulty_title: str
    report: str
    sections: str
    pages: str
    questions: str
    total: str
    kinds: dict  # kind name in the source -> displayed name
    practice: dict  # words of the practice controls: mastered, review, expand, collapse, random, …
    sources: str  # the heading of a question's reference list
    source_notes: bool  # show the sources' notes (written in Chinese)
    aliases: str = "又称："  # before a question's search-only words, which a search result may quote
    page_tags: str = "本页标签"  # the name of the page's tag list for screen readers (accessibility.js)


# Kept out of both searches: Material removes the valued data-search-* attributes from the built page, which is
# what Pagefind reads, so Pagefind's own marker too.
KEPT_OUT = 'data-search-exclude="1" data-pagefind-ignore="all"'


def relative_link(from_path: str, to_path: str, anchor: str = "") -> str:
    """A relative Markdown link target from one source page to another (both relative to docs/)."""
    here = posixpath.dirname(source_path(from_path)) or "."
    target = posixpath.relpath(to_path, here)
    return f"{target}#{anchor}" if anchor else target


def replace_question_links(markdown: str, page_path: str, site: Site, title_of: Callable[[str], str]) -> str:
    """`[text](q:id)` -> `[text](relative/page.md#id)`; empty text becomes the question's title."""
    def replace(match: re.Match) -> str:
        text, qid = match.groups()
        question = site.questions.get(qid)
        if question is None:  # reported by the checks; leave the link as written
            return match.group(0)
        return f"[{text or title_of(qid)}]({relative_link(page_path, question.page, qid)})"
    return Q_LINK_RE.sub(replace, markdown)


def site_markdown(markdown: str, page_path: str, site: Site, title_of: Callable[[str], str]) -> str:
    """The Markdown every output renders (the site, the decks, the CSV): question links resolved and the
    lines of a Chinese paragraph joined."""
    return join_cjk_lines(replace_question_links(markdown, page_path, site, title_of))


MARKER_RE = re.compile(r"<!-- qa:(toolbar|badges|sources|after)(?: ([a-z][a-z0-9-]*))? -->")


def mark_questions(markdown: str, page_path: str, site: Site) -> str:
    """Put a marker where the practice toolbar goes (under the page title), in place of each question's meta
    comment (its badges and marks), at the end of its answer (its sources) and after it (its cross-references and
    search words). `decorate_questions` makes them HTML once the page is rendered: Python-Markdown and MkDocs each
    parse every tag of a page's raw HTML, and the cross-references' links were Markdown that MkDocs resolved one by
    one — a third of the build of a large site. Where each marker goes comes from the parsed page (`page_path`, the
    file being rendered); `markdown` is its text as MkDocs hands it over, without the front matter."""
    page = site.pages.get(page_path)
    if page is None:
        return markdown
    lines = markdown.split("\n")
    shift = page.body_start  # MkDocs hands the page over from its body on

    def at(line: int) -> int:  # a line of the source file -> its index in `lines`
        return line - 1 - shift

    edits = []  # (first index, index after the last, lines put there)
    if page.title_line and site.page(source_path(page_path)).questions:
        edits.append((at(page.title_line) + 1, at(page.title_line) + 1, ["", "<!-- qa:toolbar -->", ""]))
    for question in page.questions:
        shown = site.questions.get(question.id)  # its metadata is the source page's
        if shown is None or shown.page != source_path(page_path):
            continue
        if not lines[at(question.line)].startswith("## "):
            raise ValueError(f"{page_path}:{question.line}: the page changed between parsing and rendering")
        if question.meta_line:
            edits.append((at(question.meta_line), at(question.meta_end) + 1, [f"<!-- qa:badges {shown.id} -->"]))
        in_answer = ["", f"    <!-- qa:sources {shown.id} -->"] if question_sources(shown.meta) else []
        after_answer = ["", f"<!-- qa:after {shown.id} -->", ""]
        edits.append((at(question.end) + 1, at(question.end) + 1, in_answer + after_answer))
    for first, after, new in sorted(edits, key=lambda edit: edit[0], reverse=True):
        lines[first:after] = new
    return "\n".join(lines)


def decorate_questions(html: str, page_path: str, site: Site, labels: Labels, related: dict[str, list[str]],
                       back: dict[str, list[str]], link: Callable[[str], str],
                       report_url: Callable[[Question], str]) -> str:
    """The rendered page with its markers (`mark_questions`) made HTML; `link`: a question's id -> the HTML link
    to it from this page."""
    def decoration(match: re.Match) -> str:
        kind, qid = match.groups()
        if kind == "toolbar":
            return _toolbar(labels, site.page(source_path(page_path)).questions)
        question = site.questions[qid]
        if kind == "badges":
            return _badges(question, labels, report_url(question))
        if kind == "sources":
            return f'<div class="qa-sources" {KEPT_OUT}>{sources_html(question, labels)}</div>'
        return _cross_references(question, site, labels, related, back, link) + _search_words(question, labels)
    return MARKER_RE.sub(decoration, html)


def sources_html(question: Question, labels: Labels) -> str:
    """A question's reference list (rule M7) as HTML: a label and a numbered list ("" without sources)."""
    entries = "".join(f"<li>{source.html(labels.source_notes)}</li>" for source in question_sources(question.meta))
    return f'<p class="qa-sources__label">{labels.sources}</p><ol>{entries}</ol>' if entries else ""


def _badges(question: Question, labels: Labels, report_url: str) -> str:
    level = question.difficulty
    stars = "★" * level + "☆" * (3 - level)
    chips = [f'<span class="qa-badge qa-difficulty" data-level="{level}" '
             f'title="{labels.difficulty_title}：{labels.difficulty[level - 1]}">'
             f'{stars} {labels.difficulty[level - 1]}</span>' if 1 <= level <= 3 else ""]
    chips += [f'<span class="qa-badge qa-kind">{html.escape(labels.kinds.get(k, k))}</span>' for k in question.kind]
    chips += [f'<span class="qa-badge qa-tag">#{html.escape(str(t))}</span>' for t in question.tags]
    words = labels.practice
    marks = (f'<span class="qa-marks">{_button(words["mastered"], value="mastered", aria_pressed="false")}'
             f'{_button(words["review"], value="review", aria_pressed="false")}</span>')
    report = (f'<a class="qa-report" href="{html.escape(report_url)}" target="_blank" rel="noopener">'
              f'{labels.report}</a>') if report_url else ""
    return f'<div class="qa-badges" data-search-exclude data-qid="{question.id}">{"".join(chips)}{marks}{report}</div>'


def _search_words(question: Question, labels: Labels) -> str:
    """The question's search-only words (its meta `keywords`), unseen, for the site's Pagefind index (Material's
    index gets them from hooks/search_index.py), after the answer: a result's excerpt quotes the answer first,
    and these words, after their label, only when they are what matched."""
    words = " · ".join(html.escape(word) for word in question.keywords)
    return f'\n<div hidden data-search-exclude data-pagefind-weight="5">{labels.aliases}{words}</div>' if words else ""


def _toolbar(labels: Labels, questions: list[Question]) -> str:
    """The practice toolbar of a topic page, in the page from the start so that nothing moves when it comes
    to life (questions.js)."""
    words = labels.practice
    scope = "".join(f'<option value="{value}">{words[key]}</option>'
                    for value, key in (("section", "section"), ("all", "all"), ("review", "review_only")))
    progress = (f'{words["mastered"]} <span data-mark="mastered">0</span> / {len(questions)} · '
                f'{words["review"]} <span data-mark="review">0</span>')
    return (f'<div class="qa-toolbar" data-search-exclude title="{words["keys"]}" data-none="{words["none"]}" '
            f'data-tags-label="{labels.page_tags}">'
            f'{_button(words["expand"], data_action="expand")}{_button(words["collapse"], data_action="collapse")}'
            f'{_button(words["random"], data_action="random")}'
            f'<select class="qa-scope" aria-label="{words["random"]}">{scope}</select>'
            f'<span class="qa-page-progress">{progress}</span></div>')


def _button(label: str, **attributes: str) -> str:
    extra = "".join(f' {name.replace("_", "-")}="{value}"' for name, value in attributes.items())
    return f'<button type="button" class="md-button qa-button"{extra}>{html.escape(label)}</button>'


def _cross_references(question: Question, site: Site, labels: Labels, related: dict, back: dict,
                      link: Callable[[str], str]) -> str:
    rows = []
    for label, ids in ((labels.related, related.get(question.id, [])), (labels.backlinks, back.get(question.id, []))):
        links = [link(qid) for qid in ids if qid in site.questions]
        if links:
            rows.append(f'<p class="qa-xref__row"><span class="qa-xref__label">{label}</span> {" · ".join(links)}</p>')
    return f'<div class="qa-xref" {KEPT_OUT}>\n' + "\n".join(rows) + "\n</div>" if rows else ""


def link_text_html(title: str, render: Callable[[str], str]) -> str:
    """A title's Markdown as the HTML it shows as the text of a link (`render`: Markdown -> HTML, with the site's
    extensions): formulas, code and emphasis rendered, anything else escaped."""
    if not MARKUP_RE.search(title):
        return html.escape(title, quote=False)
    match = LINK_TEXT_RE.fullmatch(render(f"[{title}](#)"))  # as a link's text: never a list or a heading
    return match.group(1) if match else html.escape(title, quote=False)


MARKUP_RE = re.compile(r"[\\`*_\[\]<>&$!{}~=^]")  # the characters that may make a title more than text
LINK_TEXT_RE = re.compile(r'<p><a href="#">(.*)</a></p>', re.S)


def page_listing(section_index: str, site: Site, labels: Labels, title_of_page: Callable[[str], str]) -> str:
    """A Markdown table of the topic pages in a section index's folder, with question counts."""
    folder = posixpath.dirname(section_index)
    rows = [f"| {labels.pages} | {labels.questions} |", "| --- | ---: |"]
    for page in sorted(site.source_pages, key=lambda p: p.path):
        if posixpath.dirname(page.path) == folder and page.questions:
            link = relative_link(section_index, page.path)
            rows.append(f'| [{title_of_page(page.path)}]({link}) | {len(page.questions)} '
                        f'{_progress(labels, len(page.questions), page=page.path)} |')
    return "\n".join(rows)


def section_listing(section_indexes: list[str], site: Site, labels: Labels,
                    title_of_page: Callable[[str], str]) -> str:
    """A Markdown table of sections (given by their index pages, in order) with page and question counts."""
    rows = [f"| {labels.sections} | {labels.pages} | {labels.questions} |", "| --- | ---: | ---: |"]
    for index in section_indexes:
        folder = posixpath.dirname(index)
        pages = [p for p in site.source_pages if posixpath.dirname(p.path) == folder and p.questions]
        count = sum(len(p.questions) for p in pages)
        rows.append(f'| [{title_of_page(index)}]({relative_link("index.md", index)}) | {len(pages)} | {count} '
                    f'{_progress(labels, count, section=folder)} |')
    total = len(site.questions)
    rows.append(f'| **{labels.total}** | | **{total}** {_progress(labels, total, section="")} |')
    return "\n".join(rows)


def _progress(labels: Labels, count: int, **scope: str) -> str:
    """A cell where questions.js shows how many of a page's or a section's questions are mastered."""
    data = "".join(f' data-{name}="{value}"' for name, value in scope.items())
    return f'<span class="qa-progress"{data} data-count="{count}" data-label="{labels.practice["mastered"]}"></span>'


CJK = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’…—]"
LIST_ITEM_RE = re.compile(r"^(\s*)([-*+]|\d+[.)])\s+")
QUOTE_RE = re.compile(r"^\s*(?:>\s?)+")  # the markers of a block quote line, with its indentation
BLOCK_START_RE = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|#|\||>|<|!!!|\?\?\?|\$\$|```|~~~|$)")


def join_cjk_lines(markdown: str) -> str:
    """Join a paragraph's lines where both sides of the break are Chinese: Markdown turns a line break
    into a space, which shows as a stray gap between Chinese characters. Lines of a block quote are joined
    inside the quote."""
    lines = markdown.split("\n")
    kinds = classify_lines(lines)
    out: list[str] = []
    for i, line in enumerate(lines):
        quote = _quote(line)
        if out and kinds[i] == "text" and kinds[i - 1] == "text" and _quote(out[-1]) == quote \
                and _continues(out[-1][len(quote):], line[len(quote):]):
            out[-1] += line[len(quote):].lstrip()
        else:
            out.append(line)
    return "\n".join(out)


def _quote(line: str) -> str:
    match = QUOTE_RE.match(line) if ">" in line else None
    return match.group(0) if match else ""


def _continues(previous: str, line: str) -> bool:
    if not re.search(CJK + r"$", previous) or not re.match(r"\s*" + CJK, line) or BLOCK_START_RE.match(line) \
            or previous.lstrip().startswith("#"):
        return False
    item = LIST_ITEM_RE.match(previous)
    column = len(item.group(0)) if item else len(previous) - len(previous.lstrip())
    return len(line) - len(line.lstrip()) == column
