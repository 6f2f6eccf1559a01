"""Make a CFF-flavoured OpenType font (Noto Sans CJK) usable by reportlab.

reportlab embeds TrueType outlines only, and Noto CJK ships PostScript (CFF)
outlines in a 20 MB collection.  fontTools cuts the font down to the
characters the document uses, then converts the cubic curves to quadratic
ones, the recipe of fontTools' own ``otf2ttf`` snippet.  The result is small,
so this takes a fraction of a second even for a large course.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from functools import lru_cache

from fontTools import subset  # type: ignore[import-untyped]
from fontTools.pens.cu2quPen import Cu2QuPen  # type: ignore[import-untyped]
from fontTools.pens.ttGlyphPen import TTGlyphPen  # type: ignore[import-untyped]
from fontTools.ttLib import TTFont, newTable  # type: ignore[import-untyped]

# Precision of the cubic-to-quadratic conversion, in font units (1000 per em).
_MAX_ERROR = 1.0


def cmap_of(path: str, index: int) -> frozenset[int]:
    """The code points the font has glyphs for (read lazily, without the outlines)."""
    return _cmap(path, index)


@lru_cache(maxsize=8)
def _cmap(path: str, index: int) -> frozenset[int]:
    font = TTFont(path, fontNumber=index, lazy=True)
    try:
        return frozenset(font.getBestCmap() or {})
    finally:
        font.close()


def is_cff(path: str, index: int) -> bool:
    font = TTFont(path, fontNumber=index, lazy=True)
    try:
        return "CFF " in font or "CFF2" in font
    finally:
        font.close()


def truetype_subset(path: str, index: int, characters: Iterable[int]) -> bytes:
    """A TrueType font holding only ``characters`` of the font at ``path``."""
    return _truetype_subset(path, index, frozenset(characters))


@lru_cache(maxsize=8)
def _truetype_subset(path: str, index: int, characters: frozenset[int]) -> bytes:
    font = TTFont(path, fontNumber=index)
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.glyph_names = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(characters))
    subsetter.subset(font)
    if "CFF " in font:
        _cff_to_glyf(font)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def _cff_to_glyf(font: TTFont) -> None:
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, _MAX_ERROR, reverse_direction=True))
        glyphs[name] = pen.glyph()
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    font["loca"] = newTable("loca")
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attribute in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                      "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                      "maxComponentElements"):
        setattr(maxp, attribute, 0)
    maxp.maxZones = 1
    font["head"].indexToLocFormat = 0
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\x00\x01\x00\x00"
