"""The question graph of a site in one call: its problems, related questions and backlinks."""

from __future__ import annotations

import gc
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

from .checks import check_site
from .model import Problem
from .related import backlinks, links_between_questions, related_questions
from .site import Site


@dataclass
class Graph:
    site: Site
    problems: list[Problem]  # every problem of the site, each once, in path and line order
    related: dict[str, list[str]]  # question id -> related question ids, best first
    backlinks: dict[str, list[str]]  # question id -> ids of the questions linking to it


def question_graph(read_site: Callable[[], Site]) -> Graph:
    """Read a site (e.g. `lambda: load_docs(path)`), check it and cross-reference its questions."""
    with gc_paused():
        site = read_site()
        edges = links_between_questions(site)
        return Graph(site, check_site(site), related_questions(site, edges), backlinks(edges))


@contextmanager
def gc_paused():
    """Pause Python's cyclic garbage collector; reference counting still frees memory.

    Reading a site makes hundreds of thousands of small objects and no reference cycles, and the collector
    would walk the whole, growing heap again and again: a quarter of the time at 10,000 questions."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
