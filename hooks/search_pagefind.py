"""Search that stays small for readers: a Pagefind index of the built site, written after the build.

Material's search sends every reader the whole index of a language and builds it in the browser before the
first result. Pagefind splits its index into chunks and loads only those a query needs, plus the excerpts of
the results shown; its extended build segments Chinese as the browser segments a query (Intl.Segmenter).
search.js asks Pagefind and shows the results in Material's search box, and never loads Material's index, which
only the offline bundle has (Pagefind cannot fetch its files from file://; search_index.py). `scripts/serve`
skips this step to stay fast.

Each language is indexed on its own, into its own folder (`pagefind/`, `en/pagefind/`, …), as soon as its pages
are written: Pagefind runs while the next language is built, and the build waits for every index at its end.
Each page is indexed without Material's navigation, header and footer, and without what Material's index leaves out
(badges, related questions, sources, page history: `data-search-exclude`, or `data-pagefind-ignore` where Material
removes the former, see hooks/qa/render.py), except the words each question is to be found by, which Pagefind
weighs like a heading.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority

from adapters import building_another_language, built_languages, current_language, offline_enabled
from build import state
from qa.plain import SYMBOLS

PAGEFIND = Path("node_modules") / ".bin" / "pagefind"  # relative to the project: the version in package-lock.json
EXCLUDE = ", ".join((  # Material's page furniture, then what its own index leaves out
    ".md-skip", ".md-banner", ".md-header", ".md-tabs", ".md-sidebar", ".md-footer", ".md-top", ".md-dialog",
    ".md-source-file", ".headerlink", "[data-search-exclude]:not([data-pagefind-weight])"))


def on_config(config):
    config.extra["pagefind"] = not offline_enabled(config) and not state(config).serving
    return config


@event_priority(-90)  # once the language's pages are written, before mkdocs-static-i18n (-100) builds the next one
def start_indexing(config) -> None:
    """Start indexing the language just built; Pagefind runs while the next language is built."""
    if not config.extra.get("pagefind"):
        return
    binary = Path(config.config_file_path).parent / PAGEFIND
    if not binary.exists():
        raise PluginError(f"{PAGEFIND} is missing: run `npm ci` (scripts/test and scripts/pdf do)")
    folders = built_languages(config)  # "" for the default language, then "en/", …
    root = folders[current_language(config)]
    state(config).indexing.append(index_language(binary, Path(config.site_dir), root,
                                                 [folder for folder in folders.values() if folder]))


@event_priority(-120)  # after every language is written (mkdocs-static-i18n builds them one after another)
def wait_for_the_indexes(config) -> None:
    if not config.extra.get("pagefind") or building_another_language(config):
        return
    for indexing in state(config).indexing:
        indexing.finish()


on_post_build = CombinedEvent(start_indexing, wait_for_the_indexes)  # two steps of the post-build event


@dataclass
class Indexing:
    """Pagefind indexing the pages of one language."""

    top: Path  # the language's folder in the site
    process: subprocess.Popen
    log: IO[str]  # what Pagefind says: a file, not a pipe, as nobody reads it before the end

    def finish(self) -> None:
        """Wait for Pagefind; leave in its folder what search.js reads and nothing of Pagefind's own interface."""
        with self.log:
            if self.process.wait():
                self.log.seek(0)
                raise PluginError(f"Pagefind failed to index {self.top}:\n{self.log.read()}")
        output = self.top / "pagefind"
        # how search.js writes the formulas of titles and excerpts as text (√d_k), as the rest of the site does
        (output / "plain.json").write_text(json.dumps(SYMBOLS, ensure_ascii=False), encoding="utf-8")
        for unused in [*output.glob("pagefind-*ui.*"), output / "pagefind-highlight.js"]:  # Material's is used
            unused.unlink(missing_ok=True)


def index_language(binary: Path, site: Path, root: str, roots: list[str]) -> Indexing:
    """Start indexing the pages of the language at `root` ("" or "en/") into its own `<root>pagefind/`."""
    top = site / root
    pages = sorted(entry.name + ("/**/*.html" if entry.is_dir() else "") for entry in top.iterdir()
                   if (entry.is_dir() or entry.suffix == ".html") and entry.name + "/" not in roots
                   and entry.name not in ("pagefind", "404.html"))  # "page not found" is no result to offer
    log = tempfile.TemporaryFile("w+", encoding="utf-8")
    return Indexing(top, subprocess.Popen([str(binary), "--site", str(top), "--glob", "{" + ",".join(pages) + "}",
                                           "--exclude-selectors", EXCLUDE, "--quiet"],
                                          stdout=log, stderr=subprocess.STDOUT), log)
