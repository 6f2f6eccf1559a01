"""Typing into a choice's cell of the choices table as an author does, leaving the cell open."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from authoring.gui.main_window import MainWindow
from authoring.gui.models.choice_table_model import TEXT


def type_into_open_choice_cell(qtbot: QtBot, window: MainWindow, question: tuple[int, int], row: int,
                               text: str) -> None:
    """Selects ``question`` (item, question), opens choice ``row``'s text cell and types ``text`` over it,
    without Enter: the cell stays open, its text not yet handed to the course."""
    assert window.page is not None
    window.page.outline.select_target(question)
    table = window.page.editor.question_editor.table
    table.setFocus()
    table.edit(table.model().index(row, TEXT))
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    cell = QApplication.focusWidget()
    assert isinstance(cell, QLineEdit)
    cell.selectAll()
    qtbot.keyClicks(cell, text)
