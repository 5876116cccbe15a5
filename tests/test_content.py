"""The content: every question of the raw notes is on the site, answered, with real formulas and working code."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from qa.checks import check_site
from qa.parse import CODE_SPAN_RE, INLINE_MATH_RE, classify_lines
from qa.site import load_docs

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SEEDS = ROOT.parent / "shared" / "seeds" / "questions.tsv"
SEED_MAP = Path(__file__).parent / "data" / "seed_map.tsv"
SITE = load_docs(DOCS)
SOURCE_PAGES = sorted(p for p in DOCS.rglob("*.md") if p.name.count(".") == 1)

# A formula written as plain text (x^2, sqrt(d), Q*K^T, O(n^2)) or LaTeX outside $…$.
PLAIN_FORMULA = re.compile(r"[A-Za-z)\]]\s*\^\s*[({\w]|\bsqrt\b|\\(?:frac|sum|sqrt|mathbb|cdot|times|top)\b"
                           r"|\b[A-Za-z]_\{|\bO\(\s*n\s*\^|\b[A-Za-z]\s*\*\s*[A-Za-z]\^")
LEFTOVERS = {
    "hotlinked image": re.compile(r"!\[[^\]]*\]\(https?://|<img[^>]+src=[\"']https?://|mmbiz\.qpic\.cn"),
    "local path": re.compile(r"[A-Za-z]:\\\\|/Users/[^/\s]+/|/home/[^/\s]+/"),
    "wikilink": re.compile(r"\[\[[^\]]+\]\]"),
    "==highlight==": re.compile(r"(?<![=\w])==[^=\s][^=\n]*==(?![=\w])"),
}
FENCE_RE = re.compile(r"^(?P<indent> *)```(?P<info>[^\n`]*)\n(?P<code>.*?)^(?P=indent)```", re.S | re.M)


def seed_map() -> list[dict]:
    with SEED_MAP.open(encoding="utf-8") as file:
        return list(csv.DictReader((line for line in file if not line.startswith("#")), delimiter="\t"))


def prose_lines(path: Path):
    """(line number, text) of the lines outside code and display math, without code spans, inline math,
    link targets and heading ids."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for number, (line, kind) in enumerate(zip(lines, classify_lines(lines)), 1):
        if kind == "text" and not line.startswith("<!--"):
            text = INLINE_MATH_RE.sub(" ", CODE_SPAN_RE.sub(" ", line))
            yield number, re.sub(r"\]\([^)]*\)|\{#[^}]*\}", "] ", text)


def python_blocks(page: Path, runnable: bool) -> list[tuple[int, str]]:
    """(line, code) of each Python block of a page: the `{.python .runnable}` ones, or the others."""
    text = page.read_text(encoding="utf-8")
    return [(text.count("\n", 0, match.start()) + 1, textwrap.dedent(match.group("code")))
            for match in FENCE_RE.finditer(text)
            if re.match(r"^(python|py)\b|^\{\s*\.python\b", match.group("info").strip())
            and runnable == (".runnable" in match.group("info"))]


# Runs each block of a page in a fresh namespace, in one interpreter per page (most blocks import numpy, which
# takes longer than the block): tracebacks give the page's line numbers; every failing block is reported.
RUN_BLOCKS = """
import json, sys, traceback
page, blocks = json.load(sys.stdin)
failed = 0
for line, code in blocks:
    try:
        exec(compile("\\n" * line + code, page, "exec"), {"__name__": "__main__"})
    except BaseException:
        failed += 1
        print(f"{page}:{line}: the block fails\\n{traceback.format_exc()}", file=sys.stderr)
sys.exit(1 if failed else 0)
"""
PAGES_WITH_CODE = [page for page in sorted(DOCS.rglob("*.md")) if "```" in page.read_text(encoding="utf-8")]


@pytest.mark.parametrize("page", [page for page in PAGES_WITH_CODE if python_blocks(page, runnable=True)],
                         ids=lambda page: page.relative_to(DOCS).as_posix())
def test_runnable_python_blocks_run(page):
    blocks = python_blocks(page, runnable=True)
    where = page.relative_to(ROOT).as_posix()
    result = subprocess.run([sys.executable, "-c", RUN_BLOCKS], input=json.dumps([where, blocks]),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-4000:]


@pytest.mark.parametrize("page", [page for page in PAGES_WITH_CODE if python_blocks(page, runnable=False)],
                         ids=lambda page: page.relative_to(DOCS).as_posix())
def test_other_python_blocks_are_valid_python(page):
    for line, code in python_blocks(page, runnable=False):
        compile("\n" * line + code, page.relative_to(ROOT).as_posix(), "exec")


def test_every_question_of_the_notes_is_on_the_site():
    rows = seed_map()
    assert len(rows) == 185
    missing = [row for row in rows if row["question_id"] not in SITE.questions]
    assert missing == []
    if SEEDS.exists():  # the inventory of the raw notes, beside the project
        with SEEDS.open(encoding="utf-8") as file:
            inventory = {(row["file"], row["line"]) for row in csv.DictReader(file, delimiter="\t")}
        assert {(row["file"], row["line"]) for row in rows} == inventory


def test_the_sources_have_no_problems():
    assert [str(p) for p in check_site(SITE)] == []


def test_every_question_has_a_real_answer_and_metadata():
    for question in SITE.questions.values():
        prose = re.sub(r"```.*?```", "", question.answer, flags=re.S)
        assert len(prose) >= 150, f"{question.page}#{question.id}: the answer is too short"
        assert question.difficulty in (1, 2, 3) and question.kind and question.tags, question.id


@pytest.mark.parametrize("kind", sorted(LEFTOVERS))
def test_no_leftovers_from_the_raw_notes(kind):
    found = [f"{page.relative_to(DOCS)}:{n}" for page in SOURCE_PAGES for n, text in prose_lines(page)
             if LEFTOVERS[kind].search(text)]
    assert found == []


def test_no_formula_is_written_as_plain_text():
    found = [f"{page.relative_to(DOCS)}:{n}: {text.strip()[:80]}" for page in SOURCE_PAGES
             for n, text in prose_lines(page) if PLAIN_FORMULA.search(text)]
    assert found == []


def test_the_automatic_related_questions_agree_with_the_labelled_follow_ups():
    sys.path.insert(0, str(ROOT / "bench"))
    from related_quality import evaluate

    result = evaluate(SITE)
    assert result["questions"] >= 130
    assert result["precision@3"] >= 0.8, f"precision@3 {result['precision@3']:.3f}"  # 0.850 in BENCHMARKS.md
