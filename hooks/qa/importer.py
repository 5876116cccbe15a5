"""`handbook import-notes`: turn raw interview notes into the site's question format.

Understands the styles found in real notes: questions as headings (`### 3. 标题`, `### Q1：标题`,
`#### **1.标题**`), as bold numbered lines (`**4.标题**`), or as numbered list items (`1. 问题`) answered by an
`答：` paragraph or a `>` blockquote; Obsidian's `==highlight==`, `[[wikilinks]]` and `![[embeds]]`. Whatever
it cannot convert faithfully (embeds, hotlinked or local images, formulas written as plain text, questions
without an answer, missing tags) is listed in the report with its line in the notes.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
NUMBER_RE = re.compile(r"^(?:Q\d+\s*[：:．.、]?|\d+\s*[.．、](?!\d))\s*")
ITEM_RE = re.compile(r"^(\d+)[.．]\s+(\S.*)$")
BOLD_ITEM_RE = re.compile(r"^\*\*\s*(\d+\s*[.．、]\s*.+?)\*\*\s*$")
ANSWER_PREFIX_RE = re.compile(r"^(?:答案?|A)\s*[：:]\s*")
IMAGE_RE = re.compile(r"!\[[^\]]*\]\(([^)]*)\)")
EMBED_RE = re.compile(r"!\[\[([^\]]*)\]\]")
WIKILINK_RE = re.compile(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]")
MARK_RE = re.compile(r"==(?=\S)([^=\n]+?)(?<=\S)==")
PLAIN_FORMULA_RE = re.compile(r"\w\s*\^\s*[({\w]|\bsqrt\s*[(（]|\w\s*\*\s*\w\^|\(\w+\)\^\(")
FENCE_RE = re.compile(r"^\s*(```|~~~)")


@dataclass
class Imported:
    title: str
    line: int  # line of the question in the notes
    answer: list[str] = field(default_factory=list)


@dataclass
class Result:
    questions: list[Imported]
    report: list[str]  # "line: message" for what was not converted


def clean_title(text: str) -> str:
    text = re.sub(r"\*\*|__", "", text).strip()
    return NUMBER_RE.sub("", text).strip() or text


def _is_question_heading(text: str) -> bool:
    bare = re.sub(r"\*\*|__", "", text).strip()
    return bool(NUMBER_RE.match(bare)) or bare.endswith(("？", "?"))


def _question_level(lines: list[str]) -> int:
    """The heading level most notes use for their questions."""
    levels = Counter(len(m.group(1)) for line in lines if (m := HEADING_RE.match(line)) and _is_question_heading(m.group(2)))
    return levels.most_common(1)[0][0] if levels else 7


def parse_notes(text: str) -> Result:
    lines = text.replace("\r\n", "\n").split("\n")
    start = 0
    if lines and lines[0].strip() == "---":  # Obsidian front matter
        start = next((i + 1 for i in range(1, len(lines)) if lines[i].strip() == "---"), 0)
    level = _question_level(lines[start:])
    questions: list[Imported] = []
    current: Imported | None = None
    section_level = None  # the heading level of the questions in the current section
    in_code = False
    for index in range(start, len(lines)):
        line, number = lines[index], index + 1
        if FENCE_RE.match(line):
            in_code = not in_code
        heading = None if in_code else HEADING_RE.match(line)
        item = None if in_code or line.startswith((" ", "\t", ">")) else ITEM_RE.match(line)
        bold = None if in_code or line.startswith((" ", "\t")) else BOLD_ITEM_RE.match(line)
        if heading and len(heading.group(1)) < level:  # a section
            current, section_level = None, None
        elif heading and len(heading.group(1)) == (section_level or level) \
                and (_is_question_heading(heading.group(2)) or not _questions_follow(lines, index)) \
                or heading and section_level is None and _is_question_heading(heading.group(2)):
            current = Imported(clean_title(heading.group(2)), number)
            questions.append(current)
            section_level = len(heading.group(1))
        elif heading and current:  # a heading inside an answer becomes bold text
            current.answer.append(f"**{clean_title(heading.group(2))}**")
        elif bold and (current is None or section_level is not None and _bare_question(lines, index)):
            current = Imported(clean_title(bold.group(1)), number)
            questions.append(current)
        elif item and (section_level is None or _list_follows(lines, index - 1)):
            current = Imported(clean_title(item.group(2)), number)
            questions.append(current)
        elif current is not None:
            current.answer.append(line)
    report: list[str] = []
    for question in questions:
        question.answer = _convert_answer(question, report)
    return Result(questions, report)


def _bare_question(lines: list[str], index: int) -> bool:
    """A bold numbered line stands for a question of its own when only other such lines (or nothing) follow."""
    following = [line for line in lines[index + 1:index + 6] if line.strip()]
    return not following or bool(BOLD_ITEM_RE.match(following[0]))


def _list_follows(lines: list[str], index: int) -> bool:
    """The next line with text is a numbered question answered by `答：` or a `>` blockquote."""
    following = [i for i in range(index + 1, min(index + 4, len(lines))) if lines[i].strip()]
    return bool(following) and bool(ITEM_RE.match(lines[following[0]])) and _answered_below(lines, following[0])


def _questions_follow(lines: list[str], index: int) -> bool:
    """A heading that is not phrased as a question is a section title when questions follow it directly:
    numbered list questions, or a numbered question heading."""
    following = next((line for line in lines[index + 1:index + 4] if line.strip()), "")
    heading = HEADING_RE.match(following)
    return _list_follows(lines, index) or bool(heading and NUMBER_RE.match(re.sub(r"\*\*", "", heading.group(2))))


def _answered_below(lines: list[str], index: int) -> bool:
    for line in lines[index + 1:index + 4]:
        if line.strip():
            return bool(ANSWER_PREFIX_RE.match(line.strip()) or line.startswith(">"))
    return False


def _convert_answer(question: Imported, report: list[str]) -> list[str]:
    out = []
    for offset, raw in enumerate(question.answer, 1):
        where = question.line + offset
        line = raw[2:] if raw.startswith("> ") else raw[1:] if raw.startswith(">") else raw
        line = ANSWER_PREFIX_RE.sub("", line) if not out or not any(o.strip() for o in out) else line
        for embed in EMBED_RE.findall(line):
            report.append(f"{where}: embedded note ![[{embed}]] cannot be imported: write its content in")
        line = EMBED_RE.sub("", line)
        for target in WIKILINK_RE.findall(line):
            report.append(f"{where}: wikilink [[{target}]] became plain text: link the question with [](q:id)")
        line = WIKILINK_RE.sub(r"\1", line)
        line = MARK_RE.sub(r"**\1**", line)
        for target in IMAGE_RE.findall(line):
            if re.match(r"https?://|[A-Za-z]:\\|/", target):
                report.append(f"{where}: image {target} was dropped (hotlinked or local path): draw or save it under docs/assets/images/")
        line = IMAGE_RE.sub(lambda m: m.group(0) if not re.match(r"https?://|[A-Za-z]:\\|/", m.group(1)) else "", line)
        if PLAIN_FORMULA_RE.search(line) and "$" not in line:
            report.append(f"{where}: formula written as plain text: rewrite it in LaTeX ($…$)")
        out.append(line)
    while out and not out[-1].strip():
        out.pop()
    while out and not out[0].strip():
        out.pop(0)
    if not out:
        report.append(f"{question.line}: question '{question.title}' has no answer in the notes")
    return out


def to_markdown(result: Result, page_title: str, ids: list[str], answer_title: str = "参考答案") -> str:
    """The imported questions as a topic page. Tags are left empty on purpose: the build asks for them."""
    blocks = [f"# {page_title}\n"]
    for question, qid in zip(result.questions, ids):
        body = "\n".join(f"    {line}" if line.strip() else "" for line in question.answer) or "    （待补充）"
        blocks.append(f"## {question.title} {{#{qid}}}\n\n<!-- meta\ndifficulty: 2\nkind: [概念]\ntags: []\n-->\n\n"
                      f'??? success "{answer_title}"\n\n{body}\n')
    return "\n".join(blocks)
