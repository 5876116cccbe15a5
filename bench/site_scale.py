"""The whole build at 10,000 questions: the site as it is built (three languages, every hook, Pagefind) against
Material with mkdocs-static-i18n alone (the same pages, the same three languages, no hooks), side by side.

The pages are bench/graph_scaling.py's synthetic ones (1,000 pages of 10 questions made of real answer sentences,
real tags, `q:` links and links between pages) in a copy of the project whose topic pages they replace; the copy
has no `nav:` (MkDocs lists the pages itself). Memory is the peak resident size of the build and the processes it
starts.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from statistics import median

from common import ROOT, RUNS
from graph_scaling import material, synthetic_sources
from site_build import without_hooks

SIZE = 10_000
KEPT = ("contributing", "downloads", "tags", "translation-status")  # the pages that are not topics


def synthetic_copy(folder: Path) -> Path:
    """A copy of the project with the synthetic pages for docs/; returns its mkdocs.yml."""
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    for name in listed:
        if not name.startswith("docs/") or name.startswith(("docs/assets/", "docs/tags.yml")) \
                or Path(name).name.split(".")[0] in KEPT:
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, folder / name)
    (folder / "node_modules").symlink_to(ROOT / "node_modules")
    sentences, tags = material()
    for path, text in synthetic_sources(SIZE, 0, sentences, tags).items():
        (folder / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / "docs" / path).write_text(text, encoding="utf-8")
    (folder / "docs" / "index.md").write_text("# 合成站点\n\n一万道题。\n", encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text(re.sub(r"\nnav:\n(  .*\n|\n)*", "\n", config.read_text(encoding="utf-8")), encoding="utf-8")
    return config


def tree_memory(pid: int) -> int:
    """Resident bytes of a process and every process it started (Pagefind runs beside the build)."""
    children, resident = defaultdict(list), {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()  # after the command's name: state, parent, …
        except OSError:  # the process ended meanwhile
            continue
        children[int(fields[1])].append(int(stat.parent.name))
        resident[int(stat.parent.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, waiting = 0, [pid]
    while waiting:
        process = waiting.pop()
        total += resident.get(process, 0)
        waiting += children[process]
    return total


def timed_build(config: Path, **env: str) -> tuple[float, float]:
    """Seconds and peak memory (GB, the build with the processes it starts, sampled every 0.5 s) of one build;
    `env`: settings of mkdocs.yml."""
    with tempfile.TemporaryDirectory() as site, tempfile.TemporaryFile("w+") as log:
        start, peak = time.perf_counter(), 0
        build = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "--no-strict", "-f", str(config),
                                  "-d", site], cwd=config.parent, stdout=log, stderr=subprocess.STDOUT,
                                 env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "http://127.0.0.1:8000/",
                                      **env})
        while build.poll() is None:
            peak = max(peak, tree_memory(build.pid))
            time.sleep(0.5)
        seconds = time.perf_counter() - start
        if build.returncode:
            log.seek(0)
            raise SystemExit(f"the build of {config} failed:\n{log.read()[-3000:]}")
    return seconds, peak / 1e9


def run() -> dict[str, tuple[list[float], list[float]]]:
    """Seconds and peak memory of each build, RUNS times: Material alone and the site's build one after the other
    (the machine's speed drifts within minutes), then the build with the decks once."""
    figures = defaultdict(lambda: ([], []))
    with tempfile.TemporaryDirectory() as folder:
        config = synthetic_copy(Path(folder))
        builds = {"Material + i18n, no hooks": without_hooks(config, Path(folder)), "the site's build": config}
        for _ in range(RUNS):
            for name, path in builds.items():
                seconds, memory = timed_build(path)
                figures[name][0].append(seconds)
                figures[name][1].append(memory)
        seconds, memory = timed_build(config, HANDBOOK_DECKS="true")
        figures["the same, with the decks and CSVs (scripts/pdf)"] = ([seconds], [memory])
    return dict(figures)


def report() -> str:
    figures = run()
    (bare, _), (ours, _), _ = figures.values()
    ratios = [mine / alone for mine, alone in zip(ours, bare)]
    lines = ["| build (10,000 questions, three languages) | seconds | peak memory (GB) |", "| --- | ---: | ---: |"]
    lines += [f"| {name} | {median(seconds):.0f} | {max(memory):.2f} |" for name, (seconds, memory) in figures.items()]
    lines += ["", f"Medians of {len(bare)} builds each, Material's and the site's taking turns (the decks' build "
              f"once); peak memory is the largest of the runs. The site's build takes {median(ratios):.2f}× as long "
              f"as Material's alone (the median of the pairs' ratios: {', '.join(f'{r:.2f}' for r in ratios)})."]
    return "\n".join(lines)


if __name__ == "__main__":
    print(report())
