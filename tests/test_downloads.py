"""The downloads, read back with real tools: the PDFs (pdftotext, pdffonts, pypdf), the offline bundle opened
from file:// in Chromium, and the Anki decks and CSVs."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, require_chromium, which
from pages import LANGUAGE_ROOTS, RAW_TEX, language_of, printed
from pypdf import PdfReader

from qa.book import EDITIONS
from qa.languages import converter
from qa.plain import MATH_RE
from qa.site import load_docs
from qa.sources import question_sources

SITE = load_docs(ROOT / "docs")
FONTS = {"zh": "NotoSansCJKsc", "zh-Hant": "NotoSansCJKtc", "en": "NotoSansCJKsc"}


@pytest.fixture(scope="session")
def pdfs(site, tmp_path_factory) -> dict[str, Path]:
    """The whole book made by `handbook pdf` (the step scripts/pdf runs), in a process of its own like on the
    command line (it drives its own Chromium). In Simplified Chinese only: the other languages' books are printed
    by the same code, and their volumes below (every language, one section) check what differs between them."""
    which("pdftotext")
    require_chromium()
    out = tmp_path_factory.mktemp("downloads")
    made = subprocess.run([sys.executable, "-m", "qa.cli", "pdf", str(site), "--out", str(out), "--version", "test",
                           "--lang", "zh"], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")})
    assert made.returncode == 0, made.stderr
    assert made.stdout.strip(), "no progress shown"
    return {"zh": out / "handbook-zh.pdf"}


def pdf_text(path: Path) -> str:
    return subprocess.run([which("pdftotext"), "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def in_language(text: str, lang: str) -> str:
    return converter(lang)(text)


def titles(lang: str) -> list[str]:
    """The question titles of a language, without their formulas (those are drawn, not text)."""
    return [in_language(MATH_RE.sub("", SITE.question_title(qid, lang)), lang) for qid in SITE.questions]


def openings(questions) -> list[str]:
    """The opening words of each answer (default language), as they are printed."""
    runs = [re.search(r"[\u4e00-\u9fff，、；]{8,}", MATH_RE.sub("", q.answer)) for q in questions]
    return [run.group(0) for run in runs if run]


def outline_pages(path: Path) -> list[int]:
    """The page number of each outline entry of a PDF, in document order."""
    reader = PdfReader(path)
    numbers: list[int] = []

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                numbers.append(reader.get_destination_page_number(item) + 1)
    walk(reader.outline)
    return numbers


def outline(path: Path) -> dict[int, list[str]]:
    """The titles of a PDF's outline by depth (1: sections, 2: pages, 3: questions)."""
    levels: dict[int, list[str]] = {1: [], 2: [], 3: []}

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                levels.setdefault(depth, []).append(squeeze(item.title))
    walk(PdfReader(path).outline, 1)
    return levels


def links(path: Path) -> tuple[int, list[str]]:
    """The number of links inside a PDF and the addresses of those leading out."""
    internal, external = 0, []
    for page in PdfReader(path).pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            action = annotation["/A"].get_object() if "/A" in annotation else {}
            if "/Dest" in annotation or action.get("/S") == "/GoTo":
                internal += 1
            elif action.get("/S") == "/URI":
                external.append(str(action["/URI"]))
    return internal, external


def assert_real_cjk_fonts(path: Path, lang: str) -> None:
    """No Type 3 font, and the CJK font of the edition embedded."""
    fonts = subprocess.run([which("pdffonts"), str(path)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert not [row for row in rows if "Type" in row and "3" in row], fonts
    cjk = [row for row in rows if FONTS[lang] in row[0]]
    assert cjk and all(row[-5] == "yes" for row in cjk), fonts  # embedded


@pytest.mark.pdf
@pytest.mark.parametrize("lang", ["zh"])
def test_the_pdf_holds_every_question_and_its_answer(pdfs, lang):
    text = squeeze(pdf_text(pdfs[lang]))
    missing = [title for title in titles(lang) if squeeze(title) not in text]
    assert missing == []
    cited = sum(bool(question_sources(q.meta)) for q in SITE.questions.values())  # each cited answer ends so
    assert text.count(squeeze(SOURCES_LABEL[lang])) >= cited
    # answers: the opening words of every default-language answer are in the Chinese book
    if lang == "zh":
        assert [run for run in openings(SITE.questions.values()) if run not in text] == []


@pytest.mark.pdf
@pytest.mark.parametrize("lang", ["zh"])
def test_the_pdf_outline_has_every_section_page_and_question(pdfs, lang):
    levels = outline(pdfs[lang])
    sections = [p for p in SITE.source_pages if p.path.endswith("/index.md")]
    assert len(levels[1]) >= len(sections)
    pages = {squeeze(in_language(SITE.page_title(p.path, lang), lang)) for p in SITE.source_pages if "/" in p.path}
    assert pages <= set(levels[2])
    entries = " ".join(levels[3])
    assert [t for t in titles(lang) if squeeze(t) not in entries] == []
    first = outline_pages(pdfs[lang])[0]  # the contents stand between the cover and the first heading
    contents = subprocess.run([which("pdftotext"), "-l", str(first - 1), str(pdfs[lang]), "-"], capture_output=True,
                              text=True, check=True).stdout
    assert "√" in contents and not RAW_TEX.findall(contents)  # a title's formula in plain text (√d_k), not TeX


@pytest.mark.pdf
@pytest.mark.parametrize("lang", ["zh"])
def test_the_pdf_has_no_blank_page_and_links_inside_and_out(pdfs, lang):
    reader = PdfReader(pdfs[lang])
    texts = pdf_text(pdfs[lang]).split("\f")  # pdftotext ends each page with a form feed
    assert len(texts) >= len(reader.pages)
    blank = [n + 1 for n, page in enumerate(reader.pages)
             if not re.sub(r"\d+", "", texts[n]).strip() and "/XObject" not in page["/Resources"]]
    assert blank == []
    internal, external = links(pdfs[lang])
    assert internal >= len(SITE.questions) and external


VOLUMES = ("finetuning",)  # a short section: the whole Simplified book is printed too


@pytest.fixture(scope="session")
def volumes(site, tmp_path_factory) -> dict[tuple[str, str], Path]:
    """The volume of a section in every language, made by `handbook pdf --section` as `--by-section` makes
    every one."""
    which("pdftotext")
    require_chromium()
    out = tmp_path_factory.mktemp("volumes")
    options = [option for key in VOLUMES for option in ("--section", key)]
    made = subprocess.run([sys.executable, "-m", "qa.cli", "pdf", str(site), "--out", str(out), "--version", "test",
                           *options], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")})
    assert made.returncode == 0, made.stderr
    found = {}
    for path in sorted(out.iterdir()):  # numbered in the order of the navigation, named by the section's folder
        lang, key = re.fullmatch(r"handbook-(.+)-\d\d-(.+)\.pdf", path.name).groups()
        found[lang, key] = path
    assert sorted(found) == sorted((lang, key) for lang in EDITIONS for key in VOLUMES)
    return found


@pytest.mark.pdf
@pytest.mark.parametrize("lang", list(EDITIONS))
@pytest.mark.parametrize("key", VOLUMES)
def test_a_volume_is_the_book_of_its_section_only_in_its_language(volumes, site_url, key, lang):
    path, edition = volumes[lang, key], EDITIONS[lang]
    section = in_language(SITE.page_title(f"{key}/index.md", lang), lang)
    own = [q for q in SITE.questions.values() if q.page.split("/")[0] == key]
    others = [q for q in SITE.questions.values() if q.page.split("/")[0] != key]
    own_titles = [squeeze(in_language(MATH_RE.sub("", SITE.question_title(q.id, lang)), lang)) for q in own]
    pages = pdf_text(path).split("\f")
    text = squeeze("".join(pages))
    assert own and [title for title in own_titles if title not in text] == []
    if lang == "zh":  # the opening words of its answers, not of other sections' (their titles may show as links)
        assert [run for run in openings(own) if run not in text] == []
        assert [run for run in openings(others) if run in text] == []
    assert squeeze(edition.title) in squeeze(pages[0]) and squeeze(section) in squeeze(pages[0])  # the cover
    assert PdfReader(path).metadata.title == f"{edition.title} · {section}"
    levels = outline(path)
    assert levels[1] == [squeeze(section)] and sorted(levels[3]) == sorted(own_titles)
    # the contents, with the page each entry of the outline lands on
    assert squeeze(pages[1]).startswith(squeeze(edition.words["contents"]))
    assert [int(n) for n in re.findall(r"\S\s+(\d+)\s*$", pages[1], re.M)] == outline_pages(path)
    assert_real_cjk_fonts(path, lang)
    # links to the questions of other sections lead to the site, not to the server the volume was printed from
    internal, external = links(path)
    local = [url for url in external if url.startswith("http://127.0.0.1")]
    assert internal >= len(own) and [url for url in local if not url.startswith(site_url)] == []
    assert len(local) > 1 or lang != "zh"


@pytest.mark.browser
def test_the_offline_bundle_searches_renders_and_prints_math_from_file(browser, offline_site, tmp_path):
    from search_quality import result_ids

    page = browser.new_page()
    requests = []
    page.on("request", lambda r: r.url.startswith("file:") or requests.append(r.url))
    page.goto((offline_site / "index.html").as_uri())
    assert "vanishing-exploding-gradients" in result_ids(page, "梯度消失")[:3]
    page.goto((offline_site / "transformer" / "attention.html").as_uri())
    page.wait_for_function("() => window.handbookMath")
    formulas, rendered = page.evaluate("""async () => { await window.handbookMath.all()
        return [document.querySelectorAll('article .arithmatex').length,
                document.querySelectorAll('article .arithmatex mjx-container').length] }""")
    assert formulas > 10 and rendered == formulas
    page.reload()  # printed before any formula was seen: none prints as it was typed
    page.wait_for_function("() => window.MathJax.typeset")
    assert not RAW_TEX.findall(printed(page, tmp_path / "page.pdf"))
    assert requests == []
    page.close()


XREF_RE = re.compile(r'<div class="qa-xref"[^>]*>(.*?)</div>', re.S)


def test_the_offline_bundles_cross_references_lead_to_questions_in_their_language(offline_site):
    """The hooks write the cross-references' links themselves (MkDocs does not rewrite them): in the bundle, whose
    pages are files, each leads to a question of a page in the same language."""
    ids, checked = {}, 0
    for page in sorted(offline_site.glob("**/*.html")):
        for box in XREF_RE.findall(page.read_text(encoding="utf-8")):
            for href in re.findall(r'href="([^"]+)"', box):
                path, _, anchor = href.partition("#")
                target = (page.parent / path).resolve()
                assert target.is_file() and target.suffix == ".html", f"{page}: {href}"
                assert language_of(offline_site, target) == language_of(offline_site, page), f"{page}: {href}"
                if target not in ids:
                    ids[target] = set(re.findall(r'<h2 id="([^"]+)"', target.read_text(encoding="utf-8")))
                assert anchor in ids[target], f"{page}: {href}"
                checked += 1
    assert checked > 3 * len(SITE.questions)


def test_only_a_build_asked_for_them_makes_the_decks_and_csvs(site, offline_site):
    """scripts/pdf's build makes them (HANDBOOK_DECKS, as the suite's site build does); no other build spends time
    on them: the offline bundle's, the preview (tests/test_serve.py)."""
    assert (site / "downloads" / "handbook-zh.apkg").is_file() and (site / "downloads" / "handbook-en.csv").is_file()
    assert [path.name for path in offline_site.rglob("handbook-*") if path.suffix in (".apkg", ".csv")] == []


def test_the_offline_bundle_keeps_practice_marks_and_expands_answers(browser, offline_site):
    page = browser.new_page()
    page.goto((offline_site / "transformer" / "attention.html").as_uri())
    page.click("[data-qid='why-scale-sqrt-dk'] button[value='review']")
    page.reload()
    page.wait_for_selector("[data-qid='why-scale-sqrt-dk'] button[value='review'][aria-pressed='true']")
    page.click(".qa-toolbar button:has-text('展开全部')")
    assert page.eval_on_selector_all("article details", "all => all.length > 5 && all.every(d => d.open)")
    page.close()


SOURCES_LABEL = {"zh": "参考资料", "zh-Hant": "參考資料", "en": "References"}
DECK_NAMES = {"zh": "NLP 与大模型面试手册", "zh-Hant": "NLP 與大模型面試手冊", "en": "NLP & LLM Interview Handbook"}


def anki_notes(site: Path, lang: str) -> list[tuple]:
    with zipfile.ZipFile(site / "downloads" / f"handbook-{lang}.apkg") as deck:
        data = deck.read("collection.anki2")
    path = site.parent / f"collection-{lang}.anki2"
    path.write_bytes(data)
    with sqlite3.connect(path) as db:
        notes = db.execute("select guid, flds from notes").fetchall()
        decks = db.execute("select decks from col").fetchone()[0]
    return notes, decks


@pytest.mark.parametrize("lang", list(EDITIONS))
def test_the_anki_deck_has_every_question_stable_ids_and_a_subdeck_per_section(site, lang):
    notes, decks = anki_notes(site, lang)
    assert len(notes) == len(SITE.questions)
    assert len({guid for guid, _ in notes}) == len(notes)
    assert any("\\(" in fields for _, fields in notes)  # formulas stay LaTeX for Anki's MathJax
    sections = {p.path.split("/")[0] for p in SITE.source_pages if p.questions}
    names = [deck["name"] for deck in json.loads(decks).values() if "::" in deck["name"]]
    assert len(names) >= len(sections)
    assert all(name.startswith(DECK_NAMES[lang] + "::") for name in names), names
    cited = [fields for _, fields in notes if 'class="qa-sources"' in fields]
    assert len(cited) == sum(bool(question_sources(q.meta)) for q in SITE.questions.values())
    assert all(SOURCES_LABEL[lang] in fields and 'href="https://' in fields for fields in cited)


CJK_BREAK_RE = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]\n\s*[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")


@pytest.mark.parametrize("lang", list(EDITIONS))
def test_decks_and_csvs_read_as_the_site_does_and_link_into_their_language(site, site_url, lang):
    notes, _ = anki_notes(site, lang)
    text = (site / "downloads" / f"handbook-{lang}.csv").read_text(encoding="utf-8-sig")
    answers = [fields for _, fields in notes] + [row["answer"] for row in csv.DictReader(io.StringIO(text))]
    # a line break inside a Chinese paragraph shows as a stray space (the site joins those lines)
    breaks = [match.group(0) for answer in answers for paragraph in re.findall(r"<p>(.*?)</p>", answer, re.S)
              for match in CJK_BREAK_RE.finditer(paragraph)]
    assert not breaks, breaks[:5]
    links = {url for answer in answers for url in re.findall(r'href="([^"]+)"', answer) if url.startswith(site_url)}
    root = site_url + LANGUAGE_ROOTS[lang]
    others = [site_url + r for code, r in LANGUAGE_ROOTS.items() if r and code != lang]
    assert len(links) > 20
    assert [url for url in links if not url.startswith(root) or url.startswith(tuple(others))] == []


def test_an_edited_answer_keeps_its_anki_note_id(tmp_path):
    """Re-importing a newer deck updates the cards: the note id comes from the question id only."""
    import markdown

    from language import LABELS
    from qa.export import apkg_bytes, cards

    render = markdown.Markdown(extensions=["pymdownx.arithmatex", "pymdownx.superfences"]).convert
    before = cards(SITE, "zh", LABELS["zh"], render, lambda source: f"https://example.org/{source}")
    edited = load_docs(ROOT / "docs")
    question = next(iter(edited.questions.values()))
    question.answer += "\n\n补充一句。"
    after = cards(edited, "zh", LABELS["zh"], render, lambda source: f"https://example.org/{source}")
    guids = []
    for found in (before, after):
        path = tmp_path / f"deck{len(guids)}.apkg"
        path.write_bytes(apkg_bytes(found, "Handbook", "zh", []))
        with zipfile.ZipFile(path) as deck:
            (tmp_path / "c.anki2").write_bytes(deck.read("collection.anki2"))
        with sqlite3.connect(tmp_path / "c.anki2") as db:
            guids.append(dict(db.execute("select guid, flds from notes").fetchall()))
    assert guids[0].keys() == guids[1].keys()
    assert guids[0] != guids[1]  # the content changed, the ids did not


@pytest.mark.parametrize("lang", list(EDITIONS))
def test_the_csv_lists_every_question_with_its_answer(site, lang):
    text = (site / "downloads" / f"handbook-{lang}.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {row["id"] for row in rows} == set(SITE.questions)
    assert all(len(row["answer"]) > 100 for row in rows)
    cited = {row["id"]: row["sources"].split("\n") for row in rows if row["sources"]}
    assert cited == {qid: [in_language(source.text(), lang) for source in question_sources(q.meta)]
                     for qid, q in SITE.questions.items() if question_sources(q.meta)}
