"""Every error and warning the checker knows, each from a small course file."""

from __future__ import annotations

from pathlib import Path

import pytest

from authoring.core.course_file import load_course
from authoring.core.problems import Severity
from authoring.core.validation import check_course

HEADER = "---\ntitle: T\n---\n\n"
GOOD_QUESTION = "## Q?\n\n- [x] a\n- [ ] b\n\nExplanation: e.\n"


def problems_of(tmp_path: Path, text: str) -> list[tuple[str, int, str]]:
    path = tmp_path / "course.md"
    path.write_text(text, encoding="utf-8")
    loaded = load_course(path)
    found = list(loaded.problems)
    if loaded.course is not None:
        found += check_course(loaded.course, tmp_path)
    return [(p.severity.value, p.line, p.message) for p in found]


def only(problems: list[tuple[str, int, str]], severity: str) -> list[tuple[str, int, str]]:
    return [p for p in problems if p[0] == severity]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("# Lesson: L\n\nx\n", 1, "no front matter"),
        ("---\nauthor: A\n---\n\n# Lesson: L\n\nx\n", 1, "no title"),
        (HEADER + "# Lesson: L\n\nx\n\n# Summary\n\ny\n", 9, "without 'Lesson:'"),
        (HEADER + "# Quiz: Q\n\n## One?\n\n- [x] only\n\nExplanation: e.\n\n" + GOOD_QUESTION, 7, "1 choice(s)"),
        (HEADER + "# Quiz: Q\n\n## One?\n\n- [ ] a\n- [ ] b\n\nExplanation: e.\n\n" + GOOD_QUESTION, 7,
         "no correct choice"),
        ("---\ntitle: T\npass_mark: 120\n---\n\n# Lesson: L\n\nx\n", 1, "from 0 to 100"),
        ("---\ntitle: T\npass_mark: lots\n---\n\n# Lesson: L\n\nx\n", 3, "whole number"),
        (HEADER + "# Lesson: L\n\n![A chart](assets/missing.png)\n", 7, "does not exist"),
        (HEADER + "# Lesson: L {#same}\n\nx\n\n# Lesson: M {#same}\n\ny\n", 9, "already used on line 5"),
        (HEADER + "# Lesson: L {#9 bad}\n\nx\n", 5, "must start with a letter"),
        ("---\ntitle: [unclosed\n---\n\n# Lesson: L\n\nx\n", 2, "not valid YAML"),
        (HEADER + "Stray text.\n\n# Lesson: L\n\nx\n", 5, "text before the first item"),
        (HEADER + "# Lesson: L\n\n```\ncode\n\n# Lesson: M\n\ny\n", 7, "never closed"),
        # Every field the player shows an image from: titles, stems, choices, and raw HTML too.
        (HEADER + "# Lesson: See ![a chart](assets/title.png)\n\nx\n", 5, "'assets/title.png' does not exist"),
        (HEADER + "# Quiz: Q\n\n## Which? ![s](assets/stem.png)\n\n- [x] a\n- [ ] b\n\nExplanation: e.\n\n"
         + GOOD_QUESTION, 7, "'assets/stem.png' does not exist"),
        (HEADER + "# Quiz: Q\n\n## Which?\n\n- [x] ![c](assets/choice.png)\n- [ ] b\n\nExplanation: e.\n\n"
         + GOOD_QUESTION, 9, "'assets/choice.png' does not exist"),
        (HEADER + "# Lesson: L\n\n<p>Look:</p>\n<img src=\"assets/raw.png\" alt=\"x\">\n", 8,
         "'assets/raw.png' does not exist"),
        (HEADER + "# Lesson: L\n\nInline <img src=\"assets/inline.png\" alt=\"x\"> image.\n", 7,
         "'assets/inline.png' does not exist"),
        (HEADER + "# Lesson: L\n\n![e](file:///etc/hosts)\n", 7, "neither in the course folder nor on the web"),
        # Numbers as every other reader of the file sees them; attempts as the player can keep them.
        ("---\ntitle: T\npass_mark: 8_0\n---\n\n# Lesson: L\n\nx\n", 3, "whole number"),
        ("---\ntitle: T\npass_mark: \u0668\u0660\n---\n\n# Lesson: L\n\nx\n", 3, "whole number"),
        ("---\ntitle: T\nmax_attempts: 99999999999\n---\n\n# Lesson: L\n\nx\n", 1, "from 0 (no limit) to 35"),
        ("---\ntitle: |\n  two\n  lines\n---\n\n# Lesson: L\n\nx\n", 2, "single line of text"),
        (HEADER + "#Lesson: L\n\nx\n", 5, "a heading needs a space after '#'"),
    ],
)
def test_errors_name_the_line_and_what_to_do(tmp_path: Path, text: str, line: int, words: str) -> None:
    errors = only(problems_of(tmp_path, text), "error")
    assert any(found_line == line and words in message for _, found_line, message in errors), errors


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (HEADER + "# Quiz: Q\n\n## One?\n\n- [x] a\n- [ ] b\n\n" + GOOD_QUESTION, 7, "no explanation"),
        (HEADER + "# Lesson: L\n\n![](assets/chart.png)\n", 7, "no alt text"),
        (HEADER + "# Lesson: L\n\n![A chart](https://example.com/c.png)\n", 7, "learners will not see it"),
        (HEADER + "# Lesson: L\n\n" + "word " * 1100 + "\n", 5, "minutes to read"),
        (HEADER + "# Quiz: Q\n\n" + GOOD_QUESTION, 5, "single question"),
        (HEADER + "# Reflection: R\n", 5, "no prompt"),
        ("---\ntitle: T\ncolour: blue\n---\n\n# Lesson: L\n\nx\n", 3, "unknown front-matter key"),
        (HEADER + "# Lesson: L\n\nx\n\n#Quiz: nope\n", 9, "is text, not a new item"),
        (HEADER + "# Lesson: L\n\n![A note](assets/note.png)\n", 7, "'assets/note.png' is not an image a browser"),
    ],
)
def test_warnings(tmp_path: Path, text: str, line: int, words: str) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "assets" / "note.png").write_text("a text file named .png", encoding="utf-8")
    problems = problems_of(tmp_path, text)
    assert not only(problems, "error"), problems
    warnings = only(problems, "warning")
    assert any(found_line == line and words in message for _, found_line, message in warnings), problems


def test_the_sample_course_has_no_problems_at_all(sample_course: Path) -> None:
    loaded = load_course(sample_course)
    assert loaded.course is not None and loaded.lossless
    assert loaded.problems == []
    assert check_course(loaded.course, sample_course.parent) == []


def test_problems_point_the_editor_at_the_item_question_and_field(tmp_path: Path) -> None:
    text = HEADER + "# Lesson: L\n\nx\n\n# Quiz: Q\n\n" + GOOD_QUESTION
    text += "\n## Two?\n\n- [ ] a\n- [ ] b\n\nExplanation: e.\n"
    path = tmp_path / "course.md"
    path.write_text(text, encoding="utf-8")
    course = load_course(path).course
    assert course is not None
    [problem] = [p for p in check_course(course, tmp_path) if p.severity is Severity.ERROR]
    assert (problem.item, problem.question, problem.field) == (1, 1, "choices")
    assert problem.format("course.md").startswith("course.md:18: error: question 'Two?' has no correct choice")


def test_a_quote_that_is_not_under_a_choice_says_how_to_indent_it(tmp_path: Path) -> None:
    text = HEADER + "# Quiz: Q\n\n## S?\n\n- [x] a\n> Feedback for a.\n- [ ] b\n"
    errors = only(problems_of(tmp_path, text), "error")
    assert any(line == 10 and "indent it by two spaces" in message for _, line, message in errors), errors


def test_a_link_to_a_file_of_the_authors_is_a_warning_naming_it(tmp_path: Path) -> None:
    # A package holds the course and its images only: learners would get a dead link.
    text = HEADER + ("# Lesson: L\n\nRead [the handout](handout.pdf) and [the site](https://example.com), "
                     "[mail us](mailto:team@example.com) or [the intro](#intro).\n\n"
                     '<a href="notes.html">Notes</a>\n\n'
                     "[Nowhere]()\n\n"
                     "# Quiz: Q\n\n## Q?\n\n- [x] a\n  > See [the policy](file:///home/me/policy.pdf).\n"
                     "- [ ] b\n\nExplanation: e.\n")
    warnings = only(problems_of(tmp_path, text), "warning")
    assert [(line, message.split(";")[0].split(",")[0]) for _, line, message in warnings
            if "link" in message] == [
        (7, "link 'handout.pdf' points to a file"),
        (9, "link 'notes.html' points to a file"),
        (11, "a link has no address"),
        (17, "link 'file:///home/me/policy.pdf' points to a file"),
    ]
