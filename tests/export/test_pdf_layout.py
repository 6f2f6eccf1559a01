"""The page as a reader sees it: header and footer, answer boxes, headings kept with their text, nothing
running into the margins when long feedback and explanations break across pages."""

from __future__ import annotations

import datetime
import re
import subprocess
from pathlib import Path
from unittest.mock import MagicMock

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from test_pdf_support import export_pdf, load, words_by_page

from authoring.core.ids import resolve_ids
from authoring.core.model import Course
from authoring.export.pdf.blocks import Block
from authoring.export.pdf.document import MARGIN_BOTTOM, MARGIN_TOP
from authoring.export.pdf.editions import StoryBuilder
from authoring.export.pdf.flowables import ROUND_BOX, SQUARE_BOX, TICK, PageBook
from authoring.export.pdf.fonts import load_fonts
from authoring.export.pdf.markdown_flowables import MarkdownRenderer
from authoring.export.pdf.styles import make_styles
from authoring.export.pdf.text import course_characters

SAMPLES = Path(__file__).resolve().parents[2] / "sample_courses"
CUSTOMER_FOCUS = SAMPLES / "customer-focus" / "course.md"
EDITIONS = {"learner": "Learner handout", "reviewer": "Reviewer edition with answer key"}


def page_texts(pdf: Path) -> list[list[str]]:
    """Each page's non-empty lines in reading order, as poppler reads them."""
    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return [[line.strip() for line in page.splitlines() if line.strip()] for page in raw.split("\f")[:-1]]


def assert_text_stays_in_its_bands(pdf: Path) -> None:
    """Body text between the margins; only the header above and only the footer below."""
    for number, (height, words) in enumerate(words_by_page(pdf), start=1):
        for word, top, bottom in words:
            in_body = top >= MARGIN_TOP - 1 and bottom <= height - MARGIN_BOTTOM + 1
            in_header = bottom <= MARGIN_TOP - 5 * mm
            in_footer = top >= height - MARGIN_BOTTOM + 5 * mm
            assert in_body or in_header or in_footer, f"page {number}: {word!r} at {top:.0f}-{bottom:.0f}"


def noted_course(folder: Path) -> Path:
    """A course with more review notes than the cover page holds."""
    quizzes = "".join(f"# Quiz: Quiz {n}\n\n## Question {n}?\n\n- [x] Yes\n- [ ] No\n\n" for n in range(40))
    course = folder / "course.md"
    course.write_text(f"---\ntitle: What Is Customer Focus?\n---\n\n{quizzes}", encoding="utf-8")
    return course


@pytest.mark.parametrize(("edition", "many_notes"), [("learner", False), ("reviewer", False), ("reviewer", True)])
def test_every_page_after_the_cover_has_the_title_above_and_page_and_edition_below(
        tmp_path: Path, edition: str, many_notes: bool) -> None:
    target = tmp_path / f"{edition}.pdf"
    export_pdf(noted_course(tmp_path) if many_notes else CUSTOMER_FOCUS, target, edition=edition)
    pages = page_texts(target)
    assert len(pages) > 3
    if many_notes:
        assert "Review notes" in pages[0] and "Contents" not in pages[1]
    for number, (height, words) in enumerate(words_by_page(target), start=1):
        header = " ".join(word for word, _, bottom in words if bottom <= MARGIN_TOP - 5 * mm)
        footer = " ".join(word for word, top, _ in words if top >= height - MARGIN_BOTTOM + 5 * mm)
        # The cover has the title as its own heading, without the header.
        assert header == ("" if number == 1 else "What Is Customer Focus?"), number
        assert footer == f"page {number} of {len(pages)} {EDITIONS[edition]}"
    assert_text_stays_in_its_bands(target)


def story(course: Course, edition: str) -> list[object]:
    styles = make_styles(load_fonts(course_characters(course), None, course.language))
    builder = StoryBuilder(course=course, ids=resolve_ids(course), reviewer=edition == "reviewer",
                           date=datetime.date(2026, 1, 15), notes=[], styles=styles,
                           renderer=MarkdownRenderer(styles, CUSTOMER_FOCUS.parent), book=PageBook())
    return list(builder.story()[0])


@pytest.mark.parametrize("edition", ["learner", "reviewer"])
def test_boxes_are_round_for_one_answer_square_for_several_and_ticked_only_for_reviewers(edition: str) -> None:
    course = load(CUSTOMER_FOCUS)
    blocks = [flowable for flowable in story(course, edition) if isinstance(flowable, Block)]
    choices = [child for block in blocks for child in block.flowables  # a question's choices form one block
               if isinstance(child, Block) and child.marker is not None]
    expected = [(question.multiple_response, choice.correct, letter)
                for question in course.questions
                for choice, letter in zip(question.choices, "ABCDEFGH", strict=False)]
    assert len(choices) == len(expected)
    assert any(square for square, _, _ in expected) and not all(square for square, _, _ in expected)
    for block, (square, correct, letter) in zip(choices, expected, strict=True):
        canvas = MagicMock(spec=Canvas)
        assert block.marker is not None
        block.marker(canvas, 100.0)
        paths = [call.args[0] for call in canvas.drawPath.call_args_list]
        ticked = edition == "reviewer" and correct
        assert paths == [SQUARE_BOX if square else ROUND_BOX, *([TICK] if ticked else [])]
        assert canvas.drawString.call_args.args[2] == f"{letter}."


def long_course(folder: Path) -> Path:
    """Headings, question labels and stems at every height of the page, and feedback longer than a page."""
    sections = []
    for number in range(40):
        sentences = " ".join(f"Sentence {number}.{n} of the section, long enough to fill a line or so."
                             for n in range(number % 9 + 1))
        sections.append(f"## Section heading {number}\n\n{sentences}\n")
    questions = []
    for number in range(30):
        choices = "\n".join(f"- [{'x' if n == 0 else ' '}] Choice {n} of question {number}"
                            + ("\n  > " + "Feedback words. " * (number % 5) * 6 if number % 5 else "")
                            for n in range(2 + number % 3))
        questions.append(f"## Stem of question {number}?\n\n{choices}\n\n"
                         f"Explanation: {'Explanation words. ' * (number % 4) * 8}The end {number}.\n")
    huge = " ".join(f"Long feedback sentence {n}." for n in range(700))
    course = folder / "course.md"
    course.write_text(
        "---\ntitle: Long pages\n---\n\n# Lesson: Many sections\n\n" + "\n".join(sections)
        + "\n# Quiz: Many questions\n\n" + "\n".join(questions)
        + f"\n## Huge feedback?\n\n- [x] Yes\n  > {huge}\n- [ ] No\n\nExplanation: {huge}\n",
        encoding="utf-8")
    return course


@pytest.mark.parametrize("edition", ["learner", "reviewer"])
def test_no_page_ends_with_a_heading_a_question_label_or_a_stem(tmp_path: Path, edition: str) -> None:
    target = tmp_path / "long.pdf"
    export_pdf(long_course(tmp_path), target, edition=edition)
    pages = page_texts(target)
    assert len(pages) > 8
    for number, lines in enumerate(pages, start=1):
        last = lines[-3]  # above "page X of Y" and the edition
        assert not re.fullmatch(r"Section heading \d+|QUESTION \d+ OF \d+.*|Stem of question \d+\?", last), \
            f"page {number} ends with {last!r}"
    assert_text_stays_in_its_bands(target)


def test_feedback_and_explanations_longer_than_a_page_break_across_pages_whole(tmp_path: Path) -> None:
    target = tmp_path / "long.pdf"
    export_pdf(long_course(tmp_path), target, edition="reviewer")
    pages = page_texts(target)
    body = " ".join(" ".join(lines[1:-2]) for lines in pages[1:])  # without the header and the footer
    text = " ".join(body.split())
    huge = " ".join(f"Long feedback sentence {n}." for n in range(700))
    assert text.count(huge) == 2
    assert sum("Long feedback sentence" in " ".join(lines) for lines in pages) >= 3
    for number in range(30):
        assert f"The end {number}." in text


def test_a_heading_longer_than_a_page_breaks_across_pages_and_keeps_its_bookmark(tmp_path: Path) -> None:
    words = " ".join(f"word{n}" for n in range(1500))
    course = tmp_path / "course.md"
    course.write_text(f"---\ntitle: Long headings\n---\n\n# Lesson: Title {words[:3000]} end of title\n\nText.\n\n"
                      f"# Quiz: Quiz\n\n## Stem {words} end of stem?\n\n- [x] Yes\n- [ ] No\n\nExplanation: So.\n",
                      encoding="utf-8")
    target = tmp_path / "long.pdf"
    export_pdf(course, target, edition="reviewer")
    pages = page_texts(target)
    stem_pages = [number for number, lines in enumerate(pages, start=1) if any("word1000" in line for line in lines)]
    text = " ".join(" ".join(lines) for lines in pages)
    assert "end of title" in text and "end of stem?" in text and "Explanation" in text
    reader = PdfReader(target)
    destinations = {str(entry.title).split(" ")[0]: reader.get_destination_page_number(entry) + 1
                    for entry in reader.outline[-1]}  # the quiz's questions
    first_stem_page = next(number for number, lines in enumerate(pages, start=1)
                           if any(line.startswith("Stem word0") for line in lines))
    assert destinations["Q1."] == first_stem_page < stem_pages[-1]
    assert_text_stays_in_its_bands(target)


@pytest.mark.parametrize("page_size", ["A4", "letter"])
def test_a_cover_that_runs_over_gives_its_next_page_the_header_and_footer(tmp_path: Path, page_size: str) -> None:
    title = " ".join(["Coverrun"] * 40)
    source = tmp_path / "course.md"
    source.write_text(f"---\ntitle: {title}\nauthor: {'Author name ' * 12}\nversion: {'v' * 150}\n---\n\n"
                      "# Lesson: First\n\nText.\n", encoding="utf-8")
    target = tmp_path / "cover.pdf"
    export_pdf(source, target, edition="reviewer", page_size=page_size)
    pages = words_by_page(target)
    height, words = pages[1]
    assert any(word == "Attempts" for word, _, _ in words)  # the summary ran over onto page 2
    header = " ".join(word for word, _, bottom in words if bottom <= MARGIN_TOP - 5 * mm)
    footer = " ".join(word for word, top, _ in words if top >= height - MARGIN_BOTTOM + 5 * mm)
    assert header.endswith("\u2026") and title.startswith(header.removesuffix("\u2026"))  # shortened title
    assert footer == f"page 2 of {len(pages)} {EDITIONS['reviewer']}"
    assert_text_stays_in_its_bands(target)
