"""Where pages break: a heading or a question stays with the first lines of what follows, not all of it.

Each course has one item per amount of text before the heading, so the heading meets the page's foot
at every height in one export: it must stay where it is with the start of what follows, or, when too
little room is left for that, move to the next page with it (never stranded, never a half-blank page).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_pdf_support import export_pdf, words_by_page

from authoring.export.pdf.document import MARGIN_BOTTOM

FILLERS = range(34)  # one-line paragraphs before the heading: from none to past a page
ROOM_FOR_A_HEADING_AND_TWO_LINES = 140.0
"""A heading moves on only when less room than this is left below the text before it."""


def follower(kind: str, item: int) -> str:
    """Markdown taller than a page, whose first two pieces are the words ``x{item}a0`` and ``x{item}a1``."""
    if kind == "table":
        rows = "\n".join(f"| x{item}a{n} | row text |" for n in range(1, 45))
        return f"| x{item}a0 | text |\n|---|---|\n{rows}"  # the header is a table's first line
    if kind == "list":
        return "\n".join(f"- x{item}a{n} item" for n in range(60))
    if kind == "quote":
        return "\n>\n".join(f"> x{item}a{n} quoted" for n in range(45))
    if kind == "code":
        return "```\n" + "\n".join(f"x{item}a{n} = {n}" for n in range(80)) + "\n```"
    raise AssertionError(kind)


def lesson_course(folder: Path, kind: str) -> Path:
    items = []
    for item in FILLERS:
        filler = "\n\n".join(f"f{item}n{n} filler" for n in range(item))
        items.append(f"# Lesson: Lesson {item}\n\n{filler}\n\n## h{item}x heading\n\n{follower(kind, item)}\n")
    source = folder / "course.md"
    source.write_text("---\ntitle: Breaks\n---\n\n" + "\n".join(items), encoding="utf-8")
    return source


def quiz_course(folder: Path) -> Path:
    items = []
    for item in FILLERS:
        filler = "\n\n".join(f"f{item}n{n} filler" for n in range(item))
        feedback = "\n  >\n".join(f"  > x{item}a{n} feedback" for n in range(1, 50))
        items.append(f"# Quiz: Quiz {item}\n\n{filler}\n\n## h{item}x stem?\n\n- [x] x{item}a0\n{feedback}\n"
                     "- [ ] No\n\n"
                     f"## Second {item}?\n\n- [x] Yes\n- [ ] No\n")
    source = folder / "course.md"
    source.write_text("---\ntitle: Breaks\n---\n\n" + "\n".join(items), encoding="utf-8")
    return source


def check_breaks(pdf: Path) -> None:
    where: dict[str, tuple[int, float]] = {}
    pages = words_by_page(pdf)
    for number, (_, words) in enumerate(pages):
        for word, _, bottom in words:
            where.setdefault(word, (number, bottom))
    for item in FILLERS:
        heading_page, _ = where[f"h{item}x"]
        assert where[f"x{item}a0"][0] == heading_page, f"item {item}: the heading left what follows it"
        assert where[f"x{item}a1"][0] == heading_page, f"item {item}: the heading has one line after it"
        if item == 0:
            continue
        filler_page, filler_bottom = where[f"f{item}n{item - 1}"]
        if filler_page != heading_page:
            height = pages[filler_page][0]
            room = height - MARGIN_BOTTOM - filler_bottom
            assert room < ROOM_FOR_A_HEADING_AND_TWO_LINES, \
                f"item {item}: the heading moved on with {room:.0f} pt free on page {filler_page + 1}"


@pytest.mark.parametrize("kind", ["table", "list", "quote", "code"])
def test_a_heading_stays_with_the_first_lines_of_what_follows(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "breaks.pdf"
    export_pdf(lesson_course(tmp_path, kind), target)
    check_breaks(target)


def test_a_question_stays_with_the_first_lines_of_its_long_feedback(tmp_path: Path) -> None:
    target = tmp_path / "breaks.pdf"
    export_pdf(quiz_course(tmp_path), target, edition="reviewer")
    check_breaks(target)


def short_questions_course(folder: Path) -> Path:
    """Quizzes whose one short question meets the page's foot at every height, choice by choice."""
    items = []
    for item in FILLERS:
        filler = "\n\n".join(f"f{item}n{n} filler" for n in range(item))
        choices = "\n".join(f"- [{'x' if n == 2 else ' '}] c{item}x{n} choice\n  > feedback {n}" for n in range(5))
        items.append(f"# Quiz: Quiz {item}\n\n{filler}\n\n## h{item}x stem?\n\n{choices}\n\n"
                     f"Explanation: e{item}x because.\n")
    source = folder / "course.md"
    source.write_text("---\ntitle: Breaks\n---\n\n" + "\n".join(items), encoding="utf-8")
    return source


@pytest.mark.parametrize("edition", ["learner", "reviewer"])
def test_a_short_question_keeps_its_choices_and_explanation_on_one_page(tmp_path: Path, edition: str) -> None:
    """A learner ticking boxes on paper should not turn the page to find the rest of five short choices."""
    target = tmp_path / "breaks.pdf"
    export_pdf(short_questions_course(tmp_path), target, edition=edition)
    where: dict[str, int] = {}
    for number, (_, words) in enumerate(words_by_page(target)):
        for word, _, _ in words:
            where.setdefault(word, number)
    for item in FILLERS:
        pages = {where[f"h{item}x"], *(where[f"c{item}x{n}"] for n in range(5))}
        if edition == "reviewer":  # nor the explanation, alone at the next page's head
            pages.add(where[f"e{item}x"])
        assert len(pages) == 1, f"quiz {item}: the stem, choices and explanation are on pages {sorted(pages)}"
