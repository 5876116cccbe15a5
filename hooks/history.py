"""Page history: the date of the last change and the contributors of each page, from git, at the page's end.

One `git log` for all of docs/, once per build. In a shallow clone the history is cut off, so only the date is
shown; without git (or outside a repository) nothing is shown and the build goes on.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from language import current_language

WORDS = {  # the date, the contributors, and how names are joined
    "zh": ("最后更新：{date}", " · 贡献者：{names}", "、"),
    "en": ("Last updated: {date}", " · Contributors: {names}", ", "),
}


@dataclass
class History:
    updated: dict[str, str] = field(default_factory=dict)  # path under docs/ -> ISO date of its last commit
    authors: dict[str, list[str]] = field(default_factory=dict)  # path -> authors, most commits first
    shallow: bool = False


_cache: dict[str, History] = {}


def read_history(docs: Path) -> History:
    """The history of every file under docs/, from one `git log`."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=docs, capture_output=True, text=True, check=True).stdout

    try:
        head = git("rev-parse", "--show-toplevel", "HEAD")  # the repository and its commit
        if head in _cache:
            return _cache[head]
        prefix = git("rev-parse", "--show-prefix").strip()
        shallow = git("rev-parse", "--is-shallow-repository").strip() == "true"
        log = git("log", "--format=%x01%aI%x02%aN", "--name-only", "--", ".")
    except (OSError, subprocess.CalledProcessError):
        return History()
    history, counts = History(shallow=shallow), {}
    for entry in log.split("\x01")[1:]:
        header, _, names = entry.partition("\n")
        date, _, author = header.partition("\x02")
        for name in filter(None, names.split("\n")):
            path = name.removeprefix(prefix)
            history.updated.setdefault(path, date[:10])
            counts.setdefault(path, {}).setdefault(author, 0)
            counts[path][author] += 1
    history.authors = {path: sorted(by, key=lambda a: (-by[a], a)) for path, by in counts.items()}
    _cache.clear()
    _cache[head] = history
    return history


_build: tuple = (None, History())  # (configuration of the build, its history): one `git log` per build


def on_page_content(html: str, page, config, files) -> str:
    global _build
    if _build[0] is not config:
        _build = (config, read_history(Path(config.docs_dir)))
    history = _build[1]
    path = page.file.src_uri
    if path not in history.updated:
        return html
    date, contributors, comma = WORDS.get(current_language(config), WORDS["zh"])
    line = date.format(date=history.updated[path])
    if not history.shallow and history.authors.get(path):
        line += contributors.format(names=comma.join(history.authors[path][:8]))
    return f'{html}\n<aside class="page-history" data-search-exclude>{line}</aside>'
