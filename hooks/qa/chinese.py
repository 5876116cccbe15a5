"""Simplified -> Traditional Chinese with OpenCC, plus the project's own fixes (qa/languages.py says which
language uses which OpenCC configuration)."""

from __future__ import annotations

from pathlib import Path

import opencc

FIXES_FILE = Path(__file__).resolve().parent.parent / "opencc_fixes.txt"


class Converter:
    """OpenCC with protected phrases: each is swapped for a placeholder OpenCC leaves alone, then restored
    as the fixed Traditional form."""

    def __init__(self, config: str, fixes: dict[str, str]):
        self.opencc = opencc.OpenCC(config)
        self.fixes = sorted(fixes.items(), key=lambda item: -len(item[0]))

    def __call__(self, text: str) -> str:
        for i, (source, _) in enumerate(self.fixes):
            text = text.replace(source, f"\ue000{i}\ue001")
        text = self.opencc.convert(text)
        for i, (_, target) in enumerate(self.fixes):
            text = text.replace(f"\ue000{i}\ue001", target)
        return text


def read_fixes(path: Path) -> dict[str, str]:
    """`simplified<TAB>traditional` lines; `#` starts a comment line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t", 1) for line in lines if line.strip() and not line.startswith("#"))

