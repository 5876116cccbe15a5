"""Cross-references: explicit links between questions, backlinks, and "related questions" by content.

Similarity is TF-IDF cosine over character bigrams of Chinese text plus Latin words (fast, and a classic
match for word-level retrieval quality in Chinese), boosted by shared tags, explicit links and the same page.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

import numpy as np
from scipy import sparse

from .links import resolve_link
from .site import Site

TOKEN_RE = re.compile(r"[\u3400-\u9fff]+|[A-Za-z][A-Za-z0-9+#.]*[A-Za-z0-9+#]|[A-Za-z]")
CODE_RE = re.compile(r"```.*?```|`[^`\n]*`", re.S)
LATEX_COMMAND_RE = re.compile(r"\\[A-Za-z]+")
WEIGHTS = {"tag": 0.12, "link": 0.2, "page": 0.05}  # added to the cosine similarity
TERMS_PER_DOC = 60
MAX_RELATED = 5


def tokens(text: str) -> list[str]:
    """Character bigrams of CJK runs (single characters for one-character runs) and lowercased Latin words."""
    out = []
    for run in TOKEN_RE.findall(LATEX_COMMAND_RE.sub(" ", text)):
        if run[0] >= "\u3400":
            out.extend([run] if len(run) == 1 else [run[i:i + 2] for i in range(len(run) - 1)])
        elif len(run) > 1:
            out.append(run.lower())
    return out


def question_text(question) -> str:
    """What a question is about: its title and keywords weigh more than its answer."""
    head = " ".join([question.title] + question.keywords + question.tags)
    return f"{head} {head} {head} {CODE_RE.sub(' ', question.answer)}"


def links_between_questions(site: Site) -> dict[str, set[str]]:
    """Question id -> ids of the questions its answer links to."""
    edges = defaultdict(set)
    for page in site.source_pages:
        for question in page.questions:
            for link in question.links:
                target = resolve_link(site, page, link)
                if target.question and target.question != question.id:
                    edges[question.id].add(target.question)
    return edges


def backlinks(edges: dict[str, set[str]]) -> dict[str, list[str]]:
    """Question id -> sorted ids of the questions that link to it."""
    back = defaultdict(set)
    for source, targets in edges.items():
        for target in targets:
            back[target].add(source)
    return {qid: sorted(sources) for qid, sources in back.items()}


def similarity_matrix(texts: list[str]) -> sparse.csr_matrix:
    """Row-normalised TF-IDF matrix (sublinear tf), keeping each document's strongest terms."""
    docs = [Counter(tokens(text)) for text in texts]
    df = Counter(term for doc in docs for term in doc)
    n = len(docs)
    vocabulary = {term: i for i, term in enumerate(sorted(df))}
    rows, cols, values = [], [], []
    for row, doc in enumerate(docs):
        weighted = [(term, (1 + math.log(count)) * math.log((1 + n) / (1 + df[term])))
                    for term, count in doc.items()]
        weighted.sort(key=lambda item: (-item[1], item[0]))
        kept = weighted[:TERMS_PER_DOC]
        norm = math.sqrt(sum(w * w for _, w in kept)) or 1.0
        for term, weight in kept:
            rows.append(row)
            cols.append(vocabulary[term])
            values.append(weight / norm)
    return sparse.csr_matrix((values, (rows, cols)), shape=(n, len(vocabulary)))


def related_questions(site: Site, edges: dict[str, set[str]] | None = None,
                      limit: int = MAX_RELATED, overrides: bool = True) -> dict[str, list[str]]:
    """Question id -> up to `limit` related question ids, best first; deterministic; never itself."""
    questions = sorted(site.questions.values(), key=lambda q: q.id)
    if not questions:
        return {}
    edges = links_between_questions(site) if edges is None else edges
    ids = [q.id for q in questions]
    index = {qid: i for i, qid in enumerate(ids)}
    matrix = similarity_matrix([question_text(q) for q in questions])
    boosts = _boosts(questions, index, edges)
    result = {}
    for start in range(0, len(ids), 1000):
        scores = (matrix[start:start + 1000] @ matrix.T).toarray()
        for offset, row in enumerate(scores):
            i = start + offset
            for j, boost in boosts[i].items():
                row[j] += boost
            row[i] = -np.inf
            result[ids[i]] = _top(ids, row, questions[i], limit, overrides)
    return result


def _boosts(questions, index, edges) -> list[dict[int, float]]:
    """Sparse score boosts per question: shared tags, explicit links, same page."""
    by_tag, by_page = defaultdict(list), defaultdict(list)
    for i, question in enumerate(questions):
        for tag in question.tags:
            by_tag[tag].append(i)
        by_page[question.page].append(i)
    boosts = [defaultdict(float) for _ in questions]
    for members in by_tag.values():
        if len(members) <= 50:  # a tag shared by a large part of the site says little
            for i in members:
                for j in members:
                    boosts[i][j] += WEIGHTS["tag"] / max(1, len(questions[i].tags))
    for members in by_page.values():
        for i in members:
            for j in members:
                boosts[i][j] += WEIGHTS["page"]
    for source, targets in edges.items():
        for target in targets:
            if source in index and target in index:
                boosts[index[source]][index[target]] += WEIGHTS["link"]
                boosts[index[target]][index[source]] += WEIGHTS["link"]
    return boosts


def _top(ids, row, question, limit, overrides) -> list[str]:
    related = question.related_overrides if overrides else {}
    excluded = set(related.get("exclude") or []) | {question.id}
    pinned = [qid for qid in related.get("pin") or [] if qid not in excluded]
    count = min(len(ids), limit + len(excluded) + len(pinned))
    best = np.argpartition(-row, count - 1)[:count] if count < len(ids) else np.arange(len(ids))
    ranked = sorted(best, key=lambda j: (-row[j], ids[j]))
    automatic = [ids[j] for j in ranked if np.isfinite(row[j]) and ids[j] not in excluded and ids[j] not in pinned]
    return (pinned + automatic)[:limit]
