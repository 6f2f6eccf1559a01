"""PDF export with reportlab: the learner handout and the reviewer edition with the answer key."""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from reportlab.platypus.doctemplate import LayoutError

from authoring import __version__
from authoring.core.atomic_write import atomic_write
from authoring.core.ids import resolve_ids
from authoring.core.model import Course
from authoring.core.problems import Problem, Severity
from authoring.export.pdf.collector import collector_paused
from authoring.export.pdf.document import DocumentInfo, build_pdf
from authoring.export.pdf.editions import EDITION_LABELS, LEARNER, REVIEWER, StoryBuilder, plain_text
from authoring.export.pdf.flowables import PageBook
from authoring.export.pdf.fonts import FontSet, load_fonts
from authoring.export.pdf.markdown_flowables import MarkdownRenderer
from authoring.export.pdf.styles import make_styles
from authoring.export.pdf.text import course_characters
from authoring.export.registry import ExportError, ExportOptions, Progress, check_or_refuse, register

STEPS = 4


class PdfExporter:
    name = "pdf"
    title = "PDF"
    suffix = ".pdf"

    def export(self, course: Course, target: Path, options: ExportOptions) -> Iterator[Progress]:
        edition = options.edition.casefold()
        if edition not in EDITION_LABELS:
            raise ExportError(f"unknown PDF edition '{options.edition}'; choose '{LEARNER}' or '{REVIEWER}'")
        problems = check_or_refuse(course, options)
        yield Progress(1, STEPS, "Checked the course")

        characters = course_characters(course)
        fonts = load_fonts(characters, options.font, course.language)
        for warning in fonts.warnings:
            yield Progress(1, STEPS, f"warning: {warning}")
        if any(unicodedata.bidirectional(char) in ("R", "AL") for char in characters):
            yield Progress(1, STEPS, "warning: right-to-left text (Hebrew, Arabic) prints left to right, with its "
                                     "words in the wrong order: reportlab lays it out only with its bidi support "
                                     "(rlbidi, not on PyPI). Check those pages, or share the HTML export")
        yield Progress(2, STEPS, "Found the fonts")

        with collector_paused():
            data, pages, renderer = _lay_out(course, options, edition, problems, fonts)
        for warning in renderer.warnings:
            yield Progress(3, STEPS, f"warning: {warning}")
        for missing in fonts.missing_warnings():
            yield Progress(3, STEPS, f"warning: {missing}")
        yield Progress(3, STEPS, f"Laid out {pages} page(s), {EDITION_LABELS[edition].lower()}")

        atomic_write(target, data)
        yield Progress(4, STEPS, f"Wrote {target.name}")


def _lay_out(course: Course, options: ExportOptions, edition: str, problems: list[Problem],
             fonts: FontSet) -> tuple[bytes, int, MarkdownRenderer]:
    """The PDF's bytes, its page count, and the renderer with the warnings it gathered."""
    styles = make_styles(fonts)
    renderer = MarkdownRenderer(styles, options.source_dir, reviewer=edition == REVIEWER)
    book = PageBook()
    date = options.date or datetime.date.today()
    builder = StoryBuilder(
        course=course, ids=resolve_ids(course), reviewer=edition == REVIEWER, date=date,
        notes=[problem for problem in problems if problem.severity is Severity.WARNING],
        styles=styles, renderer=renderer, book=book,
    )
    story, contents_keys = builder.story()
    info = DocumentInfo(
        title=plain_text(course.title), author=course.author,
        subject=course.description or f"{EDITION_LABELS[edition]} of the course {plain_text(course.title)}",
        language=course.language, creator=f"authoring {__version__}",
        edition_label=EDITION_LABELS[edition], date=date, page_size=options.page_size,
    )
    try:
        data, pages = build_pdf(story, info, styles, book, contents_keys)
    except LayoutError as exc:
        raise ExportError(f"the PDF could not be laid out ({exc}); a table, image or code block may be "
                          "too large for a page: make it smaller or split it") from exc
    return data, pages, renderer


register(PdfExporter())
