"""What the hooks read or change inside mkdocs-static-i18n and Material for MkDocs beyond their documented
settings, in one place. tests/test_adapters.py checks each of these against the pinned versions, so that an
upgrade that changes one fails there, by name. (In the browser, docs/assets/javascripts/material.js names what
the site's scripts take from Material: the classes of its markup, its configuration, its page stream and its
search worker's messages; the same test module checks it.)

mkdocs-static-i18n 1.3 builds the default language, then every other one inside its own post-build step, with
the same configuration. Its plugin object tells the language being built (`current_language`), whether that
inner loop is running (`building`) and the configuration before a language's overrides (`original_configs`);
its `languages` entries give each language's `locale`, `link`, `build`, `default` and `site_name`.

Material 9 writes a `<link rel="alternate" hreflang>` per language into every head; its offline plugin is
`material/offline` (or `offline`) with an `enabled` setting; its search plugin loads jieba's dictionaries in its
`on_config` when `jieba_dict` or `jieba_dict_user` is set.
"""

from __future__ import annotations

from html.parser import HTMLParser


def _i18n(config):
    return config.plugins.get("i18n")


def current_language(config) -> str:
    """The language being built: mkdocs-static-i18n's, else the theme's."""
    return getattr(_i18n(config), "current_language", None) or config.theme.get("language", "zh")


def built_languages(config) -> dict[str, str]:
    """Each language built -> the folder of its pages in the site: "" for the default language, else "en/"."""
    i18n = _i18n(config)
    if not i18n:
        return {config.theme.get("language", "zh"): ""}
    return {language.locale: "" if language.default else language.link.strip("/") + "/"
            for language in i18n.config.languages if language.build}


def site_name(config, lang: str) -> str:
    """The site's name in a language: its own from the i18n config, else the general one."""
    i18n = _i18n(config)
    general = getattr(i18n, "original_configs", {}).get("site_name", config.site_name)
    own = {language.locale: language.site_name for language in i18n.config.languages} if i18n else {}
    return own.get(lang) or general


def building_another_language(config) -> bool:
    """True while mkdocs-static-i18n builds the languages after the first, inside the first build's post-build
    step: what runs once at the very end waits for that step to finish."""
    return bool(getattr(_i18n(config), "building", False))


def without_word_cutting(config) -> None:
    """Material's search plugin loads jieba's dictionaries when it is configured (about 0.7 s), even for a build
    whose pages it does not index: unset them (before its `on_config`)."""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search:
        search.config.jieba_dict = search.config.jieba_dict_user = None


def offline_enabled(config) -> bool:
    """Whether Material's offline plugin makes this build (the offline bundle)."""
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


class _HeadAlternates(HTMLParser):
    """Finds where each `<link rel="alternate" hreflang>` of a head starts and ends."""

    def __init__(self, head: str):
        super().__init__(convert_charrefs=False)
        self.lines = [0]
        for line in head.splitlines(keepends=True):
            self.lines.append(self.lines[-1] + len(line))
        self.spans: list[tuple[int, int]] = []
        self.feed(head)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and attributes.get("rel") == "alternate" and "hreflang" in attributes:
            line, column = self.getpos()
            start = self.lines[line - 1] + column
            self.spans.append((start, start + len(self.get_starttag_text())))

    handle_startendtag = handle_starttag


def without_head_alternates(page: str) -> str:
    """The page without the language alternates Material writes into its head (the body is left unread)."""
    head, end_of_head, body = page.partition("</head>")
    for start, end in reversed(_HeadAlternates(head).spans):
        head = head[:start].rstrip() + head[end:]  # with the line break and indent before it
    return head + end_of_head + body
