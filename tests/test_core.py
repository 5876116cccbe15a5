"""The pure core in hooks/qa: parsing, links, cross-references, plain titles; fuzzed with hypothesis."""

from __future__ import annotations

import json
import re
from collections import Counter

import markdown
import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from qa.checks import check_site
from qa.model import source_path
from qa.parse import parse_page, read_heading
from qa.plain import plain_formulas, plain_title
from qa.related import backlinks, links_between_questions, related_questions, term_counts, tokens
from qa.render import join_cjk_lines, link_text_html, relative_link, replace_question_links
from qa.rules import ERROR, NOTICE, RULES, rule_table
from qa.site import Settings, build_site, load_docs

TAGS = {"注意力": "Attention", "微调": "Fine-tuning"}
PAGE = '''# 注意力

导语，含行内代码 `[不是链接](nowhere.md)` 和公式 $[0,1)$。

## 什么是注意力？ {#what-is-attention}

<!-- meta
difficulty: 1
kind: [概念]
tags: [注意力]
keywords: [attention]
-->

??? success "参考答案"

    见 [缩放](q:why-scale)，以及 [外部](https://example.org/a)。

    ```python
    x = "[也不是链接](nowhere.md)"
    ```

## 为什么要缩放？ {#why-scale}

<!-- meta
difficulty: 2
kind: [推导]
tags: [注意力]
related: {exclude: [lora]}
-->

??? success "参考答案"

    $$
    \\operatorname{Var}(q\\cdot k)=d_k
    $$
'''
OTHER = '''# 微调

## LoRA 是什么？ {#lora}

<!-- meta
difficulty: 2
kind: [概念]
tags: [微调]
-->

??? success "参考答案"

    低秩分解，和 [注意力](../a/attention.md#what-is-attention) 无关。
'''


def site_of(pages: dict[str, str]):
    return build_site(pages, set(pages), Settings(tags=TAGS))


def test_parse_reads_questions_meta_answers_and_links():
    page = parse_page("a/attention.md", PAGE, lang="zh", answer_title="参考答案", topic=True)
    assert page.problems == []
    assert page.title == "注意力"
    assert [q.id for q in page.questions] == ["what-is-attention", "why-scale"]
    first = page.questions[0]
    assert first.meta["difficulty"] == 1 and first.tags == ["注意力"] and first.keywords == ["attention"]
    assert first.answer.startswith("见 [缩放]")
    assert [link.target for link in page.links] == ["q:why-scale", "https://example.org/a"]
    assert [link.target for link in first.links] == ["q:why-scale", "https://example.org/a"]
    assert page.anchors["why-scale"] == page.questions[1].line


def test_links_are_read_as_markdown_reads_them_with_their_line():
    text = "\n".join([
        "# 页",                                                      # 1
        "",
        "[一段很长的链接文字，",                                      # 3: wrapped text
        "换到了下一行](wrapped.md) 和 `[代码](code.md)`、\\[转义](escaped.md)",
        "[外 [内] 层](nested.md \"标题\") 与 <a",                    # 5: nested brackets, a title, a wrapped tag
        'href="tag.md">标签</a> ![图，',                             # 6
        "换行](figure.png) [定义过][ref] 与 [未定义][nolabel]",        # 7: wrapped alt, reference uses
        "$[0,1](x)$ <https://example.org/auto>",                      # 8: math, an autolink
        "",
        "[ref]: defined.md",                                          # 10
    ])
    page = parse_page("a/p.md", text, lang="zh", answer_title="参考答案", topic=False)
    assert [(link.line, link.target, link.kind) for link in page.links] == [
        (3, "wrapped.md", "link"), (5, "nested.md", "link"), (5, "tag.md", "html-link"),
        (6, "figure.png", "image"), (8, "https://example.org/auto", "link"), (10, "defined.md", "reference")]
    assert [(problem.line, problem.rule) for problem in page.problems] == [(7, "L2")]


def test_a_valid_site_has_no_problems_and_a_link_graph():
    site = site_of({"a/attention.md": PAGE, "b/lora.md": OTHER})
    assert check_site(site) == []
    edges = links_between_questions(site)
    assert edges == {"what-is-attention": {"why-scale"}, "lora": {"what-is-attention"}}
    assert backlinks(edges) == {"why-scale": ["what-is-attention"], "what-is-attention": ["lora"]}


def test_related_questions_are_deterministic_never_self_and_respect_overrides():
    site = site_of({"a/attention.md": PAGE, "b/lora.md": OTHER})
    first, second = related_questions(site), related_questions(site)
    assert first == second
    for qid, related in first.items():
        assert qid not in related and len(related) <= 5
    assert "lora" not in first["why-scale"]  # excluded in its meta


def test_related_questions_that_tie_are_listed_by_id():
    block = ('## 题目 {{#{qid}}}\n\n<!-- meta\ndifficulty: 1\nkind: [概念]\ntags: [注意力]\n-->\n\n'
             '??? success "参考答案"\n\n    {answer}\n')
    close = {"close-a": "缩放点积注意力的方差", "close-b": "缩放点积注意力的梯度"}
    far = {f"far-{n:02}": "".join(chr(0x4E00 + 50 * n + k) for k in range(6)) for n in range(30)}  # nothing shared
    questions = {"target": "缩放点积注意力", **close, **far}
    page = "# 同页\n\n" + "\n".join(block.format(qid=qid, answer=answer) for qid, answer in reversed(questions.items()))
    related = related_questions(site_of({"a/same.md": page}))
    assert related["target"] == ["close-a", "close-b", "far-00", "far-01", "far-02"]  # the far ones tie


def test_question_links_become_relative_links_with_titles():
    site = site_of({"a/attention.md": PAGE, "b/lora.md": OTHER})
    out = replace_question_links("[](q:lora) 和 [这里](q:why-scale)", "a/attention.md", site,
                                 lambda qid: site.questions[qid].title)
    assert out == "[LoRA 是什么？](../b/lora.md#lora) 和 [这里](attention.md#why-scale)"
    assert relative_link("a/attention.en.md", "b/lora.md", "lora") == "../b/lora.md#lora"
    assert source_path("a/attention.en.md") == "a/attention.md"


def test_a_titles_markdown_becomes_the_html_of_a_links_text():
    """Cross-references are written as HTML: a title shows as it did as the text of a Markdown link."""
    renderer = markdown.Markdown(extensions=["pymdownx.arithmatex", "pymdownx.betterem"],
                                 extension_configs={"pymdownx.arithmatex": {"generic": True}})

    def render(text: str) -> str:
        return renderer.reset().convert(text)

    assert link_text_html(r"为什么除以 $\sqrt{d_k}$？", render) == r'为什么除以 <span class="arithmatex">\(\sqrt{d_k}\)</span>？'
    assert link_text_html("1. 不是列表 `a<b` & **强调**", render) == "1. 不是列表 <code>a&lt;b</code> &amp; <strong>强调</strong>"
    assert link_text_html("# 不是标题 *x*", render) == "# 不是标题 <em>x</em>"
    assert link_text_html("[未闭合", render) == "[未闭合"
    assert link_text_html("什么是注意力？", lambda text: pytest.fail("plain text is only escaped")) == "什么是注意力？"


def test_tokens_are_cjk_bigrams_and_lowercase_words():
    assert tokens("梯度消失 LoRA") == ["梯度", "度消", "消失", "lora"]


TEXT = st.lists(st.sampled_from(["梯", "度", "消", "失", "a", "B", "z", "1", "+", "#", ".", "\\", " ", "{", "é", "İ", "\n"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT.map("".join), max_size=6))
def test_vectorized_term_counts_count_the_tokens_of_each_text(texts):
    documents, terms, counts, size = term_counts(texts)
    found = {}  # term number -> {(document, count)}
    for document, term, count in zip(documents, terms, counts):
        found.setdefault(term, set()).add((document, count))
    expected = {}  # token -> {(document, count)}
    for document, text in enumerate(texts):
        for token, count in Counter(tokens(text)).items():
            expected.setdefault(token, set()).add((document, count))
    assert size == len(found) == len(expected)
    assert sorted(map(sorted, found.values())) == sorted(map(sorted, expected.values()))


# The heading grammar as one pattern: read_heading computes the same groups without its backtracking.
HEADING_GRAMMAR = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{\s*#([^\s}]*)[^}]*\})?\s*#*\s*$")


@settings(max_examples=1000, deadline=None)
@given(st.sampled_from(["#", "##", "###", "#######", "", "a"]), st.sampled_from([" ", "\t", "", "  "]),
       st.lists(st.sampled_from(["#", " ", "\t", "{", "}", "{#", "a", "中", ".x", "\u3000"]), max_size=12))
def test_read_heading_follows_the_heading_grammar(hashes, space, parts):
    line = hashes + space + "".join(parts)
    match = HEADING_GRAMMAR.match(line)
    heading = read_heading(line)
    assert (heading and (heading.level, heading.title, heading.id)) == (match and (len(match.group(1)), *match.group(2, 3)))


def test_chinese_lines_of_a_paragraph_join_also_in_a_quote_and_a_list_but_not_across_blocks():
    text = "    答案，\n    继续。\n\n    > 引用，\n    > 续行\n    > - 列表\n\n1. 第一项，\n   续行\n2. 第二项\n\nEnglish,\nline"
    assert join_cjk_lines(text) == ("    答案，继续。\n\n    > 引用，续行\n    > - 列表\n\n1. 第一项，续行\n2. 第二项"
                                    "\n\nEnglish,\nline")


def test_plain_titles_replace_formulas():
    assert plain_title(r"为什么除以 \(\sqrt{d_k}\)？") == "为什么除以 √d_k？"
    assert plain_title("$QK^\\top$ 的形状") == "QKᵀ 的形状"


def test_plain_formulas_in_an_answer_keep_code_and_set_a_display_formula_apart():
    html = r"<p>设 \(h_k=\sigma(z_k)\)，花 $5。</p> \[ \frac{a}{b} \] <pre><code>re.compile(r'\[x')</code></pre> \]"
    assert plain_formulas(html) == r"<p>设 h_k=σ(z_k)，花 $5。</p> <p>(a)/(b)</p> <pre><code>re.compile(r'\[x')</code></pre> \]"


FRAGMENTS = st.sampled_from([
    "# 标题", "## 题目 {#q1}", "## 题目 {#Q-1}", "## 无 id", "<!-- meta", "-->", "difficulty: 2", "tags: [注意力",
    '??? success "参考答案"', "???+ note", "!!! success", "    缩进的答案", "```python", "```", "~~~", "$$",
    "[链接](q:q1)", "[x](../a.md#b)", "![图](http://x/y.png)", "<a href='x.md'>", "[[双链]]", "==高亮==",
    "[ref][r]", "[r]: https://example.org", "", "    ### 标题", "---", "title: x", "`code`", "$a$",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(FRAGMENTS, st.text(max_size=40)), max_size=40), st.booleans())
def test_the_parser_and_checks_never_crash_on_random_markdown(lines, topic):
    text = "\n".join(lines)
    parse_page("s/p.md", text, lang="zh", answer_title="参考答案", topic=topic)
    check_site(site_of({"s/p.md": text, "s/p.en.md": text}))


def test_share_metadata_reads_the_opening_and_keeps_structured_data_inside_its_script():
    from qa.share import description, faq_json_ld, shorten

    page = "# 注意力\n\n注意力让每个位置**按相似度**汇总其他位置，\n见 [多头注意力](multi-head.md)。\n\n## 题 {#q}\n"
    assert description(page) == "注意力让每个位置按相似度汇总其他位置，见多头注意力。"
    assert shorten("一句话。" * 50, 21) == "一句话。" * 5
    data = json.loads(faq_json_ld("https://x.org/p/", [("q", "为何除以 $\\sqrt{d_k}$？", "**结论**：</script> 防止饱和。")]))
    assert data["mainEntity"][0]["name"] == "为何除以 √d_k？"
    assert "</script>" not in faq_json_ld("https://x.org/p/", [("q", "</script>", "答案。")])


@pytest.mark.parametrize("guide, lang", [("CONTRIBUTING.md", "zh"), ("CONTRIBUTING.en.md", "en")])
def test_the_rule_tables_of_the_contributing_guides_are_the_registry(guide, lang):
    text = (ROOT / guide).read_text(encoding="utf-8")
    shown = text.split("<!-- rules -->\n", 1)[1].split("\n<!-- /rules -->", 1)[0]
    assert shown == rule_table(lang), f"{guide}: paste the output of `.venv/bin/handbook rules --lang {lang}`"


def test_every_problem_names_a_registered_rule_and_notices_do_not_fail():
    site = load_docs(ROOT / "tests" / "bad_input" / "docs")
    problems = check_site(site)
    assert {problem.rule for problem in problems} <= set(RULES)
    assert {problem.severity for problem in problems} == {ERROR, NOTICE}
    assert all(problem.rule == "T2" for problem in problems if problem.severity == NOTICE)


def test_hooks_keep_no_state_in_their_modules():
    """What a build remembers lives on its configuration (hooks/build.py): no hook or core module rebinds a name
    of its own at run time."""
    rebinding = [f"{path.relative_to(ROOT)}:{line}" for path in (ROOT / "hooks").rglob("*.py")
                 for line, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if re.match(r"\s*global\s", text)]
    assert rebinding == []
