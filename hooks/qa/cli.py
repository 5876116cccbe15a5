"""`handbook` command: tools for contributors (the scripts/ folder calls them)."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from .languages import LANGUAGES
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
    check_parser = commands.add_parser("check", help="every content check of the build, without building")
    check_parser.add_argument("docs", type=Path, nargs="?", default=DOCS, help="the docs folder (default: docs)")
    rules_parser = commands.add_parser("rules", help="the table of checked rules, as CONTRIBUTING shows it")
    rules_parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    lint_parser = commands.add_parser("lint", help="Markdown style, Chinese copywriting and question schema")
    lint_parser.add_argument("--fix", action="store_true", help="rewrite what can be fixed automatically")
    lint_parser.add_argument("paths", nargs="*", type=Path, help="pages to lint (default: all of docs/)")
    new = commands.add_parser("new-question", help="add a question skeleton to a topic page")
    new.add_argument("--page", help="topic page, e.g. transformer/attention")
    new.add_argument("--title", help="the question, as an interviewer would ask it")
    new.add_argument("--tags", help="one to three tags from docs/tags.yml, separated by commas")
    new.add_argument("--kind", default="概念", help="概念, 推导, 手撕代码, 对比 or 场景 (comma-separated)")
    new.add_argument("--difficulty", type=int, default=2, choices=(1, 2, 3))
    new.add_argument("--id", help="the question id (default: made from the title)")
    notes = commands.add_parser("import-notes", help="convert raw notes into the site's question format")
    notes.add_argument("notes", type=Path)
    notes.add_argument("--page", type=Path, help="write the result here (default: print it)")
    notes.add_argument("--title", help="page title (default: the notes' file name)")
    pdf_parser = commands.add_parser("pdf", help="the PDF of each language from a built site")
    pdf_parser.add_argument("site", type=Path, help="a site built by mkdocs build")
    pdf_parser.add_argument("--out", type=Path, default=Path("build/downloads"))
    pdf_parser.add_argument("--lang", action="append", choices=LANGUAGES, help="a language (default: all)")
    pdf_parser.add_argument("--version", default="dev")
    pdf_parser.add_argument("--by-section", action="store_true",
                            help="one PDF per top-level section (handbook-zh-01-ml-basics.pdf…) instead of one book")
    pdf_parser.add_argument("--section", action="append",
                            help="only this section, by its folder, e.g. ml-basics (implies --by-section)")
    epub_parser = commands.add_parser("epub", help="the EPUB of each language from a built site")
    epub_parser.add_argument("site", type=Path, help="a site built by mkdocs build")
    epub_parser.add_argument("--out", type=Path, default=Path("build/downloads"))
    epub_parser.add_argument("--lang", action="append", choices=LANGUAGES, help="a language (default: all)")
    epub_parser.add_argument("--version", default="dev")
    args = parser.parse_args(argv)
    if args.command == "translation":
        return stamp(args.paths)
    if args.command == "check":
        return check(args.docs)
    if args.command == "rules":
        from .rules import rule_table
        print(rule_table(args.lang))
        return 0
    if args.command == "lint":
        return run_lint(args.paths, args.fix)
    if args.command == "new-question":
        return new_question(args)
    if args.command == "import-notes":
        return import_notes(args)
    if args.command == "pdf":
        from .book import build_pdfs  # Chromium and fontTools: only for this command
        try:
            build_pdfs(args.site, args.out, args.lang or list(LANGUAGES), args.version,
                       log=lambda m: print(m, flush=True), by_section=args.by_section, only=args.section)
        except ValueError as error:
            print(f"handbook pdf: {error}", file=sys.stderr)
            return 2
        return 0
    if args.command == "epub":
        from .epub import build_epubs  # Chromium: only for this command
        build_epubs(args.site, args.out, args.lang or list(LANGUAGES), args.version, log=lambda m: print(m, flush=True))
        return 0
    return 2


def ask(value: str | None, prompt: str) -> str:
    """A command-line value, or the answer to a prompt when running in a terminal."""
    if value:
        return value
    if not sys.stdin.isatty():
        raise SystemExit(f"missing {prompt} (give it as an option)")
    return input(f"{prompt}: ").strip()


def new_question(args) -> int:
    from .authoring import add_question
    from .site import load_docs

    page = ask(args.page, "page (e.g. transformer/attention)")
    title = ask(args.title, "question title")
    tags = [t.strip() for t in ask(args.tags, "tags from docs/tags.yml, comma-separated").split(",") if t.strip()]
    kinds = [k.strip() for k in args.kind.split(",") if k.strip()]
    try:
        path, qid = add_question(DOCS, load_docs(DOCS), page, title, tags, kinds, args.difficulty, args.id)
    except ValueError as error:
        print(f"handbook new-question: {error}", file=sys.stderr)
        return 2
    print(f"{path}: added question '{qid}'; write its answer, then run scripts/lint and scripts/test")
    return 0


def import_notes(args) -> int:
    from .authoring import slug, unique_id
    from .importer import parse_notes, to_markdown
    from .site import load_docs

    result = parse_notes(args.notes.read_text(encoding="utf-8"))
    taken, ids = set(load_docs(DOCS).questions), []
    for n, question in enumerate(result.questions, 1):
        ids.append(unique_id(question.title, taken, f"{slug(args.notes.stem)}-{n}"))
        taken.add(ids[-1])
    page = to_markdown(result, args.title or args.notes.stem, ids)
    if args.page:
        args.page.write_text(page, encoding="utf-8")
        print(f"{args.page}: {len(result.questions)} questions", file=sys.stderr)
    else:
        print(page)
    report = result.report + ["tags are empty in every meta block: choose one to three from docs/tags.yml (M4)"]
    for line in report:
        print(f"{args.notes}:{line}", file=sys.stderr)
    return 0


def check(docs: Path) -> int:
    """The build's content checks (schema, links, translations) on a docs folder, as `path:line: message (rule)`:
    errors on stdout, failing; notices (a translation behind its source) on stderr, not failing (as in the build)."""
    from .checks import check_site
    from .rules import ERROR
    from .site import load_docs

    problems = check_site(load_docs(docs))
    errors = [problem for problem in problems if problem.severity == ERROR]
    for problem in problems:
        if problem.severity == ERROR:
            print(f"{docs.as_posix()}/{problem}")
        else:
            print(f"notice: {docs.as_posix()}/{problem}", file=sys.stderr)
    print(f"{len(errors)} problem(s)" if errors else "no problems", file=sys.stderr)
    return 1 if errors else 0


def run_lint(paths: list[Path], fix: bool) -> int:
    from .lint import lint  # the linters load slowly: only for this command
    findings = lint(Path.cwd(), paths or None, fix)
    for finding in findings:
        print(finding)
    print(f"{len(findings)} problem(s)" if findings else "no problems", file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
