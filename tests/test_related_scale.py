"""Related questions on a synthetic site of 10,000 questions (bench/graph_scaling.py: real answer sentences, one
real tag a question): a tag's size cut-off grows with the site, so shared tags still boost, and the truncated
posting lists still reach the closest questions. With the old cut-offs (a tag of more than 50 questions ignored,
10 postings per term) both tests fail: every one of the 55 tags has ~180 members."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from qa import related
from qa.related import WEIGHTS, boost_features, related_questions
from qa.site import Settings, build_site

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from graph_scaling import material, synthetic_sources  # noqa: E402

SIZE = 10_000
pytestmark = pytest.mark.xdist_group("related_scale")  # one worker builds the site once (~3 s)


@pytest.fixture(scope="module")
def site():
    sentences, tags = material()
    sources = synthetic_sources(SIZE, 0, sentences, tags)
    return build_site(sources, set(sources), Settings(tags={tag: tag for tag in tags}))


@pytest.fixture(scope="module")
def lists(site):
    return related_questions(site, overrides=False)


def test_shared_tags_still_boost_at_10000_questions(site, lists):
    questions = sorted(site.questions.values(), key=lambda q: q.id)
    first = questions[0]
    other = next(q for q in questions if q.tags == first.tags and q.page != first.page)
    left, right = boost_features(questions, {})
    assert (left[0] @ right[questions.index(other)].T).sum() == pytest.approx(WEIGHTS["tag"])  # was 0
    # And the lists show it: far more of the related questions share the question's tag than chance would have.
    tags = {q.id: q.tags[0] for q in questions}
    members = Counter(tags.values())
    chance = sum(size * (size - 1) for size in members.values()) / (SIZE * (SIZE - 1))  # ≈ 1/55
    pairs = [(qid, other) for qid, best in lists.items() for other in best]
    shared = sum(tags[a] == tags[b] for a, b in pairs) / len(pairs)
    assert shared > 4 * chance, f"{shared:.3f} of the related questions share the tag, chance {chance:.3f}"


def test_truncated_postings_still_find_the_closest_questions_at_10000_questions(site, lists, monkeypatch):
    monkeypatch.setattr(related, "postings", lambda matrix: matrix.T.tocsr())  # every question a term is in
    unlimited = related_questions(site, overrides=False)
    agree = sum(len(set(best) & set(unlimited[qid])) for qid, best in lists.items()) / sum(map(len, lists.values()))
    assert agree > 0.95, f"{agree:.3f} of the top-5 are those of unlimited posting lists"
