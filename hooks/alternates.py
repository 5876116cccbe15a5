"""The language switcher, made from the registry of languages (qa/languages.py) for the languages being built;
and the language alternates of a page: in sitemap.xml only, not in the page's <head>.

Material writes one `<link rel="alternate" hreflang>` per language into every head, pointing at the language's
home page, and at every page load its script fetches and parses a whole sitemap.xml for each of them: work
that holds up a phone for a few hundred milliseconds, for a language switcher that languages.js already
serves. The i18n plugin writes the alternates page by page into sitemap.xml, where search engines read them,
so the head links go.
"""

from __future__ import annotations

from adapters import built_languages, without_head_alternates
from qa.languages import LANGUAGES


def on_post_page(output: str, page, config) -> str:
    return without_head_alternates(output)


def on_config(config):
    """Material's language switcher (languages.js keeps the page and the question when switching)."""
    config.extra["alternate"] = [{"name": LANGUAGES[code].name, "link": root or "./", "lang": code}
                                 for code, root in built_languages(config).items()]
    return config
