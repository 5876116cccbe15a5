"""Search quality: type realistic interview queries into Material's search box and see where the expected
question lands. Used by the browser tests and by bench/search.py."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

QUERIES = Path(__file__).parent / "data" / "search_queries.tsv"
QUERIES_HANT = Path(__file__).parent / "data" / "search_queries_hant.tsv"  # typed in 繁體, with Taiwan terms


@dataclass
class Outcome:
    query: str
    expected: str  # the question id a reader wants, or several right ones separated by "|"
    found: list[str]  # question ids in the order of the result list

    @property
    def rank(self) -> int | None:
        ranks = [self.found.index(qid) + 1 for qid in self.expected.split("|") if qid in self.found]
        return min(ranks) if ranks else None


def queries(path: Path = QUERIES) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8") as file:
        return [(row["query"], row["expected_id"]) for row in csv.DictReader(file, delimiter="\t")]


def result_ids(page, query: str) -> list[str]:
    """Question ids of the search results for `query`, in the order they are listed."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.keyboard.press("/")
    box.fill(query)
    box.press("End")  # Material reads the query on keyup; fill() alone fires none
    page.wait_for_function(  # search.js marks the list with the query its results answer, once they are drawn
        "query => document.querySelector('.md-search-result')?.dataset.query === query", arg=query)
    hrefs = page.eval_on_selector_all(  # what the reader sees: not the sections folded under "N more on this page"
        ".md-search-result__list a.md-search-result__link",
        "links => links.filter(a => !a.closest('details.md-search-result__more:not([open])'))"
        "              .map(a => a.getAttribute('href'))")
    return [href.split("#", 1)[1] for href in hrefs if "#" in href and not href.split("#", 1)[1].startswith("tag:")]


def measure(page, pairs: list[tuple[str, str]] | None = None) -> list[Outcome]:
    return [Outcome(query, expected, result_ids(page, query)) for query, expected in pairs or queries()]


def hit_rate(outcomes: list[Outcome], k: int = 5) -> float:
    return sum(1 for o in outcomes if o.rank and o.rank <= k) / len(outcomes)
