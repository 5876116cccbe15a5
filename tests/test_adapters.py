"""Contract tests: what hooks/adapters.py and search.js take from inside mkdocs-static-i18n and Material for
MkDocs still holds for the pinned versions. An upgrade that changes one of them fails here, by name."""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path

import material
import pytest
from conftest import ROOT
from search_quality import result_ids
from mkdocs.config import load_config

import adapters

MATERIAL = Path(material.__file__).parent / "templates"


@pytest.fixture(scope="module")
def config():
    """The handbook's configuration as the build sees it once mkdocs-static-i18n has set itself up."""
    loaded = load_config(str(ROOT / "mkdocs.yml"))
    return loaded.plugins.on_config(loaded)


def test_static_i18n_tells_the_language_being_built_and_each_languages_folder_and_name(config):
    i18n = config.plugins["i18n"]
    assert i18n.current_language == "zh" and i18n.building is False
    assert isinstance(i18n.original_configs, dict)
    assert adapters.current_language(config) == "zh"
    assert adapters.built_languages(config) == {"zh": "", "zh-Hant": "zh-Hant/", "en": "en/"}
    assert adapters.site_name(config, "en") == "NLP & LLM Interview Handbook"
    assert adapters.site_name(config, "zh") == config.site_name
    assert adapters.building_another_language(config) is False


def test_material_names_its_offline_plugin_and_its_enabled_setting(config):
    assert adapters.offline_enabled(config) is False
    assert "enabled" in config.plugins["material/offline"].config


def test_materials_search_loads_jieba_in_its_on_config_from_the_settings_that_are_unset(config):
    search = config.plugins["material/search"]
    source = inspect.getsource(type(search).on_config)
    assert "self.config.jieba_dict_user" in source and "jieba.load_userdict" in source
    assert search.config.jieba_dict is None and search.config.jieba_dict_user is None  # the site's build unset them


def test_material_writes_the_language_alternates_that_are_taken_out_of_each_head():
    template = (MATERIAL / "base.html").read_text(encoding="utf-8")
    assert re.search(r'<link rel="alternate" href="[^"]*" hreflang="[^"]*">', template)
    page = ('<html><head>\n  <meta charset="utf-8">\n  <link rel="alternate" href="/" hreflang="zh">\n'
            '  <link rel="alternate" href="/en/" hreflang="en">\n  <link rel="alternate" type="application/rss+xml" '
            'href="feed.xml">\n</head><body><link rel="alternate" href="/" hreflang="zh"></body></html>')
    assert adapters.without_head_alternates(page) == (
        '<html><head>\n  <meta charset="utf-8">\n  <link rel="alternate" type="application/rss+xml" href="feed.xml">'
        '\n</head><body><link rel="alternate" href="/" hreflang="zh"></body></html>')


SCRIPTS = ROOT / "docs" / "assets" / "javascripts"


def test_material_js_numbers_the_messages_of_materials_search_worker_as_material_does():
    """search.js answers Material's search worker messages by number (material.js names them): the enum's order
    must not change."""
    bundle_map = next((MATERIAL / "assets" / "javascripts").glob("bundle.*.min.js.map"))
    source_map = json.loads(bundle_map.read_text(encoding="utf-8"))
    sources = dict(zip(source_map["sources"], source_map["sourcesContent"]))
    message = next(text for name, text in sources.items() if name.endswith("search/worker/message/index.ts"))
    members = re.search(r"enum SearchMessageType \{(.*?)\}", message, re.S).group(1)
    order = re.findall(r"^\s*([A-Z]+),?", re.sub(r"/\*.*?\*/", "", members), re.M)
    script = (SCRIPTS / "material.js").read_text(encoding="utf-8")
    declared = dict(re.findall(r"([A-Z]+): (\d)", re.search(r"messages: .*", script).group(0)))
    assert {name: str(number) for number, name in enumerate(order)} == declared
    base = (MATERIAL / "base.html").read_text(encoding="utf-8")
    assert re.search(re.search(r"worker: /(.*)/,", script).group(1), base)  # the worker's script, named there
    assert 'id="__search"' in (MATERIAL / "partials" / "header.html").read_text(encoding="utf-8") + base
    assert any('"search/search_index.json"' in text for text in sources.values())  # the index it requests


# What only material.js may name: Material's classes, the configuration it writes into a page, its page stream,
# its search toggle and worker.
MATERIAL_NAMES = re.compile(r"\.md-[a-z]|__config|document\$|__search|workers\\?/search|search_index\\?\.json")


def test_the_sites_scripts_take_what_they_use_of_material_from_material_js():
    scripts = [*SCRIPTS.glob("*.js"), *(ROOT / "hooks" / "qa").glob("*.js")]
    naming = {path.name: MATERIAL_NAMES.findall(re.sub(r"^\s*//.*$", "", path.read_text(encoding="utf-8"), flags=re.M))
              for path in scripts if path.name != "material.js"}
    assert len(naming) >= 6 and {name: found for name, found in naming.items() if found} == {}


FOUND = """() => Object.entries(material.find).filter(([name, selector]) => name === "sectionTitle"
    ? document.querySelector(material.find.section)?.querySelector(selector)
    : document.querySelector(selector)).map(([name]) => name)"""


@pytest.mark.browser
def test_every_element_material_js_names_is_in_the_built_site(open_page):
    """Each of Material's elements that material.js names is found on a topic page, once an answer with code is
    open and a query has been searched (the code bar and the results are drawn on demand); the tags of a result in
    the offline bundle, where Material's own search lists them."""
    page = open_page("/ml-basics/metrics/").page
    answer = page.locator("details:has(pre)").first
    answer.locator("summary").click()
    answer.locator("pre").first.scroll_into_view_if_needed()
    result_ids(page, "LoRA")
    names = page.evaluate("() => Object.keys(material.find)")
    assert set(names) - set(page.evaluate(FOUND)) == {"searchResultTags"}
    assert page.evaluate("() => typeof material.config().base") == "string"


@pytest.mark.browser
def test_the_offline_bundles_search_lists_the_tags_material_js_names(browser, offline_site):
    page = browser.new_page()
    page.goto((offline_site / "index.html").as_uri())
    result_ids(page, "LoRA")
    assert "searchResultTags" in page.evaluate(FOUND)
    page.close()
