"""A plain paragraph with a styled lead-in ("Feedback:") or closing mark ("✓ correct answer").

reportlab sets a paragraph of one font and colour line by line, but one that
mixes fonts or colours word by word and fragment by fragment, two to three
times slower.  Four thousand feedback paragraphs and a thousand correct
choices are plain text apart from those few words, so the text is laid out
alone, its first line indented by the lead-in, and the two runs are drawn as
strings where the mixed paragraph puts them (on the exporter's canvas, as a
form drawn once that every paragraph shows).  Whenever that could differ
(marked-up text, a mark that goes to a line of its own, a first word too long
for the indented line, a page break inside), it is the mixed paragraph after all.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from authoring.export.pdf.flowables import Para
from authoring.export.pdf.fonts import keep_emphasis


@dataclass(frozen=True)
class Run:
    """A few words in their own font and colour, at the paragraph's size."""

    text: str
    font: str
    color: Color
    markup: str
    """The same run as paragraph markup, for the mixed paragraph."""
    drawable: bool = True
    """Whether ``font`` has all the glyphs of ``text`` (else only the markup's font fallback can show it)."""


class RunPara(Para):
    blPara: Any

    def __init__(self, markup: str, style: ParagraphStyle, *, lead: Run | None = None,
                 tail: Run | None = None) -> None:
        self._plain_markup, self._base_style = markup, style
        self.lead, self.tail = lead, tail
        size = style.fontSize
        self._space = stringWidth(" ", style.fontName, size)
        self._lead_width = stringWidth(lead.text, lead.font, size) + self._space if lead else 0.0
        self._tail_width = stringWidth(tail.text, tail.font, size) if tail else 0.0
        self._separate = True
        """The runs are drawn as strings beside text of one style."""
        super().__init__(markup, _indented(style, self._lead_width) if lead else style)
        if len(self.frags) != 1 or not markup.strip() or not all(run.drawable for run in (lead, tail) if run):
            self._mix()

    def _mixed_markup(self) -> str:
        lead = self.lead.markup + " " if self.lead else ""
        tail = " " + self.tail.markup if self.tail else ""
        return lead + self._plain_markup + tail

    def _mix(self) -> None:
        self._separate = False
        self._wrapped_at = None
        Paragraph.__init__(self, keep_emphasis(self._mixed_markup(), self._base_style.fontName), self._base_style)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        size = super().wrap(available_width, available_height)
        if self._separate and not self._runs_fit():
            self._mix()
            size = super().wrap(available_width, available_height)
        return size

    def _last_line(self) -> tuple[float, float]:
        """Where the text's last line starts and ends."""
        style, lines = self.style, self.blPara.lines
        start = style.leftIndent + (style.firstLineIndent if len(lines) == 1 else 0.0)
        room = self.width - style.rightIndent - start
        return start, start + room - lines[-1][0]

    def _runs_fit(self) -> bool:
        lines = self.blPara.lines
        if self.blPara.kind != 0 or not lines:
            return False
        if self.lead and lines[0][0] < 0:  # a first word too long for the indented line, put there anyway
            return False
        if self.tail:
            _, end = self._last_line()
            # Where it fits only with the spaces shrunk a little, reportlab shrinks them: so does the mixed one.
            if end + self._space + self._tail_width > self.width - self.style.rightIndent:
                return False
        return True

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        # reportlab makes the parts with the class's own constructor: a plain paragraph takes its place.
        whole = Para(self._mixed_markup(), self._base_style)
        return whole.split(available_width, available_height)

    def draw(self) -> None:
        if not self._separate:
            super().draw()
            return
        style, size = self.style, self.style.fontSize
        first = self.height - size  # reportlab's first baseline (rl_config.paraFontSizeHeightOffset)
        # In the order they are read: text is copied, and read aloud, in the order it is drawn.
        if self.lead:
            self._draw_run(self.lead, style.leftIndent + style.firstLineIndent - self._lead_width, first)
        super().draw()
        if self.tail:
            _, end = self._last_line()
            self._draw_run(self.tail, end + self._space, first - (len(self.blPara.lines) - 1) * style.leading)

    def _draw_run(self, run: Run, x: float, y: float) -> None:
        """Draws ``run`` with its baseline starting at ``x``, ``y``: as a shared form where the canvas can."""
        canvas, size = self.canv, self.style.fontSize

        def draw_text(target: Canvas, x: float = 0.0, y: float = 0.0) -> None:
            text = target.beginText(x, y)
            text.setFont(run.font, size)
            text.setFillColor(run.color)
            text.textOut(run.text)
            target.drawText(text)

        use_form = getattr(canvas, "use_form", None)
        if use_form is None:
            draw_text(canvas, x, y)
            return
        key = f"{run.text}/{run.font}/{size}/{run.color.hexval()}"
        width = stringWidth(run.text, run.font, size)
        canvas.saveState()
        canvas.translate(x, y)
        use_form(f"rn{zlib.crc32(key.encode()):08x}", draw_text, (-2, -int(size), int(width) + 4, int(2 * size)))
        canvas.restoreState()


def _indented(style: ParagraphStyle, width: float) -> ParagraphStyle:
    """``style`` with room for a lead-in of ``width`` on the first line, made once per style and width."""
    derived = _INDENTED.setdefault(style, {})
    if width not in derived:
        derived[width] = ParagraphStyle(f"{style.name}-lead", parent=style,
                                        firstLineIndent=style.firstLineIndent + width)
    return derived[width]


_INDENTED: WeakKeyDictionary[ParagraphStyle, dict[float, ParagraphStyle]] = WeakKeyDictionary()
