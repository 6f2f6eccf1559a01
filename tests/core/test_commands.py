"""Edit commands: each applies, reverts to the exact course before, and tells observers."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from authoring.core.commands import (
    Batch,
    Change,
    FieldChanged,
    Insert,
    Move,
    Remove,
    RowInserted,
    RowMoved,
    RowRemoved,
    SetField,
    duplicate,
    move_by,
    new_item,
    new_question,
    rename,
    resolve,
)
from authoring.core.course_format import parse_course, write_course
from authoring.core.model import Choice, Course, Lesson, Question, Quiz, Reflection

SAMPLE = Path(__file__).resolve().parents[2] / "sample_courses" / "customer-focus" / "course.md"


class Recorder:
    def __init__(self) -> None:
        self.events: list[tuple[str, Change]] = []

    def before(self, change: Change) -> None:
        self.events.append(("before", change))

    def after(self, change: Change) -> None:
        self.events.append(("after", change))


@pytest.fixture
def course() -> Course:
    return parse_course(SAMPLE.read_text(encoding="utf-8")).course


def quiz_index(course: Course) -> int:
    return next(i for i, item in enumerate(course.items) if isinstance(item, Quiz))


def round_trip(course: Course, command: SetField | Insert | Remove | Move | Batch) -> None:
    before = copy.deepcopy(course)
    command.apply(course)
    after = copy.deepcopy(course)
    assert after != before
    command.revert(course)
    assert course == before
    command.apply(course)
    assert course == after


def test_set_field_on_every_level_applies_and_reverts(course: Course) -> None:
    q = quiz_index(course)
    round_trip(course, SetField(course, (), "title", "New title"))
    round_trip(course, SetField(course, (), "pass_mark", 60))
    round_trip(course, SetField(course, (0,), "body", "Fresh text"))
    round_trip(course, SetField(course, (q, 0), "stem", "Why?"))
    round_trip(course, SetField(course, (q, 0, 1), "feedback", "Because."))
    round_trip(course, SetField(course, (q, 0, 0), "correct", True))
    assert course.items[q].questions[0].multiple_response


def test_set_field_keeps_the_model_invariants(course: Course) -> None:
    command = SetField(course, (0,), "title", "  Two\nlines  ")
    command.apply(course)
    assert course.items[0].title == "Two lines"
    SetField(course, (0,), "body", "\n\n  \nText\n\nMore\n\n").apply(course)
    assert course.items[0].body == "Text\n\nMore"
    # The file written from it reads back as the same course.
    assert parse_course(write_course(course)).course == course


def test_clearing_an_id_makes_it_derived_again(course: Course) -> None:
    SetField(course, (), "id", None).apply(course)
    assert course.id is None
    assert "\nid:" not in write_course(course)


def test_set_field_names_the_edit(course: Course) -> None:
    q = quiz_index(course)
    assert SetField(course, (), "author", "x").text == "Edit course author"
    assert SetField(course, (q, 0), "explanation", "x").text == "Edit question explanation"
    assert SetField(course, (q, 0, 0), "correct", True).text == "Mark choice correct"
    assert SetField(course, (q, 0, 0), "text", "x").text == "Edit choice text"


def test_unknown_field_is_refused(course: Course) -> None:
    with pytest.raises(AttributeError):
        SetField(course, (0,), "stem", "x")


def test_typing_in_one_field_merges_into_one_step(course: Course) -> None:
    original = course.items[0].title
    session = object()
    first = SetField(course, (0,), "title", "A", session)
    first.apply(course)
    for text in ("AB", "ABC"):
        following = SetField(course, (0,), "title", text, session)
        following.apply(course)
        assert first.merge(following)
    assert course.items[0].title == "ABC"
    first.revert(course)
    assert course.items[0].title == original


def test_other_sessions_and_fields_do_not_merge(course: Course) -> None:
    session = object()
    first = SetField(course, (0,), "title", "A", session)
    assert not first.merge(SetField(course, (0,), "title", "B", object()))
    assert not first.merge(SetField(course, (1,), "title", "B", session))
    assert not first.merge(SetField(course, (0,), "body", "B", session))
    assert not SetField(course, (0,), "title", "A").merge(SetField(course, (0,), "title", "B"))


def test_typing_back_to_the_start_is_a_noop(course: Course) -> None:
    session = object()
    first = SetField(course, (0,), "title", "A", session)
    assert first.merge(SetField(course, (0,), "title", course.items[0].title, session))
    assert first.is_noop


def test_insert_remove_and_duplicate_items(course: Course) -> None:
    count = len(course.items)
    round_trip(course, Insert((), 1, new_item("reflection")))
    assert len(course.items) == count + 1
    round_trip(course, Remove(course, (0,)))
    q = quiz_index(course)
    course.items[q].id = "pinned"
    twin = duplicate(course, (q,))
    twin.apply(course)
    assert course.items[q + 1].title == course.items[q].title
    assert course.items[q + 1].id is None
    assert course.items[q + 1] is not course.items[q]
    twin.revert(course)
    assert len(course.items) == count  # one inserted, one removed


def test_remove_then_undo_gives_back_the_same_object(course: Course) -> None:
    item = course.items[1]
    command = Remove(course, (1,))
    command.apply(course)
    assert item not in course.items
    command.revert(course)
    assert course.items[1] is item


def test_questions_and_choices_insert_and_remove(course: Course) -> None:
    q = quiz_index(course)
    round_trip(course, Insert((q,), 0, new_question("Fresh?")))
    round_trip(course, Insert((q, 0), 2, Choice("Another")))
    round_trip(course, Remove(course, (q, 0, 0)))
    round_trip(course, duplicate(course, (q, 1)))


def test_moves_within_a_list(course: Course) -> None:
    titles = [item.title for item in course.items]
    round_trip(course, Move(course, (0,), (), 2))
    assert [item.title for item in course.items] == [titles[1], titles[2], titles[0], *titles[3:]]


def test_question_moves_to_another_quiz(course: Course) -> None:
    course.items.append(Quiz("Second quiz", questions=[new_question("Other?")]))
    q = quiz_index(course)
    last = len(course.items) - 1
    stem = course.items[q].questions[0].stem
    command = Move(course, (q, 0), (last,), 1)
    round_trip(course, command)
    assert course.items[last].questions[1].stem == stem


def test_moves_to_another_level_or_out_of_range_are_refused(course: Course) -> None:
    q = quiz_index(course)
    with pytest.raises(ValueError, match="kind"):
        Move(course, (q, 0), (), 0)
    with pytest.raises(IndexError):
        Move(course, (0,), (), len(course.items))


def test_alt_up_down_moves_questions_across_quiz_edges(course: Course) -> None:
    course.items.insert(0, Quiz("First quiz", questions=[new_question("Only?")]))
    q = [i for i, item in enumerate(course.items) if isinstance(item, Quiz)][1]
    up = move_by(course, (q, 0), -1)
    assert up is not None
    up.apply(course)
    assert len(course.items[0].questions) == 2
    assert course.items[0].questions[1].stem == "What point is John missing?"
    assert move_by(course, (0, 0), -1) is None
    assert move_by(course, (0,), -1) is None
    down = move_by(course, (0,), +1)
    assert down is not None and down.dst_row == 1


def test_observer_hears_before_and_after_each_change(course: Course) -> None:
    recorder = Recorder()
    q = quiz_index(course)
    Batch("Two things", [SetField(course, (0,), "title", "T"), Move(course, (q, 0), (q,), 1)]).apply(course, recorder)
    assert recorder.events == [
        ("before", FieldChanged((0,), "title")), ("after", FieldChanged((0,), "title")),
        ("before", RowMoved((q,), 0, (q,), 1)), ("after", RowMoved((q,), 0, (q,), 1)),
    ]
    recorder.events.clear()
    command = Insert((q,), 0, new_question())
    command.apply(course, recorder)
    command.revert(course, recorder)
    assert [event for _, event in recorder.events] == [RowInserted((q,), 0)] * 2 + [RowRemoved((q,), 0)] * 2


def test_rename_and_resolve(course: Course) -> None:
    q = quiz_index(course)
    command = rename(course, (q, 0), "Renamed?")
    assert command.text == "Rename question"
    command.apply(course)
    assert resolve(course, (q, 0)).stem == "Renamed?"
    assert rename(course, (0,), "x").text == "Rename lesson"


def test_new_items_are_valid_from_the_start() -> None:
    from authoring.core.validation import check_course

    course = Course("C", items=[new_item("lesson"), new_item("quiz"), new_item("reflection")])
    problems = check_course(course)
    assert not [problem for problem in problems if problem.severity == "error"]


_edits = st.lists(st.tuples(st.integers(0, 6), st.integers(0, 30), st.text(max_size=12)), max_size=25)


@settings(max_examples=60, deadline=None)
@given(_edits)
def test_any_sequence_of_edits_undoes_to_the_original(edits: list[tuple[int, int, str]]) -> None:
    course = Course("C", items=[Lesson("L", "Body"), Quiz("Q", questions=[
        Question("S", choices=[Choice("a", True), Choice("b")]), Question("T", choices=[Choice("c")])]),
        Reflection("R", "P")])
    original = copy.deepcopy(course)
    done = []
    for kind, number, text in edits:
        command = _edit(course, kind, number, text)
        if command is None:
            continue
        command.apply(course)
        done.append(command)
        assert parse_course(write_course(course)).course == course
    for command in reversed(done):
        command.revert(course)
    assert course == original


def _edit(course: Course, kind: int, number: int, text: str) -> SetField | Insert | Remove | Move | None:
    items = len(course.items)
    quizzes = [i for i, item in enumerate(course.items) if isinstance(item, Quiz)]
    if kind == 0 and items:
        return SetField(course, (number % items,), "title", text or "x")
    if kind == 1:
        return Insert((), number % (items + 1), new_item(("lesson", "quiz", "reflection")[number % 3], text.strip()))
    if kind == 2 and items > 1:
        return Remove(course, (number % items,))
    if kind == 3 and items > 1:
        return Move(course, (number % items,), (), (number // 2) % items)
    if kind == 4 and quizzes:
        quiz = quizzes[number % len(quizzes)]
        return Insert((quiz,), 0, new_question(text.strip()))
    if kind == 5 and quizzes:
        quiz = quizzes[number % len(quizzes)]
        if course.items[quiz].questions:
            return move_by(course, (quiz, 0), -1 if number % 2 else 1)
    if kind == 6 and quizzes:
        quiz = quizzes[number % len(quizzes)]
        if course.items[quiz].questions:
            return SetField(course, (quiz, 0), "explanation", text)
    return None
