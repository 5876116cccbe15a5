"""Cross-references: explicit links between questions, backlinks, and "related questions" by content.

Similarity is TF-IDF cosine over character bigrams of Chinese text plus Latin words (fast, and a classic
match for word-level retrieval quality in Chinese), boosted by shared tags, explicit links and the same page.
A question keeps its TERMS_PER_DOC strongest terms and a term reaches its POSTINGS_PER_TERM strongest questions,
so each question is compared with a bounded number of others: the work grows linearly with the site.

Which tags and terms say little is decided by shares of the site (with a floor of FEW), not absolute numbers: as
the site grows, so do a term's and a tag's questions (at 10,000 questions a cap of 50 members dropped every tag).
"""

from __future__ import annotations

import math
import re
import string
from collections import Counter, defaultdict

import numpy as np
from scipy import sparse

from .links import resolve_link
from .site import Site

CJK_RE = re.compile(r"[\u3400-\u9fff]+")
WORD_RE = re.compile(r"(?<![\\A-Za-z0-9+#.])[A-Za-z][A-Za-z0-9+#.]*[A-Za-z0-9+#]")
CODE_RE = re.compile(r"```.*?```|`[^`\n]*`", re.S)
WEIGHTS = {"tag": 0.12, "link": 0.2, "page": 0.05}  # added to the cosine similarity
HEAD_WEIGHT = 3
WORD_KEYS = 1 << 37  # above every key of CJK characters
DOC_BITS = 25  # up to 2**25 texts
TERMS_PER_DOC = 60
FEW = 10  # the shares below never cut at fewer questions than this (on a small site a share is a handful)
MAX_DF = 0.1  # terms in more than this share of the questions say little about any of them
# A term reaches this many questions: on synthetic sites of 10,000 questions 10 postings kept a quarter of the
# top-5 out of reach (74% of the lists without a limit), 100 keep nearly all, and the work stays linear
POSTINGS_PER_TERM = 100
TAG_SHARE = 0.2  # a tag shared by more than this share of the questions says little about any two of them (the
# largest tag of today's 234 questions has 15%; a count of 50 dropped every tag of a site of 10,000)
MAX_RELATED = 5
CHUNK = 1000  # rows of the similarity matrix computed at a time


def tokens(text: str) -> list[str]:
    """Character bigrams of CJK runs (the character itself for one-character runs) and lowercased Latin words
    (not LaTeX commands): the terms of the similarity. `term_counts` computes the same, vectorized."""
    out = []
    for run in CJK_RE.findall(text):
        out.extend([run] if len(run) == 1 else [run[i:i + 2] for i in range(len(run) - 1)])
    return out + [word.lower() for word in WORD_RE.findall(text)]


def term_counts(texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """(document, term, count) triples of `tokens` over all texts at once, and the number of terms.

    Works on the code points with numpy. A term is first a key: two code points, one code point, or a Latin
    word's number above WORD_KEYS; terms are numbered in key order."""
    joined = "\x00".join(texts)
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    document = np.repeat(np.arange(len(texts), dtype=np.int64), [len(text) + 1 for text in texts])[:len(codes)]
    cjk = (codes >= 0x3400) & (codes <= 0x9FFF)
    pair = cjk[:-1] & cjk[1:]
    alone = cjk & ~np.r_[False, cjk[:-1]] & ~np.r_[cjk[1:], False]
    starts, ends = _latin_words(codes)
    lowered = joined.lower()
    if len(lowered) != len(joined):  # a character such as İ lowers to two and would shift the offsets
        lowered = joined.translate(ASCII_LOWER)
    words: dict[str, int] = {}
    word_ids = np.array([words.setdefault(lowered[a:b], len(words)) for a, b in zip(starts, ends)], dtype=np.int64)
    keys = np.concatenate(((codes[:-1][pair].astype(np.int64) << 21) | codes[1:][pair], codes[alone],
                           word_ids + WORD_KEYS))
    docs = np.concatenate((document[:-1][pair], document[alone], document[starts]))
    pairs = np.sort((keys << DOC_BITS) | docs)  # by term, then document
    first = np.diff(pairs, prepend=-1) != 0
    counts = np.diff(np.r_[np.flatnonzero(first), len(pairs)])
    pairs = pairs[first]
    keys = pairs >> DOC_BITS
    terms = np.cumsum(np.diff(keys, prepend=-1) != 0) - 1
    return pairs & ((1 << DOC_BITS) - 1), terms, counts, int(terms[-1]) + 1 if len(terms) else 0


ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)

# Character classes of ASCII for finding Latin words: OTHER, BACKSLASH, DOT, DIGIT (and + #), LETTER.
ASCII_CLASS = np.array([4 if chr(c).isalpha() else 3 if chr(c).isdigit() or chr(c) in "+#" else
                        2 if chr(c) == "." else 1 if chr(c) == "\\" else 0 for c in range(128)], dtype=np.uint8)


def _latin_words(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and end offsets of the matches of WORD_RE: runs of [A-Za-z0-9+#.] that start with a letter,
    follow no backslash, and are at least two characters long without their trailing dots."""
    kind = np.where(codes < 128, ASCII_CLASS[np.minimum(codes, 127)], 0)
    in_word = kind >= 2
    starts = np.flatnonzero(in_word & ~np.r_[False, in_word[:-1]])
    ends = np.flatnonzero(in_word & ~np.r_[in_word[1:], False]) + 1
    keep = (kind[starts] == 4) & (kind[np.maximum(starts - 1, 0)] != 1)
    starts, ends = starts[keep], ends[keep]
    while True:  # drop trailing dots
        dots = kind[ends - 1] == 2
        if not dots.any():
            break
        ends = ends - dots
    long_enough = ends - starts >= 2
    return starts[long_enough], ends[long_enough]


def question_texts(question) -> tuple[str, str]:
    """What a question is about: its title, keywords and tags (they weigh HEAD_WEIGHT times more), and its
    answer without code."""
    return " ".join([question.title] + question.keywords + question.tags), CODE_RE.sub(" ", question.answer)


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


def similarity_matrix(heads: list[str], bodies: list[str]) -> sparse.csr_matrix:
    """Row-normalised TF-IDF matrix (sublinear tf) of heads and bodies, keeping each document's strongest terms."""
    n = len(heads)
    rows, cols, counts, size = term_counts(heads + bodies)
    tf = sparse.coo_matrix((np.where(rows < n, HEAD_WEIGHT, 1) * counts, (rows % n, cols)), shape=(n, size)).tocsr()
    rows, cols, counts = np.repeat(np.arange(n), np.diff(tf.indptr)), tf.indices, tf.data
    df = np.bincount(cols, minlength=size)
    specific = df[cols] <= max(FEW, MAX_DF * n)
    rows, cols, counts = rows[specific], cols[specific], counts[specific]
    weights = (1 + np.log(counts)) * np.log((1 + n) / (1 + df[cols]))
    keep = _strongest(rows, weights, TERMS_PER_DOC)
    rows, cols, weights = rows[keep], cols[keep], weights[keep]
    norms = np.sqrt(np.bincount(rows, weights=weights ** 2, minlength=n))
    weights = weights / np.where(norms > 0, norms, 1.0)[rows]
    return sparse.csr_matrix((weights, (rows, cols)), shape=(n, size))


def postings(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """The terms' posting lists (terms × documents), each cut to the POSTINGS_PER_TERM documents the term
    weighs most in."""
    by_term = matrix.T.tocsr()
    terms = np.repeat(np.arange(by_term.shape[0]), np.diff(by_term.indptr))
    keep = _strongest(terms, by_term.data, POSTINGS_PER_TERM)
    return sparse.csr_matrix((by_term.data[keep], (terms[keep], by_term.indices[keep])), shape=by_term.shape)


def _strongest(groups: np.ndarray, values: np.ndarray, k: int) -> np.ndarray:
    """Mask of the k largest of the non-negative values in each group (on a tie, the earlier entries)."""
    order = np.argsort(groups - values / (2 * values.max(initial=0) or 1), kind="stable")  # within [g - ½, g]
    sizes = np.bincount(groups)
    rank = np.empty(len(groups), dtype=np.int64)
    rank[order] = np.arange(len(groups)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    return rank < k


def related_questions(site: Site, edges: dict[str, set[str]] | None = None,
                      limit: int = MAX_RELATED, overrides: bool = True) -> dict[str, list[str]]:
    """Question id -> up to `limit` related question ids, best first; deterministic; never itself."""
    questions = sorted(site.questions.values(), key=lambda q: q.id)
    if not questions:
        return {}
    edges = links_between_questions(site) if edges is None else edges
    ids = [q.id for q in questions]
    n = len(ids)
    heads, bodies = zip(*map(question_texts, questions))
    matrix = similarity_matrix(list(heads), list(bodies))
    left, right = boost_features(questions, edges)
    left = sparse.hstack([matrix, left], format="csr")
    right = sparse.vstack([postings(matrix), right.T], format="csr")
    result = {}
    for start in range(0, n, CHUNK):
        scores = (left[start:start + CHUNK] @ right).tocsr()
        for i, best in enumerate(_best_of_rows(scores, start, limit).tolist(), start):
            if overrides and questions[i].related_overrides:
                row = scores.getrow(i - start)
                dense = np.full(n, -np.inf)
                dense[row.indices] = row.data
                dense[i] = -np.inf
                result[ids[i]] = _with_overrides(ids, dense, questions[i], limit)
            else:
                result[ids[i]] = [ids[j] for j in best if j >= 0]
    return result


def _best_of_rows(scores: sparse.csr_matrix, start: int, limit: int) -> np.ndarray:
    """Columns of the `limit` highest scores of each row (rows are questions start, start + 1, …), never its
    own; best first, ties by column; -1 where a row has fewer. One pass over all rows per place in the lists."""
    count = scores.shape[0]
    rows = np.repeat(np.arange(count), np.diff(scores.indptr))
    columns = scores.indices.astype(np.int64)
    values = np.where(columns == rows + start, -np.inf, scores.data)
    nonempty = np.diff(scores.indptr) > 0
    firsts = scores.indptr[:-1][nonempty]
    none = np.iinfo(np.int64).max
    best = np.full((count, limit), -1, dtype=np.int64)
    for place in range(limit):
        highest = np.full(count, -np.inf)
        highest[nonempty] = np.maximum.reduceat(values, firsts)
        candidate = (values == highest[rows]) & np.isfinite(values)
        first = np.full(count, none)
        first[nonempty] = np.minimum.reduceat(np.where(candidate, columns, none), firsts)
        found = first < none
        best[found, place] = first[found]
        values[candidate & (columns == first[rows])] = -np.inf
    return best


def boost_features(questions, edges) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """Score boosts as extra features: the dot product of row i of the first matrix and row j of the second
    is what i gains from j for shared tags, the same page and an explicit link between them."""
    n = len(questions)
    index = {q.id: i for i, q in enumerate(questions)}
    tag_lists = [q.tags for q in questions]
    members = Counter(tag for tags in tag_lists for tag in tags)
    specific = [tag for tag, size in members.items() if size <= max(FEW, TAG_SHARE * n)]
    tags = {tag: t for t, tag in enumerate(sorted(specific))}
    pages = {page: p for p, page in enumerate(sorted({q.page for q in questions}), len(tags))}
    by_tag = [(i, tags[tag], WEIGHTS["tag"] / len(question_tags))
              for i, question_tags in enumerate(tag_lists) for tag in question_tags if tag in tags]
    links = [(index[source], index[target], WEIGHTS["link"] / math.sqrt(len(targets)))  # a question linking to
             for source, targets in sorted(edges.items()) if source in index  # many says less about each
             for target in sorted(targets) if target in index]
    tag_rows, tag_features, tag_weights = np.array(by_tag, dtype=float).reshape(-1, 3).T
    sources, targets, link_weights = np.array(links, dtype=float).reshape(-1, 3).T
    first_link = len(tags) + len(pages)
    link_features = np.arange(first_link, first_link + len(links))  # one feature per link, for both directions
    rows = np.concatenate((tag_rows, np.arange(n), sources, targets)).astype(np.int64)
    features = np.concatenate((tag_features, [pages[q.page] for q in questions], link_features, link_features))
    weights = np.concatenate((tag_weights, np.full(n, WEIGHTS["page"]), link_weights, link_weights))
    cells, shape = (rows, features.astype(np.int64)), (n, first_link + len(links))
    # A feature of the first matrix has the weight, of the second 1.
    return sparse.csr_matrix((weights, cells), shape=shape), sparse.csr_matrix((np.ones(len(rows)), cells), shape=shape)


def _with_overrides(ids, row, question, limit) -> list[str]:
    """The list for a question whose meta pins or excludes questions (rule M6)."""
    related = question.related_overrides
    excluded = set(related.get("exclude") or []) | {question.id}
    pinned = [qid for qid in related.get("pin") or [] if qid not in excluded]
    ranked = sorted(range(len(ids)), key=lambda j: (-row[j], j))
    automatic = [ids[j] for j in ranked if np.isfinite(row[j]) and ids[j] not in excluded and ids[j] not in pinned]
    return (pinned + automatic)[:limit]
