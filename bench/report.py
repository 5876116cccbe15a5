"""Run every benchmark and write BENCHMARKS.md: the machine, the date, and each benchmark's figures.
`bench/run NAME…` runs only the named benchmarks and prints their figures instead."""

from __future__ import annotations

import datetime as dt
import importlib
import os
import platform
import subprocess
import sys
import time

from common import CHROMIUM, ROOT, RUNS

BENCHMARKS = {  # module -> (title, what it answers)
    "graph_scaling": ("Question graph on synthetic sites",
                      "Parse, link check and cross-references (`qa.graph.question_graph`), the work the hooks do "
                      "once per build."),
    "site_build": ("Site build", "The real site, three languages; what the hooks cost."),
    "edit_loop": ("Edit loop", "`scripts/serve`: how soon a saved page shows in the preview."),
    "related_quality": ("Related questions",
                        "The automatic lists against hand-written follow-ups (`tests/data/related_labels.tsv`)."),
    "search": ("Search quality", "The queries of `tests/data/search_queries.tsv` typed into the search box."),
    "search_speed": ("Search speed on a phone", "How soon results show and what a query downloads, Pagefind "
                     "against Material's own search, on the real site."),
    "search_scale": ("Search at 10,000 questions", "The same on a synthetic site of 10,000 questions."),
    "axe": ("Accessibility (axe-core)", "Violations of axe-core's rules in Chromium."),
    "lighthouse": ("Lighthouse", "Scores of the built site in Chromium."),
    "pdf": ("PDF export", "`scripts/pdf`'s main step per edition."),
    "site_scale": ("Site build at 10,000 questions", "The whole build against Material with mkdocs-static-i18n alone."),
    "pdf_scale": ("PDF volume at 10,000 questions", "`handbook pdf --section` on the synthetic site."),
}


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
               platform.processor())
    memory = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    return (f"{cpu}, {os.cpu_count()} cores, {memory / 2**20:.0f} GiB; {platform.platform(terse=True)}; "
            f"Python {platform.python_version()}; {chromium or 'no Chromium'}")


def main(names: list[str]) -> None:
    unknown = set(names) - set(BENCHMARKS)
    if unknown:
        raise SystemExit(f"unknown benchmark(s): {', '.join(sorted(unknown))}; known: {', '.join(BENCHMARKS)}")
    sections = []
    for name, (title, about) in BENCHMARKS.items():
        if names and name not in names:
            continue
        print(f"==> {name}", file=sys.stderr)
        start = time.perf_counter()
        figures = importlib.import_module(name).report()
        print(f"    {time.perf_counter() - start:.0f} s", file=sys.stderr)
        sections.append(f"## {title}\n\n{about} `bench/{name}.py`\n\n{figures}\n")
    if names:
        print("\n".join(sections))
        return
    header = ("# Benchmarks\n\nFigures from `bench/run` (it writes this file). Re-run it after a change that "
              "could affect speed, size or quality, and commit the result.\n\n"
              f"- Date: {dt.date.today().isoformat()}\n- Machine: {machine()}\n"
              f"- Medians of {RUNS} runs unless said otherwise (`BENCH_RUNS` changes it)\n")
    (ROOT / "BENCHMARKS.md").write_text("\n".join([header, *sections]), encoding="utf-8")
    print("BENCHMARKS.md written", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
