"""The Chromium that prints the books and runs the browser tests: $HANDBOOK_CHROMIUM, else the first browser
found on PATH or in its usual place, else Debian's path (which may not exist: the caller says what to do)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable",  # on PATH, in this order
            "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",  # macOS
            "/Applications/Chromium.app/Contents/MacOS/Chromium")
DEBIAN = "/usr/bin/chromium"


def find_chromium() -> Path:
    if os.environ.get("HANDBOOK_CHROMIUM"):
        return Path(os.environ["HANDBOOK_CHROMIUM"])
    return Path(next(filter(None, map(shutil.which, BROWSERS)), DEBIAN))
