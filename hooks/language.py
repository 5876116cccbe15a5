"""Languages, shared by the hooks: which one is being built and where its pages live (mkdocs-static-i18n builds
once per language; adapters.py reads it), the URL of a page in each, and the interface words each hand-written
language uses (the registry of languages is qa/languages.py)."""

from adapters import built_languages
from qa.render import Labels

LABELS = {
    "zh": Labels(related="相关问题", backlinks="被引用于", difficulty=("基础", "进阶", "深入"),
                 difficulty_title="难度", report="报告错误", sections="分区", pages="页面", questions="题数",
                 total="合计", kinds={}, sources="参考资料", source_notes=True,
                 practice={"mastered": "已掌握", "review": "待复习", "expand": "展开全部", "collapse": "折叠全部",
                           "random": "随机一题", "section": "本分区", "all": "全部", "review_only": "只抽待复习",
                           "none": "没有符合条件的题目",
                           "keys": "快捷键：E 展开 · C 折叠 · R 随机 · J/K 下一题/上一题 · M 已掌握 · U 待复习"}),
    "en": Labels(aliases="Also: ", page_tags="Tags of this page", related="Related", backlinks="Referenced by",
                 difficulty=("Basic", "Intermediate", "Advanced"),
                 difficulty_title="Difficulty", report="Report an error", sections="Section", pages="Pages",
                 questions="Questions", total="Total", sources="References", source_notes=False,
                 kinds={"概念": "Concept", "推导": "Derivation", "手撕代码": "Coding", "对比": "Comparison",
                        "场景": "Scenario"},
                 practice={"mastered": "Mastered", "review": "To review", "expand": "Expand all",
                           "collapse": "Collapse all", "random": "Random question", "section": "This section",
                           "all": "All", "review_only": "To review only", "none": "No question matches",
                           "keys": "Keys: E expand · C collapse · R random · J/K next/previous · M mastered · "
                                   "U to review"}),
}


def language_root(config, lang: str) -> str:
    return built_languages(config).get(lang, "")


def languages(config) -> list[str]:
    return list(built_languages(config))


def language_of(config, location: str) -> str:
    """The language of a built page from its location relative to the site root (e.g. `en/llm/`)."""
    by_root = {root: lang for lang, root in built_languages(config).items()}
    return by_root[max((root for root in by_root if location.startswith(root)), key=len, default="")]


def page_path(config, source: str) -> str:
    """Where a source page (e.g. `llm/index.md`) is built, relative to its language's root."""
    stem = source[:-3]
    if config.use_directory_urls:
        return stem[:-5] if stem == "index" or stem.endswith("/index") else stem + "/"
    return stem + ".html"


def page_url(config, lang: str, source: str) -> str:
    """The absolute URL of a source page in a language."""
    return f"{(config.site_url or '/').rstrip('/')}/{language_root(config, lang)}{page_path(config, source)}"
