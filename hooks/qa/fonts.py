"""Fonts for the PDF: the CJK face of an edition (Simplified or Traditional glyph shapes), cut down to the
characters the book uses and converted to TrueType outlines.

Chromium embeds TrueType fonts as real CID fonts, but turns OpenType/CFF fonts such as Noto Sans CJK into
Type 3 bitmaps-of-paths (blurry text, large files). fontTools does the subsetting and the conversion of the
cubic CFF curves into quadratic TrueType ones.
"""

from __future__ import annotations

import base64
import functools
import io
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, newTable

NOTO_CJK = Path("/usr/share/fonts/opentype/noto")
MAX_ERROR = 1.0  # font units: how far the quadratic curves may stray from the cubic ones


@functools.cache  # reading a collection's names takes a while
def face_index(collection: Path, family: str) -> int:
    """The position of a font family (e.g. "Noto Sans CJK SC") in a .ttc collection."""
    for index, font in enumerate(TTCollection(str(collection)).fonts):
        if font["name"].getDebugName(1) == family:
            return index
    raise LookupError(f"{family} is not in {collection} (install Debian's fonts-noto-cjk)")


def face(collection: Path, family: str):
    """One font of a .ttc collection, by family name."""
    return TTCollection(str(collection)).fonts[face_index(collection, family)]


def to_truetype(font) -> None:
    """Replace the font's CFF outlines by TrueType (glyf) outlines, in place."""
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in font.getGlyphOrder():
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))
        glyphs[name] = pen.glyph()
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font["glyf"] = newTable("glyf")
    font["glyf"].glyphOrder = font.getGlyphOrder()
    font["glyf"].glyphs = glyphs
    font["loca"] = newTable("loca")
    font["maxp"].tableVersion = 0x00010000
    for key in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(font["maxp"], key, {"maxZones": 1}.get(key, 0))
    font["maxp"].maxComponentDepth = 0
    font["head"].indexToLocFormat = 0
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 2.0
    font["post"].extraNames = []
    font["post"].mapping = {}
    font["post"].glyphOrder = font.getGlyphOrder()
    font.sfntVersion = "\x00\x01\x00\x00"


def subset_truetype(collection: Path, family: str, text: str) -> bytes:
    """The given family cut down to the characters of `text`, as a TrueType font file."""
    font = face(collection, family)
    options = subset.Options()
    options.layout_features = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes={ord(c) for c in text} | set(range(0x20, 0x7F)))
    subsetter.subset(font)
    to_truetype(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def font_face_css(name: str, data: bytes, weight: int) -> str:
    """An @font-face rule that embeds the font in the page (no request to anywhere)."""
    encoded = base64.b64encode(data).decode("ascii")
    return (f'@font-face {{ font-family: "{name}"; font-weight: {weight}; '
            f'src: url(data:font/ttf;base64,{encoded}) format("truetype"); }}\n')
