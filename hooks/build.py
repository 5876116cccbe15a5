"""The state of one build, in one place.

MkDocs makes one configuration per `mkdocs build` and one per rebuild of `mkdocs serve`, and mkdocs-static-i18n
builds every language with that same configuration object. So the state a hook keeps from one event to the next
lives on the configuration: made when the build starts (hooks/serving.py, the first hook), shared by the languages
of the build, gone with it (a rebuild of `mkdocs serve` starts afresh). Hooks keep nothing in their modules.

The order of the steps is the order of `hooks:` in mkdocs.yml, with `@event_priority` where a step must run
before or after the plugins (each such hook says why).

This is a module for the hooks to import, not a hook: MkDocs loads each hook file as a module of its own, apart
from the same file imported by name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from analysis import Analysis
    from history import History

KEY = "handbook_build"  # the configuration's entry that holds the state (not a setting of mkdocs.yml)


@dataclass
class BuildState:
    serving: bool  # scripts/serve's preview (`extra.preview`): skip what a writer does not need to see while editing
    analysis: Analysis | None = None  # the question graph of docs/, checked (analysis.py)
    history: History | None = None  # every page's last change and authors, from one `git log` (history.py)
    downloads: dict[str, bytes] | None = None  # the decks and CSVs of every language (exports.py)
    section_indexes: list[str] = field(default_factory=list)  # section index pages in navigation order (questions.py)
    share_cards: dict[tuple, bytes] = field(default_factory=dict)  # (site name, section title, font) -> PNG (share.py)
    not_found: dict[str, str] = field(default_factory=dict)  # language -> its rendered 404 page (not_found.py)
    indexing: list = field(default_factory=list)  # Pagefind at work on each language built (search_pagefind.py)
    question_links: dict = field(default_factory=dict)  # language -> links to its questions (questions.py)


def start(config, serving: bool) -> BuildState:
    """The build's state, made by the first call: mkdocs-static-i18n runs `on_config` again for each language it
    builds with the same configuration, and those keep the state."""
    if KEY not in config:
        config[KEY] = BuildState(serving)
    return config[KEY]


def state(config) -> BuildState:
    """The state of the build this configuration belongs to (a plain build's, if none was started)."""
    return start(config, serving=False)
