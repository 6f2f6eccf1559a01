"""The format's rules, each shown on a small example the documentation also uses."""

from __future__ import annotations

from authoring.core.course_format import parse_course, write_course
from authoring.core.ids import is_valid_id, resolve_ids
from authoring.core.model import Choice, Course, Lesson, Question, Quiz, Reflection


def round_trip(course: Course) -> tuple[str, Course]:
    text = write_course(course)
    result = parse_course(text)
    assert result.lossless and not result.problems, result.problems
    return text, result.course


def test_text_that_would_read_as_structure_is_escaped() -> None:
    course = Course(
        title="T",
        items=[
            Lesson("Tips", "Explanation: lessons have none.\n\n# Quiz: tips\n\n```\n# Quiz: in code stays\n```"),
            Quiz("Q", questions=[Question(
                "Which?",
                body="Explanation: is part of the scenario.\n\n- [x] not a choice\n\n## not a question",
                choices=[Choice("a", True), Choice("b")],
                explanation="Because.\n\n# Lesson: not an item",
            )]),
        ],
    )
    text, back = round_trip(course)
    assert "\n\\# Quiz: tips\n" in text
    assert "\n# Quiz: in code stays\n" in text
    assert "Explanation\\: is part of the scenario." in text
    assert "- \\[x] not a choice" in text
    assert "\\## not a question" in text
    assert "\\# Lesson: not an item" in text
    assert back == course


def test_titles_that_end_like_syntax_are_kept() -> None:
    course = Course(title="T", items=[Lesson("Learn C #"), Lesson("Use {#this} syntax {#id}"), Lesson("")])
    text, back = round_trip(course)
    assert "# Lesson: Learn C \\#\n" in text
    assert back == course


def test_multiple_response_feedback_and_pinned_ids() -> None:
    text = """---
title: T
language: en
pass_mark: 80
---

# Quiz: Check {#quiz-1}

## Pick two {#q1}

- [x] one
  > Yes.
  >
  > ```
  > code
  > ```
- [x] two
- [ ] three

Explanation:

- because
"""
    result = parse_course(text)
    question = result.course.quizzes[0].questions[0]
    assert question.multiple_response
    assert question.correct_indexes == [0, 1]
    assert question.choices[0].feedback == "Yes.\n\n```\ncode\n```"
    assert question.explanation == "- because"
    assert (result.course.items[0].id, question.id) == ("quiz-1", "q1")
    assert write_course(result.course) == text


def test_derived_ids_are_stable_valid_and_never_collide() -> None:
    course = Course(
        title="Café & Co.",
        items=[
            Lesson("Intro"),
            Lesson("Intro"),
            Lesson("日本語"),
            Lesson("2024 plans"),
            Quiz("Quiz", questions=[Question("Intro"), Question("Same?"), Question("Same?", id="same")]),
            Reflection("Reflect", id="intro-2"),
        ],
    )
    ids = resolve_ids(course)
    flat = [*ids.items, *[q for qs in ids.questions for q in qs]]
    assert len(flat) == len(set(flat))
    assert all(is_valid_id(value) for value in flat)
    assert ids.course == "cafe-co"
    assert ids.items[:4] == ("intro", "intro-3", "ri-ben-yu", "lesson-2024-plans")
    assert ids.items[5] == "intro-2"
    assert ids.questions[4] == ("intro-4", "same-2", "same")
    assert resolve_ids(course) == ids
