"""Shared fixtures: one strict build of the real site, a local server for it, and Debian's Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@dataclass
class Build:
    site: Path
    output: str
    returncode: int


def mkdocs_build(config: Path, site_dir: Path, *extra: str, cwd: Path = ROOT) -> Build:
    """Run a real `mkdocs build --strict` and collect its output."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config),
                             "-d", str(site_dir), *extra], cwd=cwd, capture_output=True, text=True, env=env)
    return Build(site_dir, result.stdout + result.stderr, result.returncode)


@pytest.fixture(scope="session")
def build(tmp_path_factory) -> Build:
    """The real site, built once for the whole test session."""
    return mkdocs_build(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("site") / "site")


@pytest.fixture(scope="session")
def site(build) -> Path:
    if build.returncode:
        pytest.fail(f"the strict build failed:\n{build.output}")
    return build.site


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(site):
    """The built site served on 127.0.0.1 (a random free port)."""
    handler = functools.partial(QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def require_chromium() -> None:
    """Skip browser tests where Chromium is missing, except in CI, where that is a failure."""
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is missing: install Debian's chromium (scripts/test does)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Watched:
    """A page plus what it did: console errors and requests to other origins."""

    page: object
    errors: list
    foreign_requests: list


@pytest.fixture
def open_page(browser, server):
    """Open a path of the served site in a fresh context, recording errors and foreign requests."""
    contexts = []

    def open_(path: str, width: int = 1280, height: int = 900) -> Watched:
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        watched = Watched(page, [], [])
        page.on("console", lambda m: m.type == "error" and watched.errors.append(m.text))
        page.on("pageerror", lambda e: watched.errors.append(str(e)))
        page.on("request", lambda r: r.url.startswith((server, "data:", "blob:"))
                or watched.foreign_requests.append(r.url))
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
        return watched

    yield open_
    for context in contexts:
        context.close()


def which(tool: str) -> str:
    path = shutil.which(tool)
    if not path:
        pytest.fail(f"{tool} is missing (scripts/test installs it)")
    return path
