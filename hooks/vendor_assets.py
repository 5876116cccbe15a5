"""Serve third-party assets from the site itself, copied at build from pinned packages (never committed).

MathJax comes from `django-static-mathjax` (MathJax 3.2.2): only the SVG output build, which needs no web
fonts and so also works offline and in the PDF, with the TeX extensions it may load on demand and its menu.
Only the SVG output build is copied (it needs no web fonts, so it also works offline and in the PDF), with
the TeX extensions it may load on demand and its menu.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import mathjax  # the `django-static-mathjax` package: MathJax 3.2.2, no Django needed

SOURCE = Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"
PARTS = ("tex-svg.js", "input/tex/extensions", "ui")


def on_post_build(config) -> None:
    target = Path(config.site_dir) / "assets" / "mathjax"
    for part in PARTS:
        source, destination = SOURCE / part, target / part
        if source.is_dir():
            shutil.copytree(source, destination, dirs_exist_ok=True)
        else:
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)
