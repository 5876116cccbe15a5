"""Export time and size of the PDFs (scripts/pdf's main step), per language, from one build of the site."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT

from qa.book import EDITIONS, build_pdfs


def run() -> dict[str, tuple[float, float, int]]:
    """Language -> (seconds, megabytes, pages)."""
    from pypdf import PdfReader

    results = {}
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=ROOT, check=True,
                       capture_output=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        for lang in EDITIONS:
            start = time.perf_counter()
            path = build_pdfs(site, Path(folder) / "pdf", [lang], "bench", log=lambda m: None)[lang]
            results[lang] = (time.perf_counter() - start, path.stat().st_size / 1e6, len(PdfReader(path).pages))
    return results


def report() -> str:
    lines = ["| edition | time (s) | size (MB) | pages |", "| --- | ---: | ---: | ---: |"]
    lines += [f"| {lang} | {seconds:.0f} | {size:.1f} | {pages} |" for lang, (seconds, size, pages) in run().items()]
    return "\n".join(lines + ["", "One run per edition, after one build of the site (not counted)."])


if __name__ == "__main__":
    print(report())
