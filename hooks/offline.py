"""The offline bundle (`HANDBOOK_OFFLINE=true`, made by scripts/pdf): a site that works opened from file://.

Material's offline plugin inlines the search index and turns directory URLs off. This hook adds what it needs
besides: the `iframe-worker` shim, which runs the search worker from file://, copied from the npm package
pinned in package-lock.json and named in extra.polyfills before the plugin looks (or the plugin would add a
CDN address); and no instant navigation, which cannot fetch pages from file://.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from adapters import offline_enabled

SHIM = Path("node_modules") / "iframe-worker" / "shim" / "index.js"  # relative to the project
SHIM_TARGET = "assets/javascripts/iframe-worker.js"


@event_priority(100)  # before Material's offline plugin
def on_config(config):
    if offline_enabled(config):
        config.extra["polyfills"] = [SHIM_TARGET]
        config.theme["features"] = [f for f in config.theme["features"] if not f.startswith("navigation.instant")]
    return config


def on_post_build(config) -> None:
    if not offline_enabled(config):
        return
    shim = Path(config.config_file_path).parent / SHIM
    if not shim.exists():
        raise PluginError(f"{SHIM} is missing: run `npm ci` (scripts/pdf does) to build the offline bundle")
    shutil.copy2(shim, Path(config.site_dir) / SHIM_TARGET)
