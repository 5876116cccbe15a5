"""Resolve a link found in a page: where it points, and what is wrong with it (rules L1–L5)."""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import urlsplit

from .model import Link, Page
from .site import Site, resolve

LOCAL_PATH_RE = re.compile(r"^(?:[A-Za-z]:[\\/]|\\\\|~/|/(?:Users|home|root|tmp|mnt|var)/|file:)", re.I)
ALLOWED_SCHEMES = {"http", "https", "mailto"}


class Target(NamedTuple):
    """What a link resolves to. `problem` is set when it is broken."""

    kind: str  # "question", "page", "file", "external", "anchor", "broken"
    path: str = ""  # source page or file path relative to docs/
    anchor: str = ""
    question: str = ""  # id of the question the link points to, if any
    problem: str = ""
    rule: str = ""  # the rule the broken link breaks (qa/rules.py)


def resolve_link(site: Site, page: Page, link: Link) -> Target:
    """Resolve `link` in `page` (once: the checks and the cross-references both ask)."""
    # A question link means the same on every page.
    key = ("", link.target, link.is_image) if link.target.startswith("q:") else (page.path, link.target, link.is_image)
    target = site.resolved.get(key)
    if target is None:
        target = site.resolved[key] = _resolve(site, page, link)
    return target


def _resolve(site: Site, page: Page, link: Link) -> Target:
    target = link.target.strip()
    if not target:
        return Target("broken", problem="empty link target", rule="L2")
    if LOCAL_PATH_RE.match(target):
        return Target("broken", problem=f"local file path '{target}': put the file in docs/ and link it relatively",
                                rule="L4")
    if target.startswith("q:"):
        return _question_link(site, target[2:], link)
    scheme = urlsplit(target).scheme.lower() if ":" in target else ""
    if scheme and not re.match(r"^[a-z]:", target, re.I):
        return _external(target, scheme, link)
    if target.startswith("/"):
        return Target("broken", problem=f"absolute link '{target}': link the .md file with a relative path", rule="L2")
    path, _, anchor = target.partition("#")
    path = path.split("?")[0]
    if not path:
        return _anchor(site, page.source_path, page.lang, anchor)
    resolved = resolve(page.path, path)
    if resolved.startswith("../") or resolved == "..":
        return Target("broken", problem=f"'{target}' points outside docs/", rule="L2")
    if path.endswith("/") or resolved in site.files and resolved + "/index.md" in site.files:
        resolved = f"{resolved}/index.md"
    if resolved.endswith(".md"):
        if resolved not in site.pages:
            return Target("broken", problem=f"link to a page that does not exist: '{path}'", rule="L2")
        return _anchor(site, resolved, page.lang, anchor)
    if resolved not in site.files and resolved not in site.settings.generated:
        what = "image" if link.is_image else "file"
        return Target("broken", problem=f"{what} not found: '{path}' (looked for docs/{resolved})", rule="L3")
    return Target("file", resolved)


def _question_link(site: Site, qid: str, link: Link) -> Target:
    question = site.questions.get(qid)
    if link.is_image:
        return Target("broken", problem=f"'q:{qid}' is a question link, not an image", rule="L1")
    if not question:
        return Target("broken", problem=f"link to unknown question id '{qid}'", rule="L1")
    return Target("question", question.page, qid, qid)


def _external(target: str, scheme: str, link: Link) -> Target:
    if scheme not in ALLOWED_SCHEMES:
        return Target("broken", problem=f"'{scheme}:' links are not allowed; use https:// links only", rule="L5")
    if link.is_image:
        return Target("broken", problem=f"hotlinked image '{target}': save it under docs/assets/images/ "
                                        "(offline readers and the PDF cannot load it)", rule="L4")
    try:
        host = urlsplit(target).hostname
    except ValueError:
        host = None
    if scheme != "mailto" and (not host or re.search(r"\s", target)):
        return Target("broken", problem=f"malformed URL '{target}'", rule="L5")
    return Target("external", target)


def _anchor(site: Site, path: str, lang: str, anchor: str) -> Target:
    """A link to `path#anchor`: the anchor must exist on that page (in the reader's language)."""
    if not anchor:
        return Target("page", path)
    target_page = site.page(path, lang)
    if anchor in target_page.anchors:
        question = anchor if anchor in site.questions and site.questions[anchor].page == path else ""
        return Target("question" if question else "anchor", path, anchor, question)
    elsewhere = site.questions.get(anchor)
    if elsewhere:
        return Target("broken", problem=f"'#{anchor}' is not on {path}: question '{anchor}' is on {elsewhere.page}; "
                                        f"write [](q:{anchor})", rule="L1")
    return Target("broken", problem=f"anchor '#{anchor}' does not exist on {path}", rule="L2")
