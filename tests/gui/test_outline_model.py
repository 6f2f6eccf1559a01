"""The outline is a real Qt model: qtmodeltester checks it through every kind of change."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from authoring.core.commands import Insert, Move, Remove, SetField, duplicate, move_by, new_item, new_question
from authoring.core.course_file import load_course
from authoring.core.model import Quiz
from authoring.gui.document import CourseDocument
from authoring.gui.models.outline_model import OutlineModel


@pytest.fixture
def document(sample_course: Path) -> CourseDocument:
    loaded = load_course(sample_course)
    assert loaded.course is not None
    return CourseDocument(loaded.course, sample_course, loaded.digest)


def quiz_row(document: CourseDocument) -> int:
    return next(i for i, item in enumerate(document.course.items) if isinstance(item, Quiz))


def titles(model: OutlineModel, parent: QModelIndex) -> list[str]:
    return [model.index(row, 0, parent).data() for row in range(model.rowCount(parent))]


def test_model_passes_qtmodeltester_through_every_change(qtmodeltester: ModelTester,
                                                         document: CourseDocument) -> None:
    model = OutlineModel(document)
    qtmodeltester.check(model, force_py=True)
    course = document.course
    q = quiz_row(document)
    document.push(Insert((), 0, new_item("lesson", "First")))
    q += 1
    document.push(Insert((q,), 1, new_question("Inserted?")))
    document.push(Move(course, (q, 1), (q,), 0))
    document.push(Move(course, (0,), (), len(course.items) - 1))
    q -= 1
    document.push(duplicate(course, (q,)))
    move = move_by(course, (q + 1, 0), -1)
    assert move is not None
    document.push(move)
    document.push(SetField(course, (q,), "title", "Renamed quiz"))
    document.push(Remove(course, (q + 1,)))
    document.push(Remove(course, (q, 0)))
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
    while document.undo_stack.canRedo():
        document.undo_stack.redo()


def test_tree_shows_course_items_and_questions(document: CourseDocument) -> None:
    model = OutlineModel(document)
    root = model.index(0, 0)
    assert model.rowCount() == 1
    assert root.data() == "What Is Customer Focus?"
    assert titles(model, root) == [item.title for item in document.course.items]
    quiz = model.index(quiz_row(document), 0, root)
    assert titles(model, quiz)[0] == "What point is John missing?"
    assert not model.index(0, 0, quiz).data(Qt.ItemDataRole.DecorationRole).isNull()


def test_rename_in_place_is_an_undoable_command(document: CourseDocument) -> None:
    model = OutlineModel(document)
    lesson = model.index(0, 0, model.index(0, 0))
    assert model.setData(lesson, "  Renamed lesson ")
    assert document.course.items[0].title == "Renamed lesson"
    assert document.undo_stack.undoText() == "Rename lesson"
    assert not model.setData(lesson, "   ")
    document.undo_stack.undo()
    assert lesson.data() != "Renamed lesson"


def test_persistent_index_follows_its_row_through_moves(document: CourseDocument) -> None:
    from PySide6.QtCore import QPersistentModelIndex

    model = OutlineModel(document)
    root = model.index(0, 0)
    q = quiz_row(document)
    question = QPersistentModelIndex(model.index(2, 0, model.index(q, 0, root)))
    stem = question.data()
    document.push(Move(document.course, (0,), (), len(document.course.items) - 1))
    assert question.data() == stem
    assert model.target(question) == (q - 1, 2)


def test_drag_and_drop_moves_items_and_questions_between_quizzes(document: CourseDocument) -> None:
    model = OutlineModel(document)
    course = document.course
    course.items.append(Quiz("Second quiz", questions=[new_question("Other?")]))
    model._reindex()  # the test changed the course behind the model's back
    root = model.index(0, 0)
    q = quiz_row(document)
    last = len(course.items) - 1
    first_item = course.items[0]

    mime = model.mimeData([model.index(0, 0, root)])
    assert model.canDropMimeData(mime, Qt.DropAction.MoveAction, 2, 0, root)
    assert not model.dropMimeData(mime, Qt.DropAction.MoveAction, 2, 0, root)  # the Move did the work
    assert course.items[1] is first_item

    stem = course.items[q].questions[0].stem
    mime = model.mimeData([model.index(0, 0, model.index(q, 0, root))])
    second_quiz = model.index(last, 0, root)
    assert not model.canDropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, root)  # not among items
    assert not model.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, model.index(0, 0, root))
    model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, second_quiz)
    assert course.items[last].questions[-1].stem == stem
    assert document.undo_stack.undoText() == "Move question"
    document.undo_stack.undo()
    assert course.items[q].questions[0].stem == stem
