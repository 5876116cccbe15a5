"""A 404 page per language. Each language build renders the 404 template (overrides/404.html, worded in that
language) into the site's root, where the next language's build overwrites it: keep each one and write it to
its own edition's root once every language is built."""

from pathlib import Path

from mkdocs.plugins import event_priority

from adapters import built_languages, current_language
from build import state
from language import language_root
from qa.languages import LANGUAGES, words_in

WORDS = {  # per hand-written language (qa/languages.py)
    "zh": {"title": "找不到这个页面",
           "text": "这个网址没有页面：它可能改了名，或者移到了别处。可以搜索题目，或者从首页找起。",
           "search": "搜索题目", "home": "回到首页", "editions": "其他版本："},
    "en": {"title": "Page not found", "text": "There is no page at this address: it may have been renamed or moved. "
                                              "Search for a question, or start from the home page.",
           "search": "Search questions", "home": "Home page", "editions": "Other editions:"},
}


def on_template_context(context: dict, template_name: str, config) -> dict:
    """The 404 page's words, and links to its own edition's home and the other editions (static templates get no
    page)."""
    if template_name == "404.html":
        base, here = context["base_url"].rstrip("/"), current_language(config)
        context["words"] = words_in(WORDS, here)
        context["home"] = f"{base}/{language_root(config, here)}"
        context["editions"] = [{"locale": lang, "name": LANGUAGES[lang].name, "href": f"{base}/{root}"}
                               for lang, root in built_languages(config).items() if lang != here]
    return context


def on_post_template(output: str, template_name: str, config) -> str:
    if template_name == "404.html":
        state(config).not_found[current_language(config)] = output
    return output


@event_priority(-200)  # after mkdocs-static-i18n, whose post-build step builds the other languages
def on_post_build(config) -> None:
    for lang, html in state(config).not_found.items():
        path = Path(config.site_dir) / language_root(config, lang) / "404.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
