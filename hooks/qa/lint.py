"""`handbook lint`: Markdown style (pymarkdownlnt), Chinese copywriting (autocorrect) and the question
schema (the checks the build runs), each problem as `path:line: [rule] message`. `--fix` rewrites what the
first two can fix.

Both linters read plain Markdown, where an answer indented under `??? success` is a code block: they are
shown the page with its answers dedented (and autocorrect without the YAML metadata), line for line, and
their fixes are indented back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import autocorrect_py
from pymarkdown.api import PyMarkdownApi

from .checks import check_site
from .parse import INLINE_MATH_RE, classify_lines
from .rules import ERROR
from .site import Settings, load_docs, parse_source

META_RE = re.compile(r"^<!-- meta\n.*?-->$|\A---\n.*?\n---$", re.M | re.S)
PYMARKDOWN_CONFIG = ".pymarkdown.json"


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: [{self.rule}] {self.message}"


def mask_metadata(text: str) -> str:
    """Blank out front matter and meta blocks (YAML, not prose), keeping every line where it is."""
    return META_RE.sub(lambda m: "\n" * m.group(0).count("\n"), text)


def answer_lines(page: str, text: str) -> set[int]:
    """Indexes of the lines indented into an answer block, where the parser finds them; `page`: the path relative to
    docs/ ("" for a file outside it, which has no answers)."""
    lines = text.split("\n")
    questions = parse_source(page, text, Settings()).questions if page else []
    return {i for question in questions for i in range(*question.answer_body) if lines[i].startswith("    ")}


def dedent(text: str, inside: set[int]) -> str:
    return "\n".join(line[4:] if i in inside else line for i, line in enumerate(text.split("\n")))


def indent_back(text: str, inside: set[int]) -> str:
    return "\n".join(f"    {line}" if i in inside and line else line for i, line in enumerate(text.split("\n")))


def copywriting(path: str, text: str, inside: set[int]) -> list[Finding]:
    """Spaces between CJK and Latin, full-width punctuation in Chinese (rules W1, W2); `inside`: the answer lines."""
    result = autocorrect_py.lint_for(dedent(mask_metadata(text), inside), path)
    return [Finding(path, line.line, "W1/W2", f"write “{line.new.strip()}”, not “{line.old.strip()}”")
            for line in result.lines]


def fix_copywriting(page: str, text: str) -> str:
    """autocorrect's fixes, applied around the metadata it must not touch."""
    inside = answer_lines(page, text)
    fixed = indent_back(autocorrect_py.format_for(dedent(mask_metadata(text), inside), "page.md"), inside).split("\n")
    original = text.split("\n")
    for block in META_RE.finditer(text):  # put the metadata back, line for line
        first = text.count("\n", 0, block.start())
        last = first + block.group(0).count("\n")
        fixed[first:last + 1] = original[first:last + 1]
    return "\n".join(fixed)


def mask_math(text: str) -> tuple[str, set[int]]:
    """Formulas replaced by letters of the same length (pymarkdown reads `_` and `*` in LaTeX as emphasis);
    and the indexes of the lines that had any."""
    lines = text.split("\n")
    kinds = classify_lines(lines)
    masked, touched = [], set()
    for i, (line, kind) in enumerate(zip(lines, kinds)):
        new = re.sub(r"\S", "m", line) if kind == "math" and line.strip() != "$$" else \
            INLINE_MATH_RE.sub(lambda m: "m" * len(m.group(0)), line) if kind == "text" else line
        masked.append(new)
        if new != line:
            touched.add(i)
    return "\n".join(masked), touched


def markdown_style(api: PyMarkdownApi, path: str, text: str, inside: set[int]) -> list[Finding]:
    view = mask_math(dedent(text, inside))[0]
    return [Finding(path, failure.line_number, failure.rule_id,
                    f"{failure.rule_description}{failure.extra_error_information}")
            for failure in api.scan_string(view).scan_failures]


def fix_markdown_style(api: PyMarkdownApi, page: str, text: str) -> str:
    """pymarkdown's fixes, on the lines without formulas (and only if it keeps every line where it was)."""
    inside = answer_lines(page, text)
    dedented = dedent(text, inside)
    view, with_math = mask_math(dedented)
    result = api.fix_string(view)
    fixed = result.fixed_file.split("\n")
    original = dedented.split("\n")
    if not result.was_fixed or len(fixed) != len(original):
        return text
    merged = [original[i] if i in with_math else line for i, line in enumerate(fixed)]
    return indent_back("\n".join(merged), inside)


def schema(docs: Path) -> list[Finding]:
    """The build's errors (its notices are left to `scripts/check` and the build)."""
    return [Finding(f"{docs.as_posix()}/{p.path}", p.line, p.rule, p.message)
            for p in check_site(load_docs(docs)) if p.severity == ERROR]


def lint(root: Path, paths: list[Path] | None = None, fix: bool = False) -> list[Finding]:
    """Lint the Markdown pages under root/docs and the contributing guides (or the given files); with `fix`,
    rewrite them first."""
    docs = root / "docs"
    api = PyMarkdownApi().configuration_file_path(str(root / PYMARKDOWN_CONFIG))
    findings = []
    for path in sorted(paths or [*docs.rglob("*.md"), *root.glob("CONTRIBUTING*.md")]):
        text = path.read_text(encoding="utf-8")
        in_docs = path.resolve().is_relative_to(docs.resolve())
        page = path.resolve().relative_to(docs.resolve()).as_posix() if in_docs else ""  # outside docs/: no answers
        if fix:
            fixed = fix_markdown_style(api, page, fix_copywriting(page, text))
            if fixed != text:
                path.write_text(fixed, encoding="utf-8")
                text = fixed
        name = str(path.relative_to(root) if path.is_absolute() and path.is_relative_to(root) else path)
        inside = answer_lines(page, text)  # the page parsed once for both linters
        findings += copywriting(name, text, inside) + markdown_style(api, name, text, inside)
    return sorted(set(findings + schema(docs)))
