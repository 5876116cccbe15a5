"""The site works wherever it is published: under a sub-path (GitHub Pages, /handbook/) and at a domain root (a
mirror, published by scripts/mirror). Each build is served at the address it was built for and crawled: every
internal link and asset of every page answers, no link leaves the base path, and the absolute addresses
(canonical, Open Graph, sitemap, robots.txt) are that address."""

from __future__ import annotations

import os
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from html import unescape
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urljoin, urlsplit
from urllib.request import urlopen

import pytest
from conftest import ROOT, free_port, serve
from search_quality import result_ids

REFERENCE_RE = re.compile(r"""\s(?:href|src)=["']([^"']+)["']""")
ABSOLUTE_RE = re.compile(r"""<link rel="canonical" href="([^"]+)"|<meta property="og:(?:url|image)" content="([^"]+)\"""")


@pytest.fixture(scope="module")
def mirror(tmp_path_factory):
    """The site as scripts/mirror publishes it, to a directory, for an address at a domain root; served there."""
    port = free_port()
    target = tmp_path_factory.mktemp("mirror")
    env = {**os.environ, "MIRROR_URL": f"http://127.0.0.1:{port}/", "MIRROR_TARGET": f"{target}/"}
    published = subprocess.run([str(ROOT / "scripts" / "mirror")], cwd=ROOT, env=env, capture_output=True, text=True)
    assert published.returncode == 0, published.stdout + published.stderr
    httpd, url = serve(target, port, base="")
    yield target, url + "/"
    httpd.shutdown()


@pytest.fixture(params=["sub-path", "root"])
def hosted(request, site, server, mirror) -> tuple[Path, str]:
    return (site, server + "/") if request.param == "sub-path" else mirror


def status(url: str) -> int:
    try:
        with urlopen(url, timeout=10) as response:
            return response.status
    except HTTPError as error:
        return error.code


def test_every_link_and_asset_answers_within_the_base_path(hosted):
    site, base = hosted
    origin = base[:base.index("/", len("http://"))]
    targets, escaping = set(), set()
    for html in site.rglob("*.html"):
        relative = html.relative_to(site).as_posix()
        address = base + re.sub(r"(^|/)index\.html$", r"\1", relative)
        for reference in REFERENCE_RE.findall(html.read_text(encoding="utf-8")):
            url = urljoin(address, unescape(reference)).split("#")[0]
            if url.startswith(base):
                targets.add(url.split("?")[0])
            elif url.startswith(origin):
                escaping.add((relative, reference))  # resolves on this host but outside the site
    assert len(targets) > 200
    assert not escaping, sorted(escaping)[:10]
    with ThreadPoolExecutor(8) as pool:
        failed = [(url, code) for url, code in zip(sorted(targets), pool.map(status, sorted(targets))) if code != 200]
    assert not failed, failed[:10]


def test_absolute_addresses_are_the_address_the_site_is_published_at(hosted):
    site, base = hosted
    found = [url for html in site.rglob("*.html") if html.name != "404.html"
             for match in ABSOLUTE_RE.findall(html.read_text(encoding="utf-8")) for url in match if url]
    sitemap = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    robots = re.findall(r"^Sitemap: (\S+)$", (site / "robots.txt").read_text(encoding="utf-8"), re.M)
    assert len(found) > 300 and len(sitemap) > 100 and robots
    assert [url for url in [*found, *sitemap, *robots] if not url.startswith(base)] == []
    assert all(status(url) == 200 for url in robots + sitemap[:5])


def test_the_footer_links_the_same_page_on_every_other_host(hosted):
    site, base = hosted
    footer = (site / "en" / "transformer" / "attention" / "index.html").read_text(encoding="utf-8")
    others = re.findall(r'<div class="handbook-hosts">(.*?)</div>', footer, re.S)[0]
    links = re.findall(r'href="([^"]+)"', others)
    assert links and all(link.endswith("/en/transformer/attention/") and not link.startswith(base) for link in links)


@pytest.mark.browser
def test_search_formulas_and_the_language_switcher_load_at_the_domain_root(browser, mirror):
    site, base = mirror
    page = browser.new_page(viewport={"width": 390, "height": 844})
    failed = []
    page.on("response", lambda response: response.status >= 400 and failed.append(response.url))
    page.goto(base + "transformer/attention/")
    assert "why-scale-sqrt-dk" in result_ids(page, "为什么除以根号dk")[:5]
    page.keyboard.press("Escape")
    page.evaluate("() => window.handbookMath.all()")
    assert page.evaluate("() => document.querySelectorAll('article mjx-container').length") > 100
    page.goto(base + "zh-Hant/")
    result_ids(page, "梯度消失")
    assert failed == [] and urlsplit(page.url).path == "/zh-Hant/"
    page.close()
