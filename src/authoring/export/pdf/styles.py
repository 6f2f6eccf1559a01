"""Typography of the PDF: one place for sizes, spacing and colours."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from authoring.export.pdf.fonts import FontSet

INK = colors.HexColor("#1d1d1f")
MUTED = colors.HexColor("#5f6368")
ACCENT = colors.HexColor("#1a5fb4")
CORRECT = colors.HexColor("#1e7a34")
RULE = colors.HexColor("#c8ccd0")
SHADE = colors.HexColor("#f3f4f6")
CODE_SHADE = colors.HexColor("#f5f5f2")
BODY_SIZE = 10.5
CODE_SIZE = 8.5


@dataclass(frozen=True)
class Styles:
    fonts: FontSet
    body: ParagraphStyle
    small: ParagraphStyle
    caption: ParagraphStyle
    kicker: ParagraphStyle
    item_title: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    h4: ParagraphStyle
    question_label: ParagraphStyle
    stem: ParagraphStyle
    hint: ParagraphStyle
    choice: ParagraphStyle
    feedback: ParagraphStyle
    box_title: ParagraphStyle
    code: ParagraphStyle
    table_head: ParagraphStyle
    table_cell: ParagraphStyle
    toc_title: ParagraphStyle
    toc_entry: ParagraphStyle
    cover_title: ParagraphStyle
    cover_subtitle: ParagraphStyle
    cover_meta: ParagraphStyle
    note: ParagraphStyle

    @property
    def body_font(self) -> str:
        return self.fonts.body.name

    @property
    def bold_font(self) -> str:
        return self.fonts.body.styles["bold"]

    @property
    def mono_font(self) -> str:
        return self.fonts.mono.name

    def table_style(self, commands: list[Any]) -> TableStyle:
        """A table style whose cells draw in the body font: reportlab's default is an unembedded Helvetica."""
        return TableStyle([("FONTNAME", (0, 0), (-1, -1), self.body_font), *commands])


def make_styles(fonts: FontSet) -> Styles:
    regular, bold = fonts.body.name, fonts.body.styles["bold"]
    body = ParagraphStyle("body", fontName=regular, fontSize=BODY_SIZE, leading=15, textColor=INK,
                          spaceAfter=6, allowWidows=0, allowOrphans=0)

    def derive(name: str, **changes: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=body, **changes)  # type: ignore[arg-type]

    heading = {"fontName": bold, "keepWithNext": 1, "allowWidows": 0}
    return Styles(
        fonts=fonts,
        body=body,
        small=derive("small", fontSize=8.5, leading=11, textColor=MUTED, spaceAfter=0),
        caption=derive("caption", fontSize=8.5, leading=11, textColor=MUTED, alignment=TA_CENTER, spaceBefore=3,
                       spaceAfter=10),
        kicker=derive("kicker", fontName=bold, fontSize=8.5, leading=11, textColor=ACCENT, spaceAfter=2,
                      keepWithNext=1),
        item_title=derive("item_title", fontSize=19, leading=24, spaceAfter=12, **heading),
        h2=derive("h2", fontSize=14, leading=18, spaceBefore=10, spaceAfter=5, **heading),
        h3=derive("h3", fontSize=12, leading=16, spaceBefore=8, spaceAfter=4, **heading),
        h4=derive("h4", fontSize=10.5, leading=15, spaceBefore=6, spaceAfter=3, **heading),
        question_label=derive("question_label", fontName=bold, fontSize=8.5, leading=11, textColor=ACCENT,
                              spaceBefore=14, spaceAfter=2, keepWithNext=1),
        stem=derive("stem", fontSize=12, leading=16, spaceAfter=4, **heading),
        hint=derive("hint", fontSize=9, leading=12, textColor=MUTED, spaceAfter=6, keepWithNext=1),
        choice=derive("choice", spaceAfter=0),
        feedback=derive("feedback", fontSize=9, leading=12.5, textColor=MUTED, spaceAfter=2),
        box_title=derive("box_title", fontName=bold, fontSize=9.5, leading=13, spaceAfter=2, keepWithNext=1),
        code=ParagraphStyle("code", fontName=fonts.mono.name, fontSize=CODE_SIZE, leading=11.5, textColor=INK,
                            backColor=CODE_SHADE, borderPadding=6, spaceBefore=14, spaceAfter=16,
                            leftIndent=6, rightIndent=6),  # the padding draws outside: space for it
        table_head=derive("table_head", fontName=bold, fontSize=9.5, leading=13, spaceAfter=0),
        table_cell=derive("table_cell", fontSize=9.5, leading=13, spaceAfter=0),
        toc_title=derive("toc_title", fontSize=19, leading=24, spaceAfter=14, **heading),
        toc_entry=derive("toc_entry", fontSize=10.5, leading=14, spaceAfter=0),
        cover_title=derive("cover_title", fontSize=28, leading=34, spaceAfter=14, **heading),
        cover_subtitle=derive("cover_subtitle", fontSize=13, leading=18, textColor=MUTED, spaceAfter=24),
        cover_meta=derive("cover_meta", fontSize=10.5, leading=15, spaceAfter=2),
        note=derive("note", fontSize=9.5, leading=13, spaceAfter=4),
    )
