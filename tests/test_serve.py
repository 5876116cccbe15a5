"""The edit loop of `scripts/serve`: a saved page shows in the served site, built quickly because only the
default language is built, the downloads are not made while serving, and a save builds only the saved page again. The server runs in a copy of the
project, so that docs/ is never touched; bench/edit_loop.py times the same steps."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from conftest import ROOT, free_port, project_copy

PAGE = "transformer/attention.md"  # it ends inside an answer: a sentence appended there is part of that answer
STARTUP = 300  # seconds for the first build, on a busy machine


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:  # the server holds requests during a build
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=120) as response:
        return response.read().decode("utf-8")


def served_copy(target: Path) -> Path:
    """A copy of the project that scripts/serve runs in as it is, with this project's .venv."""
    # scripts/serve reinstalls a .venv whose stamp (see scripts/env.sh) does not match the lock file: from a copy,
    # that would tie this project's .venv to the copy
    stamp = ROOT / ".venv" / ".installed"
    wanted = hashlib.sha256(b"".join((ROOT / name).read_bytes() for name in ("requirements.lock", "pyproject.toml")))
    if not stamp.is_file() or stamp.read_text().split() != [wanted.hexdigest()]:
        raise RuntimeError(".venv does not match requirements.lock: run scripts/serve or scripts/test once first")
    project_copy(target)
    (target / ".venv").symlink_to(ROOT / ".venv")
    return target


@contextlib.contextmanager
def serving(copy: Path, *args: str):
    """scripts/serve in `copy` on a free port (its log in serve.log); yields the site's address once it serves."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with open(copy / "serve.log", "w") as log:  # this --dev-addr follows scripts/serve's own, so it is the one used
        process = subprocess.Popen([str(copy / "scripts" / "serve"), "--dev-addr", f"127.0.0.1:{port}", *args],
                                   cwd=copy, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "SITE_URL": url})
    try:
        deadline = time.monotonic() + STARTUP
        while process.poll() is None and time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                if status(url) == 200:
                    break
            time.sleep(0.5)
        else:
            raise RuntimeError(f"scripts/serve did not serve {url}:\n{(copy / 'serve.log').read_text()}")
        time.sleep(1)  # the watcher takes its first look at docs/ in a thread of its own: an edit before it is missed
        yield url
    finally:
        process.send_signal(signal.SIGINT)  # Ctrl-C: mkdocs serve removes its temporary site
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def seconds_to_show_an_edit(copy: Path, url: str, source: str = PAGE, limit: float = 120) -> float:
    """Append a unique sentence to the last answer of a page (`source`, under docs/); seconds until the served page
    shows it."""
    marker = f"EDIT{uuid.uuid4().hex[:12]}"
    page = url + source.removesuffix(".md") + "/"
    start = time.monotonic()
    with open(copy / "docs" / source, "a", encoding="utf-8") as file:
        file.write(f"\n    补充一句：{marker}。\n")
    while marker not in fetch(page):
        if time.monotonic() - start > limit:
            raise AssertionError(f"{limit} s after saving docs/{source}, the served page does not show it")
        time.sleep(0.1)
    return time.monotonic() - start


def test_a_saved_page_shows_in_the_preview_and_only_simplified_chinese_is_built(tmp_path):
    copy = served_copy(tmp_path)
    with serving(copy) as url:
        assert [status(url + root) for root in ("zh-Hant/", "en/")] == [404, 404]
        assert status(url + "downloads/handbook-zh.apkg") == 404  # decks and CSVs are made by builds only
        assert json.loads(fetch(url + "search/search_index.json"))["docs"] == []  # nor a search index
        assert status(url + "pagefind/pagefind.js") == 404  # nor Pagefind's
        seconds_to_show_an_edit(copy, url)  # raises if the page does not show the edit; bench/edit_loop.py times it
        assert status(url + "pagefind/pagefind.js") == 404  # the rebuild after the edit is a preview too
    assert "A 'dirty' build is being performed" in (copy / "serve.log").read_text(encoding="utf-8")  # said once
