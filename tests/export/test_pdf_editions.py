"""The learner handout and the reviewer edition hold what each reader needs, and no more."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from test_pdf_support import export_pdf, load, outline_titles, pdf_text, rendered

from authoring.core.ids import resolve_ids
from authoring.core.model import Quiz
from authoring.export.pdf.editions import CORRECT_MARK

SAMPLES = Path(__file__).resolve().parents[2] / "sample_courses"
COURSES = ["customer-focus", "feature-tour"]


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    folder = tmp_path_factory.mktemp("editions")
    made = {}
    for name in COURSES:
        for edition in ("learner", "reviewer"):
            target = folder / f"{name}-{edition}.pdf"
            export_pdf(SAMPLES / name / "course.md", target, edition=edition)
            made[name, edition] = target
    return made


@pytest.mark.parametrize("name", COURSES)
def test_reviewer_edition_holds_every_question_choice_feedback_and_explanation(
        editions: dict[tuple[str, str], Path], name: str) -> None:
    course = load(SAMPLES / name / "course.md")
    text = pdf_text(editions[name, "reviewer"])
    expected = []
    for question in course.questions:
        expected += [rendered(question.stem), rendered(question.explanation)]
        for choice in question.choices:
            expected += [rendered(choice.text), rendered(choice.feedback)]
    assert len(expected) > 10
    for passage in expected:
        assert passage in text


@pytest.mark.parametrize("name", COURSES)
def test_reviewer_edition_marks_exactly_the_correct_choices(editions: dict[tuple[str, str], Path], name: str) -> None:
    course = load(SAMPLES / name / "course.md")
    text = pdf_text(editions[name, "reviewer"])
    assert text.count(CORRECT_MARK) == sum(len(q.correct_indexes) for q in course.questions)
    for question in course.questions:
        for choice in question.choices:
            marked = f"{rendered(choice.text)} {CORRECT_MARK}" in text
            assert marked == choice.correct, choice.text


def test_the_correct_answer_mark_never_breaks_across_lines(editions: dict[tuple[str, str], Path]) -> None:
    """Choice B of the sample's question 3 ends where the mark would wrap after its tick."""
    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", str(editions["customer-focus", "reviewer"]), "-"],
                         capture_output=True, text=True, check=True).stdout
    lines = [re.sub(r"\s+", " ", line).strip() for line in raw.splitlines()]
    course = load(SAMPLES / "customer-focus" / "course.md")
    whole = sum(line.count(CORRECT_MARK) for line in lines)
    assert whole == sum(len(q.correct_indexes) for q in course.questions)
    assert not any(line.endswith("\u2713") for line in lines)


@pytest.mark.parametrize("name", COURSES)
def test_learner_edition_has_the_questions_but_no_answers(editions: dict[tuple[str, str], Path], name: str) -> None:
    course = load(SAMPLES / name / "course.md")
    text = pdf_text(editions[name, "learner"])
    for question in course.questions:
        assert rendered(question.stem) in text
        assert rendered(question.explanation) not in text
        for choice in question.choices:
            assert rendered(choice.text) in text
            assert rendered(choice.feedback) not in text
    for absent in (CORRECT_MARK, "correct", "Feedback", "Explanation", "Review notes"):
        assert absent not in text
    ids = resolve_ids(course)
    for pinned in [*ids.items, *(question for quiz in ids.questions for question in quiz)]:
        assert f"ID {pinned}" not in text


def test_reviewer_edition_shows_the_ids_beside_the_headings(editions: dict[tuple[str, str], Path]) -> None:
    course = load(SAMPLES / "customer-focus" / "course.md")
    ids = resolve_ids(course)
    text = pdf_text(editions["customer-focus", "reviewer"])
    for index, item in enumerate(course.items):
        assert f"ID {ids.item(index)} {rendered(item.title)}" in text
        if isinstance(item, Quiz):
            for number, question in enumerate(item.questions):
                assert f"ID {ids.question(index, number)} {rendered(question.stem)}" in text


def test_reviewer_first_page_summarises_the_course(editions: dict[tuple[str, str], Path]) -> None:
    reader = PdfReader(editions["feature-tour", "reviewer"])
    first = " ".join(reader.pages[0].extract_text().split())
    for fact in ("A Tour of the Course Format", "The authoring developers", "2.1", "2026-01-15",
                 "Pass mark 50%", "Lessons 1", "Quizzes 1", "Questions 2", "Reflections 1",
                 "Choices shuffled yes", "Attempts allowed 2"):
        assert fact in first


def test_review_notes_list_the_checkers_warnings(tmp_path: Path) -> None:
    course_file = tmp_path / "course.md"
    course_file.write_text("---\ntitle: Notes\n---\n\n# Quiz: Only one\n\n## Is this alone?\n\n"
                           "- [x] Yes\n- [ ] No\n", encoding="utf-8")
    target = tmp_path / "notes.pdf"
    export_pdf(course_file, target, edition="reviewer")
    text = pdf_text(target)
    assert "Review notes" in text
    assert "line 5, only-one: quiz 'Only one' has a single question" in text
    assert "line 7, only-one / is-this-alone: question 'Is this alone?' has no explanation" in text
    learner = tmp_path / "learner.pdf"
    export_pdf(course_file, learner)
    assert "single question" not in pdf_text(learner)


@pytest.mark.parametrize("edition", ["learner", "reviewer"])
def test_outline_lists_every_item_and_question(editions: dict[tuple[str, str], Path], edition: str) -> None:
    course = load(SAMPLES / "customer-focus" / "course.md")
    titles = outline_titles(editions["customer-focus", edition])
    items = [title for depth, title in titles if depth == 0]
    questions = [title for depth, title in titles if depth == 1]
    for item in course.items:
        assert f"{item.kind.capitalize()}: {rendered(item.title)}" in items
    assert questions == [f"Q{n + 1}. {rendered(q.stem)}" for n, q in enumerate(course.questions)]
    assert "Contents" in items
    assert ("Review notes" in items) == (edition == "reviewer")


def test_contents_lists_every_item_with_the_page_it_starts_on(editions: dict[tuple[str, str], Path]) -> None:
    course = load(SAMPLES / "customer-focus" / "course.md")
    reader = PdfReader(editions["customer-focus", "learner"])
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    contents = next(page for page in pages if page.startswith("What Is Customer Focus? Contents")
                    or " Contents " in page)
    for item in course.items:
        title = rendered(item.title)
        start = next(number for number, page in enumerate(pages, start=1) if f"{item.kind.upper()} {title}" in page)
        assert f"{title} {start}" in contents


def test_reflection_gets_writing_lines_and_the_footer_counts_pages(editions: dict[tuple[str, str], Path]) -> None:
    reader = PdfReader(editions["customer-focus", "learner"])
    last = reader.pages[-1].extract_text()
    assert "REFLECTION" in last and "Your answer" in last
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        text = " ".join(page.extract_text().split())
        assert f"page {number} of {total}" in text
        assert "Learner handout" in text


def test_contents_page_numbers_are_visible_ink_not_just_text(editions: dict[tuple[str, str], Path],
                                                             tmp_path: Path) -> None:
    """The numbers are forms drawn at the end; a clipped form would still extract as text."""
    pdf = editions["customer-focus", "learner"]
    bbox = subprocess.run(["pdftotext", "-f", "2", "-l", "2", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    numbers = [tuple(float(value) for value in match) for match in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">\d+</word>', bbox)]
    numbers = [box for box in numbers if box[1] < 400]  # the contents, not the footer
    assert len(numbers) == 4
    subprocess.run(["pdftoppm", "-f", "2", "-l", "2", "-r", "72", "-gray", "-png", str(pdf), str(tmp_path / "p")],
                   check=True)
    page = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    for x_min, y_min, x_max, y_max in numbers:
        darkest, _ = page.crop((int(x_min), int(y_min), int(x_max) + 1, int(y_max) + 1)).getextrema()
        assert darkest < 100


@pytest.mark.parametrize(("feedback", "printed"), [
    ("plain words", "Feedback: plain words"),
    ("**bold** words", "Feedback: bold words"),
    ("```\ncode_feedback()\n```", "Feedback: code_feedback()"),
    ("- listed reason\n- second reason", "Feedback: • listed reason • second reason"),
    ("| a | b |\n|---|---|\n| 1 | 2 |", "Feedback: a b 1 2"),
])
def test_every_feedback_is_labelled_whatever_it_starts_with(tmp_path: Path, feedback: str, printed: str) -> None:
    quoted = "\n".join(f"  > {line}" for line in feedback.splitlines())
    source = tmp_path / "course.md"
    source.write_text("---\ntitle: Feedback\n---\n\n# Quiz: Quiz\n\n## Which?\n\n"
                      f"- [x] Right\n{quoted}\n- [ ] Wrong\n\n## Another?\n\n- [x] Yes\n- [ ] No\n",
                      encoding="utf-8")
    target = tmp_path / "feedback.pdf"
    export_pdf(source, target, edition="reviewer")
    assert printed in pdf_text(target)


def test_text_is_drawn_in_reading_order_for_copying_and_screen_readers(editions: dict[tuple[str, str], Path]) -> None:
    """pypdf reads in the order things are drawn, as copying does and as screen readers read untagged PDFs;
    poppler (pdf_text) sorts by position, so it cannot tell."""
    course = load(SAMPLES / "customer-focus" / "course.md")
    drawn = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(editions["customer-focus",
                                                                                          "reviewer"]).pages)
    for question in course.questions:
        for choice in question.choices:
            assert f"Feedback: {rendered(choice.feedback)}" in drawn
            if choice.correct:
                assert f"{rendered(choice.text)} {CORRECT_MARK}" in drawn
    for item in course.items:
        assert re.search(rf"{item.kind.capitalize()} {re.escape(rendered(item.title))} \d+ ", drawn), item.title
