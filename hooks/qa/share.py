"""What a shared link and a search engine see of a page: a description (the page's opening paragraph), the
questions as schema.org structured data, and a share card image per section."""

from __future__ import annotations

import io
import json
import re
import textwrap

from .parse import classify_lines
from .plain import plain_title

DESCRIPTION_LENGTH = 160  # characters; longer descriptions are cut by search engines and chat apps anyway
ANSWER_LENGTH = 500  # the structured data carries the start of each answer, not all of it
LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
MARKUP_RE = re.compile(r"\*\*|__|`|<[^>]+>|\{[#.][^}]*\}")
CJK_SPACE_RE = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef])")
SKIPPED_RE = re.compile(r"\s*(#|<|!!!|\?\?\?|\||```|~~~|\$\$|--8<--)")  # not paragraph text


def plain_text(markdown: str) -> str:
    """Markdown of a paragraph as one line of plain text: links keep their text, formulas their plain form."""
    text = re.sub(r"\s+", " ", MARKUP_RE.sub("", plain_title(LINK_RE.sub(lambda m: m.group(1), markdown))))
    return CJK_SPACE_RE.sub("", text).strip()  # a line break between Chinese characters is no space


def opening(markdown: str, length: int = 0, after_title: bool = False) -> str:
    """The first paragraph of text (after the page's `# title`), as Markdown; with `length`, further paragraphs
    and display formulas (as plain text) until that many characters are collected."""
    lines = markdown.split("\n")
    kinds = classify_lines(lines)
    collected: list[str] = []
    started = not after_title
    for line, kind in zip(lines, kinds):
        if not started:
            started = kind == "text" and line.startswith("# ")
            continue
        if kind == "math" and collected and length:
            collected.append(plain_title(f"${line.strip().strip('$')}$") if line.strip().strip("$") else "")
        elif kind == "text" and line.strip() and not SKIPPED_RE.match(line):
            collected.append(line.strip())
        elif collected and (not length or len(" ".join(collected)) >= length or kind == "code"):
            break
    return " ".join(part for part in collected if part)


def shorten(text: str, length: int) -> str:
    """Cut at a sentence or word boundary near `length`, marking the cut with an ellipsis."""
    if len(text) <= length:
        return text
    cut = text[:length]
    stop = max(cut.rfind(mark) for mark in "。；！？.;!?")
    if stop >= length // 2:
        return cut[:stop + 1]
    space = cut.rfind(" ")
    return (cut[:space] if space >= length // 2 else cut).rstrip(" ，,、") + "…"


def description(markdown: str) -> str:
    return shorten(plain_text(opening(markdown, after_title=True)), DESCRIPTION_LENGTH)


def faq_json_ld(url: str, questions: list[tuple[str, str, str]]) -> str:
    """schema.org FAQPage data for (id, title, answer Markdown) questions, safe inside a <script> element."""
    data = {"@context": "https://schema.org", "@type": "FAQPage", "url": url, "mainEntity": [
        {"@type": "Question", "name": plain_title(title), "url": f"{url}#{qid}",
         "acceptedAnswer": {"@type": "Answer", "text": shorten(plain_text(opening(answer, ANSWER_LENGTH)),
                                                               ANSWER_LENGTH)}}
        for qid, title, answer in questions]}
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


CARD_SIZE = (1200, 630)  # the Open Graph image size most apps show in full
INK, PAPER, ACCENT = (255, 255, 255), (63, 81, 181), (197, 202, 233)  # Material's indigo


def share_card(site_name: str, section: str, font_path: str, font_index: int = 0) -> bytes:
    """A PNG card with the site's name and the section's title, drawn with a local CJK font (`font_index`: the
    face in a font collection)."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", CARD_SIZE, PAPER)
    draw = ImageDraw.Draw(image)
    small, large = (ImageFont.truetype(font_path, size, index=font_index) for size in (44, 96))
    draw.text((80, 80), site_name, font=small, fill=ACCENT)
    width = 18 if re.search(r"[\u4e00-\u9fff]", section) else 30  # characters per line
    draw.multiline_text((80, 220), "\n".join(textwrap.wrap(section, width)[:3]), font=large, fill=INK, spacing=24)
    draw.rectangle((80, 540, 240, 552), fill=ACCENT)
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()
