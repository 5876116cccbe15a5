"""Shared fixtures: one strict build of the real site, a local server for it, and a Chromium to view it in."""

from __future__ import annotations

import fcntl
import functools
import io
import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from qa.browser import find_chromium

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@dataclass
class Build:
    site: Path
    output: str
    returncode: int


def mkdocs_build(config: Path, site_dir: Path, *extra: str, cwd: Path = ROOT, env: dict | None = None) -> Build:
    """Run a real `mkdocs build --strict` and collect its output."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config),
                             "-d", str(site_dir), *extra], cwd=cwd, capture_output=True, text=True, env=env)
    return Build(site_dir, result.stdout + result.stderr, result.returncode)


def project_copy(target: Path) -> Path:
    """A copy of the project as a fresh clone has it once set up: the files git tracks or would track, and the
    npm packages installed (linked)."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split("\n")
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    (target / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return target


# When the suite runs in parallel (scripts/test: pytest-xdist, --dist loadgroup), the tests that share an expensive
# fixture run in the same worker, so that it is made once.
SHARED_FIXTURES = {"pdfs": "pdf", "volumes": "volumes", "offline_site": "offline", "epubs": "epub", "mirror": "mirror",
                   "edited": "edited"}


@pytest.hookimpl(wrapper=True)  # a wrapper's first half runs before every plain hook, pytest-xdist's included
def pytest_collection_modifyitems(items):
    for item in items:
        groups = [SHARED_FIXTURES[name] for name in item.fixturenames if name in SHARED_FIXTURES]
        if groups:
            item.add_marker(pytest.mark.xdist_group(groups[0]))
    return (yield)


SITE_PATH = "/handbook"  # the path of site_url in mkdocs.yml: the site is served where it is published


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


RUN = "HANDBOOK_TEST_RUN"  # set by the controller of a test run for its workers: {"folder": …, "url": …}


def pytest_configure(config):
    """The controller of a test run (pytest-xdist's, or pytest itself without workers) makes a folder for what its
    workers share and serves the site built there for the whole run: one build, one server, whichever worker asks."""
    if hasattr(config, "workerinput"):
        return
    folder = Path(tempfile.mkdtemp(prefix="handbook-tests-"))
    httpd, url = serve(folder / "site", free_port())
    os.environ[RUN] = json.dumps({"folder": str(folder), "url": url + "/"})  # the workers start after this
    config.add_cleanup(lambda: (httpd.shutdown(), shutil.rmtree(folder, ignore_errors=True)))


def shared_folder() -> Path:
    return Path(json.loads(os.environ[RUN])["folder"])


def once_per_run(name: str, make):
    """What `make()` returns (JSON), made once per test run: by the first worker to ask, while the others wait."""
    folder = shared_folder()
    with (folder / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        saved = folder / f"{name}.json"
        if not saved.exists():
            saved.write_text(json.dumps(make()), encoding="utf-8")
        return json.loads(saved.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def site_url() -> str:
    """Where the site is served. Like `mkdocs serve`, the build is told this address, so that Material's instant
    navigation recognises the site's own links (it compares them with the site map)."""
    return json.loads(os.environ[RUN])["url"]


@pytest.fixture(scope="session")
def build(site_url) -> Build:
    """The real site, built once per test run, where the controller serves it."""
    site = shared_folder() / "site"
    made = once_per_run("site", lambda: vars(mkdocs_build(ROOT / "mkdocs.yml", site, env={
        "SITE_URL": site_url, "HANDBOOK_DECKS": "true"})) | {"site": str(site)})
    return Build(site, made["output"], made["returncode"])


@pytest.fixture(scope="session")
def site(build) -> Path:
    if build.returncode:
        pytest.fail(f"the strict build failed:\n{build.output}")
    return build.site


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory) -> Path:
    """The offline bundle, zipped as scripts/pdf zips it and unpacked again."""
    built = mkdocs_build(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("offline") / "site",
                         env={"HANDBOOK_OFFLINE": "true"})
    assert built.returncode == 0, built.output
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as bundle:
        for path in built.site.rglob("*"):
            bundle.write(path, path.relative_to(built.site))
    target = tmp_path_factory.mktemp("unpacked")
    zipfile.ZipFile(archive).extractall(target)
    return target


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site under `base` (SITE_PATH, or "" for a domain root), and nothing else."""

    base = SITE_PATH

    def translate_path(self, path):
        if not path.startswith(self.base + "/"):
            return "/nonexistent"
        return super().translate_path(path[len(self.base):])

    def log_message(self, *args):
        pass


class Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a browser leaving a page drops its requests
            super().handle_error(request, client_address)


def serve(directory: Path, port: int = 0, base: str = SITE_PATH):
    handler = functools.partial(type("Handler", (SiteHandler,), {"base": base}), directory=str(directory))
    httpd = Server(("127.0.0.1", port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}{base}"


@pytest.fixture(scope="session")
def server(site, site_url):
    """The built site, served at the address it was built for (by the controller of the run)."""
    return site_url.removesuffix("/")


# A language added as CONTRIBUTING says: one entry in the registry and one in mkdocs.yml. Hong Kong phrasing
# (OpenCC's s2hk) differs from Taiwan's: 数据 is 數據 there and 資料 in the zh-Hant edition.
ADDED_LANGUAGE = """
LANGUAGES["zh-HK"] = Language("zh-HK", name="繁體中文（香港）", names={"zh": "港繁", "en": "Traditional Chinese (HK)"},
                              title="NLP 與大模型面試手冊", subtitle="面試題與參考答案", locale="zh_HK", tag="zh-HK",
                              font="Noto Sans CJK HK", source="zh", converted_by="s2hk")
"""
ADDED_LANGUAGE_CONFIG = """        - locale: zh-HK
          name: 繁體中文（香港）
          site_name: NLP 與大模型面試手冊
          theme:
            language: zh-Hant
"""


@dataclass
class Edited(Build):
    added: list[subprocess.CompletedProcess]  # what each `handbook new-question` did


def handbook(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """`handbook` (qa/cli.py) run in the project at `cwd`, as a contributor runs it."""
    return subprocess.run([sys.executable, "-m", "qa.cli", *args], cwd=cwd, capture_output=True, text=True,
                          env={"PYTHONPATH": str(cwd / "hooks"), "PATH": "/usr/bin:/bin"})


@pytest.fixture(scope="session")
def edited(tmp_path_factory) -> Edited:
    """A copy of the project as contributors changed it, built once (the changes are independent): two questions
    added with `handbook new-question`, a Chinese page changed after its translation, one translation gone, and a
    language added."""
    copy = project_copy(tmp_path_factory.mktemp("edited"))
    added = [handbook("new-question", "--page", "transformer/attention", "--title", "什么是 FlashAttention？",
                      "--tags", "注意力", "--kind", "概念", cwd=copy),
             handbook("new-question", "--page", "transformer/attention", "--title", "FlashAttention 的第二问？",
                      "--tags", "注意力", cwd=copy)]
    with (copy / "hooks" / "qa" / "languages.py").open("a", encoding="utf-8") as registry:
        registry.write(ADDED_LANGUAGE)
    config = (copy / "mkdocs.yml").read_text(encoding="utf-8")
    (copy / "mkdocs.yml").write_text(config.replace("  - offline:", ADDED_LANGUAGE_CONFIG + "  - offline:", 1),
                                     encoding="utf-8")
    changed = copy / "docs" / "rag" / "retrieval.md"
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("\n\n## ", "\n\n补充一句导语。\n\n## ", 1), encoding="utf-8")
    (copy / "docs" / "python" / "language.en.md").unlink()
    built = mkdocs_build(copy / "mkdocs.yml", copy / "site", cwd=copy, env={"HANDBOOK_DECKS": "true"})
    return Edited(built.site, built.output, built.returncode, added)


def require_chromium() -> Path:
    """The browser; skip browser tests where it is missing, except in CI, where that is a failure."""
    chromium = find_chromium()
    if chromium.is_file():
        return chromium
    message = (f"no browser at {chromium}: install Chromium or Google Chrome (scripts/test installs Debian's "
               "chromium), or set HANDBOOK_CHROMIUM to its executable")
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    executable = require_chromium()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
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

    def open_(path: str, width: int = 1280, height: int = 900, **options) -> Watched:
        """`options` go to the browser context, e.g. color_scheme="dark"."""
        context = browser.new_context(viewport={"width": width, "height": height}, **options)
        contexts.append(context)
        page = context.new_page()
        watched = Watched(page, [], [])
        page.on("console", lambda m: m.type == "error" and watched.errors.append(m.text))
        page.on("pageerror", lambda e: watched.errors.append(str(e)))
        origin = server[:server.index("/", len("http://"))]
        page.on("request", lambda r: r.url.startswith((origin + "/", "data:", "blob:"))
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
