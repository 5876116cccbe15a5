"""One PDF volume at 10,000 questions: `handbook pdf --section` on bench/site_scale.py's synthetic site (50 sections
of 200 questions), Simplified Chinese, timed apart from the build of the site (which is built in that language only)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT
from site_scale import synthetic_copy

from qa.book import build_pdfs

SECTION = "s0"  # the first synthetic section


def run() -> tuple[float, float, int]:
    """(seconds, megabytes, pages) of the volume."""
    from pypdf import PdfReader

    with tempfile.TemporaryDirectory() as folder:
        config = synthetic_copy(Path(folder))
        for glossary in (ROOT / "docs").glob("glossary*.md"):  # the page the book is gathered from (qa/book.py)
            shutil.copy2(glossary, Path(folder) / "docs" / glossary.name)
        site = Path(folder) / "site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--no-strict", "-f", str(config), "-d",
                        str(site)], cwd=config.parent, check=True, capture_output=True,
                       env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_ALL_LANGUAGES": "false"})
        start = time.perf_counter()
        made = build_pdfs(site, Path(folder) / "pdf", ["zh"], "bench", log=lambda m: None, only=[SECTION])
        path = made[f"zh/{SECTION}"]
        return time.perf_counter() - start, path.stat().st_size / 1e6, len(PdfReader(path).pages)


def report() -> str:
    seconds, size, pages = run()
    return "\n".join(["| volume (10,000-question site, one section of 200 questions) | time (s) | size (MB) | pages |",
                      "| --- | ---: | ---: | ---: |", f"| zh, `{SECTION}` | {seconds:.0f} | {size:.1f} | {pages} |"])


if __name__ == "__main__":
    print(report())
