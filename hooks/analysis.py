"""The site-wide analysis shared by the hooks: parse docs/, check it and cross-reference its questions.

mkdocs-static-i18n rebuilds the site once per language and fires every event each time; the analysis is
made once per build (it is kept in the build's state, hooks/build.py), so each problem is logged once per build
(and again in `mkdocs serve` after an edit).
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from build import state
from qa.graph import Graph, question_graph
from qa.online import check_external
from qa.rules import ERROR
from qa.site import load_docs
from qa.translation import translation_status

log = logging.getLogger("mkdocs.hooks.questions")  # under `mkdocs.`, so that --strict counts its warnings
notices = logging.getLogger("handbook.notices")  # outside it: shown, never fatal
if not notices.handlers:
    _handler = logging.StreamHandler(sys.stderr)
    _handler.setFormatter(logging.Formatter("NOTICE  -  %(message)s"))
    notices.addHandler(_handler)
    notices.propagate = False


@dataclass
class Analysis(Graph):
    """The question graph of docs/, with the translation status of each language made on demand."""

    translations: dict = field(default_factory=dict)  # language -> translation status

    def translation_status(self, lang: str) -> dict:
        if lang not in self.translations:
            self.translations[lang] = translation_status(self.site, lang)
        return self.translations[lang]


def analyse(config) -> Analysis:
    """The analysis of config.docs_dir for this build: made, and its problems logged, by the first hook that asks."""
    build = state(config)
    if build.analysis is None:
        build.analysis = checked(config)
    return build.analysis


def checked(config) -> Analysis:
    docs = Path(config.docs_dir)
    analysis = Analysis(**vars(question_graph(lambda: load_docs(docs))))
    root = Path(config.config_file_path).parent
    prefix = docs.resolve().relative_to(root.resolve()).as_posix()
    if os.environ.get("CHECK_EXTERNAL_LINKS") == "1":  # online, so never in the default build
        analysis.problems += check_external(analysis.site, root / ".cache" / "external-links.json")
    for problem in analysis.problems:
        (log if problem.severity == ERROR else notices).warning(f"{prefix}/{problem}")
    return analysis
