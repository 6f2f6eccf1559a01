"""The page frame: sizes, running header and footer, metadata, and the one-pass build.

"page X of Y" and the page numbers in the contents are PDF forms that the
pages refer to before they exist; :class:`CourseCanvas` draws them when the
document is saved and every page number is known.  So the layout runs once,
where a two-pass ``multiBuild`` would run it two or three times.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    ListFlowable,
    PageTemplate,
    Paragraph,
    Spacer,
)
from reportlab.platypus.doctemplate import Indenter, _ktAllow  # type: ignore[attr-defined]
from reportlab.platypus.flowables import _listWrapOn  # type: ignore[attr-defined]

from authoring.export.pdf.blocks import Block
from authoring.export.pdf.flowables import Label, PageBook, Para, page_form_name
from authoring.export.pdf.styles import MUTED, RULE, Styles

# Streams stay binary: ASCII85 makes them a quarter larger and takes time, and every reader since PDF 1.2
# reads binary. reportlab has this setting for the whole process only; this program is its one user.
rl_config.useA85 = 0

PAGE_SIZES = {"a4": A4, "letter": LETTER}
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 22 * mm, 25 * mm, 22 * mm
TOTAL_FORM = "pgtotal"


@dataclass(frozen=True)
class DocumentInfo:
    title: str
    author: str
    subject: str
    language: str
    creator: str
    edition_label: str
    date: datetime.date | None = None
    """The export date, which the PDF's creation and modification dates give; reportlab's otherwise."""
    page_size: str = "A4"


def page_size(name: str) -> tuple[float, float]:
    return PAGE_SIZES.get(name.casefold(), A4)


class CourseCanvas(Canvas):
    """A canvas that draws the page-number forms, and forms that many pages share, once the last page is done."""

    _code: list[str]
    _currentMatrix: tuple[float, float, float, float, float, float]  # reportlab's own attributes

    def __init__(self, *args: Any, book: PageBook, form_keys: list[str], styles: Styles,
                 date: datetime.date | None = None, **kwargs: Any) -> None:
        kwargs["initialFontName"] = styles.body_font  # otherwise an unembedded Helvetica is listed
        super().__init__(*args, **kwargs)
        if date is not None:
            # Invariant mode (for identical bytes) would date every PDF 2000-01-01: use the export's date.
            stamp = f"D:{date:%Y%m%d}000000Z"
            self.setDateFormatter(lambda *_: stamp)
        self._book, self._form_keys, self._styles = book, form_keys, styles
        self._late_forms: dict[str, tuple[Callable[[Canvas], None], tuple[int, int, int, int]]] = {}

    def use_form(self, name: str, draw: Callable[[Canvas], None], box: tuple[int, int, int, int]) -> None:
        """Draws the form ``name`` here; ``draw`` makes it, once, when the document is saved."""
        self._late_forms.setdefault(name, (draw, box))
        self.doForm(name)

    def translate(self, dx: float, dy: float) -> None:
        """reportlab's translate, formatting the two numbers that change rather than all six of a matrix.

        Every flowable is drawn after a translate (a block's contents too): tens of thousands per course.
        """
        if self._code and self._code[-1].endswith(" cm"):  # reportlab merges with the transform before
            super().translate(dx, dy)
            return
        a, b, c, d, e, f = self._currentMatrix
        self._currentMatrix = (a, b, c, d, a * dx + c * dy + e, b * dx + d * dy + f)
        self._code.append(f"1 0 0 1 {fp_str(dx, dy)} cm")

    def save(self) -> None:
        for name, (draw, box) in self._late_forms.items():
            self.beginForm(name, *box)
            draw(self)
            self.endForm()
        total = self.getPageNumber() - 1
        self._number_form(TOTAL_FORM, str(total), 8.5, right=False)
        for key in self._form_keys:
            self._number_form(page_form_name(key), str(self._book.pages.get(key, "")), 10.5, right=True)
        super().save()

    def _number_form(self, name: str, text: str, size: float, *, right: bool) -> None:
        # The bounding box clips: leave room left of the origin for right-aligned numbers.
        self.beginForm(name, lowerx=-100, lowery=-20, upperx=100, uppery=30)
        self.setFont(self._styles.body_font, size)
        self.setFillColor(MUTED if not right else self._styles.body.textColor)
        if right:
            self.drawRightString(0, 0, text)
        else:
            self.drawString(0, 0, text)
        self.endForm()


class KeepWithNext(KeepTogether):
    """reportlab's group of a heading (or label) and what follows, wrapped without copying the frame.

    reportlab deep-copies the frame at each wrap of a group, for members that add content to the
    frame as they wrap (a CondPageBreak does); a group of our own flowables, which add none, skips that
    copy.  Anything else gets reportlab's own wrap.
    """

    _content: list[Flowable]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if not all(isinstance(flowable, _FRAME_FREE) for flowable in self._content):
            return super().wrap(available_width, available_height)
        dims: list[tuple[float, float]] = []
        width, height = _listWrapOn(self._content, available_width, None, dims=dims)
        self._H, self._H0 = height, dims[0][1] if dims else 0
        self._wrapInfo = available_width, available_height
        return width, 0xFFFFFF  # as reportlab's: force a split, which decides between here and the next page

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        """The heading here with the first lines of what follows; else reportlab's choice of here or next page.

        reportlab keeps a heading with all of what follows, so a heading before a table or a quote
        longer than the room left moved to the next page and left most of this one blank.
        """
        return (self._with_first_lines(available_width, available_height)
                or super().split(available_width, available_height))

    def _with_first_lines(self, available_width: float, available_height: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (available_width, available_height):
            self.wrap(available_width, available_height)
        *leaders, follower = self._content
        if not leaders or available_height >= self._H:
            return []  # it all fits: reportlab's split keeps it here
        canvas = self.canv  # the frame lends it while it splits
        lead_height = _listWrapOn(leaders, available_width, None)[1]
        gap = max(leaders[-1].getSpaceAfter(), follower.getSpaceBefore())
        room = available_height - lead_height - gap - 1  # a point spare against rounding
        if room < MIN_FOLLOWING_LINES:
            return []
        pieces = follower.splitOn(canvas, available_width, room)
        if len(pieces) < 2 or _height_that_fits(pieces, available_width, room, canvas) < MIN_FOLLOWING_LINES:
            return []
        return [*leaders, *pieces]


MIN_FOLLOWING_LINES = 28.0
"""The least of what follows a heading that may stay with it at a page's foot: two lines of text, two
list items, a table's header and first row; one line of a shaded quote (25 pt with its padding) is not."""


def _height_that_fits(pieces: list[Flowable], width: float, room: float, canvas: Canvas) -> float:
    """How tall the leading pieces that fit in ``room`` whole are, spaced as a frame spaces them.

    A split table or paragraph gives a first piece that fits; a split list gives all its items.
    """
    height = fitted = after = 0.0
    for piece in pieces:
        if isinstance(piece, Indenter):  # a list's items come between indenters, as in _listWrapOn
            width -= piece.left + piece.right
            continue
        _, piece_height = piece.wrapOn(canvas, width, room)
        if piece_height <= 0:
            continue
        height += (max(piece.getSpaceBefore() - after, 0.0) if fitted else 0.0) + piece_height
        if height > room:
            break
        fitted, after = height, piece.getSpaceAfter()
        height += after
    return fitted


_FRAME_FREE = (Para, Label, Block, Spacer)


class CourseDocument(BaseDocTemplate):
    def __init__(self, target: io.BytesIO, info: DocumentInfo, styles: Styles) -> None:
        super().__init__(
            target, pagesize=page_size(info.page_size), leftMargin=MARGIN_X, rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=info.title, author=info.author,
            subject=info.subject, creator=info.creator, lang=info.language, invariant=1,
            initialFontName=styles.body_font, allowSplitting=1, keepTogetherClass=KeepWithNext,
        )
        self.info, self.styles = info, styles
        header_style = ParagraphStyle("header", parent=styles.small, fontSize=8.5, leading=10)
        # Laid out once: the same paragraph draws on every page.
        self._header = Paragraph(styles.fonts.markup(_shorten(info.title, 110)), header_style)
        self._header.wrap(self.width, MARGIN_TOP)
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="text",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([
            # A cover that runs over (a long title, the reviewer's summary) goes on on body pages.
            PageTemplate("cover", [frame], onPage=self._cover_page, autoNextPageTemplate="body"),
            PageTemplate("body", [frame], onPage=self._body_page),
        ])

    def handle_keepWithNext(self, flowables: list[Flowable]) -> None:
        """reportlab's grouping of a heading with what follows, a list included.

        reportlab leaves a list out of the group (it is a container), so a heading with a list after
        it could end a page; KeepWithNext splits the list like any other follower.
        """
        count = 0
        while count < len(flowables) and _keeps_with_next(flowables[count]) and _ktAllow(flowables[count]):
            count += 1
        if not count:
            return
        if count < len(flowables) and (_ktAllow(flowables[count]) or isinstance(flowables[count], ListFlowable)):
            count += 1
        group = KeepWithNext(flowables[:count])
        for flowable in group._content[:-1]:
            flowable.__dict__["keepWithNext"] = 0  # as reportlab: grouped once
        flowables[:count] = [group]

    def _cover_page(self, canvas: Canvas, document: BaseDocTemplate) -> None:
        self._footer(canvas)

    def _body_page(self, canvas: Canvas, document: BaseDocTemplate) -> None:
        self._running(canvas, "pghead", self._draw_header)
        self._footer(canvas)

    def _footer(self, canvas: Canvas) -> None:
        y = MARGIN_BOTTOM - 11 * mm
        canvas.saveState()
        canvas.setFont(self.styles.body_font, 8.5)
        canvas.setFillColor(MUTED)
        label = f"page {canvas.getPageNumber()} of "
        canvas.drawString(MARGIN_X, y, label)
        canvas.translate(MARGIN_X + canvas.stringWidth(label, self.styles.body_font, 8.5), y)
        canvas.doForm(TOTAL_FORM)
        canvas.restoreState()
        self._running(canvas, "pgedition", self._draw_edition)

    def _running(self, canvas: Canvas, name: str, draw: Callable[[Canvas], None]) -> None:
        """Draws what every page repeats: on the exporter's canvas, a form made once that each page shows."""
        use_form = getattr(canvas, "use_form", None)
        if use_form is None:
            draw(canvas)
            return
        width, height = self.pagesize
        use_form(name, draw, (0, 0, int(width) + 1, int(height) + 1))

    def _draw_header(self, canvas: Canvas) -> None:
        width, height = self.pagesize
        canvas.saveState()
        rule = height - MARGIN_TOP + 7 * mm
        self._header.drawOn(canvas, MARGIN_X, rule + 2 * mm)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, rule, width - MARGIN_X, rule)
        canvas.restoreState()

    def _draw_edition(self, canvas: Canvas) -> None:
        width, _ = self.pagesize
        canvas.saveState()
        canvas.setFont(self.styles.body_font, 8.5)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(width - MARGIN_X, MARGIN_BOTTOM - 11 * mm, self.info.edition_label)
        canvas.restoreState()


def build_pdf(story: list[Flowable], info: DocumentInfo, styles: Styles, book: PageBook,
              form_keys: list[str]) -> tuple[bytes, int]:
    """The PDF's bytes and its page count."""
    buffer = io.BytesIO()
    document = CourseDocument(buffer, info, styles)
    maker = partial(CourseCanvas, book=book, form_keys=form_keys, styles=styles, date=info.date)
    document.build(story, canvasmaker=maker)
    return buffer.getvalue(), int(document.page)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _keeps_with_next(flowable: Flowable) -> bool:
    return bool(flowable.getKeepWithNext())  # type: ignore[no-untyped-call]  # untyped in the stubs
