"""The handbook's languages: the one place that names them. Every module that needs to know a language's
folder, fonts, tags or whether its pages are converted reads this registry.

A language is either written by hand (its pages are `page.<code>.md`, falling back to the default language's)
or converted from another language's pages with OpenCC at build time (`converted_by`). Words of the interface
are written for the hand-written languages only; a converted language gets its source's words, converted.

Adding a language: one entry below, its words where the hand-written languages have theirs (when it is written
by hand), and its entry in mkdocs.yml's i18n `languages` (tests/test_languages.py keeps the two lists equal).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Callable, Mapping, TypeVar

from .chinese import FIXES_FILE, Converter, read_fixes


@dataclass(frozen=True)
class Language:
    code: str  # as in mkdocs.yml's i18n `locale` and the pages' <html lang>
    name: str  # its own name for itself, as the language switcher shows it
    names: dict  # its name in each hand-written language, as the downloads table shows it
    title: str  # the book's title and the site's name
    subtitle: str
    locale: str  # Open Graph's name of the language
    tag: str  # the EPUB's dc:language
    font: str  # the CJK font of its PDF and share cards: decides Simplified or Traditional glyph shapes
    source: str = ""  # the language its pages are converted from ("" when written by hand)
    converted_by: str = ""  # the OpenCC configuration that converts them
    fixes: bool = False  # whether the project's fixes for Taiwan phrasing (hooks/opencc_fixes.txt) apply

    @property
    def root(self) -> str:
        """The folder of its pages in the site (mkdocs-static-i18n's default link): "" for the default language."""
        return "" if self.code == DEFAULT else f"{self.code}/"


DEFAULT = "zh"
LANGUAGES = {language.code: language for language in (
    Language("zh", name="简体中文", names={"zh": "简体", "en": "Simplified Chinese"},
             title="NLP 与大模型面试手册", subtitle="面试题与参考答案", locale="zh_CN", tag="zh-Hans",
             font="Noto Sans CJK SC"),
    Language("zh-Hant", name="繁體中文", names={"zh": "繁體", "en": "Traditional Chinese"},
             title="NLP 與大模型面試手冊", subtitle="面試題與參考答案", locale="zh_TW", tag="zh-Hant",
             font="Noto Sans CJK TC", source="zh", converted_by="s2twp", fixes=True),  # Taiwan phrasing
    Language("en", name="English", names={"zh": "English", "en": "English"},
             title="NLP & LLM Interview Handbook", subtitle="Questions with checked answers", locale="en_US", tag="en",
             font="Noto Sans CJK SC"),
)}
TRANSLATED = tuple(code for code, language in LANGUAGES.items() if code != DEFAULT and not language.source)


@cache
def converter(code: str) -> Callable[[str], str]:
    """What turns the text of a language's source into the language: OpenCC (and the project's fixes), or nothing."""
    language = LANGUAGES.get(code)
    if not language or not language.converted_by:
        return str
    return Converter(language.converted_by, read_fixes(FIXES_FILE) if language.fixes else {})


W = TypeVar("W")


def words_in(table: Mapping[str, W], code: str) -> W:
    """A language's entry of a table of interface words written per hand-written language, for text outside its
    pages (a template, a book): its own, else its source's converted (strings, and strings inside dicts, lists and
    tuples), else the default language's."""
    language = LANGUAGES.get(code)
    if code not in table and language and language.source in table:
        return _convert(table[language.source], converter(code))
    return page_words(table, code)


def page_words(table: Mapping[str, W], code: str) -> W:
    """The same for text that goes into a page or is converted with it: a converted language's pages are converted
    whole (hooks/converted.py), so they take their source's words as written (converting twice can change them)."""
    language = LANGUAGES.get(code)
    return table.get(code) or table.get(language.source if language else DEFAULT) or table[DEFAULT]


def _convert(words, convert):
    if isinstance(words, str):
        return convert(words)
    if isinstance(words, dict):
        return {key: _convert(value, convert) for key, value in words.items()}
    if isinstance(words, (list, tuple)):
        return type(words)(_convert(value, convert) for value in words)
    return words
