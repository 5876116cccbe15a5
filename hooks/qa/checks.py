"""Site-wide checks: metadata values, translations and every link (rules M*, T*, L*; qa/rules.py)."""

from __future__ import annotations

from .links import resolve_link
from .model import Page, Problem, Question
from .site import Site
from .sources import read_sources
from .translation import outdated_notices

KINDS = ("概念", "推导", "手撕代码", "对比", "场景")
META_KEYS = {"difficulty", "kind", "tags", "keywords", "related", "sources"}
TRANSLATION_META_KEYS = {"keywords"}


def check_site(site: Site) -> list[Problem]:
    """Every problem of the site, errors and notices (qa/rules.py), each reported once, in path and line order."""
    problems = list(site.problems)
    for page in site.pages.values():
        problems += check_links(site, page)
        if page.lang == site.settings.default_lang:
            problems += [p for q in page.questions for p in check_meta(site, page, q)]
        else:
            problems += check_translation(site, page)
    translated = {page.lang for page in site.pages.values()} - {site.settings.default_lang}
    problems += outdated_notices(site, sorted(translated))
    return sorted(set(problems))


def check_links(site: Site, page: Page) -> list[Problem]:
    return [Problem(page.path, link.line, target.problem, target.rule)
            for link in page.links
            if (target := resolve_link(site, page, link)).problem]


def check_meta(site: Site, page: Page, question: Question) -> list[Problem]:
    if not question.meta_line or not question.meta_valid:
        return []  # a missing or unreadable meta block is reported by the parser
    meta, line = question.meta, question.meta_line
    problems = []

    def bad(message: str, rule: str) -> None:
        problems.append(Problem(page.path, line, f"question '{question.id}': {message}", rule))

    for key in sorted(set(meta) - META_KEYS):
        bad(f"unknown meta key '{key}' (allowed: {', '.join(sorted(META_KEYS))})", "M1")
    if meta.get("difficulty") not in (1, 2, 3):
        bad(f"difficulty must be 1, 2 or 3, not {meta.get('difficulty')!r}", "M2")
    kinds = meta.get("kind")
    if not isinstance(kinds, list) or not kinds or not all(kind in KINDS for kind in kinds):
        bad(f"kind must be a list drawn from {', '.join(KINDS)}, not {kinds!r}", "M3")
    tags = meta.get("tags")
    if not isinstance(tags, list) or not 1 <= len(tags) <= 3:
        bad(f"tags must be a list of one to three topic tags, not {tags!r}", "M4")
    else:
        for tag in tags:
            if str(tag) not in site.settings.tags:
                bad(f"unknown tag '{tag}': use a tag from docs/tags.yml or add it there", "M4")
    problems += _check_keywords(page, question, meta)
    related = meta.get("related", {})
    if not isinstance(related, dict) or set(related) - {"pin", "exclude"}:
        bad("related must look like `{pin: [id, …], exclude: [id, …]}`", "M6")
    else:
        for key in ("pin", "exclude"):
            for qid in related.get(key) or []:
                if qid not in site.questions or qid == question.id:
                    bad(f"related.{key} names unknown question '{qid}'", "M6")
    for message in read_sources(meta.get("sources"))[1]:
        bad(message, "M7")
    return problems


def _check_keywords(page: Page, question: Question, meta: dict) -> list[Problem]:
    keywords = meta.get("keywords", [])
    if isinstance(keywords, list) and all(isinstance(k, (str, int, float)) for k in keywords):
        return []
    return [Problem(page.path, question.meta_line or question.line,
                    f"question '{question.id}': keywords must be a list of words", "M5")]


def check_translation(site: Site, page: Page) -> list[Problem]:
    """A translation has the same question ids as its source page, and no metadata but keywords."""
    source = site.pages.get(page.source_path)
    if source is None:
        return [Problem(page.path, 1, f"translation of a page that does not exist: {page.source_path}", "T1")]
    source_ids = {q.id for q in source.questions}
    problems = []
    for question in page.questions:
        if question.id not in source_ids:
            problems.append(Problem(page.path, question.line,
                                    f"question id '{question.id}' is not on the source page {source.path}", "T1"))
        for key in sorted(set(question.meta) - TRANSLATION_META_KEYS):
            problems.append(Problem(page.path, question.meta_line,
                                    f"question '{question.id}': translations keep only `keywords` in meta; "
                                    f"'{key}' comes from the source page", "T1"))
        problems += _check_keywords(page, question, question.meta)
    return problems
