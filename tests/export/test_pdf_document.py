"""The PDF as a document: page size, metadata, determinism, atomic writing, refusing bad courses."""

from __future__ import annotations

import datetime
import io
import os
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer
from test_pdf_support import FIXED_DATE, export_pdf, pdf_text, words_by_page

from authoring.core.model import Choice, Course, Question, Quiz
from authoring.export.pdf.document import CourseCanvas, KeepWithNext
from authoring.export.pdf.flowables import Label, PageBook, Para, TocEntry
from authoring.export.pdf.fonts import escape, load_fonts
from authoring.export.pdf.run_paragraph import Run, RunPara
from authoring.export.pdf.styles import MUTED, make_styles
from authoring.export.registry import ExportError, ExportOptions, exporters, get_exporter

SAMPLES = Path(__file__).resolve().parents[2] / "sample_courses"
CUSTOMER_FOCUS = SAMPLES / "customer-focus" / "course.md"


def test_the_pdf_exporter_is_registered() -> None:
    exporter = exporters()["pdf"]
    assert (exporter.name, exporter.title, exporter.suffix) == ("pdf", "PDF", ".pdf")


@pytest.mark.parametrize(("page_size", "width", "height"), [("A4", 595.28, 841.89), ("letter", 612, 792)])
def test_page_size_is_a4_by_default_or_letter(tmp_path: Path, page_size: str, width: float, height: float) -> None:
    target = tmp_path / "course.pdf"
    export_pdf(CUSTOMER_FOCUS, target, page_size=page_size)
    for page in PdfReader(target).pages:
        assert float(page.mediabox.width) == pytest.approx(width, abs=0.1)
        assert float(page.mediabox.height) == pytest.approx(height, abs=0.1)


def test_metadata_names_title_author_subject_language_and_creator(tmp_path: Path) -> None:
    target = tmp_path / "course.pdf"
    export_pdf(CUSTOMER_FOCUS, target, edition="reviewer")
    reader = PdfReader(target)
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "What Is Customer Focus?"
    assert meta.author == "Learning & Development"
    assert meta.subject and meta.subject.startswith("A three-minute introduction to customer focus")
    assert meta.creator and meta.creator.startswith("authoring ")
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_same_course_and_date_give_the_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "one.pdf", tmp_path / "two.pdf"
    export_pdf(CUSTOMER_FOCUS, first, edition="reviewer")
    export_pdf(CUSTOMER_FOCUS, second, edition="reviewer")
    assert first.read_bytes() == second.read_bytes()
    export_pdf(CUSTOMER_FOCUS, second, edition="reviewer", date=FIXED_DATE.replace(day=16))
    assert first.read_bytes() != second.read_bytes()
    assert "2026-01-16" in pdf_text(second)


def test_the_pdf_is_dated_by_the_export_date(tmp_path: Path) -> None:
    target = tmp_path / "course.pdf"
    export_pdf(CUSTOMER_FOCUS, target, date=datetime.date(2026, 3, 9))
    meta = PdfReader(target).metadata
    assert meta is not None
    assert meta["/CreationDate"] == meta["/ModDate"] == "D:20260309000000Z"
    assert meta.creation_date == datetime.datetime(2026, 3, 9, tzinfo=datetime.UTC)


def test_a_failed_write_leaves_the_old_file_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "course.pdf"
    target.write_bytes(b"the old PDF")

    def refuse(source: object, destination: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        export_pdf(CUSTOMER_FOCUS, target)
    assert target.read_bytes() == b"the old PDF"
    assert [path.name for path in tmp_path.iterdir()] == ["course.pdf"]


def test_a_course_with_errors_is_refused_naming_the_lines(tmp_path: Path) -> None:
    course_file = tmp_path / "course.md"
    course_file.write_text("---\ntitle: Broken\n---\n\n# Quiz: Q\n\n## No right answer?\n\n- [ ] a\n- [ ] b\n"
                           "\n## Fine?\n\n- [x] yes\n- [ ] no\n", encoding="utf-8")
    target = tmp_path / "broken.pdf"
    target.write_bytes(b"old")
    with pytest.raises(ExportError) as raised:
        export_pdf(course_file, target, course_file=course_file)
    assert f"{course_file}:7: error: question 'No right answer?' has no correct choice" in str(raised.value)
    assert target.read_bytes() == b"old"


def test_a_refusal_of_unsaved_edits_names_places_not_lines(tmp_path: Path) -> None:
    course_file = tmp_path / "course.md"
    course_file.write_text("---\ntitle: Broken\n---\n\n# Quiz: Q\n\n## No right answer?\n\n- [ ] a\n- [ ] b\n",
                           encoding="utf-8")
    with pytest.raises(ExportError) as raised:
        export_pdf(course_file, tmp_path / "broken.pdf", course_file=course_file, lines_match_file=False)
    assert f"{course_file}: Quiz: Q › question 1: error: question 'No right answer?' has no correct choice" \
        in str(raised.value)
    assert f"{course_file}:7" not in str(raised.value)


def test_an_unknown_edition_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown PDF edition 'teacher'"):
        export_pdf(CUSTOMER_FOCUS, tmp_path / "x.pdf", edition="teacher")


def test_a_course_built_in_memory_exports_too(tmp_path: Path) -> None:
    """The editor exports its model, whose objects carry no line numbers."""
    course = Course("Made in the editor", items=[Quiz("Quiz", questions=[
        Question("Two plus two?", choices=[Choice("4", correct=True, feedback="Yes."), Choice("5")],
                 explanation="Arithmetic."),
    ])])
    exporter = get_exporter("pdf")
    assert exporter is not None
    target = tmp_path / "memory.pdf"
    steps = list(exporter.export(course, target, ExportOptions(source_dir=tmp_path, edition="reviewer",
                                                               date=FIXED_DATE)))
    assert steps[-1].done == steps[-1].total
    text = pdf_text(target)
    assert "Two plus two?" in text and "Arithmetic." in text and "Yes." in text


def test_the_course_canvas_translates_exactly_as_reportlab_does(tmp_path: Path) -> None:
    styles = make_styles(load_fonts(set("ab"), None, "en"))
    ours = CourseCanvas(io.BytesIO(), book=PageBook(), form_keys=[], styles=styles, invariant=1)
    theirs = Canvas(io.BytesIO(), initialFontName=styles.body_font, invariant=1)
    for canvas in (ours, theirs):
        canvas.saveState()
        canvas.translate(12.5, -3.25)
        canvas.translate(0.1, 7)  # merged into the transform before it
        canvas.rotate(30)
        canvas.line(0, 0, 10, 10)
        canvas.translate(1e-7, 123456.789)
        canvas.scale(2, 0.5)
        canvas.translate(-4, 4)
        canvas.restoreState()
        canvas.translate(3, 3)
    assert ours._code == theirs._code  # type: ignore[attr-defined]
    assert ours._currentMatrix == pytest.approx(theirs._currentMatrix)  # type: ignore[attr-defined]


def test_a_keep_with_next_group_measures_as_reportlabs_does() -> None:
    styles = make_styles(load_fonts(set("abcdefghijklmnopqrstuvwxyz"), None, "en"))

    def group() -> list[object]:
        return [Label([("QUESTION 1 OF 2", None)], styles.question_label),
                Para("a stem long enough to wrap " * 4, styles.stem), Spacer(1, 7),
                Para("the first choice", styles.choice)]

    ours, theirs = KeepWithNext(group()), KeepTogether(group())
    for keep in (ours, theirs):
        keep.canv = Canvas(io.BytesIO())
    assert ours.wrap(300, 200) == theirs.wrap(300, 200)
    assert (ours._H, ours._H0, ours._wrapInfo) == (theirs._H, theirs._H0, theirs._wrapInfo)
    assert ours.split(300, 60) and len(ours.split(300, 60)) == len(theirs.split(300, 60))


def _drawn(tmp_path: Path, name: str, draw: Callable[[Canvas], None]) -> Path:
    canvas = Canvas(str(tmp_path / name), invariant=1)
    canvas.setFillColorRGB(0.8, 0.1, 0.1)
    draw(canvas)
    canvas.showPage()
    canvas.save()
    return tmp_path / name


def test_a_paragraph_is_drawn_where_reportlab_draws_it_and_leaves_the_canvas_as_it_was(tmp_path: Path) -> None:
    styles = make_styles(load_fonts(set("abcdefghijklmnopqrstuvwxyz"), None, "en"))
    markup = 'a paragraph with a <a href="https://example.org/">link in it</a> that wraps ' * 3
    states = []

    def draw_with(draw_on: Callable[[Para, Canvas, float, float], None]) -> Callable[[Canvas], None]:
        def draw(canvas: Canvas) -> None:
            for y in (700, 500):  # one after the other, as a block or a frame draws them
                paragraph = Para(markup, styles.body)
                paragraph.wrap(300, 400)
                draw_on(paragraph, canvas, 60, y)
            states.append((canvas._currentMatrix, canvas._fillColorObj, canvas._fontname))  # type: ignore[attr-defined]
        return draw

    theirs = _drawn(tmp_path, "theirs.pdf", draw_with(Flowable.drawOn))  # reportlab's own
    ours = _drawn(tmp_path, "ours.pdf", draw_with(Para.drawOn))
    assert words_by_page(ours) == words_by_page(theirs)
    links = [[float(number) for annotation in PdfReader(path).pages[0]["/Annots"]
              for number in annotation.get_object()["/Rect"]] for path in (theirs, ours)]
    assert links[1] == pytest.approx(links[0]) and len(links[0]) == 6 * 4
    assert states[1] == states[0]  # the same matrix, colour and font after as before


def test_the_fonts_remember_word_widths_exactly_and_only_so_many(monkeypatch: pytest.MonkeyPatch) -> None:
    font = pdfmetrics.getFont(load_fonts(set("abcdefghij"), None, "en").body.name)
    words = ["", "a", "abc", "jihgfedcba", "a b", "ééé"]
    fresh = {(word, size): TTFont.stringWidth(font, word, size) for word in words for size in (8, 10.5, 24)}
    for _ in range(2):  # measured, then remembered
        assert {(word, size): font.stringWidth(word, size) for word, size in fresh} == fresh
    monkeypatch.setattr(font, "_KEEP", 4)
    for count in range(1, 12):
        assert font.stringWidth("a" * count, 10) == TTFont.stringWidth(font, "a" * count, 10)
        assert len(font._widths) <= 4


@pytest.mark.parametrize("seed", range(5))
def test_plain_text_breaks_into_the_lines_reportlabs_parser_gives(seed: int) -> None:
    styles = make_styles(load_fonts(set("abcdefghijklmnopqrstuvwxyz"), None, "en"))
    pieces = ["word", "longerword", "a", " ", "  ", "\n", "\t", "\u00a0", "\u200b", "\u2003", "\u3000", "\r\n"]
    chooser = random.Random(seed)
    for _ in range(200):
        text = "".join(chooser.choice(pieces) for _ in range(chooser.randint(1, 40)))
        ours, theirs = Para(text, styles.body), Paragraph(escape(text), styles.body)
        ours.wrap(120, 1000)
        theirs.wrap(120, 1000)
        assert ours.blPara.lines == theirs.blPara.lines, repr(text)


def test_what_every_page_repeats_is_stored_once(tmp_path: Path) -> None:
    target = tmp_path / "course.pdf"
    export_pdf(CUSTOMER_FOCUS, target, edition="reviewer")
    pages = PdfReader(target).pages
    forms = [{str(name): value.idnum for name, value in page["/Resources"]["/XObject"].items()} for page in pages]
    headers = {number for page in forms[1:] for name, number in page.items() if "pghead" in name}
    editions = {number for page in forms for name, number in page.items() if "pgedition" in name}
    assert len(headers) == 1 and len(editions) == 1 and len(pages) > 3
    assert all(any("pghead" in name for name in page) for page in forms[1:])
    assert not any("pghead" in name for name in forms[0])  # the cover has the title as its heading instead


@pytest.mark.parametrize("lead_apart", [True, False])
def test_a_contents_line_has_its_dots_from_the_end_of_the_title(lead_apart: bool) -> None:
    styles = make_styles(load_fonts(set("abcdefghijklmnopqrstuvwxyzL"), None, "en"))
    style = styles.toc_entry
    lead = Run("Lesson", style.fontName, MUTED, "Lesson")
    line = RunPara("a title", style, lead=lead) if lead_apart else Para("Lesson a title", style)
    entry = TocEntry(line, "item-0")
    entry.wrap(400, 100)
    canvas = Canvas(io.BytesIO())
    entry.drawOn(canvas, 0, 0)
    dots = next(op for op in canvas._code if op.endswith(" l S"))  # type: ignore[attr-defined]
    start = float(dots.split()[1])  # "n x y m x2 y l S"
    assert start == pytest.approx(stringWidth("Lesson a title", style.fontName, style.fontSize) + 6, abs=0.5)
