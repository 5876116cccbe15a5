"""Simplified -> Traditional Chinese with OpenCC, plus the project's own fixes (qa/languages.py says which
language uses which OpenCC configuration)."""

from __future__ import annotations

import re
from pathlib import Path

import opencc

PLACEHOLDER_RE = re.compile("\ue000(\\d+)\ue001")
FIXES_FILE = Path(__file__).resolve().parent.parent / "opencc_fixes.txt"


class Converter:
    """OpenCC with protected phrases: each is swapped for a placeholder OpenCC leaves alone, then restored
    as the fixed Traditional form. One regular expression finds every phrase in one pass (where two start at the
    same place, the longer wins), and another restores them."""

    def __init__(self, config: str, fixes: dict[str, str]):
        self.opencc = opencc.OpenCC(config)
        sources = sorted(fixes, key=len, reverse=True)
        self.placeholders = {source: f"\ue000{i}\ue001" for i, source in enumerate(sources)}
        self.targets = [fixes[source] for source in sources]
        self.protected = re.compile("|".join(map(re.escape, sources))) if sources else None

    def __call__(self, text: str) -> str:
        if self.protected:
            text = self.protected.sub(lambda match: self.placeholders[match.group(0)], text)
        text = self.opencc.convert(text)
        return PLACEHOLDER_RE.sub(lambda match: self.targets[int(match.group(1))], text)


def read_fixes(path: Path) -> dict[str, str]:
    """`simplified<TAB>traditional` lines; `#` starts a comment line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t", 1) for line in lines if line.strip() and not line.startswith("#"))

