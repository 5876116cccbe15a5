"""The site-wide analysis shared by the hooks: parse docs/, check it and cross-reference its questions.

mkdocs-static-i18n rebuilds the site once per language and fires every event each time; the analysis is
made once per build (one configuration object serves every language) and again only when a file under docs/
changed, so each problem is logged once per build (and again in `mkdocs serve` after an edit).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from qa.graph import Graph, question_graph
from qa.online import check_external
from qa.site import load_docs
from qa.translation import translation_status

log = logging.getLogger("mkdocs.hooks.questions")  # under `mkdocs.`, so that --strict counts its warnings


@dataclass
class Analysis(Graph):
    """The question graph of docs/ as it was when `signature` (its files' times and sizes) was taken."""

    signature: tuple = ()
    translations: dict = field(default_factory=dict)  # language -> translation status, filled on demand

    def translation_status(self, lang: str) -> dict:
        if lang not in self.translations:
            self.translations[lang] = translation_status(self.site, lang)
        return self.translations[lang]


_last: Analysis | None = None
_last_config = None  # the configuration of the build being run: one analysis serves all its languages


def analyse(config) -> Analysis:
    """The analysis of config.docs_dir, recomputed (and its problems logged) only when docs/ changed."""
    global _last, _last_config
    if _last and config is _last_config:
        return _last
    _last_config = config
    docs = Path(config.docs_dir)
    signature = tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size)
                             for p in docs.rglob("*") if p.is_file()))
    if _last and _last.signature == signature:
        return _last
    _last = Analysis(**vars(question_graph(lambda: load_docs(docs))), signature=signature)
    root = Path(config.config_file_path).parent
    prefix = docs.resolve().relative_to(root.resolve()).as_posix()
    if os.environ.get("CHECK_EXTERNAL_LINKS") == "1":  # online, so never in the default build
        _last.problems += check_external(_last.site, root / ".cache" / "external-links.json")
    for problem in _last.problems:
        log.warning(f"{prefix}/{problem}")
    return _last
