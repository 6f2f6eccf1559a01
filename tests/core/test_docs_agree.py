"""The format document and the sample course tell the same story."""

from __future__ import annotations

import re
from pathlib import Path

from authoring.core.course_file import load_course
from authoring.core.course_format import parse_course
from authoring.core.course_format.front_matter import KNOWN_KEYS
from authoring.core.problems import Severity
from authoring.core.validation import check_course

REPO = Path(__file__).resolve().parents[2]
DOC = (REPO / "docs" / "course-format.md").read_text(encoding="utf-8")


def test_the_documented_example_is_a_shortened_sample(sample_course: Path) -> None:
    example = re.search(r"```markdown\n(.*?)```\n", DOC, re.DOTALL)
    assert example
    documented = parse_course(example.group(1))
    problems = documented.problems + check_course(documented.course, sample_course.parent)
    assert [p for p in problems if p.severity is Severity.ERROR] == []
    sample = load_course(sample_course).course
    assert sample is not None
    assert documented.course.title == sample.title
    first_lesson, quiz, reflection = sample.lessons[0], sample.quizzes[0], sample.reflections[0]
    assert [(i.kind, i.title) for i in documented.course.items] == [
        (i.kind, i.title) for i in (first_lesson, quiz, reflection)
    ]
    john = documented.course.quizzes[0].questions[0]
    sample_john = sample.quizzes[0].questions[0]
    assert (john.stem, john.id, [c.correct for c in john.choices]) == (
        sample_john.stem, sample_john.id, [c.correct for c in sample_john.choices]
    )


def test_every_front_matter_key_is_documented() -> None:
    for key in KNOWN_KEYS:
        assert f"| `{key}` |" in DOC
