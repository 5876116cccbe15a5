"""Bad input gets a clear `path:line: message` and fails the strict build, never a traceback.

tests/bad_input/docs/broken/ holds one page per kind of mistake; expected.txt lists the exact messages.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, mkdocs_build

from qa.checks import check_site
from qa.rules import ERROR
from qa.site import Settings, build_site

CORPUS = Path(__file__).parent / "bad_input"
DOCS = CORPUS / "docs"
EXPECTED = [line for line in (CORPUS / "expected.txt").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
BROKEN = sorted(p.relative_to(DOCS).as_posix() for p in (DOCS / "broken").glob("*.md"))


def corpus_site(*paths: str):
    """A site of the valid pages plus the given broken ones, read straight from the corpus."""
    pages = ["index.md", "basics/index.md", "basics/topic.md", *paths]
    files = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*") if p.is_file()}
    tags = yaml.safe_load((DOCS / "tags.yml").read_text(encoding="utf-8"))
    sources = {path: (DOCS / path).read_text(encoding="utf-8") for path in pages}
    return build_site(sources, files, Settings(tags=tags))


def test_the_corpus_covers_at_least_twenty_kinds_of_mistake():
    assert len(BROKEN) >= 20
    assert len({line.split(":")[0] for line in EXPECTED}) >= 20


def test_valid_pages_have_no_problems():
    assert check_site(corpus_site()) == []


@pytest.mark.parametrize("path", [p for p in BROKEN if not p.endswith(".en.md")])
def test_each_broken_page_reports_exactly_its_problems(path):
    site = corpus_site(path, *(p for p in BROKEN if p.startswith(path[:-3] + ".")))
    reported = [f"docs/{problem}" for problem in check_site(site) if problem.severity == ERROR]  # as expected.txt
    expected = [line for line in EXPECTED if line.split(":")[0] in {f"docs/{p}" for p in site.pages}]
    assert reported == expected
    assert expected, f"{path} must produce a problem"


def test_strict_build_fails_with_every_message_and_no_traceback(tmp_path):
    result = mkdocs_build(CORPUS / "mkdocs.yml", tmp_path / "site", cwd=CORPUS)
    assert result.returncode == 1
    assert "Traceback" not in result.output
    warnings = [line.removeprefix("WARNING -  ") for line in result.output.splitlines()
                if line.startswith("WARNING")]
    assert warnings == EXPECTED
    assert f"Aborted with {len(EXPECTED)} warnings in strict mode!" in result.output


def test_the_check_command_reports_what_the_build_does_without_building():
    result = subprocess.run([sys.executable, "-m", "qa.cli", "check"], cwd=CORPUS, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")})
    assert result.returncode == 1
    assert result.stdout.splitlines() == EXPECTED
    assert "(T2)" in result.stderr and "Traceback" not in result.stderr  # a notice, shown, not failing
