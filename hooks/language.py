"""Which language is being built: shared by the hooks (mkdocs-static-i18n builds once per language)."""


def current_language(config) -> str:
    """mkdocs-static-i18n's current language, else the theme's language."""
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or config.theme.get("language", "zh")
