"""Read one Markdown page into a `Page`: its questions, anchors, links and format problems.

The grammar of a topic page (rules S*, M*, A* in CONTRIBUTING.md):

    # Page title
    intro …
    ## Question title {#question-id}
    <!-- meta
    yaml …
    -->
    ??? success "参考答案"
        indented answer …
"""

from __future__ import annotations

import re
import textwrap
from bisect import bisect_left, bisect_right
from html.parser import HTMLParser
from typing import NamedTuple

import yaml
from markdown.extensions.toc import slugify
from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference

from .model import Link, Page, Problem, Question

ID_RE = re.compile(r"^[a-z][a-z0-9-]{0,47}$")
HEADING_START_RE = re.compile(r"(#{1,6})\s+(.*)")
HEADING_ID_RE = re.compile(r"\{\s*#([^\s}]*)[^}]*\}\s*#*\s*$")  # `{#id .class}` and closing hashes
FENCE_RE = re.compile(r"^(\s*)(`{3,}|~{3,})(.*)$")
ANSWER_RE = re.compile(r'^(\?{3}\+?|!{3})\s*([\w-]+)?(?:\s+"(.*)")?\s*$')
META_OPEN = "<!-- meta"
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: ~10x faster

# Links are read by a CommonMark tokenizer; every target is kept as written (no percent-encoding, `javascript:` too)
# for the checks to judge. A reference link's target is its definition's, checked there.
INLINE = MarkdownIt("commonmark")
INLINE.validateLink = lambda url: True
INLINE.normalizeLink = INLINE.normalizeLinkText = lambda url: url
LINK_TOKENS = {"link_open": ("href", "link"), "image": ("src", "image")}  # token type: (its target, Link kind)
DEFINED = "\0definition"  # the target a defined reference link is given: its definition is the link checked
REF_USE_RE = re.compile(r"(?<![\]!\\])\[([^\[\]]+)\]\[([^\[\]]*)\]")
REF_DEF_RE = re.compile(r"^\s{0,3}\[([^\[\]]+)\]:\s*<?(\S+?)>?(?:\s+.*)?$")
HTML_ID_RE = re.compile(r"<[a-z][^>]*?\sid\s*=\s*[\"']([^\"']+)[\"']", re.I)
CODE_SPAN_RE = re.compile(r"(`+)(?:(?!\1).)+?\1")
COLOUR_RE = re.compile(r"\\(?:textcolor|f?colorbox|color)\b")  # TeX commands that colour a formula
INLINE_MATH_RE = re.compile(r"(?<![\\$])\$(?!\s)[^$\n]+?(?<!\s)\$(?!\$)")
WIKILINK_RE = re.compile(r"!?\[\[[^\]\n]*\]\]")
MARK_RE = re.compile(r"(?<![=\w])==(?=\S)[^=\n]+?(?<=\S)==(?![=\w])")
NESTED_HEADING_RE = re.compile(r"\s+#{1,6}\s")
TABLE_DELIMITER_RE = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*$")


def parse_page(
    path: str,
    text: str,
    *,
    lang: str,
    answer_title: str,
    topic: bool,
    require_meta: bool = True,
) -> Page:
    """Parse a page. `topic` pages hold questions; `require_meta` is off for translations."""
    lines = text.split("\n")
    page = Page(path=path, lang=lang)
    first = _read_front_matter(page, lines)
    page.body_start = next((i for i in range(first, len(lines)) if lines[i].strip()), len(lines))
    kinds = classify_lines(lines, first, page)
    headings = _read_headings(page, lines, kinds, topic)
    if topic:
        _read_questions(page, lines, kinds, headings, answer_title, require_meta)
    _read_links(page, lines, kinds)
    _check_table_headers(page, lines, kinds)
    _check_formula_colours(page, lines, kinds)
    return page


class Heading(NamedTuple):
    level: int
    title: str
    id: str | None  # the explicit `{#id}`, if any


def read_heading(line: str) -> Heading | None:
    """An ATX heading: `## Title {#id}`; closing hashes and spaces are not part of the title."""
    start = HEADING_START_RE.match(line)
    if not start:
        return None
    rest = start.group(2)
    attributes = HEADING_ID_RE.search(rest) if "{" in rest else None
    if attributes:
        return Heading(len(start.group(1)), rest[:attributes.start()].rstrip(), attributes.group(1))
    return Heading(len(start.group(1)), rest.rstrip().rstrip("#").rstrip(), None)


def _problem(page: Page, index: int, message: str, rule: str) -> None:
    page.problems.append(Problem(page.path, index + 1, message, rule))


def _read_front_matter(page: Page, lines: list[str]) -> int:
    """Parse `---` front matter; return the index of the first body line."""
    if not lines or lines[0].strip() != "---":
        return 0
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            try:
                data = yaml.load("\n".join(lines[1:end]), Loader=YAML_LOADER) or {}
            except yaml.YAMLError as error:
                _problem(page, _yaml_line(error, 1), f"invalid YAML in front matter: {_yaml_reason(error)}", "S6")
                data = {}
            if not isinstance(data, dict):
                _problem(page, 0, "front matter must be a YAML mapping", "S6")
                data = {}
            page.front_matter = data
            page.title = str(data.get("title", "")) if data.get("title") else ""
            return end + 1
    _problem(page, 0, "front matter opened with `---` is never closed", "S6")
    return 0


def classify_lines(lines: list[str], first: int = 0, page: Page | None = None) -> list[str]:
    """Label each line: "meta" (front matter), "code" (fenced), "math" (display math) or "text".

    An unclosed fence is reported on `page`, if given."""
    kinds = ["meta"] * first + ["text"] * (len(lines) - first)
    fence = None  # (indent, marker, opening line index)
    in_math = False
    for i in range(first, len(lines)):
        line = lines[i]
        if not fence and not in_math and "`" not in line and "~" not in line and "$$" not in line:
            continue  # plain text: the common case
        match = FENCE_RE.match(line)
        if fence:
            kinds[i] = "code"
            indent, marker, _ = fence
            if match and match.group(2)[0] == marker[0] and len(match.group(2)) >= len(marker) \
                    and not match.group(3).strip() and len(match.group(1)) <= indent + 3:
                fence = None
        elif match and not in_math and ("`" not in match.group(3) or match.group(2)[0] == "~"):
            fence = (len(match.group(1)), match.group(2), i)
            kinds[i] = "code"
        elif line.strip() == "$$" or (line.strip().startswith("$$") and not in_math and not line.strip().endswith("$$")):
            in_math = not in_math
            kinds[i] = "math"
        elif line.strip().endswith("$$") and in_math:
            in_math = False
            kinds[i] = "math"
        elif in_math:
            kinds[i] = "math"
    if fence and page:
        _problem(page, fence[2], f"code block opened with {fence[1]} is never closed", "S6")
    return kinds


def _read_headings(page: Page, lines: list[str], kinds: list[str], topic: bool) -> dict[int, Heading]:
    """Collect anchors (explicit `{#id}`, slugs of id-less headings, HTML ids) and the H1 title; return the
    headings by line index."""
    headings = {}
    for i in [i for i, line in enumerate(lines) if (line[:1] == "#" or "<" in line) and kinds[i] == "text"]:
        line = lines[i]
        if "<" in line:
            for html_id in HTML_ID_RE.findall(line):
                page.anchors.setdefault(html_id, i + 1)
        heading = read_heading(line) if line.startswith("#") else None
        if not heading:
            continue
        headings[i] = heading
        level, title, anchor = heading
        if level == 1 and not page.title:
            page.title, page.title_line = title, i + 1
        anchor = anchor or slugify(title, "-")
        if anchor:
            page.anchors.setdefault(anchor, i + 1)
        if topic and level > 2:
            _problem(page, i, "headings below `##` are not allowed on topic pages; use **bold** text in answers", "S2")
    if not page.title:
        _problem(page, 0, "page has no title: start it with a `# Title` heading", "S1")
    return headings


def _question_spans(lines: list[str], headings: dict[int, Heading]) -> list[tuple[int, int]]:
    """(start, end) line indexes of each `## ` section: it ends at the next `#` or `##` heading."""
    starts = [i for i, heading in headings.items() if heading.level <= 2] + [len(lines)]
    return [(start, end) for start, end in zip(starts, starts[1:]) if lines[start].startswith("## ")]


def _read_questions(page: Page, lines: list[str], kinds: list[str], headings: dict[int, Heading],
                    answer_title: str, require_meta: bool) -> None:
    metas = []  # (question, line index, YAML text): parsed together below
    for start, end in _question_spans(lines, headings):
        _, title, qid = headings[start]
        if qid is None:
            _problem(page, start, "question heading needs an explicit id: `## Title {#question-id}`", "S2")
            continue
        if not ID_RE.match(qid):
            _problem(page, start, f"invalid question id '{qid}': use lowercase ASCII letters, digits and '-', "
                                  "start with a letter, at most 48 characters", "S3")
            continue
        question = Question(id=qid, title=title, page=page.path, line=start + 1)
        i = _skip_blank(lines, start + 1, end)
        if i < end and lines[i].startswith(META_OPEN):
            i = _find_meta(page, question, lines, kinds, i, end, metas)
        elif require_meta:
            _problem(page, start, f"question '{qid}' has no `<!-- meta … -->` block after its title", "M1")
        i = _skip_blank(lines, i, end)
        if _read_answer(page, question, lines, kinds, i, end, answer_title):
            page.questions.append(question)
    _parse_metas(page, metas)


def _skip_blank(lines: list[str], i: int, end: int) -> int:
    while i < end and not lines[i].strip():
        i += 1
    return i


def _find_meta(page: Page, question: Question, lines: list[str], kinds: list[str], i: int, end: int,
               metas: list) -> int:
    """Note the YAML meta comment starting at line i (an HTML comment: no links in it); return the index after it."""
    for close in range(i, end):
        if lines[close].rstrip().endswith("-->"):
            break
    else:
        _problem(page, i, "meta block `<!-- meta` is never closed with `-->`", "M1")
        return end
    body = [lines[i][len(META_OPEN):]] + lines[i + 1:close + 1]
    body[-1] = body[-1].rstrip()[:-3]
    question.meta_line, question.meta_end = i + 1, close + 1
    kinds[i:close + 1] = ["meta"] * (close + 1 - i)
    metas.append((question, i, "\n".join(body)))
    return close + 1


def _parse_metas(page: Page, metas: list) -> None:
    """Parse a page's meta blocks: the common shape directly; the rest as one YAML stream, or one by one to
    locate an error."""
    values = [_plain_meta(text) for _, _, text in metas]
    rest = [k for k, value in enumerate(values) if value is None]
    try:
        parsed = [value or {} for value in yaml.load_all(
            "\n---\n".join(metas[k][2] for k in rest), Loader=YAML_LOADER)] if rest else []
        if len(parsed) != len(rest):
            raise ValueError("a meta block contains a YAML document separator")
    except (yaml.YAMLError, ValueError):
        parsed = [_parse_meta(page, metas[k][1], metas[k][2]) for k in rest]
    for k, value in zip(rest, parsed):
        values[k] = value
    for (question, i, _), meta in zip(metas, values):
        if meta is not None and not isinstance(meta, dict):
            _problem(page, i, "meta block must be a YAML mapping like `difficulty: 2`", "M1")
            meta = None
        question.meta, question.meta_valid = meta or {}, meta is not None


PLAIN_META_RE = re.compile(r"^\s*([a-z_]+):\s*(?:(\d+)|\[([^\[\]{}:#\"'&*!|>%@`]*)\])\s*$")
# A list item that YAML reads as something else than a string: empty, null, a boolean or a number.
YAML_SCALAR_ITEM_RE = re.compile(r"(?:^|,)\s*(?:~|null|true|false|yes|no|on|off|y|n|[-+.\d]+)?\s*(?=,|$)", re.I)


def _plain_meta(text: str) -> dict | None:
    """A meta block of only `key: 2` and `key: [word, word]` lines, read without a YAML parser (fast);
    None if it has any other shape (then YAML reads it)."""
    meta = {}
    for line in text.split("\n"):
        if not line or line.isspace():
            continue
        match = PLAIN_META_RE.match(line)
        if not match:
            return None
        key, number, listed = match.groups()
        if key in meta:
            return None
        if number is not None:
            meta[key] = int(number)
        elif not listed.strip():
            meta[key] = []
        elif YAML_SCALAR_ITEM_RE.search(listed):
            return None
        else:
            meta[key] = [item.strip() for item in listed.split(",")]
    return meta


def _parse_meta(page: Page, i: int, text: str):
    try:
        return yaml.load(text, Loader=YAML_LOADER) or {}
    except yaml.YAMLError as error:
        _problem(page, _yaml_line(error, i), f"invalid YAML in meta block: {_yaml_reason(error)}", "M1")
        return None


def _read_answer(page: Page, question: Question, lines: list[str], kinds: list[str],
                 i: int, end: int, answer_title: str) -> bool:
    expected = f'??? success "{answer_title}"'
    if i < end and lines[i] == expected:  # the usual case
        marker, kind, title = "???", "success", answer_title
    else:
        match = ANSWER_RE.match(lines[i]) if i < end else None
        if not match:
            _problem(page, i if i < end else question.line - 1,
                     f"question '{question.id}' has no answer block: add `{expected}` after the meta block", "A1")
            return False
        marker, kind, title = match.groups()
    if marker == "!!!":
        _problem(page, i, f"the answer must be collapsible: use `{expected}`, not an admonition `!!!`", "A1")
    elif marker == "???+":
        _problem(page, i, "the answer must be closed by default: use `???`, not `???+`", "A1")
    elif kind != "success" or title != answer_title:
        _problem(page, i, f"the answer block must read `{expected}`", "A1")
    body_end = i + 1
    while body_end < end and (not lines[body_end].strip() or lines[body_end].startswith(("    ", "\t"))
                              or kinds[body_end] == "code" and kinds[body_end - 1] == "code"):
        body_end += 1
    body = lines[i + 1:body_end]
    filled = [line for line in body if line.strip()]
    if not filled:
        _problem(page, i, f"the answer of '{question.id}' is empty: indent it by 4 spaces under the block", "A2")
    for j in range(i + 1, body_end):
        if "#" in lines[j] and kinds[j] == "text" and NESTED_HEADING_RE.match(lines[j]):
            _problem(page, j, "no headings inside answers; use **bold** text instead", "S2")
    question.answer = _dedent(body, filled).strip("\n")
    question.answer_body = (i + 1, body_end)
    rest = _skip_blank(lines, body_end, end)
    if rest < end:
        if ANSWER_RE.match(lines[rest]):
            _problem(page, rest, f"question '{question.id}' has more than one answer block", "A1")
        else:
            _problem(page, rest, "text after the answer block: indent it by 4 spaces to put it in the answer", "A2")
    question.end = end
    return True


def _dedent(lines: list[str], filled: list[str]) -> str:
    """`textwrap.dedent` of the lines (`filled`: those not blank), fast for the usual four-space indent."""
    if all(line.startswith("    ") for line in filled) and any(line[4] not in " \t" for line in filled):
        return "\n".join(line[4:] if line.strip() else "" for line in lines)
    return textwrap.dedent("\n".join(lines))


def _check_table_headers(page: Page, lines: list[str], kinds: list[str]) -> None:
    """Every column of a table is named in words: a screen reader announces the header cell with each value."""
    for i in range(1, len(lines)):
        if kinds[i] == "text" and "-" in lines[i] and TABLE_DELIMITER_RE.match(lines[i]) and "|" in lines[i - 1]:
            cells = lines[i - 1].strip().removeprefix("|").removesuffix("|").split("|")
            words = [INLINE_MATH_RE.sub("", cell).strip() for cell in cells]  # a formula alone is no name
            if "" in words:
                _problem(page, i - 1, f"table header cell {words.index('') + 1} has no words: name the column, "
                                      "e.g. 对比项 / Aspect in the corner, 查询 $Q$ rather than $Q$", "A5")


def _check_formula_colours(page: Page, lines: list[str], kinds: list[str]) -> None:
    """A formula drawn in a colour of its own may vanish in one of the two schemes; in the text's colour it cannot."""
    for i, line in enumerate(lines):
        if "\\" not in line or "color" not in line:
            continue
        formulas = [line] if kinds[i] == "math" else INLINE_MATH_RE.findall(line) if kinds[i] == "text" else []
        for match in (COLOUR_RE.search(formula) for formula in formulas):
            if match:
                _problem(page, i, f"formula sets a colour with `{match.group(0)}`: leave formulas in the text's "
                                  "colour, which reads in light and dark (use **bold** around it to stress it)", "A6")
                break


def _read_links(page: Page, lines: list[str], kinds: list[str]) -> None:
    """Collect links, images and reference definitions; flag Obsidian leftovers. Each block of consecutive text lines
    is read by a CommonMark tokenizer, so a link whose text wraps onto the next line is found like any other."""
    references: dict[str, int] = {}  # reference definitions: label -> line index
    blocks: list[tuple[int, list[str]]] = []  # runs of consecutive text lines: (index of the first, the lines)
    for i, line in enumerate(lines):
        if kinds[i] != "text" or not line.strip():
            continue
        text = INLINE_MATH_RE.sub(" ", line) if "$" in line else line  # `$[0,1](x)$` is a formula, not a link
        if "[[" in text or "==" in text:
            _find_obsidian_syntax(page, i, CODE_SPAN_RE.sub(" ", text) if "`" in text else text)
        definition = REF_DEF_RE.match(text) if "]:" in text else None
        if definition:
            references[definition.group(1).lower()] = i
            page.links.append(Link(i + 1, definition.group(2), "reference"))
            text = ""
        if blocks and blocks[-1][0] + len(blocks[-1][1]) == i:
            blocks[-1][1].append(text.strip())
        else:
            blocks.append((i, [text.strip()]))
    defined = {normalizeReference(label): {"href": DEFINED, "title": ""} for label in references}
    for first, block in blocks:
        text = "\n".join(block)
        if "[" in text or "<" in text:
            _read_inline(page, first, text, defined)
    page.links.sort(key=lambda link: link.line)
    lines_of_links = [link.line for link in page.links]  # in line order
    for question in page.questions:
        question.links = page.links[bisect_left(lines_of_links, question.line):
                                    bisect_right(lines_of_links, question.end)]


def _find_obsidian_syntax(page: Page, i: int, text: str) -> None:
    for match in WIKILINK_RE.finditer(text):
        _problem(page, i, f"Obsidian link `{match.group(0)}` is not Markdown: write `[text](page.md#id)` or "
                          "`[text](q:question-id)`", "L4")
    if "==" in text and MARK_RE.search(WIKILINK_RE.sub(" ", text)):
        _problem(page, i, "Obsidian highlight `==text==` is not supported: use **bold**", "L4")


def _read_inline(page: Page, first: int, text: str, defined: dict) -> None:
    """The links and images of one block of text whose first line is `first`, as the tokenizer reads them; a
    `[text][label]` left as plain text names a reference that is not defined."""
    line = first
    for token in INLINE.parseInline(text, {"references": defined})[0].children or ():
        if token.type in ("softbreak", "hardbreak"):
            line += 1
        elif token.type in LINK_TOKENS:
            attribute, kind = LINK_TOKENS[token.type]
            if token.attrGet(attribute) != DEFINED:
                page.links.append(Link(line + 1, token.attrGet(attribute), kind))
            line += sum(child.type in ("softbreak", "hardbreak") for child in token.children or ())  # an image's text
        elif token.type == "html_inline":
            page.links += [Link(line + 1, target, kind) for kind, target in _TagLinks(token.content).found]
            line += token.content.count("\n")
        elif token.type == "text" and "][" in token.content:
            for match in REF_USE_RE.finditer(token.content):
                label = (match.group(2) or match.group(1)).lower()
                _problem(page, line, f"reference link [{label}] has no definition `[{label}]: url`", "L2")


class _TagLinks(HTMLParser):
    """The targets of the `<a href>` and `<img src>` tags in a piece of inline HTML."""

    ATTRIBUTES = {"a": ("href", "html-link"), "img": ("src", "html-image")}

    def __init__(self, html: str) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []  # (kind, target)
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.ATTRIBUTES:
            name, kind = self.ATTRIBUTES[tag]
            self.found += [(kind, value) for key, value in attrs if key == name and value is not None]


def _yaml_line(error: yaml.YAMLError, offset: int) -> int:
    mark = getattr(error, "problem_mark", None)
    return offset + (mark.line if mark else 0)


def _yaml_reason(error: yaml.YAMLError) -> str:
    return str(getattr(error, "problem", None) or error).strip()
