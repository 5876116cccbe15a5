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


def test_search_js_speaks_the_message_types_of_materials_search_worker():
    """search.js answers Material's search worker messages by number: the enum's order must not change."""
    bundle_map = next((MATERIAL / "assets" / "javascripts").glob("bundle.*.min.js.map"))
    source_map = json.loads(bundle_map.read_text(encoding="utf-8"))
    sources = dict(zip(source_map["sources"], source_map["sourcesContent"]))
    message = next(text for name, text in sources.items() if name.endswith("search/worker/message/index.ts"))
    members = re.search(r"enum SearchMessageType \{(.*?)\}", message, re.S).group(1)
    order = re.findall(r"^\s*([A-Z]+),?", re.sub(r"/\*.*?\*/", "", members), re.M)
    script = (ROOT / "docs" / "assets" / "javascripts" / "search.js").read_text(encoding="utf-8")
    declared = dict(re.findall(r"([A-Z]+) = (\d)", re.search(r"const SETUP = .*", script).group(0)))
    assert {name: str(number) for number, name in enumerate(order)} == declared
