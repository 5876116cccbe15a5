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
WORD_RE = re.compile(r"(?<![\\A-Za-z0-9+#.])[A-Za-z][A-Za-z0-9+#.]*[A-Za-z0-9+#]")
CODE_RE = re.compile(r"```.*?```|`[^`\n]*`", re.S)
LATEX_COMMAND_RE = re.compile(r"\\[A-Za-z]+")
WEIGHTS = {"tag": 0.12, "link": 0.2, "page": 0.05}  # added to the cosine similarity
TERMS_PER_DOC = 60
MAX_DF = 0.1  # terms in more than this share of the questions say little about any of them
MAX_DF_COUNT = 200  # nor do terms in more questions than this: it also keeps large sites' work linear
MAX_RELATED = 5
CHUNK = 1000  # rows of the similarity matrix computed at a time


def tokens(text: str) -> list[str]:
    """Character bigrams of CJK runs (the character itself for one-character runs) and lowercased Latin words
    (LaTeX commands excluded): the terms of the similarity. `term_counts` computes the same, vectorized."""
    out = []
    for run in TOKEN_RE.findall(LATEX_COMMAND_RE.sub(" ", text)):
        if run[0] >= "\u3400":
            out.extend([run] if len(run) == 1 else [run[i:i + 2] for i in range(len(run) - 1)])
        elif len(run) > 1:
            out.append(run.lower())
    return out


def term_counts(texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """(document, term, count) triples of `tokens` over all texts at once, and the number of terms.

    CJK bigrams are computed on the code points with numpy; a term is a 64-bit key (two code points,
    one code point, or an id for a Latin word)."""
    joined = "\x00".join(texts)
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    document = np.cumsum(codes == 0)
    cjk = (codes >= 0x3400) & (codes <= 0x9FFF)
    pair = cjk[:-1] & cjk[1:]
    alone = cjk & ~np.r_[False, cjk[:-1]] & ~np.r_[cjk[1:], False]
    words: dict[str, int] = {}
    per_text = [WORD_RE.findall(text.lower()) for text in texts]
    word_ids = np.array([words.setdefault(w, len(words)) for found in per_text for w in found], dtype=np.int64)
    word_docs = np.repeat(np.arange(len(texts)), [len(found) for found in per_text])
    keys = np.concatenate(((codes[:-1][pair] << 21) | codes[1:][pair], codes[alone], word_ids + (1 << 42)))
    docs = np.concatenate((document[:-1][pair], document[alone], word_docs))
    pairs = np.sort((docs << 43) | keys)
    first = np.r_[True, pairs[1:] != pairs[:-1]]
    counts = np.diff(np.r_[np.flatnonzero(first), len(pairs)])
    pairs = pairs[first]
    terms = np.unique(np.sort(pairs & ((1 << 43) - 1)))
    return pairs >> 43, np.searchsorted(terms, pairs & ((1 << 43) - 1)), counts, len(terms)


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
    rows, cols, counts, size = term_counts(texts)
    n = len(texts)
    df = np.bincount(cols, minlength=size)
    specific = df[cols] <= max(10, min(MAX_DF * n, MAX_DF_COUNT))
    rows, cols, counts = rows[specific], cols[specific], counts[specific]
    weights = (1 + np.log(counts)) * np.log((1 + n) / (1 + df[cols]))
    order = np.lexsort((cols, -weights, rows))  # per document: strongest terms first, ties by term
    rows, cols, weights = rows[order], cols[order], weights[order]
    keep = np.arange(len(rows)) - np.searchsorted(rows, rows) < TERMS_PER_DOC
    rows, cols, weights = rows[keep], cols[keep], weights[keep]
    norms = np.sqrt(np.bincount(rows, weights=weights ** 2, minlength=n))
    weights = weights / np.where(norms > 0, norms, 1.0)[rows]
    return sparse.csr_matrix((weights, (rows, cols)), shape=(n, size))


def related_questions(site: Site, edges: dict[str, set[str]] | None = None,
                      limit: int = MAX_RELATED, overrides: bool = True) -> dict[str, list[str]]:
    """Question id -> up to `limit` related question ids, best first; deterministic; never itself."""
    questions = sorted(site.questions.values(), key=lambda q: q.id)
    if not questions:
        return {}
    edges = links_between_questions(site) if edges is None else edges
    ids = [q.id for q in questions]
    n = len(ids)
    matrix = similarity_matrix([question_text(q) for q in questions])
    boosts = boost_matrix(questions, edges)
    result = {}
    for start in range(0, n, CHUNK):
        scores = (matrix[start:start + CHUNK] @ matrix.T + boosts[start:start + CHUNK]).tocsr()
        for offset in range(scores.shape[0]):
            i = start + offset
            span = slice(scores.indptr[offset], scores.indptr[offset + 1])
            candidates, values = scores.indices[span], scores.data[span]
            if overrides and questions[i].related_overrides:
                dense = np.full(n, -np.inf)
                dense[candidates] = values
                dense[i] = -np.inf
                result[ids[i]] = _with_overrides(ids, dense, questions[i], limit)
                continue
            mine = candidates != i  # never itself
            candidates, values = candidates[mine], values[mine]
            if len(candidates) > limit:
                best = np.argpartition(-values, limit - 1)[:limit]
                candidates, values = candidates[best], values[best]
            result[ids[i]] = [ids[j] for j in candidates[np.lexsort((candidates, -values))]]
    return result


def boost_matrix(questions, edges) -> sparse.csr_matrix:
    """Score boosts between questions (sparse): shared tags, the same page, explicit links."""
    n = len(questions)
    index = {q.id: i for i, q in enumerate(questions)}
    tags = sorted({tag for q in questions for tag in q.tags})
    members = Counter(tag for q in questions for tag in q.tags)
    tag_index = {tag: t for t, tag in enumerate(tags)}
    rows, cols, values = [], [], []
    for i, question in enumerate(questions):
        for tag in question.tags:
            if members[tag] <= max(50, 0.3 * n):  # a tag shared by a large part of the site says little
                rows.append(i)
                cols.append(tag_index[tag])
                values.append(1.0 / len(question.tags))
    by_tag = sparse.csr_matrix((values, (rows, cols)), shape=(n, max(1, len(tags))))
    shared_tags = by_tag @ (by_tag > 0).T.astype(float)
    pages = {page: p for p, page in enumerate(sorted({q.page for q in questions}))}
    by_page = sparse.csr_matrix((np.ones(n), (np.arange(n), [pages[q.page] for q in questions])),
                                shape=(n, len(pages)))
    rows, cols, values = [], [], []
    for source, targets in edges.items():
        weight = 1 / math.sqrt(len(targets))  # a question linking to many says less about each
        for target in targets:
            if source in index and target in index:
                rows += [index[source], index[target]]
                cols += [index[target], index[source]]
                values += [weight, weight]
    links = sparse.csr_matrix((values, (rows, cols)), shape=(n, n))
    return (WEIGHTS["tag"] * shared_tags + WEIGHTS["page"] * (by_page @ by_page.T)
            + WEIGHTS["link"] * links).tocsr()


def _with_overrides(ids, row, question, limit) -> list[str]:
    """The list for a question whose meta pins or excludes questions (rule M6)."""
    related = question.related_overrides
    excluded = set(related.get("exclude") or []) | {question.id}
    pinned = [qid for qid in related.get("pin") or [] if qid not in excluded]
    ranked = sorted(range(len(ids)), key=lambda j: (-row[j], j))
    automatic = [ids[j] for j in ranked if np.isfinite(row[j]) and ids[j] not in excluded and ids[j] not in pinned]
    return (pinned + automatic)[:limit]
