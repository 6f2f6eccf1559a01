"""A keyboard-only or screen-reader author: Tab goes through the page as it reads, stops only on controls
that say what they are, and never walks cell by cell through a table."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from authoring.core.model import Quiz
from authoring.gui.main_window import MainWindow
from authoring.gui.models.choice_table_model import CORRECT, FEEDBACK, TEXT


def open_question(window: MainWindow, sample_course: Path) -> None:
    assert window.files.open_path(sample_course)
    assert window.page is not None and window.document is not None
    quiz = next(i for i, item in enumerate(window.document.course.items) if isinstance(item, Quiz))
    window.page.outline.select_target((quiz, 0))


def tab_stops(qtbot: QtBot, start: QWidget, count: int, key: Qt.Key = Qt.Key.Key_Tab) -> list[QWidget]:
    start.setFocus()
    stops = []
    for _ in range(count):
        focused = QApplication.focusWidget()
        assert focused is not None
        stops.append(focused)
        qtbot.keyClick(focused, key)
    return stops


def region(window: MainWindow, widget: QWidget) -> str:
    page = window.page
    assert page is not None
    for name, area in (("outline", page.outline), ("editor", page.editor), ("problems", page.problems)):
        if widget is area or area.isAncestorOf(widget):
            return name
    return type(widget).__name__


def test_tab_goes_outline_editor_problems_and_round_again(qtbot: QtBot, window: MainWindow,
                                                          sample_course: Path) -> None:
    open_question(window, sample_course)
    page = window.page
    assert page is not None
    editor = page.editor.question_editor
    editor.stem.setFocus()  # a question without text: a problem, so the problems table shows
    editor.stem.selectAll()
    qtbot.keyClick(editor.stem, Qt.Key.Key_Delete)
    page.problems.check_now()
    assert page.problems.table.isVisible()

    stops = tab_stops(qtbot, page.outline, 14)
    regions = [region(window, widget) for widget in stops]
    # Each region once per round, in reading order, with nothing between them.
    collapsed = [name for i, name in enumerate(regions) if i == 0 or regions[i - 1] != name]
    assert collapsed[:4] == ["outline", "editor", "problems", "outline"], regions
    backwards = [region(window, widget) for widget in tab_stops(qtbot, page.outline, 14, Qt.Key.Key_Backtab)]
    collapsed = [name for i, name in enumerate(backwards) if i == 0 or backwards[i - 1] != name]
    assert collapsed[:4] == ["outline", "problems", "editor", "outline"], backwards


def test_every_tab_stop_has_a_name_a_screen_reader_can_read(qtbot: QtBot, window: MainWindow,
                                                            sample_course: Path) -> None:
    from PySide6.QtGui import QAccessible

    open_question(window, sample_course)
    page = window.page
    assert page is not None
    for target in ((), (0,), page.outline.current_target()):
        page.outline.select_target(target)
        for widget in tab_stops(qtbot, page.outline, 12):
            interface = QAccessible.queryAccessibleInterface(widget)
            assert interface is not None
            assert interface.text(QAccessible.Text.Name), f"an unnamed {type(widget).__name__} takes the focus"


def test_tab_leaves_the_problems_table_at_once(qtbot: QtBot, window: MainWindow, sample_course: Path) -> None:
    open_question(window, sample_course)
    page = window.page
    assert page is not None
    stem = page.editor.question_editor.stem
    stem.setFocus()
    stem.selectAll()
    qtbot.keyClick(stem, Qt.Key.Key_Delete)
    page.problems.check_now()
    table = page.problems.table
    assert page.problems.model.rowCount() >= 1
    table.setFocus()
    table.setCurrentIndex(page.problems.model.index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not table


def test_a_choice_being_edited_is_named_for_screen_readers(qtbot: QtBot, window: MainWindow,
                                                           sample_course: Path) -> None:
    open_question(window, sample_course)
    assert window.page is not None
    editor = window.page.editor.question_editor
    for column, name in ((TEXT, "Choice B"), (FEEDBACK, "Feedback for choice B")):
        index = editor.choices.index(1, column)
        editor.table.setFocus()
        editor.table.setCurrentIndex(index)
        editor.table.edit(index)
        cell = QApplication.focusWidget()
        assert isinstance(cell, QLineEdit)
        assert cell.accessibleName() == name
        qtbot.keyClick(cell, Qt.Key.Key_Escape)
    correct = editor.choices.index(1, CORRECT)
    assert editor.choices.data(correct, Qt.ItemDataRole.AccessibleTextRole) == "Choice B correct"
