"""The rules the build checks, by id: each problem found names one. Errors fail `mkdocs build --strict`,
`scripts/check` and CI; notices are shown and never fail.

The table of checked rules in both CONTRIBUTING files is made from this registry (`handbook rules`, `--lang en`);
tests/test_core.py keeps them equal. The rulebook there explains each rule at length; rules without a check
(A3, A4, the writing rules W*) are for reviewers and have no entry here.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR, NOTICE = "error", "notice"


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    zh: str  # what the build checks, for CONTRIBUTING.md
    en: str  # the same, for CONTRIBUTING.en.md


RULES = {rule.id: rule for rule in (
    Rule("S1", ERROR, "主题页以一级标题开头", "a topic page starts with a level-1 heading"),
    Rule("S2", ERROR, "题目是带 `{#id}` 的二级标题；答案里和主题页上没有更低级的标题",
         "a question is a level-2 heading with an `{#id}`; no lower headings on topic pages or in answers"),
    Rule("S3", ERROR, "题目 id 的写法合规，且全站唯一", "question ids are well-formed and unique across the site"),
    Rule("S6", ERROR, "页面是完整的 Markdown：front matter 闭合且是 YAML 映射，代码块都闭合",
         "a page is well-formed: its front matter is closed and a YAML mapping, every code block is closed"),
    Rule("M1", ERROR, "题目标题后有可读的元数据块，只用已知的键",
         "a readable meta block follows each question title, with known keys only"),
    Rule("M2", ERROR, "`difficulty` 是 1、2 或 3", "`difficulty` is 1, 2 or 3"),
    Rule("M3", ERROR, "`kind` 取自五种题型", "`kind` is drawn from the five kinds"),
    Rule("M4", ERROR, "`tags` 是一到三个 `docs/tags.yml` 里的标签",
         "`tags` are one to three tags from `docs/tags.yml`"),
    Rule("M5", ERROR, "`keywords` 是词的列表", "`keywords` is a list of words"),
    Rule("M6", ERROR, "`related` 的 `pin`、`exclude` 指向存在的题目",
         "`related`'s `pin` and `exclude` name existing questions"),
    Rule("M7", ERROR, "`sources` 的每一项有标题、年份和一个链接，且不重复",
         "each of `sources` has a title, a year and one link, and none repeats"),
    Rule("A1", ERROR, "每道题恰好一个默认折叠的答案块 `??? success \"参考答案\"`",
         "each question has exactly one answer block, `??? success \"Answer\"`, closed by default"),
    Rule("A2", ERROR, "答案不为空，且全部缩进在答案块内",
         "the answer is not empty and all of it is indented inside the block"),
    Rule("A5", ERROR, "表格每一列的表头都有文字", "every table column has words in its header"),
    Rule("A6", ERROR, "公式不指定颜色（`\\color`、`\\textcolor`、`\\colorbox`），浅色、深色模式下都随页面文字的颜色",
         "formulas set no colour (`\\color`, `\\textcolor`, `\\colorbox`): they take the text's colour, in light "
         "and dark"),
    Rule("L1", ERROR, "`q:` 链接指向存在的题目", "`q:` links name existing questions"),
    Rule("L2", ERROR, "站内链接用相对路径指向存在的页面和锚点，引用式链接有定义",
         "site links are relative and reach existing pages and anchors; reference links are defined"),
    Rule("L3", ERROR, "图片和文件在 `docs/` 里", "images and files are in `docs/`"),
    Rule("L4", ERROR, "没有外链图片、本机路径和 Obsidian 语法", "no hotlinked images, local paths or Obsidian syntax"),
    Rule("L5", ERROR, "外部链接只用 http(s)，且能打开（联网检查时）",
         "external links are http(s) and answer (when checked online)"),
    Rule("T1", ERROR, "译文对应存在的中文页，题目 id 相同，元数据只留 `keywords`",
         "a translation has a Chinese page, its question ids, and only `keywords` in its meta"),
    Rule("T2", NOTICE, "中文页在翻译之后改过：译文可能过时", "the Chinese page changed after it was translated"),
)}


def rule_table(lang: str = "zh") -> str:
    """The Markdown table of the checked rules, as the CONTRIBUTING file of `lang` shows it."""
    head = ("| 规则 | 级别 | 构建和 `scripts/check` 检查什么 |" if lang == "zh"
            else "| Rule | Severity | What the build and `scripts/check` check |")
    levels = {ERROR: "错误" if lang == "zh" else "error", NOTICE: "提示" if lang == "zh" else "notice"}
    rows = [f"| {rule.id} | {levels[rule.severity]} | {rule.zh if lang == 'zh' else rule.en} |"
            for rule in RULES.values()]
    return "\n".join([head, "| --- | --- | --- |", *rows])
