"""`handbook lint`: Markdown style (pymarkdownlnt), Chinese copywriting (autocorrect) and the question
schema (the checks the build runs), each problem as `path:line: [rule] message`; `--fix` rewrites what the
first two can fix."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import autocorrect_py
from pymarkdown.api import PyMarkdownApi

from .checks import check_site
from .site import load_docs

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


def copywriting(path: Path, text: str) -> list[Finding]:
    """Spaces between CJK and Latin, full-width punctuation in Chinese (rules W1, W2)."""
    result = autocorrect_py.lint_for(mask_metadata(text), str(path))
    return [Finding(str(path), line.line, "W1/W2", f"write “{line.new.strip()}”, not “{line.old.strip()}”")
            for line in result.lines]


def fix_copywriting(text: str) -> str:
    """autocorrect's fixes, applied around the metadata blocks it must not touch."""
    fixed = autocorrect_py.format_for(mask_metadata(text), "page.md").split("\n")
    original = text.split("\n")
    for block in META_RE.finditer(text):  # put the metadata back, line for line
        first = text.count("\n", 0, block.start())
        last = first + block.group(0).count("\n")
        fixed[first:last + 1] = original[first:last + 1]
    return "\n".join(fixed)


def markdown_style(paths: list[Path], root: Path, fix: bool = False) -> list[Finding]:
    api = PyMarkdownApi().configuration_file_path(str(root / PYMARKDOWN_CONFIG))
    findings = []
    for path in paths:
        if fix:
            api.fix_path(str(path))
        for failure in api.scan_path(str(path)).scan_failures:
            detail = f"{failure.rule_description}{failure.extra_error_information}"
            findings.append(Finding(str(path), failure.line_number, failure.rule_id, detail))
    return findings


def schema(docs: Path) -> list[Finding]:
    from_site = check_site(load_docs(docs))
    return [Finding(f"{docs.as_posix()}/{p.path}", p.line, _rule(p.message), p.message) for p in from_site]


def _rule(message: str) -> str:
    found = re.search(r"\(([A-Z]\d)\)$", message)
    return found.group(1) if found else "links"


def lint(root: Path, paths: list[Path] | None = None, fix: bool = False) -> list[Finding]:
    """Lint the Markdown pages under root/docs (or the given ones); with `fix`, rewrite them first."""
    docs = root / "docs"
    pages = sorted(paths or docs.rglob("*.md"))
    findings = []
    for path in pages:
        text = path.read_text(encoding="utf-8")
        if fix:
            fixed = fix_copywriting(text)
            if fixed != text:
                path.write_text(fixed, encoding="utf-8")
                text = fixed
        findings += copywriting(path.relative_to(root) if path.is_absolute() else path, text)
    findings += markdown_style(pages, root, fix)
    findings += schema(docs)
    return sorted(set(findings))
