"""`handbook` command: tools for contributors (the scripts/ folder calls them)."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from .model import digest, source_path
from .translation import KEY

DOCS = Path("docs")


def stamp(paths: list[str]) -> int:
    """Record in each translation which version of its Chinese source it translates (rule T2)."""
    for name in paths:
        path = Path(name)
        source = path.with_name(Path(source_path(path.name)).name)
        if path == source or not source.exists():
            print(f"{path}: not a translation of an existing page (expected {source})", file=sys.stderr)
            return 1
        text = path.read_text(encoding="utf-8")
        line = f"{KEY}: {digest(source.read_text(encoding='utf-8'))}"
        if text.startswith("---\n"):
            head, _, body = text[4:].partition("\n---\n")
            head = re.sub(rf"^{KEY}:.*\n?", "", head + "\n", flags=re.M).rstrip("\n")
            text = f"---\n{head}\n{line}\n---\n{body}" if head else f"---\n{line}\n---\n{body}"
        else:
            text = f"---\n{line}\n---\n\n{text}"
        path.write_text(text, encoding="utf-8")
        print(f"{path}: {line}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="handbook", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    translation = commands.add_parser("translation", help="translation bookkeeping")
    translation_commands = translation.add_subparsers(dest="action", required=True)
    stamp_parser = translation_commands.add_parser("stamp", help="mark translations as up to date with their source")
    stamp_parser.add_argument("paths", nargs="+", help="translated pages, e.g. docs/llm/overview.en.md")
    args = parser.parse_args(argv)
    if args.command == "translation":
        return stamp(args.paths)
    return 2


if __name__ == "__main__":
    sys.exit(main())
