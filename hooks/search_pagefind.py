"""Search that stays small for readers: a Pagefind index of the built site, written after the build.

Material's search sends every reader the whole index of a language and builds it in the browser before the
first result. Pagefind splits its index into chunks and loads only those a query needs, plus the excerpts of
the results shown; its extended build segments Chinese as the browser segments a query (Intl.Segmenter).
search.js asks Pagefind and shows the results in Material's search box, and never loads Material's index, which
only the offline bundle has (Pagefind cannot fetch its files from file://; search_index.py). `scripts/serve`
skips this step to stay fast.

Each language is indexed on its own, into its own folder (`pagefind/`, `en/pagefind/`, …): a third of the
memory. Each page is indexed without Material's navigation, header and footer, and without what Material's index
leaves out (badges, related questions, sources, page history: `data-search-exclude`, or `data-pagefind-ignore`
where Material removes the former, see hooks/qa/render.py), except the words each question is to be found by,
which Pagefind weighs like a heading.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from adapters import building_another_language, built_languages, offline_enabled
from build import state
from qa.plain import SYMBOLS

PAGEFIND = Path("node_modules") / ".bin" / "pagefind"  # relative to the project: the version in package-lock.json
EXCLUDE = ", ".join((  # Material's page furniture, then what its own index leaves out
    ".md-skip", ".md-banner", ".md-header", ".md-tabs", ".md-sidebar", ".md-footer", ".md-top", ".md-dialog",
    ".md-source-file", ".headerlink", "[data-search-exclude]:not([data-pagefind-weight])"))


def on_config(config):
    config.extra["pagefind"] = not offline_enabled(config) and not state(config).serving
    return config


@event_priority(-120)  # after every language is written (mkdocs-static-i18n builds them one after another)
def on_post_build(config) -> None:
    if not config.extra.get("pagefind") or building_another_language(config):
        return
    binary = Path(config.config_file_path).parent / PAGEFIND
    if not binary.exists():
        raise PluginError(f"{PAGEFIND} is missing: run `npm ci` (scripts/test and scripts/pdf do)")
    folders = list(built_languages(config).values())  # "" for the default language, then "en/", …
    for root in folders:  # one language at a time: a third of the memory of the whole site at once
        index_language(binary, Path(config.site_dir), root, [folder for folder in folders if folder])


def index_language(binary: Path, site: Path, root: str, roots: list[str]) -> None:
    """Index the pages of the language at `root` ("" or "en/") into its own `<root>pagefind/`."""
    top = site / root
    pages = sorted(entry.name + ("/**/*.html" if entry.is_dir() else "") for entry in top.iterdir()
                   if (entry.is_dir() or entry.suffix == ".html") and entry.name + "/" not in roots
                   and entry.name != "pagefind")
    done = subprocess.run([str(binary), "--site", str(top), "--glob", "{" + ",".join(pages) + "}",
                           "--exclude-selectors", EXCLUDE, "--quiet"], capture_output=True, text=True)
    if done.returncode:
        raise PluginError(f"Pagefind failed to index {root or 'the default language'}:\n{done.stdout}{done.stderr}")
    output = top / "pagefind"
    # how search.js writes the formulas of titles and excerpts as text (√d_k), as the rest of the site does
    (output / "plain.json").write_text(json.dumps(SYMBOLS, ensure_ascii=False), encoding="utf-8")
    for unused in [*output.glob("pagefind-*ui.*"), output / "pagefind-highlight.js"]:  # Material's interface is used
        unused.unlink(missing_ok=True)
