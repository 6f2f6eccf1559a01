"""After every structural edit, and after its undo and redo, the outline selects what the edit touched,
and the editor pane and preview hear where the selected object now is."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from authoring.core.model import Course, Quiz
from authoring.gui.main_window import MainWindow

ALT = Qt.KeyboardModifier.AltModifier


def quiz_row(course: Course) -> int:
    return next(i for i, item in enumerate(course.items) if isinstance(item, Quiz))


def open_sample(window: MainWindow, sample_course: Path) -> Course:
    assert window.files.open_path(sample_course)
    assert window.document is not None and window.page is not None
    return window.document.course


def test_undoing_a_delete_selects_what_came_back_at_its_place(qtbot: QtBot, window: MainWindow,
                                                              sample_course: Path, tmp_path: Path) -> None:
    course = open_sample(window, sample_course)
    assert window.page is not None and window.document is not None
    outline, pane, stack = window.page.outline, window.page.editor, window.document.undo_stack
    q = quiz_row(course)
    for target in [(1,), (q, 1), (q, len(course.items[q].questions) - 1), (len(course.items) - 1,)]:
        deleted = window.document.resolve(target)
        outline.select_target(target)
        outline.setFocus()
        qtbot.keyClick(outline, Qt.Key.Key_Delete)
        assert window.document.target_of(deleted) is None
        stack.undo()
        assert window.document.target_of(deleted) == target
        assert outline.current_target() == target, target
        assert outline.selectionModel().isSelected(outline.currentIndex())
        editor = pane.current_editor()
        assert editor is not None and editor.obj is deleted
        stack.redo()
        assert window.document.target_of(deleted) is None
        stack.undo()
    outline.select_target((1,))
    outline.grab().save(str(tmp_path / "after-undo-delete.png"))


def test_the_editor_and_preview_hear_where_a_moved_row_went(qtbot: QtBot, window: MainWindow,
                                                           sample_course: Path) -> None:
    course = open_sample(window, sample_course)
    assert window.page is not None and window.document is not None
    outline, stack = window.page.outline, window.document.undo_stack
    heard: list[tuple[int, ...] | None] = []
    outline.targetChanged.connect(heard.append)
    first = course.items[0]
    outline.select_target((0,))
    outline.setFocus()
    qtbot.keyClick(outline, Qt.Key.Key_Down, ALT)
    assert course.items[1] is first
    # The learner preview keeps the target it heard last to know which item to show.
    assert outline.current_target() == (1,) and heard[-1] == (1,)
    stack.undo()
    assert outline.current_target() == (0,) and heard[-1] == (0,)
    outline.select_target((2,))  # elsewhere; redo goes back to the row it moves
    stack.redo()
    assert outline.current_target() == (1,) and heard[-1] == (1,)
    editor = window.page.editor.current_editor()
    assert editor is not None and editor.obj is first

    q = quiz_row(course)
    question = course.items[q].questions[0]
    outline.select_target((q, 0))
    qtbot.keyClick(outline, Qt.Key.Key_Down, ALT)
    assert heard[-1] == (q, 1) == window.document.target_of(question)


def test_a_series_of_structural_edits_undone_to_the_saved_point_saves_the_same_bytes(
        qtbot: QtBot, window: MainWindow, sample_course: Path, qtmodeltester: ModelTester) -> None:
    course = open_sample(window, sample_course)
    assert window.page is not None and window.document is not None
    outline, actions, stack = window.page.outline, window.window_actions, window.document.undo_stack
    window.document.save()
    saved = sample_course.read_bytes()
    q = quiz_row(course)
    outline.setFocus()
    outline.select_target((q, 0))
    qtbot.keyClick(outline, Qt.Key.Key_Down, ALT)
    actions.duplicate.trigger()
    actions.add_question.trigger()
    outline.select_target((q,))
    actions.duplicate.trigger()
    actions.add_quiz.trigger()
    outline.select_target((q, len(course.items[q].questions) - 1))
    qtbot.keyClick(outline, Qt.Key.Key_Down, ALT)  # into the next quiz
    qtbot.keyClick(outline, Qt.Key.Key_Delete)
    outline.select_target((0,))
    actions.add_reflection.trigger()
    qtbot.keyClick(outline, Qt.Key.Key_Up, ALT)
    qtmodeltester.check(outline.outline, force_py=True)
    while stack.canUndo():
        stack.undo()
    assert stack.isClean()
    window.document.save()
    assert sample_course.read_bytes() == saved
    while stack.canRedo():
        stack.redo()
    qtmodeltester.check(outline.outline, force_py=True)


def test_a_quiz_added_duplicated_or_brought_back_opens_like_the_others(qtbot: QtBot, window: MainWindow,
                                                                       sample_course: Path,
                                                                       tmp_path: Path) -> None:
    course = open_sample(window, sample_course)
    assert window.page is not None and window.document is not None
    outline, actions, stack = window.page.outline, window.window_actions, window.document.undo_stack
    q = quiz_row(course)

    def is_open(target: tuple[int, ...]) -> bool:
        return outline.isExpanded(outline.outline.index_of(target))

    assert is_open((q,))
    outline.select_target((q,))
    actions.duplicate.trigger()
    assert outline.current_target() == (q + 1,) and is_open((q + 1,))
    outline.grab().save(str(tmp_path / "duplicated-quiz.png"))
    actions.add_quiz.trigger()
    assert is_open((q + 2,))
    outline.select_target((q,))
    outline.setFocus()
    qtbot.keyClick(outline, Qt.Key.Key_Delete)
    stack.undo()
    assert outline.current_target() == (q,) and is_open((q,))
    outline.collapse(outline.outline.index_of((q + 1,)))
    qtbot.keyClick(outline, Qt.Key.Key_Down, ALT)  # a folded quiz moved past stays folded
    assert not is_open((q,)) and is_open((q + 1,))
