"""Share and search metadata of every page (hooks/qa/share.py makes it; overrides/main.html writes it into the
head): a description, Open Graph tags with a share card per section, structured data of the questions, and a
robots.txt that points at the site map."""

from __future__ import annotations

import posixpath
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from adapters import current_language, site_name
from analysis import analyse
from build import state
from language import languages
from qa.fonts import NOTO_CJK, face_index
from qa.languages import LANGUAGES, converter
from qa.model import source_path
from qa.render import replace_question_links
from qa.share import description, faq_json_ld, share_card
from qa.site import is_topic_page

CARD_FONT = NOTO_CJK / "NotoSansCJK-Bold.ttc"


def section_of(path: str) -> str:
    """The folder of a source page, "home" for the pages at the root."""
    return posixpath.dirname(path) or "home"


def card_path(section: str, lang: str) -> str:
    return f"assets/share/{section}-{lang}.png"


def section_title(config, section: str, lang: str) -> str:
    site = analyse(config).site
    index = f"{section}/index.md"
    title = site.page_title(index, lang) if index in site.pages else site_name(config, lang)
    return converter(lang)(title)


@event_priority(-110)  # after mkdocs-static-i18n (-100), which only handles files that exist in docs/
def on_files(files: Files, config) -> Files:
    """A share card for each section in the language being built (none while serving: no one shares a preview)."""
    if state(config).serving:
        return files
    lang = current_language(config)
    cards = state(config).share_cards  # a card serves every language that shares its words
    for section in sorted({section_of(source_path(f.src_uri)) for f in files.documentation_pages()}):
        key = (site_name(config, lang), section_title(config, section, lang), LANGUAGES[lang].font)
        if key not in cards:
            cards[key] = share_card(*key[:2], str(CARD_FONT), face_index(CARD_FONT, key[2]))
        files.append(File.generated(config, card_path(section, lang), content=cards[key]))
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    lang = current_language(config)
    convert = converter(lang)
    path = source_path(page.file.src_uri)
    site_url = config.site_url or ""
    page.meta.setdefault("description", convert(description(markdown) or config.site_description or ""))
    page.meta["share"] = {
        "image": f"{site_url}{card_path(section_of(path), lang)}",
        "locale": LANGUAGES[lang].locale,
        "alternates": [LANGUAGES[other].locale for other in languages(config) if other != lang],
        "type": "article" if is_topic_page(path) else "website",
    }
    site = analyse(config).site
    source = site.pages.get(path)
    if source and source.questions and page.canonical_url:
        shown = {q.id: q for q in site.page(source.path, lang).questions}

        def answer(question) -> str:  # `[](q:id)` links read as the linked question's title
            return replace_question_links(shown.get(question.id, question).answer, path, site,
                                          lambda qid: site.question_title(qid, lang))

        questions = [(q.id, convert(shown.get(q.id, q).title), convert(answer(q))) for q in source.questions]
        page.meta["faq"] = faq_json_ld(page.canonical_url, questions)
    return markdown


def on_post_build(config) -> None:
    if config.site_url:
        Path(config.site_dir, "robots.txt").write_text(
            f"User-agent: *\nAllow: /\n\nSitemap: {config.site_url}sitemap.xml\n", encoding="utf-8")
