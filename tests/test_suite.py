"""The suite itself: tests that share an expensive fixture (a PDF, the EPUBs, a copy of the project) run in one
worker, so that the fixture is made once per run (scripts/test runs pytest-xdist with --dist loadgroup)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from conftest import ROOT, SHARED_FIXTURES

PROBE = """
import pytest

@pytest.fixture(scope="session")
def {fixture}():
    return "made once"

@pytest.mark.parametrize("n", range(6))
def test_sharing(n, {fixture}):
    pass

@pytest.mark.parametrize("n", range(6))
def test_alone(n):
    pass
"""


def test_tests_sharing_an_expensive_fixture_run_in_one_worker(tmp_path):
    fixture = next(iter(SHARED_FIXTURES))
    (tmp_path / "test_probe.py").write_text(PROBE.format(fixture=fixture), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "-v", "-p", "conftest",
                          "-p", "no:cacheprovider", "--rootdir", str(tmp_path), str(tmp_path / "test_probe.py")],
                         capture_output=True, text=True, cwd=tmp_path,
                         env={**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "tests"), str(ROOT / "hooks")])})
    assert run.returncode == 0, run.stdout + run.stderr
    workers = re.findall(r"\[(gw\d)\].* PASSED .*test_sharing\[", run.stdout)
    assert len(workers) == 6 and len(set(workers)) == 1, run.stdout
