"""The handbook's data model: pages, questions, links and the problems found in them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import NamedTuple


@dataclass(frozen=True, order=True)
class Problem:
    """Something wrong in the sources, reported as `path:line: message (rule)`; the rule (qa/rules.py) says
    whether it is an error or a notice."""

    path: str
    line: int
    message: str
    rule: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message} ({self.rule})"

    @property
    def severity(self) -> str:
        from .rules import RULES
        return RULES[self.rule].severity


class Link(NamedTuple):
    """A link or image reference found in a page (a named tuple: pages hold many, made fast)."""

    line: int
    target: str
    kind: str  # "link", "image", "html-link", "html-image", "reference"

    @property
    def is_image(self) -> bool:
        return self.kind in ("image", "html-image")


@dataclass
class Question:
    """One interview question: a `## title {#id}` heading with its meta block and answer."""

    id: str
    title: str
    page: str  # path relative to docs/, e.g. "transformer/attention.md"
    line: int
    end: int = 0  # last line of the question's section
    meta_line: int = 0  # line of the `<!-- meta` block, 0 if none
    meta_end: int = 0  # line of the `-->` that closes it
    meta_valid: bool = True  # false if the meta block is not valid YAML (already reported)
    answer: str = ""  # the answer's Markdown, de-indented
    answer_body: tuple[int, int] = (0, 0)  # indexes of the lines indented into the answer block: [first, end)
    meta: dict = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)

    @property
    def difficulty(self) -> int:
        return self.meta.get("difficulty", 0)

    @property
    def kind(self) -> list[str]:
        return list(self.meta.get("kind") or [])

    @property
    def tags(self) -> list[str]:
        return list(self.meta.get("tags") or [])

    @property
    def keywords(self) -> list[str]:
        return [str(k) for k in self.meta.get("keywords") or []]

    @property
    def related_overrides(self) -> dict:
        return self.meta.get("related") or {}


@dataclass
class Page:
    """A Markdown source page of one language."""

    path: str  # relative to docs/, with the language suffix: "x/y.md" or "x/y.en.md"
    lang: str
    title: str = ""
    title_line: int = 0  # line of the `# Title` heading
    body_start: int = 0  # lines before the body: the front matter and the blank lines after it
    digest: str = ""  # fingerprint of the source text of a translated page, for its translations to record
    front_matter: dict = field(default_factory=dict)
    anchors: dict[str, int] = field(default_factory=dict)  # anchor id -> line
    questions: list[Question] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def source_path(self) -> str:
        """The path of the page this one translates (itself for the default language)."""
        return source_path(self.path)


def source_path(path: str) -> str:
    """`x/y.en.md` -> `x/y.md`; other paths unchanged."""
    stem, dot, suffix = path[:-3].rpartition(".")
    if path.endswith(".md") and dot and 2 <= len(suffix) <= 7 and "/" not in suffix:
        return stem + ".md"
    return path


def page_lang(path: str, default: str) -> str:
    """The language of a source page from its suffix."""
    if path.endswith(".md") and source_path(path) != path:
        return path[:-3].rpartition(".")[2]
    return default


def digest(text: str) -> str:
    """A short fingerprint of a page's text (line endings normalised)."""
    return hashlib.sha256(text.replace("\r\n", "\n").encode("utf-8")).hexdigest()[:12]
