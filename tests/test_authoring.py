"""Contributing: the note importer on the real notes, the add-question command on a fresh copy of the
project followed by a strict build, and the linter with a failing example for each of its rules."""

from __future__ import annotations

import csv
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import ROOT, handbook
from pages import questions

from qa.checks import check_site
from qa.importer import parse_notes, to_markdown
from qa.lint import lint
from qa.site import DOWNLOADS, Settings, build_site, load_docs

SEEDS = ROOT.parent / "shared" / "seeds"
FIXTURES = Path(__file__).parent / "lint_fixtures"


def inventory() -> dict[str, set[int]]:
    lines = defaultdict(set)
    with (SEEDS / "questions.tsv").open(encoding="utf-8") as file:
        for row in csv.DictReader(file, delimiter="\t"):
            lines[row["file"]].add(int(row["line"]))
    return lines


@pytest.mark.skipif(not SEEDS.exists(), reason="the raw notes are not beside the project")
@pytest.mark.parametrize("name", sorted(inventory()) if SEEDS.exists() else [])
def test_the_importer_finds_every_question_of_the_notes(name):
    result = parse_notes((SEEDS / name).read_text(encoding="utf-8"))
    found = {question.line for question in result.questions}
    assert inventory()[name] <= found
    assert len(found - inventory()[name]) <= 1  # at most one heading taken for a question by mistake
    page = to_markdown(result, "导入", [f"imported-{n}" for n in range(len(result.questions))])
    site = build_site({"notes/imported.md": page}, {"notes/imported.md"},
                      Settings(tags={"注意力": "Attention"}, generated=DOWNLOADS))
    problems = check_site(site)
    assert len(site.questions) == len(result.questions)
    assert {(p.rule, p.message.split(": ", 1)[1]) for p in problems} <= {  # left to the contributor, and said so
        ("M4", "tags must be a list of one to three topic tags, not []")}


def test_the_importer_reports_what_it_cannot_convert():
    notes = ("### 1. 什么是注意力？\n答：见 [[Transformer]] 和 ==重点==，公式 Softmax(QK^T)。\n![图](D:\\notes\\a.png)\n"
             "![[LLM-Survey#架构]]\n\n### 2. 没有答案的题目？\n")
    result = parse_notes(notes)
    assert [q.title for q in result.questions] == ["什么是注意力？", "没有答案的题目？"]
    assert "**重点**" in "\n".join(result.questions[0].answer)
    kinds = " ".join(result.report)
    for expected in ("wikilink", "image", "embedded note", "plain text", "no answer"):
        assert expected in kinds


def test_a_question_added_with_the_command_passes_the_strict_build(edited):
    first, second = edited.added
    assert first.returncode == 0, first.stderr
    copy = edited.site.parent
    assert {"flashattention", "flashattention-2"} <= set(load_docs(copy / "docs").questions), second.stderr
    refused = handbook("new-question", "--page", "transformer/attention", "--title", "x", "--tags", "无此标签", cwd=copy)
    assert refused.returncode == 2 and "unknown: 无此标签" in refused.stderr
    assert edited.returncode == 0, edited.output
    built = [q.id for q in questions(edited.site / "transformer" / "attention" / "index.html")]
    assert built[-2:] == ["flashattention", "flashattention-2"]


def lint_fixture(tmp_path: Path, name: str) -> list[str]:
    """Lint one fixture page placed in a copy of the handbook's docs."""
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copy2(ROOT / ".pymarkdown.json", tmp_path)
    page = tmp_path / "docs" / "transformer" / name
    shutil.copy2(FIXTURES / name, page)
    return [str(finding) for finding in lint(tmp_path, [page])]


@pytest.mark.parametrize("name, expected", [
    ("missing-space.md", "docs/transformer/missing-space.md:13: [W1/W2] write “使用 LoRA 微调 7B 模型。”"),
    ("halfwidth-punctuation.md", "docs/transformer/halfwidth-punctuation.md:13: [W1/W2] write “首先，注意力"),
    ("fence-language.md", "docs/transformer/fence-language.md:15: [MD040] Fenced code blocks should have a language"),
    ("trailing-space.md", "docs/transformer/trailing-space.md:13: [MD009] Trailing spaces"),
    ("bad-difficulty.md", "docs/transformer/bad-difficulty.md:5: [M2] question 'lint-bad-difficulty': difficulty"),
    ("unknown-tag.md", "docs/transformer/unknown-tag.md:5: [M4] question 'lint-unknown-tag': unknown tag"),
])
def test_each_lint_rule_reports_its_fixture(tmp_path, name, expected):
    findings = lint_fixture(tmp_path, name)
    assert any(finding.replace(str(tmp_path) + "/", "").startswith(expected) for finding in findings), findings


def test_lint_fix_repairs_the_copywriting(tmp_path):
    lint_fixture(tmp_path, "missing-space.md")
    page = tmp_path / "docs" / "transformer" / "missing-space.md"
    lint(tmp_path, [page], fix=True)
    assert "使用 LoRA 微调 7B 模型。" in page.read_text(encoding="utf-8")
    assert "tags: [注意力]" in page.read_text(encoding="utf-8")  # the meta block is left alone


def test_the_handbook_itself_is_lint_clean():
    assert [str(finding) for finding in lint(ROOT)] == []


def git(*args: str, cwd: Path, author: str = "A") -> None:
    subprocess.run(["git", "-c", f"user.name={author}", "-c", f"user.email={author}@example.org", *args],
                   cwd=cwd, check=True, capture_output=True)


def test_page_history_from_git_full_shallow_and_absent(tmp_path):
    from history import read_history

    repo = tmp_path / "repo"
    (repo / "docs" / "s").mkdir(parents=True)
    git("init", "-q", cwd=repo)
    page = repo / "docs" / "s" / "p.md"
    for n, author in enumerate(["Ann", "Bo", "Bo"]):
        page.write_text(f"# P\n\n{n}\n", encoding="utf-8")
        git("add", ".", cwd=repo, author=author)
        git("commit", "-q", "-m", f"edit {n}", cwd=repo, author=author)
    full = read_history(repo / "docs")
    assert full.authors["s/p.md"] == ["Bo", "Ann"] and not full.shallow
    assert len(full.updated["s/p.md"]) == 10  # an ISO date
    git("clone", "-q", "--depth", "1", f"file://{repo}", str(tmp_path / "shallow"), cwd=tmp_path)
    assert read_history(tmp_path / "shallow" / "docs").shallow
    plain = tmp_path / "plain" / "docs"
    plain.mkdir(parents=True)
    assert read_history(plain).updated == {}  # no repository: nothing shown, no error


def test_the_workflows_run_what_contributors_run():
    import yaml

    steps = {}
    for name in ("pull-request", "main"):
        workflow = yaml.safe_load((ROOT / ".github" / "workflows" / f"{name}.yml").read_text(encoding="utf-8"))
        steps[name] = [step.get("run", "") for job in workflow["jobs"].values() for step in job.get("steps", [])]
    assert "scripts/lint" in steps["pull-request"] and "scripts/test" in steps["pull-request"]
    assert "scripts/pdf" in steps["main"]
    assert "scripts/test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "scripts/serve" in readme and "scripts/test" in readme
