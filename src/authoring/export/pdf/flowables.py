"""The few flowables reportlab lacks: bookmarked headings, contents lines, code
that wraps, answer boxes and writing lines."""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from functools import partial
from typing import Any, cast
from weakref import WeakKeyDictionary

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.pathobject import PDFPathObject
from reportlab.platypus import Flowable, Paragraph, XPreformatted
from reportlab.platypus.paragraph import cleanBlockQuotedText, textTransformFrags  # type: ignore[attr-defined]
from reportlab.platypus.paraparser import ParaFrag

from authoring.export.pdf.blocks import Marker
from authoring.export.pdf.fonts import FontSet, escape, keep_emphasis
from authoring.export.pdf.styles import CORRECT, INK, MUTED, RULE

CONTINUATION = "\u21aa"  # ↪ marks a code line that wrapped


@dataclass
class PageBook:
    """Where each bookmarked heading landed, for the contents' page numbers."""

    pages: dict[str, int] = field(default_factory=dict)


class Para(Paragraph):
    """A paragraph that keeps its line breaks while its width stays the same.

    reportlab lays a paragraph out again on every ``wrap``; keep-with-next
    groups and blocks wrap the same paragraph two or three times.  Text with
    no markup at all (most of a course) also skips reportlab's tag parser.
    """

    _wrapped_at: float | None = None

    def __init__(self, text: str | None, style: ParagraphStyle, bulletText: str | None = None,
                 frags: list[Any] | None = None) -> None:
        if text and frags is None:
            text = keep_emphasis(text, style.fontName)
        if frags is None and text and bulletText is None and "<" not in text and "&" not in text:
            # Text without markup is one fragment of the style: made here, without reportlab's tag parser.
            text = _single_spaced(text)
            if text:
                frags = [ParaFrag(**{**_template_frag(style).__dict__, "text": text, "link": [], "us_lines": []})]
        super().__init__(cast(str, text), style, bulletText=bulletText, frags=frags)  # None when split
        if frags is not None and text:
            textTransformFrags(self.frags, style)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self._wrapped_at == available_width and hasattr(self, "blPara"):  # a failed split drops blPara
            return self.width, self.height
        size = super().wrap(available_width, available_height)
        self._wrapped_at = available_width
        return size

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        """reportlab's drawOn without its save and restore of the graphics state.

        A paragraph's draw saves and restores the state itself, so a move there and back is enough;
        for the tens of thousands of paragraphs of a course, the second save cost as much as the move.
        """
        x = self._hAlignAdjust(x, _sW)  # type: ignore[attr-defined]  # reportlab's, not in the stubs
        canvas.translate(x, y)
        self._drawOn(canvas)  # type: ignore[attr-defined]
        canvas.translate(-x, -y)


def _single_spaced(text: str) -> str:
    """reportlab's ``cleanBlockQuotedText``: each run of white space one space, none at either end.

    reportlab splits each line into words and joins them again; str.split does the same in one step,
    except that reportlab keeps a no-break space and strips a zero-width one: its own does those.
    """
    if "\xa0" in text or "\u200b" in text:
        return str(cleanBlockQuotedText(text))
    return " ".join(text.split())


def _template_frag(style: ParagraphStyle) -> Any:
    """The fragment reportlab's parser makes for text in ``style``, once per style."""
    frag = _TEMPLATES.get(style)
    if frag is None:
        frag = _TEMPLATES[style] = Paragraph("x", style).frags[0]
    return frag


_TEMPLATES: WeakKeyDictionary[ParagraphStyle, Any] = WeakKeyDictionary()


class Label(Flowable):
    """A one-line label (a kicker, "Choose one answer.") drawn as plain strings: no markup to parse.

    Only for text the program writes (ASCII words and IDs), which the body font always has.
    """

    def __init__(self, runs: list[tuple[str, Color | None]], style: ParagraphStyle, *, shared: bool = False) -> None:
        super().__init__()
        self.runs, self.style = runs, style
        self.keepWithNext = style.keepWithNext
        self.shared = shared
        """The same label recurs (one per question): the exporter's canvas draws it once, as a form."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = available_width, float(self.style.leading)
        return self.width, self.height

    def getSpaceBefore(self) -> float:
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:
        return float(self.style.spaceAfter)

    def draw(self) -> None:
        canvas, style = self.canv, self.style
        use_form = getattr(canvas, "use_form", None)
        if not self.shared or use_form is None:
            self._draw_text(canvas, self.height - style.fontSize)
            return
        key = "/".join(f"{run}/{(color or style.textColor).hexval()}" for run, color in self.runs)
        width = sum(stringWidth(run, style.fontName, style.fontSize) for run, _ in self.runs)
        canvas.saveState()
        canvas.translate(0, self.height - style.fontSize)
        use_form(f"lb{zlib.crc32(f'{key}/{style.fontName}/{style.fontSize}'.encode()):08x}",
                 partial(self._draw_text, y=0.0), (-2, -int(style.fontSize), int(width) + 4, int(2 * style.fontSize)))
        canvas.restoreState()

    def _draw_text(self, canvas: Canvas, y: float) -> None:
        style = self.style
        text = canvas.beginText(0, y)
        text.setFont(style.fontName, style.fontSize)
        for run, color in self.runs:
            text.setFillColor(color or style.textColor)
            text.textOut(run)
        canvas.drawText(text)


@dataclass(frozen=True)
class Bookmark:
    key: str
    outline: str
    level: int
    book: PageBook

    def mark(self, canvas: Canvas, top: float) -> None:
        """Bookmarks ``top`` on the current page, adds the outline entry and notes the page for the contents."""
        canvas.bookmarkHorizontal(self.key, 0, top)
        canvas.addOutlineEntry(self.outline, self.key, self.level, closed=self.level > 0)
        self.book.pages[self.key] = canvas.getPageNumber()


class Heading(Para):
    """A heading that bookmarks itself and adds an outline entry where it is drawn."""

    SPLITS_FROM = 200.0
    """A heading moves to the next page whole, unless it is this tall (a stem written as a whole scenario)."""

    def __init__(self, text: str, style: ParagraphStyle, *, key: str, outline: str, level: int,
                 book: PageBook) -> None:
        super().__init__(text, style)
        self.bookmark = Bookmark(key, outline, level, book)

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        if self.wrap(available_width, available_height)[1] < self.SPLITS_FROM:
            return []
        # reportlab makes the halves with the class's own constructor; plain paragraphs take its place.
        parts: list[Flowable] = Para(self.text, self.style).split(available_width, available_height)
        for part in parts:
            part.keepWithNext = 0  # kept with the rest, each half would be pushed on and left behind again
        return [BookmarkHere(self.bookmark), *parts] if parts else []

    def draw(self) -> None:
        self.bookmark.mark(self.canv, self.height + self.style.fontSize)
        super().draw()


class BookmarkHere(Flowable):
    """The bookmark of a heading that was split, where its first half begins."""

    def __init__(self, bookmark: Bookmark) -> None:
        super().__init__()
        self.bookmark = bookmark
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.bookmark.mark(self.canv, 12)


def page_form_name(key: str) -> str:
    """The PDF form that prints the page of ``key``, drawn once the page is known."""
    return "pg" + "".join(char if char.isalnum() else "_" for char in key)


class TocEntry(Flowable):
    """A contents line whose page number is filled in when the build has placed the heading.

    The number is a form drawn at the end of the build, so one layout pass is
    enough; the whole line links to the heading.
    """

    NUMBER_WIDTH = 34

    def __init__(self, paragraph: Paragraph, key: str, level: int = 0) -> None:
        super().__init__()
        self.key, self.level = key, level
        self.indent = 16 * level
        self.paragraph = paragraph

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        _, height = self.paragraph.wrap(available_width - self.indent - self.NUMBER_WIDTH - 8, available_height)
        self.height = height + 3
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        self.paragraph.drawOn(canvas, self.indent, 3)
        last = self.paragraph.getActualLineWidths0()[-1]  # with the first line's indent (a lead-in's room)
        start, end = self.indent + last + 6, self.width - self.NUMBER_WIDTH + 12
        if end - start > 6:
            canvas.saveState()
            canvas.setStrokeColor(RULE)
            canvas.setDash(1, 3)
            canvas.line(start, 6, end, 6)
            canvas.restoreState()
        canvas.saveState()
        canvas.translate(self.width, 6)
        canvas.doForm(page_form_name(self.key))
        canvas.restoreState()
        canvas.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)


class CodeBlock(Flowable):
    """Fenced code in monospace, wrapped to the width it is given and split across pages."""

    def __init__(self, code: str, style: ParagraphStyle, fonts: FontSet) -> None:
        super().__init__()
        self.code = code.expandtabs(4).rstrip("\n")
        self.style, self.fonts = style, fonts
        self._inner: XPreformatted | None = None
        self._width = -1.0

    def _layout(self, available_width: float) -> XPreformatted:
        if self._inner is None or self._width != available_width:
            room = available_width - self.style.leftIndent - self.style.rightIndent - 4
            lines = [part for line in self.code.split("\n") for part in self._wrap(line, room)]
            self._inner = XPreformatted("\n".join(lines), self.style)
            self._width = available_width
        return self._inner

    def _wrap(self, line: str, room: float) -> list[str]:
        size, font = self.style.fontSize, self.fonts.mono.name
        marker = CONTINUATION if ord(CONTINUATION) in self.fonts.mono.cmap else ""
        marker_width = stringWidth(marker + " ", font, size) if marker else 0.0
        parts: list[str] = []
        current: list[str] = []
        width = 0.0
        limit = room
        for char in line:
            char_width = _char_width(char, self.fonts, size)
            if current and width + char_width > limit:
                # Break after the last space when there is one, like a text editor's soft wrap.
                cut = "".join(current).rfind(" ") + 1
                if cut <= len(current) // 3:
                    cut = len(current)
                parts.append("".join(current[:cut]))
                current = current[cut:]
                width = sum(_char_width(rest, self.fonts, size) for rest in current)
                limit = room - marker_width
            current.append(char)
            width += char_width
        parts.append("".join(current))
        markup = [self.fonts.markup(part, mono=True) for part in parts]
        grey = f'<font color="{hex_color(MUTED)}">{escape(marker)} </font>' if marker else ""
        return [markup[0]] + [grey + part for part in markup[1:]]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        width, height = self._layout(available_width).wrap(available_width, available_height)
        self.width, self.height = width, height
        return width, height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return list(self._layout(available_width).split(available_width, available_height))

    def getSpaceBefore(self) -> float:
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:
        return float(self.style.spaceAfter)

    def draw(self) -> None:
        assert self._inner is not None
        self._inner.drawOn(self.canv, 0, 0)


def _char_width(char: str, fonts: FontSet, size: float) -> float:
    key = (char, size)
    cached = _WIDTHS.get(key)
    if cached is None:
        face = next((face for face in (fonts.mono, fonts.body, *fonts.fallbacks) if ord(char) in face.cmap),
                    fonts.mono)
        cached = _WIDTHS[key] = stringWidth(char, face.name, size)
    return cached


_WIDTHS: dict[tuple[str, float], float] = {}


BOX_SIZE = 9.0


def _box_paths() -> tuple[PDFPathObject, PDFPathObject, PDFPathObject]:
    """The round box, the square box and the tick, built once.

    A path keeps its operators as text: drawing a prebuilt one skips formatting
    the coordinates again, which a thousand questions' circles made noticeable.
    """
    s = BOX_SIZE
    round_box, square_box, tick = PDFPathObject(), PDFPathObject(), PDFPathObject()
    round_box.circle(s / 2, s / 2, s / 2)
    square_box.rect(0, 0, s, s)
    tick.moveTo(s * 0.2, s * 0.5)
    tick.lineTo(s * 0.42, s * 0.22)
    tick.lineTo(s * 0.85, s * 0.85)
    return round_box, square_box, tick


ROUND_BOX, SQUARE_BOX, TICK = _box_paths()


def choice_marker(*, square: bool, checked: bool, letter: str, font: str, font_size: float) -> Marker:
    """Draws the box a learner ticks (round for one answer, square for "select all that apply") and the letter.

    In the reviewer edition the correct choices' boxes carry a check mark.  A canvas that can
    (:class:`~authoring.export.pdf.document.CourseCanvas`) draws each kind of marker once, as a PDF
    form, and a thousand questions' markers refer to it.
    """
    label = f"{letter}."
    # Short: every page names the forms it uses, and every choice names its form.
    name = f"mk{int(square)}{int(checked)}{letter}x{zlib.crc32(f'{font}/{font_size}'.encode()) % 4096:03x}"

    def draw_marker(canvas: Canvas) -> None:
        canvas.setLineWidth(0.9)
        canvas.setStrokeColor(CORRECT if checked else INK)
        canvas.drawPath(SQUARE_BOX if square else ROUND_BOX, stroke=1, fill=0)
        if checked:
            canvas.setLineWidth(1.6)
            canvas.drawPath(TICK, stroke=1, fill=0)
        canvas.setFillColor(INK)
        canvas.setFont(font, font_size)
        canvas.drawString(18, 1, label)

    def draw(canvas: Canvas, top: float) -> None:
        canvas.saveState()
        canvas.translate(0, top - font_size - 1)
        use_form = getattr(canvas, "use_form", None)
        if use_form is None:
            draw_marker(canvas)
        else:
            use_form(name, draw_marker, MARKER_FORM_BOX)
        canvas.restoreState()

    return draw


MARKER_FORM_BOX = (-4, -6, 80, 24)
"""Room around a marker drawn as a form (which clips): the box, a tick's stroke, a letter such as "199."."""


class WritingLines(Flowable):
    """Ruled lines for a written answer; they continue on the next page if need be."""

    SPACING = 24.0

    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = available_width, self.count * self.SPACING
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        fits = int(available_height // self.SPACING)
        if fits < 2 or fits >= self.count:
            return []
        return [WritingLines(fits), WritingLines(self.count - fits)]

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        for number in range(self.count):
            y = number * self.SPACING + 2
            canvas.line(0, y, self.width, y)
        canvas.restoreState()


def hex_color(color: Color) -> str:
    return "#" + str(color.hexval())[2:]
