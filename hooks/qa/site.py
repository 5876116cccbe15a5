"""Load every page under docs/ into one `Site`: the question graph the checks and cross-references use."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .languages import LANGUAGES
from .model import Page, Problem, Question, digest, page_lang, source_path
from .parse import parse_page


TAGS_FILE = "tags.yml"  # the topic tags allowed in questions (rule M4), in docs/

# Files the build writes into the site that are not in docs/ (links to them are valid).
DOWNLOADS = frozenset(
    f"downloads/handbook-{lang}.{kind}" for lang in LANGUAGES for kind in ("apkg", "csv", "pdf")
) | {"downloads/handbook-offline.zip"}


@dataclass(frozen=True)
class Settings:
    """What the core needs to know about the site, independent of MkDocs."""

    default_lang: str = "zh"
    answer_titles: dict = field(default_factory=lambda: {"zh": "参考答案", "en": "Answer"})
    tags: dict = field(default_factory=dict)  # allowed topic tags: Chinese name -> English name
    exclude: tuple = ()  # paths (relative to docs/) that are not pages
    generated: frozenset = frozenset()  # files the build adds to the site: links to them are valid


@dataclass
class Site:
    settings: Settings
    pages: dict[str, Page]  # every Markdown page, by path relative to docs/
    files: set[str]  # every file under docs/
    questions: dict[str, Question] = field(default_factory=dict)  # default-language questions by id
    problems: list[Problem] = field(default_factory=list)
    resolved: dict = field(default_factory=dict)  # (page path or "" for q:, target, is image) -> Target

    def page(self, path: str, lang: str | None = None) -> Page | None:
        """The page at a source path, in `lang` if translated, else in the default language."""
        if lang and lang != self.settings.default_lang:
            translated = self.pages.get(f"{path[:-3]}.{lang}.md")
            if translated:
                return translated
        return self.pages.get(path)

    def page_title(self, path: str, lang: str | None = None) -> str:
        """The title of a source page in `lang` (its translation's, if any)."""
        return self.page(path, lang).title

    def question_title(self, qid: str, lang: str | None = None) -> str:
        """The title of a question in `lang` (from the translated page, if it has the question)."""
        question = self.questions[qid]
        translated = self.page(question.page, lang)
        return next((q.title for q in translated.questions if q.id == qid), question.title)

    @property
    def source_pages(self) -> list[Page]:
        return [page for page in self.pages.values() if page.lang == self.settings.default_lang]


def is_topic_page(path: str) -> bool:
    """Topic pages are `docs/<section>/<topic>.md`: they hold questions (rule S1)."""
    parts = source_path(path).split("/")
    return len(parts) == 2 and parts[1] != "index.md"


def load_site(docs_dir: str | Path, settings: Settings) -> Site:
    """Read and parse every page under docs_dir."""
    root = Path(docs_dir)
    files = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    sources = {path: (root / path).read_text(encoding="utf-8") for path in files
               if path.endswith(".md") and path not in settings.exclude}
    return build_site(sources, files, settings)


def load_docs(docs_dir: str | Path) -> Site:
    """The handbook's docs/ folder, with the tag vocabulary from its tags.yml."""
    tags_file = Path(docs_dir) / TAGS_FILE
    tags = (yaml.safe_load(tags_file.read_text(encoding="utf-8")) or {}) if tags_file.exists() else {}
    return load_site(docs_dir, Settings(tags=tags, exclude=(TAGS_FILE,), generated=DOWNLOADS))


def build_site(sources: dict[str, str], files: set[str], settings: Settings) -> Site:
    """Parse page sources (path -> Markdown) into a site; `files` lists every file under docs/."""
    pages = {}
    translated = {source_path(path) for path in sources if source_path(path) != path}
    for path in sorted(sources):
        pages[path] = parse_source(path, sources[path], settings)
        if path in translated:
            pages[path].digest = digest(sources[path])
    site = Site(settings, pages, set(files))
    for page in site.source_pages:
        site.problems.extend(page.problems)
        for question in page.questions:
            other = site.questions.get(question.id)
            if other:
                site.problems.append(Problem(page.path, question.line, f"duplicate question id '{question.id}' "
                                             f"(also at {other.page}:{other.line})", "S3"))
            else:
                site.questions[question.id] = question
    for page in pages.values():
        if page.lang != settings.default_lang:
            site.problems.extend(page.problems)
    return site


def parse_source(path: str, text: str, settings: Settings) -> Page:
    """One page (path relative to docs/) as the site reads it: its language from its name, its kind from its place."""
    lang = page_lang(path, settings.default_lang)
    title = settings.answer_titles.get(lang, settings.answer_titles[settings.default_lang])
    return parse_page(path, text, lang=lang, answer_title=title, topic=is_topic_page(path),
                      require_meta=lang == settings.default_lang)


def resolve(from_path: str, target: str) -> str:
    """Resolve a relative link path against the source page that contains it."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_path(from_path)), target))
