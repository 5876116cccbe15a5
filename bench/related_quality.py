"""Quality of the automatic "相关问题" lists against hand-written follow-ups (tests/data/related_labels.tsv):
precision@3 and recall@5, without the per-question overrides (pin/exclude) in the pages."""

from __future__ import annotations

import csv
import sys

from common import ROOT

from qa.related import related_questions
from qa.site import load_docs

LABELS = ROOT / "tests" / "data" / "related_labels.tsv"


def labels() -> dict[str, set[str]]:
    with LABELS.open(encoding="utf-8") as file:
        rows = csv.DictReader((line for line in file if not line.startswith("#")), delimiter="\t")
        return {row["question_id"]: set(row["follow_ups"].split(",")) for row in rows}


def evaluate(site=None) -> dict:
    site = site or load_docs(ROOT / "docs")
    automatic = related_questions(site, overrides=False)
    truth = labels()
    precision = [len(set(automatic[q][:3]) & follow) / 3 for q, follow in truth.items()]
    recall = [len(set(automatic[q][:5]) & follow) / min(5, len(follow)) for q, follow in truth.items()]
    return {"questions": len(truth), "precision@3": sum(precision) / len(precision),
            "recall@5": sum(recall) / len(recall), "automatic": automatic, "truth": truth}


def report(result: dict | None = None) -> str:
    result = result or evaluate()
    return "\n".join(["| labelled questions | precision@3 | recall@5 |", "| ---: | ---: | ---: |",
                      f"| {result['questions']} | {result['precision@3']:.3f} | {result['recall@5']:.3f} |"])


if __name__ == "__main__":
    result = evaluate()
    if "-v" in sys.argv:
        for qid, follow in result["truth"].items():
            top = result["automatic"][qid][:5]
            print(f"{qid}: {' '.join(('+' if q in follow else '-') + q for q in top)}")
    print(report(result))
