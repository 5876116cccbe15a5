"""The edit loop of `scripts/serve`: seconds from saving a topic page to the served page showing the change
(tests/test_serve.py's steps, in a copy of the project), for what `scripts/serve` builds (简体中文, no downloads,
only the saved page again), `scripts/serve --full` (every page again) and `scripts/serve --all` (every language), and
for `scripts/serve` on bench/site_scale.py's site of 10,000 questions. Medians of RUNS edits, after one first build
each."""

from __future__ import annotations

import re
import statistics
import tempfile
from pathlib import Path

from common import ROOT, RUNS
from site_scale import synthetic_copy
from test_serve import PAGE, seconds_to_show_an_edit, served_copy, serving

MODES = {"`scripts/serve` (简体中文, the saved page built again)": (),
         "`scripts/serve --full` (简体中文, every page built again)": ("--full",),
         "`scripts/serve --all` (three languages, the saved page built again)": ("--all",)}
SYNTHETIC = "s0/p0.md"  # a page of the synthetic site; it ends inside an answer too
BUILT_RE = re.compile(r"Documentation built in ([\d.]+) seconds")


def measure(copy: Path, page: str, *args: str) -> dict:
    with serving(copy, *args) as url:
        edits = [seconds_to_show_an_edit(copy, url, page) for _ in range(RUNS)]
    first = float(BUILT_RE.search((copy / "serve.log").read_text(encoding="utf-8")).group(1))
    return {"first build": first, "edit": statistics.median(edits), "edits": edits}


def run() -> dict[str, dict]:
    figures = {}
    for mode, args in MODES.items():
        with tempfile.TemporaryDirectory() as folder:
            figures[mode] = measure(served_copy(Path(folder)), PAGE, *args)
    with tempfile.TemporaryDirectory() as folder:  # site_scale.py's synthetic site, run as scripts/serve runs it
        copy = synthetic_copy(Path(folder)).parent
        (copy / ".venv").symlink_to(ROOT / ".venv")
        figures["`scripts/serve` at 10,000 questions (简体中文, the saved page built again)"] = measure(copy, SYNTHETIC)
    return figures


def report() -> str:
    lines = ["| served | first build (s) | save to page shown (s) |", "| --- | ---: | ---: |"]
    lines += [f"| {mode} | {f['first build']:.1f} | {f['edit']:.1f} |" for mode, f in run().items()]
    lines += ["", f"Each edit appends a sentence to the last answer of `docs/{PAGE}` (of `docs/{SYNTHETIC}` at 10,000 "
                  "questions); the time runs until the served page contains it. No mode makes the downloads (Anki "
                  "decks, CSVs)."]
    return "\n".join(lines)


if __name__ == "__main__":
    print(report())
