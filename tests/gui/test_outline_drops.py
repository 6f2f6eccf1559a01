"""Drops on the outline: rows of this course move as one undoable step; anything else changes nothing."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt

from authoring.core.course_file import load_course
from authoring.core.model import Quiz
from authoring.gui.document import CourseDocument
from authoring.gui.models.outline_model import MIME_TYPE, OutlineModel

MOVE = Qt.DropAction.MoveAction


def open_document(path: Path) -> CourseDocument:
    loaded = load_course(path)
    assert loaded.course is not None
    return CourseDocument(loaded.course, path, loaded.digest)


@pytest.fixture
def document(sample_course: Path) -> CourseDocument:
    return open_document(sample_course)


def raw(payload: bytes) -> QMimeData:
    mime = QMimeData()
    mime.setData(MIME_TYPE, QByteArray(payload))
    return mime


def places(model: OutlineModel) -> list[tuple[int, QModelIndex]]:
    """Every (row, parent) a view can hand to a drop: on the viewport, on a row, above and below it."""
    parents = [QModelIndex(), model.index_of(())]
    parents += [model.index_of((i,)) for i in range(len(model.document.course.items))]
    parents.append(model.index_of((2, 0)))
    return [(row, parent) for parent in parents for row in (-1, 0, 1, 99)]


@pytest.mark.parametrize("payload", [
    b'{"0": 1}', b"[[1e400]]", b"[[]]", b"[[-1]]", b"[[0, -1]]", b"[[0, 0, 0]]", b"[[99]]", b"\xff\xfe",
    b'{"document": null, "rows": [[0]]}', b"null", b"[[true]]", b"[[0.5]]",
])
def test_a_drop_of_rows_this_outline_did_not_make_changes_nothing(document: CourseDocument,
                                                                  payload: bytes) -> None:
    model = OutlineModel(document)
    before = copy.deepcopy(document.course)
    for row, parent in places(model):
        assert not model.canDropMimeData(raw(payload), MOVE, row, 0, parent)
        assert not model.dropMimeData(raw(payload), MOVE, row, 0, parent)
    assert document.course == before
    assert document.undo_stack.count() == 0


def test_a_row_dragged_from_another_window_moves_nothing_here(document: CourseDocument,
                                                              sample_course: Path) -> None:
    # Another window with its own copy of the course: its rows name places in *its* course.
    other = OutlineModel(open_document(sample_course))
    model = OutlineModel(document)
    before = copy.deepcopy(document.course)
    mime = other.mimeData([other.index_of((0,))])
    for row, parent in places(model):
        assert not model.canDropMimeData(mime, MOVE, row, 0, parent)
        model.dropMimeData(mime, MOVE, row, 0, parent)
    assert document.course == before
    text = QMimeData()
    text.setText("# Lesson: pasted from a text editor")
    for row, parent in places(model):
        assert not model.canDropMimeData(text, MOVE, row, 0, parent)
        model.dropMimeData(text, MOVE, row, 0, parent)
    assert document.course == before


def test_an_item_dropped_on_the_empty_space_below_the_outline_goes_to_the_end(document: CourseDocument) -> None:
    model = OutlineModel(document)
    course = document.course
    first = course.items[0]
    mime = model.mimeData([model.index_of((0,))])
    assert model.canDropMimeData(mime, MOVE, -1, 0, QModelIndex())
    model.dropMimeData(mime, MOVE, -1, 0, QModelIndex())
    assert course.items[-1] is first
    quiz = next(i for i, item in enumerate(course.items) if isinstance(item, Quiz))
    question = model.mimeData([model.index_of((quiz, 0))])
    assert not model.canDropMimeData(question, MOVE, -1, 0, QModelIndex())  # a question needs a quiz


def test_drops_a_user_makes_land_where_the_indicator_showed(document: CourseDocument) -> None:
    model = OutlineModel(document)
    course = document.course
    course.items.append(Quiz("Second quiz", questions=[]))
    model._reindex()  # the test changed the course behind the model's back
    quiz, second = 2, len(course.items) - 1
    john = course.items[quiz].questions[0]

    def drop(source: tuple[int, ...], row: int, parent: tuple[int, ...]) -> bool:
        mime = model.mimeData([model.index_of(source)])
        allowed = model.canDropMimeData(mime, MOVE, row, 0, model.index_of(parent))
        model.dropMimeData(mime, MOVE, row, 0, model.index_of(parent))
        return allowed

    assert drop((quiz, 0), -1, (second,))  # on another quiz, even an empty one: into it
    assert course.items[second].questions == [john]
    assert not drop((second, 0), 1, ())  # between items: a question is not an item
    assert not drop((quiz,), 0, (second,))  # a quiz among a quiz's questions
    assert drop((second, 0), 2, (quiz,))  # between two questions
    assert course.items[quiz].questions[2] is john
    assert drop((quiz, 2), len(course.items[quiz].questions), (quiz,))  # below the last question
    assert course.items[quiz].questions[-1] is john
    stack = document.undo_stack
    count = stack.count()
    assert drop((0,), -1, (0,)) and stack.count() == count  # an item on itself: nothing to do, nothing to undo
    while stack.canUndo():
        stack.undo()
    assert course.items[quiz].questions[0] is john
