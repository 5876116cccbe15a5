"""The optional online check of external links (rule L5): does each http(s) URL still answer?

Off by default and never part of the normal build: `CHECK_EXTERNAL_LINKS=1` turns it on. Each URL is asked
once (HEAD, then GET where a server refuses HEAD) with a timeout; the answers are kept in a JSON cache and a
URL is asked again only when its answer is older than `max_age` seconds.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .links import resolve_link
from .model import Problem
from .site import Site
from .sources import question_sources

DAY = 24 * 3600
USER_AGENT = "nlp-interview-handbook-link-check"


def external_urls(site: Site) -> dict[str, list[tuple[str, int]]]:
    """Each http(s) URL of the site, its questions' sources included -> the (page, line) places that link to it."""
    places: dict[str, list[tuple[str, int]]] = {}
    for page in site.pages.values():
        for link in page.links:
            target = resolve_link(site, page, link)
            if target.kind == "external" and target.path.startswith(("http://", "https://")):
                places.setdefault(target.path, []).append((page.path, link.line))
        for question in page.questions:
            for source in question_sources(question.meta):
                places.setdefault(source.link, []).append((page.path, question.meta_line))
    return places


def ask(url: str, timeout: float) -> str:
    """What is wrong with `url`: "" if it answers with a success status, else the reason."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout):
                return ""
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (403, 405, 501):
                continue  # some servers refuse HEAD only
            return f"HTTP {error.code}"
        except TimeoutError:
            return f"no answer within {timeout:g} s"
        except (urllib.error.URLError, OSError, ValueError) as error:
            reason = getattr(error, "reason", error)
            return f"no answer within {timeout:g} s" if isinstance(reason, TimeoutError) else f"unreachable ({reason})"
    return ""


def check_external(site: Site, cache_file: Path, *, timeout: float = 10.0, max_age: float = 7 * DAY,
                   workers: int = 8) -> list[Problem]:
    """A problem for every place that links to a URL that does not answer; the cache is updated."""
    try:
        cache = json.loads(cache_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        cache = {}  # no cache yet, or an unreadable one: ask again
    places = external_urls(site)
    now = time.time()
    stale = [url for url in places if now - cache.get(url, {}).get("checked", 0) > max_age]
    with ThreadPoolExecutor(workers) as pool:
        for url, problem in zip(stale, pool.map(lambda u: ask(u, timeout), stale)):
            cache[url] = {"problem": problem, "checked": now}
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    cache_file.write_text(json.dumps(cache, indent=1, sort_keys=True, ensure_ascii=False), encoding="utf-8")
    return sorted(Problem(path, line, f"external link '{url}' does not answer: {cache[url]['problem']}", "L5")
                  for url, where in places.items() if cache[url]["problem"] for path, line in where)
