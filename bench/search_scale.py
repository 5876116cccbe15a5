"""Search at 10,000 questions: the index a reader downloads and how soon results show, the site's search (Pagefind)
against Material's own on the same synthetic site.

The site is bench/graph_scaling.py's synthetic one (1,000 pages of 10 questions made of real answer sentences),
built by Material alone with the site's templates and search.js, then indexed by the Pagefind of
package-lock.json as hooks/search_pagefind.py does. Timings as in bench/search_speed.py.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, CompressingHandler, free_port
from graph_scaling import material, synthetic_sources
from search_speed import measure, table

from qa.book import serve

SIZE = 10_000
SEPARATOR = r'[\s\u200b\u3000\-、。，．？！；：（）《》“”]+'  # as mkdocs.yml


def synthetic_project(folder: Path, url: str) -> Path:
    sentences, tags = material()
    docs = folder / "docs"
    for path, text in synthetic_sources(SIZE, 0, sentences, tags).items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text.replace("](q:", "](#"), encoding="utf-8")  # no hooks to resolve q: links
    (docs / "index.md").write_text("# 合成站点\n", encoding="utf-8")
    (docs / "assets" / "javascripts").mkdir(parents=True)
    (docs / "assets" / "javascripts" / "search.js").write_bytes(
        (ROOT / "docs" / "assets" / "javascripts" / "search.js").read_bytes())
    config = {
        "site_name": "10k", "site_url": url, "docs_dir": str(docs),
        "theme": {"name": "material", "language": "zh", "custom_dir": str(ROOT / "overrides"), "font": False,
                  "features": ["search.highlight"]},
        "extra": {"hosts": [], "pagefind": True},
        "plugins": [{"search": {"separator": SEPARATOR, "pipeline": []}}],
        "markdown_extensions": ["admonition", "attr_list", "md_in_html", "pymdownx.details",
                                "pymdownx.superfences", {"toc": {"permalink": True}}],
    }
    (folder / "mkdocs.yml").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")  # JSON is YAML
    return folder / "mkdocs.yml"


def kilobytes(paths) -> float:
    return sum(len(gzip.compress(p.read_bytes())) if p.suffix in (".js", ".json") else p.stat().st_size
               for p in paths) / 1024


def run() -> dict:
    with tempfile.TemporaryDirectory() as folder:
        port = free_port()
        url = f"http://127.0.0.1:{port}/"
        config, site = synthetic_project(Path(folder), url), Path(folder) / "site"
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
                       check=True, capture_output=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        built = time.perf_counter() - start
        start = time.perf_counter()
        subprocess.run([str(ROOT / "node_modules" / ".bin" / "pagefind"), "--site", str(site), "--quiet"],
                       check=True, capture_output=True)
        indexed = time.perf_counter() - start
        material_index = site / "search" / "search_index.json"
        figures = {"build": built, "pagefind": indexed,
                   "material index": len(gzip.compress(material_index.read_bytes())) / 1024,
                   "pagefind files": kilobytes(p for p in (site / "pagefind").rglob("*") if p.is_file())}
        server, _ = serve(site, port, CompressingHandler)
        try:
            figures["search"] = {"Pagefind": measure(url + "s0/p0/"),
                                 "Material's lunr": measure(url + "s0/p0/", material=True)}
        finally:
            server.shutdown()
    return figures


def report() -> str:
    f = run()
    return "\n".join(table(f["search"]) + [
        "", f"{SIZE:,} synthetic questions on 1,000 pages. Material's whole index of the language: "
        f"{f['material index']:,.0f} KB gzip, downloaded and built in the browser before the first result. "
        f"Pagefind's files: {f['pagefind files']:,.0f} KB in all, of which a query downloads the part above. "
        f"Material's build of these pages took {f['build']:.0f} s; Pagefind indexed them in {f['pagefind']:.0f} s."])


if __name__ == "__main__":
    print(report())
