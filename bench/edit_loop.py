"""The edit loop of `scripts/serve`: seconds from saving a topic page to the served page showing the change
(tests/test_serve.py's steps, in a copy of the project), for what `scripts/serve` builds (简体中文, no downloads)
and for `scripts/serve --all` (every language). Medians of RUNS edits, after one first build each."""

from __future__ import annotations

import re
import statistics
import tempfile
from pathlib import Path

from common import RUNS
from test_serve import PAGE, seconds_to_show_an_edit, served_copy, serving

MODES = {"`scripts/serve` (简体中文)": (), "`scripts/serve --all` (three languages)": ("--all",)}
BUILT_RE = re.compile(r"Documentation built in ([\d.]+) seconds")


def run() -> dict[str, dict]:
    figures = {}
    for mode, args in MODES.items():
        with tempfile.TemporaryDirectory() as folder:
            copy = served_copy(Path(folder))
            with serving(copy, *args) as url:
                edits = [seconds_to_show_an_edit(copy, url) for _ in range(RUNS)]
            first = float(BUILT_RE.search((copy / "serve.log").read_text(encoding="utf-8")).group(1))
        figures[mode] = {"first build": first, "edit": statistics.median(edits), "edits": edits}
    return figures


def report() -> str:
    lines = ["| served | first build (s) | save to page shown (s) |", "| --- | ---: | ---: |"]
    lines += [f"| {mode} | {f['first build']:.1f} | {f['edit']:.1f} |" for mode, f in run().items()]
    lines += ["", f"Each edit appends a sentence to the last answer of `docs/{PAGE}`; the time runs until the served "
                  "page contains it. Neither mode makes the downloads (Anki decks, CSVs)."]
    return "\n".join(lines)


if __name__ == "__main__":
    print(report())
