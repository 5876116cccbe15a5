"""Page history: the date of the last change and the contributors of each page, from git, at the page's end.

One `git log` for all of docs/, once per build; it follows pages through renames and leaves out the commits
listed in .git-blame-ignore-revs (bulk reformatting). In a shallow clone the history is cut off, so only the
date is shown; without git (or outside a repository) nothing is shown, the build says why and goes on.
"""

from __future__ import annotations

import logging
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from adapters import current_language
from build import state
from qa.languages import page_words

WORDS = {  # the date, the contributors, and how names are joined
    "zh": ("最后更新：{date}", " · 贡献者：{names}", "、"),
    "en": ("Last updated: {date}", " · Contributors: {names}", ", "),
}
LOG_FORMAT = "--format=%x01%H%x02%aI%x02%aN"
IGNORE_REVS = ".git-blame-ignore-revs"  # git's own name for it: `git blame` reads it too once configured

log = logging.getLogger("mkdocs.hooks.history")  # info, not warning: a build without history is still valid


@dataclass
class History:
    updated: dict[str, str] = field(default_factory=dict)  # path under docs/ -> ISO date of its last commit
    authors: dict[str, list[str]] = field(default_factory=dict)  # path -> authors, most commits first
    shallow: bool = False


def ignored_revs(text: str) -> set[str]:
    """The commits of a .git-blame-ignore-revs file: one full hash a line, `#` starts a comment."""
    return {line.split("#", 1)[0].strip() for line in text.splitlines()} - {""}


def parse_log(text: str, ignored: set[str] = frozenset(), shallow: bool = False) -> History:
    """History from the output of `git log -M -z --name-status` in LOG_FORMAT, newest commit first.

    `present` maps a path as it was at the commit being read to the page's path today (None: by then the path
    held another file), so that commits made under an old name count for the page. Ignored commits still move
    paths, but count for neither the date nor the authors."""
    history, counts, present = History(shallow=shallow), {}, {}
    for entry in text.split("\x01")[1:]:
        header, _, changes = entry.partition("\0")
        commit, date, author = header.split("\x02")
        fields = iter(changes.removeprefix("\n").split("\0")[:-1])
        touched, born, moved = [], set(), {}
        for status in fields:  # "M", "A", "D", "T": one path; "R…", "C…": the old path, then the new
            old = next(fields)
            new = next(fields) if status[0] in "RC" else old
            touched.append(present.get(new, new))
            if status[0] in "ARC":  # before this commit, the new path was nothing or another file
                born.add(new)
            if status[0] == "R":
                moved[old] = touched[-1]
        present.update(dict.fromkeys(born))
        present.update(moved)  # after `born`: in a swap, each old path is the other's new one
        if commit in ignored:
            continue
        for path in filter(None, touched):
            history.updated.setdefault(path, date[:10])
            by = counts.setdefault(path, {})
            by[author] = by.get(author, 0) + 1
    history.authors = {path: sorted(by, key=lambda a: (-by[a], a)) for path, by in counts.items()}
    return history


def read_history(docs: Path) -> History:
    """The history of every file under docs/, from one `git log`; without git, an empty one and the reason logged."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=docs, capture_output=True, text=True, check=True).stdout

    try:
        top, shallow = git("rev-parse", "--show-toplevel", "--is-shallow-repository").split("\n")[:2]
        revs = Path(top) / IGNORE_REVS
        ignored = ignored_revs(revs.read_text(encoding="utf-8")) if revs.is_file() else set()
        text = git("log", "-M", "-z", "--relative", "--name-status", LOG_FORMAT, "--", ".")
        return parse_log(text, ignored, shallow == "true")
    except OSError as error:
        reason = "git not found" if isinstance(error, FileNotFoundError) else str(error)
    except subprocess.CalledProcessError as error:
        message = error.stderr.strip().split("\n")[0]
        reason = "not a git repository" if "not a git repository" in message else f"git failed: {message}"
    log.info(f"page history left out: {reason}")
    return History()


def on_page_content(html: str, page, config, files) -> str:
    build = state(config)
    if build.history is None:  # one `git log` per build
        build.history = read_history(Path(config.docs_dir))
    history = build.history
    path = page.file.src_uri
    if path not in history.updated:
        return html
    date, contributors, comma = page_words(WORDS, current_language(config))
    line = date.format(date=history.updated[path])
    if not history.shallow and history.authors.get(path):
        line += contributors.format(names=comma.join(history.authors[path][:8]))
    return f'{html}\n<aside class="page-history" data-search-exclude>{line}</aside>'
