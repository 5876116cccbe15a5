"""Serve MathJax from the site itself, copied at build from a pinned package (never committed).

MathJax 3.2.2 comes from the `django-static-mathjax` wheel: only the SVG output build (it needs no web fonts,
so it also works offline and in the PDF), the TeX extensions it may load on demand, and its menu.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import mathjax  # the `django-static-mathjax` package: MathJax 3.2.2, no Django needed

MATHJAX = Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"
PARTS = ("tex-svg.js", "input/tex/extensions", "ui")


def on_post_build(config) -> None:
    for part in PARTS:
        source, destination = MATHJAX / part, Path(config.site_dir) / "assets" / "mathjax" / part
        if source.is_dir():
            shutil.copytree(source, destination, dirs_exist_ok=True)
        else:
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)
