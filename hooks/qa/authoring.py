"""`handbook new-question`: add a question skeleton to a topic page, with a unique id and a valid meta block."""

from __future__ import annotations

import re
from pathlib import Path

from .checks import KINDS
from .site import Site, is_topic_page

WORD_RE = re.compile(r"[A-Za-z][A-Za-z0-9]*")


def slug(text: str) -> str:
    """Lowercase ASCII letters, digits and '-', starting with a letter (rule S3)."""
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].strip("-")
    return text if re.match(r"[a-z]", text) else f"q-{text}".strip("-")


def unique_id(title: str, taken, fallback: str) -> str:
    """An id from the title's Latin words ("什么是 FlashAttention？" -> "flashattention"), else `fallback`;
    numbered if `taken` (a collection of ids) has it already."""
    words = WORD_RE.findall(title)[:5]
    stem = slug("-".join(words)) if words else slug(fallback)
    candidate, n = stem, 2
    while candidate in taken:
        candidate, n = f"{stem}-{n}", n + 1
    return candidate


def question_block(qid: str, title: str, tags: list[str], kinds: list[str], difficulty: int,
                   answer_title: str = "参考答案") -> str:
    return (f"## {title} {{#{qid}}}\n\n"
            f"<!-- meta\ndifficulty: {difficulty}\nkind: [{', '.join(kinds)}]\ntags: [{', '.join(tags)}]\n-->\n\n"
            f'??? success "{answer_title}"\n\n'
            f"    **结论**：（先用一两句话给出结论，再展开原因、推导和例子。）\n")


def add_question(docs: Path, site: Site, page: str, title: str, tags: list[str], kinds: list[str],
                 difficulty: int, qid: str | None = None) -> tuple[Path, str]:
    """Append a question to docs/<page>.md; return the file and the id. Raises ValueError on bad input."""
    page = page.removesuffix(".md").removeprefix("docs/")
    path = docs / f"{page}.md"
    if not path.exists():
        topics = sorted(p.path[:-3] for p in site.source_pages if is_topic_page(p.path))
        raise ValueError(f"there is no page docs/{page}.md; topic pages: {', '.join(topics)}")
    unknown = [t for t in tags if t not in site.settings.tags]
    if unknown or not 1 <= len(tags) <= 3:
        raise ValueError(f"give one to three tags from docs/tags.yml; unknown: {', '.join(unknown) or '-'}")
    if not kinds or set(kinds) - set(KINDS):
        raise ValueError(f"kind must be one or more of {', '.join(KINDS)}")
    if difficulty not in (1, 2, 3):
        raise ValueError("difficulty must be 1, 2 or 3")
    qid = qid or unique_id(title, site.questions, Path(page).name)
    if qid in site.questions:
        raise ValueError(f"the id '{qid}' is taken (by {site.questions[qid].page})")
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(f"{text}\n\n{question_block(qid, title, tags, kinds, difficulty)}", encoding="utf-8")
    return path, qid
