"""The optional online check of external links: HTTP status, timeout, cache; off in the default build.

A local server plays the outside world: /ok answers, /gone is 404, /no-head refuses HEAD but answers GET,
/slow answers too late."""

from __future__ import annotations

import http.server
import shutil
import threading
import time
from pathlib import Path

import pytest
from conftest import mkdocs_build

from qa.online import check_external
from qa.site import Settings, build_site

CORPUS = Path(__file__).parent / "bad_input"
HOOK = Path(__file__).parent.parent / "hooks" / "questions.py"


class World(http.server.BaseHTTPRequestHandler):
    asked: list[str] = []

    def answer(self, body: bool) -> None:
        World.asked.append(f"{self.command} {self.path}")
        if self.path == "/slow":
            time.sleep(1.5)
        status = {"/ok": 200, "/slow": 200, "/gone": 404, "/no-head": 405 if self.command == "HEAD" else 200}
        self.send_response(status.get(self.path, 404))
        self.send_header("Content-Length", "2")
        self.end_headers()
        if body:
            self.wfile.write(b"ok")

    def do_HEAD(self) -> None:
        self.answer(False)

    def do_GET(self) -> None:
        self.answer(True)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def world():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), World)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    World.asked = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def page_linking(*urls: str) -> str:
    return "# 外部链接\n\n" + "".join(f"见 [链接]({url})。\n\n" for url in urls)


def test_dead_and_slow_links_are_reported_at_their_line_and_cached(world, tmp_path):
    urls = [f"{world}/ok", f"{world}/gone", f"{world}/no-head", f"{world}/slow"]
    site = build_site({"links.md": page_linking(*urls)}, {"links.md"}, Settings())
    cache = tmp_path / "cache.json"
    expected = [f"links.md:5: external link '{world}/gone' does not answer: HTTP 404 (L5)",
                f"links.md:9: external link '{world}/slow' does not answer: no answer within 0.5 s (L5)"]
    assert [str(p) for p in check_external(site, cache, timeout=0.5)] == expected
    assert "GET /no-head" in World.asked  # HEAD refused, GET answered: not a problem
    asked = len(World.asked)
    assert [str(p) for p in check_external(site, cache, timeout=0.5)] == expected  # from the cache
    assert len(World.asked) == asked
    check_external(site, cache, timeout=0.5, max_age=0)  # too old: asked again
    assert len(World.asked) > asked


def test_the_build_checks_external_links_only_when_asked(world, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(CORPUS / "docs", project / "docs", ignore=shutil.ignore_patterns("broken"))
    config = (CORPUS / "mkdocs.yml").read_text(encoding="utf-8").replace("../../hooks/questions.py", str(HOOK))
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    index = project / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + f"\n参见 [外部页面]({world}/gone)。\n", encoding="utf-8")
    line = index.read_text(encoding="utf-8").count("\n")

    assert mkdocs_build(project / "mkdocs.yml", tmp_path / "site", cwd=project).returncode == 0
    assert World.asked == []  # the default build never goes online

    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "site", cwd=project, env={"CHECK_EXTERNAL_LINKS": "1"})
    assert result.returncode == 1
    assert "Traceback" not in result.output
    assert f"docs/index.md:{line}: external link '{world}/gone' does not answer: HTTP 404 (L5)" in result.output
    assert (project / ".cache" / "external-links.json").is_file()


def test_a_dead_source_is_reported_at_its_question_meta_block(world, tmp_path):
    page = ("# 来源\n\n## 一道题 {#cited}\n\n<!-- meta\ndifficulty: 1\nkind: [概念]\ntags: [注意力]\nsources:\n"
            f"  - {{url: \"{world}/gone\", title: \"A vanished page\", year: 2024}}\n-->\n\n"
            "??? success \"参考答案\"\n\n    答案。\n")
    site = build_site({"basics/cited.md": page}, {"basics/cited.md"}, Settings(tags={"注意力": ""}))
    assert [str(p) for p in check_external(site, tmp_path / "cache.json", timeout=0.5)] == \
        [f"basics/cited.md:5: external link '{world}/gone' does not answer: HTTP 404 (L5)"]
