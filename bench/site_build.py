"""Build time of the real site: per language, and with the project's hooks against the same build without them.

Times come from the log of `mkdocs build` (mkdocs-static-i18n announces each language it starts), medians of
RUNS builds. "Without hooks" is the same configuration with its `hooks:` list removed.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, RUNS
from qa.languages import LANGUAGES

LANGUAGE_RE = re.compile(r"Building '([\w-]+)' documentation")
GRAPH, WHOLE = "(question graph: parse, checks, cross-references)", "(whole build)"


def timed_build(config: Path) -> dict[str, float]:
    """Seconds of one build, in total and per language."""
    with tempfile.TemporaryDirectory() as site:
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", site],
                                   cwd=ROOT, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        marks = []
        for line in process.stderr:
            found = LANGUAGE_RE.search(line)
            if found:
                marks.append((found.group(1), time.perf_counter()))
        process.wait()
        end = time.perf_counter()
    if process.returncode:
        raise SystemExit(f"mkdocs build failed for {config}")
    times = {"total": end - start}
    for (lang, at), following in zip(marks, [m[1] for m in marks[1:]] + [end]):
        times[lang] = following - at
    return times


def without_hooks(config: Path, into: Path) -> Path:
    """A copy of mkdocs.yml without its `hooks:` list (comments and !ENV tags kept as text), placed in `into`
    beside links to docs/ and overrides/."""
    lines, out, skipping = config.read_text(encoding="utf-8").split("\n"), [], False
    for line in lines:
        if line.startswith("hooks:"):
            skipping = True
            continue
        if skipping and (line.startswith("  - ") or not line.strip()):
            continue
        skipping = False
        out.append(line)
    target = into / "mkdocs-without-hooks.yml"
    target.write_text("\n".join(out), encoding="utf-8")
    return target


def hook_times() -> dict[str, float]:
    """Seconds spent in each hook's event handlers during one build (cProfile, in this process), and in the
    question graph (`analysis.analyse`: parse, checks, cross-references), counted apart from the hook that
    asks for it first."""
    import contextlib
    import cProfile
    import pstats

    from mkdocs.__main__ import cli

    profile = cProfile.Profile()
    with tempfile.TemporaryDirectory() as site, contextlib.chdir(ROOT):  # snippets are found from the root
        os.environ["NO_MKDOCS_2_WARNING"] = "1"
        profile.enable()
        try:
            cli(["build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", site], standalone_mode=False)
        finally:
            profile.disable()
    stats = pstats.Stats(profile).stats
    times: dict[str, float] = {GRAPH: 0.0}
    for (filename, _, function), row in stats.items():
        if "/hooks/" in filename and "/qa/" not in filename and function.startswith("on_"):
            name = Path(filename).stem
            times[name] = times.get(name, 0.0) + row[3]  # cumulative time
    for (filename, _, function), row in stats.items():
        if filename.endswith("hooks/analysis.py") and function == "analyse":
            times[GRAPH] += row[3]
            for caller, by in row[4].items():  # the graph is built inside whichever hook asks first
                times[Path(caller[0]).stem] -= by[3]
    times[WHOLE] = sum(row[2] for row in stats.values())  # all own time
    return times


def measure() -> dict:
    config = ROOT / "mkdocs.yml"
    with tempfile.TemporaryDirectory(dir=ROOT) as folder:
        bare = without_hooks(config, Path(folder))
        (Path(folder) / "docs").symlink_to(ROOT / "docs")
        (Path(folder) / "overrides").symlink_to(ROOT / "overrides")
        runs = {"with": [], "without": []}
        for _ in range(RUNS):  # interleaved, so that both see the same machine load
            runs["with"].append(timed_build(config))
            runs["without"].append(timed_build(bare))
    return {kind: {key: statistics.median(run[key] for run in results) for key in results[0]}
            for kind, results in runs.items()}


def report() -> str:
    profiled = hook_times()
    whole = profiled.pop(WHOLE)
    graph = profiled[GRAPH] + profiled.get("questions", 0.0)
    lines = ["| hook | seconds in its event handlers (profiled build) | share of the build |", "| --- | ---: | ---: |"]
    lines += [f"| {name} | {seconds:.2f} | {seconds / whole:.1%} |"
              for name, seconds in sorted(profiled.items(), key=lambda item: -item[1])]
    timed = measure()
    lines += ["", f"Wall-clock build time, median of {RUNS} builds:", "",
              "| build | total (s) | " + " | ".join(f"{lang} (s)" for lang in LANGUAGES) + " |",
              "| --- | ---: |" + " ---: |" * len(LANGUAGES)]
    for kind in ("with", "without"):
        t = timed[kind]
        lines.append(f"| {kind} hooks | {t['total']:.1f} | " + " | ".join(f"{t.get(lang, 0):.1f}" for lang in LANGUAGES)
                     + " |")
    ratio = timed["with"]["total"] / timed["without"]["total"]
    lines += ["", f"All hooks together (downloads, per-language search indexes, 繁體 conversion, page history "
                  f"and the question graph) make the build {ratio:.2f}× as long; the question graph and its hook "
                  f"take {graph / whole:.1%} of it."]
    return "\n".join(lines)


if __name__ == "__main__":
    print(report())
