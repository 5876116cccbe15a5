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
    lint_parser = commands.add_parser("lint", help="Markdown style, Chinese copywriting and question schema")
    lint_parser.add_argument("--fix", action="store_true", help="rewrite what can be fixed automatically")
    lint_parser.add_argument("paths", nargs="*", type=Path, help="pages to lint (default: all of docs/)")
    args = parser.parse_args(argv)
    if args.command == "translation":
        return stamp(args.paths)
    if args.command == "lint":
        return run_lint(args.paths, args.fix)
    return 2


def run_lint(paths: list[Path], fix: bool) -> int:
    from .lint import lint  # the linters load slowly: only for this command
    findings = lint(Path.cwd(), paths or None, fix)
    for finding in findings:
        print(finding)
    print(f"{len(findings)} problem(s)" if findings else "no problems", file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
