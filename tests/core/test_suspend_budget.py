"""The checker warns when a learner's progress cannot fit SCORM 1.2's 4,096 characters of suspend_data."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from authoring.core.course_file import load_course
from authoring.core.model import Choice, Course, Lesson, Question, Quiz, Reflection
from authoring.core.suspend_budget import (
    MIN_USEFUL_REFLECTION,
    fixed_length,
    reflection_share,
    suspend_data_problems,
)
from authoring.core.validation import check_course
from authoring.export.web_package import suspend_format


def question(choices: int = 4, correct: int = 1) -> Question:
    return Question("Which?", choices=[Choice(f"c{n}", correct=n < correct) for n in range(choices)],
                    explanation="Because.")


def course_of(questions: int, reflections: int, *, lessons: int = 5, per_quiz: int = 10) -> Course:
    items: list[Lesson | Quiz | Reflection] = [Lesson(f"L{n}", "Text.") for n in range(lessons)]
    for start in range(0, questions, per_quiz):
        items.append(Quiz(f"Q{start}", questions=[question() for _ in range(min(per_quiz, questions - start))]))
    items += [Reflection(f"R{n}", "Why?") for n in range(reflections)]
    return Course(title="T", items=items)


def test_a_40_question_course_with_reflections_fits_with_room_to_write() -> None:
    course = course_of(40, 3)
    assert suspend_data_problems(course) == []
    assert reflection_share(course, 4096) > 1000


def test_too_many_answers_for_scorm_12_warn_and_point_to_scorm_2004() -> None:
    course = course_of(2100, 0, per_quiz=50)
    [problem] = suspend_data_problems(course)
    assert problem.severity.value == "warning"
    assert problem.line == 1
    assert f"takes up to {fixed_length(course):,} characters" in problem.message
    assert "SCORM 1.2 keeps (4,096)" in problem.message and "export SCORM 2004" in problem.message


def test_a_course_too_big_even_for_scorm_2004_is_told_to_split() -> None:
    course = course_of(0, 0)
    course.items = [Quiz("Big", questions=[question(10, 10) for _ in range(6000)])]
    [problem] = suspend_data_problems(course)
    assert "even SCORM 2004 keeps (64,000)" in problem.message
    assert "export SCORM 2004" not in problem.message


def test_cramped_reflections_warn_at_the_first_reflection(tmp_path: Path) -> None:
    quiz = "# Quiz: Check\n\n" + "".join(f"## Q{n}?\n\n- [x] a\n- [ ] b\n\nExplanation: e.\n\n" for n in range(40))
    reflections = "".join(f"# Reflection: R{n}\n\nWhat do you think about {n}?\n\n" for n in range(25))
    path = tmp_path / "course.md"
    path.write_text("---\ntitle: T\n---\n\n# Lesson: L\n\nText.\n\n" + quiz + reflections, encoding="utf-8")
    loaded = load_course(path)
    assert loaded.course is not None
    problems = [p for p in check_course(loaded.course, tmp_path) if "suspend_data" in p.message]
    first_reflection = path.read_text(encoding="utf-8").splitlines().index("# Reflection: R0") + 1
    assert [(p.severity.value, p.line, p.item, p.field) for p in problems] == [
        ("warning", first_reflection, 2, "prompt")]
    share = reflection_share(loaded.course, 4096)
    assert share < MIN_USEFUL_REFLECTION
    assert f"each of the 25 reflections can keep only {share} characters" in problems[0].message


def test_the_samples_have_no_suspend_data_warning(sample_course: Path) -> None:
    loaded = load_course(sample_course)
    assert loaded.course is not None
    assert suspend_data_problems(loaded.course) == []


shapes = st.lists(
    st.one_of(
        st.just("lesson"),
        st.lists(st.tuples(st.integers(2, 36), st.integers(1, 36)), min_size=0, max_size=60),
        st.just("reflection"),
    ),
    max_size=120,
)


def course_from(shape: list[object]) -> Course:
    items: list[Lesson | Quiz | Reflection] = []
    for n, entry in enumerate(shape):
        if entry == "lesson":
            items.append(Lesson(f"L{n}", "Text."))
        elif entry == "reflection":
            items.append(Reflection(f"R{n}", "Why?"))
        else:
            pairs = entry if isinstance(entry, list) else []
            items.append(Quiz(f"Q{n}", questions=[question(c, min(k, c)) for c, k in pairs]))
    return Course(title="T", items=items)


@settings(max_examples=200, deadline=None)
@given(shapes)
def test_the_budget_agrees_with_the_players_encoding(shape: list[object]) -> None:
    """Sized here, written by the player: the worst state the player can write fits what the checker allows."""
    course = course_from(shape)
    assert fixed_length(course) == suspend_format.fixed_length(course)
    assert reflection_share(course, 4096) == suspend_format.reflection_budget(course, "scorm12")
    assert MIN_USEFUL_REFLECTION == suspend_format.MIN_USEFUL_REFLECTION

    share = max(reflection_share(course, 4096), 0)
    worst = suspend_format.ResumeState(
        seed=36**4 - 1,
        visited=[True] * len(course.items),
        attempts=[suspend_format.MAX_ATTEMPTS_STORED] * len(course.quizzes),
        answers=[suspend_format.CHOICE_LETTERS[:len(q.choices)] if q.multiple_response else "z"
                 for q in course.questions],
        reflections=["é" * share for _ in course.reflections],
    )
    encoded = suspend_format.encode(worst)
    assert suspend_format.utf16_length(encoded) <= max(4096, fixed_length(course))
    if not course.reflections:
        assert len(encoded) == fixed_length(course)
    warned = suspend_data_problems(course) != []
    assert warned == (fixed_length(course) > 4096 or (bool(course.reflections) and share < MIN_USEFUL_REFLECTION))
