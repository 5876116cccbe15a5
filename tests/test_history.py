"""Page history (hooks/history.py): the log parsed from a string, then real scratch repositories with renames
and a bulk reformat listed in .git-blame-ignore-revs, and the reason given when there is no history."""

from __future__ import annotations

import logging
import os
import subprocess
from pathlib import Path

from history import ignored_revs, parse_log, read_history


def entry(commit: str, day: int, author: str, *changes: str) -> str:
    """One commit as `git log -M -z --name-status` writes it in history.LOG_FORMAT."""
    return f"\x01{commit}\x022024-01-{day:02d}T12:00:00+00:00\x02{author}\0\n" + "".join(c + "\0" for c in changes)


def test_history_follows_swapped_paths_and_forgets_a_deleted_file():
    log = "".join([
        entry("c6", 6, "Dee", "A", "gone.md"),  # a new file where a deleted one was
        entry("c5", 5, "Eve", "D", "gone.md"),
        entry("c4", 4, "Cy", "R100", "a.md", "b.md", "R100", "b.md", "a.md"),
        entry("c3", 3, "Bo", "M", "a.md"),
        entry("c2", 2, "Bo", "M", "a.md"),
        entry("c1", 1, "Ann", "A", "a.md", "A", "b.md", "A", "gone.md"),
    ])
    history = parse_log(log)
    assert history.authors == {"b.md": ["Bo", "Ann", "Cy"], "a.md": ["Ann", "Cy"], "gone.md": ["Dee"]}
    assert history.updated == {"gone.md": "2024-01-06", "a.md": "2024-01-04", "b.md": "2024-01-04"}
    ignored = parse_log(log, ignored={"c4", "c6"})  # the swap still moves the earlier commits
    assert ignored.authors == {"b.md": ["Bo", "Ann"], "a.md": ["Ann"]}
    assert ignored.updated == {"b.md": "2024-01-03", "a.md": "2024-01-01"}


def test_history_reads_the_ignore_file_format():
    text = f"# bulk reformats\n\n{'1' * 40}\n  {'2' * 40}  # a trailing comment\n"
    assert ignored_revs(text) == {"1" * 40, "2" * 40}


def git(repo: Path, *args: str, author: str = "Ann", day: int = 1) -> str:
    """git in a scratch repository, with fixed names and dates and none of the user's configuration."""
    date = f"2024-01-{day:02d}T12:00:00+00:00"
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": f"{author}@example.org", "GIT_AUTHOR_DATE": date,
           "GIT_COMMITTER_NAME": author, "GIT_COMMITTER_EMAIL": f"{author}@example.org", "GIT_COMMITTER_DATE": date}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


def write(repo: Path, path: str, text: str) -> None:
    (repo / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
    (repo / "docs" / path).write_text(text, encoding="utf-8")


def test_history_follows_a_renamed_page_and_leaves_out_ignored_commits(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    page = "# 页面\n\n" + "".join(f"第 {n} 行。\n" for n in range(20))
    write(repo, "s/old.md", page)
    write(repo, "s/other.md", "# 另一页\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "two pages", author="Ann", day=1)
    write(repo, "s/other.md", "# 另一页\n\n改过。\n")
    git(repo, "commit", "-qam", "an edit", author="Bo", day=2)
    (repo / "docs" / "t").mkdir()
    git(repo, "mv", "docs/s/old.md", "docs/t/new.md")
    git(repo, "commit", "-qm", "a move", author="Bo", day=3)
    write(repo, "t/new.md", page + "新的一行。\n")
    git(repo, "commit", "-qam", "an edit after the move", author="Bo", day=4)
    write(repo, "t/new.md", page.replace("。", ". ") + "新的一行。\n")
    write(repo, "s/other.md", "# 另一页\n\n改过. \n")
    git(repo, "commit", "-qam", "reformat everything", author="Formatter", day=5)

    before = read_history(repo / "docs")
    assert before.updated == {"t/new.md": "2024-01-05", "s/other.md": "2024-01-05"}
    assert before.authors["t/new.md"] == ["Bo", "Ann", "Formatter"]  # Ann wrote it under its old name

    reformat = git(repo, "rev-parse", "HEAD").strip()
    (repo / ".git-blame-ignore-revs").write_text(f"# reformatting\n{reformat}\n", encoding="utf-8")
    after = read_history(repo / "docs")
    assert after.updated == {"t/new.md": "2024-01-04", "s/other.md": "2024-01-02"}
    assert after.authors == {"t/new.md": ["Bo", "Ann"], "s/other.md": ["Ann", "Bo"]}


def test_history_says_why_it_is_missing(tmp_path, monkeypatch, caplog):
    docs = tmp_path / "docs"
    docs.mkdir()
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # git looks no higher than tmp_path
    with caplog.at_level(logging.INFO, logger="mkdocs.hooks.history"):
        assert read_history(docs).updated == {}
        monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
        assert read_history(docs).updated == {}
    assert [record.getMessage() for record in caplog.records] == [
        "page history left out: not a git repository", "page history left out: git not found"]
    assert all(record.levelno == logging.INFO for record in caplog.records)  # a strict build does not fail
