"""Time the question graph on synthetic sites of 1k, 5k and 10k questions: parse + link check +
cross-references, the work the build hooks do once per build.

Synthetic pages look like the real ones: 10 questions a page, a meta block, an answer of four sentences
taken from the real site, two question links and one link to a question on another page.
"""

from __future__ import annotations

import gc
import random
import re
import statistics
import time

from common import ROOT, RUNS

from qa.checks import check_site
from qa.graph import gc_paused, question_graph
from qa.related import links_between_questions, related_questions
from qa.site import Settings, build_site, load_docs

SIZES = (1000, 5000, 10000)
PER_PAGE = 10


def material() -> tuple[list[str], list[str]]:
    """Sentences of the real answers and the real tags, as raw material for synthetic pages."""
    site = load_docs(ROOT / "docs")
    prose = [re.sub(r"```.*?```", "", q.answer, flags=re.S) for q in site.questions.values()]
    lines = [line.strip() for answer in prose for line in answer.split("\n")]
    sentences = [line for line in lines if 20 <= len(line) <= 200 and "](" not in line
                 and "[" not in line and not line.startswith(("$$", "|", "<", "#"))]
    return sentences, list(site.settings.tags)


def synthetic_sources(size: int, seed: int, sentences: list[str], tags: list[str]) -> dict[str, str]:
    rng = random.Random(seed)
    pages = size // PER_PAGE
    sources = {}
    for p in range(pages):
        blocks = [f"# 页面 {p}\n"]
        for n in range(p * PER_PAGE, (p + 1) * PER_PAGE):
            other = rng.randrange(pages)
            blocks.append(
                f"## 合成题目 {n}：{rng.choice(sentences)[:20]} {{#q{n}}}\n\n"
                f"<!-- meta\ndifficulty: {1 + n % 3}\nkind: [概念]\ntags: [{rng.choice(tags)}]\n-->\n\n"
                f'??? success "参考答案"\n\n    {" ".join(rng.choice(sentences) for _ in range(4))}\n\n'
                f"    见 [](q:q{rng.randrange(size)})、[下一题](q:q{(n + 1) % size}) 和 "
                f"[另一页的题目](../s{other % 50}/p{other}.md#q{other * PER_PAGE})。\n")
        sources[f"s{p % 50}/p{p}.md"] = "\n".join(blocks)
    return sources


def run(size: int, sentences: list[str], tags: list[str]) -> dict[str, float]:
    """Median seconds over RUNS synthetic sites of `size` questions: the whole graph as the hooks build it, and
    each of its steps timed on its own."""
    timings: dict[str, list[float]] = {"parse": [], "check": [], "related": [], "total": []}
    settings = Settings(tags={tag: tag for tag in tags})
    for seed in range(RUNS):
        sources = synthetic_sources(size, seed, sentences, tags)
        gc.collect()  # each measurement starts from a collected heap holding no other site
        start = time.perf_counter()
        graph = question_graph(lambda: build_site(sources, set(sources), settings))
        timings["total"].append(time.perf_counter() - start)
        assert graph.problems == [], graph.problems[:3]
        assert len(graph.site.questions) == size
        del graph
        gc.collect()
        with gc_paused():
            start = time.perf_counter()
            site = build_site(sources, set(sources), settings)
            parsed = time.perf_counter()
            check_site(site)
            checked = time.perf_counter()
            related_questions(site, links_between_questions(site))
            done = time.perf_counter()
        del site
        for key, seconds in (("parse", parsed - start), ("check", checked - parsed), ("related", done - checked)):
            timings[key].append(seconds)
    return {key: statistics.median(values) for key, values in timings.items()}


def report() -> str:
    sentences, tags = material()
    lines = ["| questions | parse (s) | link check (s) | cross-references (s) | total (s) | per 1k questions (s) |",
             "| ---: | ---: | ---: | ---: | ---: | ---: |"]
    totals = {}
    for size in SIZES:
        t = run(size, sentences, tags)
        totals[size] = t["total"]
        lines.append(f"| {size} | {t['parse']:.2f} | {t['check']:.2f} | {t['related']:.2f} | {t['total']:.2f} "
                     f"| {t['total'] / size * 1000:.3f} |")
    small, large = SIZES[0], SIZES[-1]
    lines += ["", f"Medians of {RUNS} synthetic sites per size. The total is one `question_graph` call, as the hooks "
                  f"make it; the steps are timed one by one. {large // small}× the questions take "
                  f"{totals[large] / totals[small]:.1f}× the time."]
    return "\n".join(lines)


if __name__ == "__main__":
    print(report())
