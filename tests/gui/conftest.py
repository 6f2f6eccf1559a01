"""GUI test set-up: settings and data in tmp_path, and modal dialogs answered without blocking."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from authoring.gui.context import EditorContext
from authoring.gui.main_window import MainWindow


class ModalAnswers:
    """Answers message boxes in order and records what they said; an unexpected one fails the test."""

    def __init__(self) -> None:
        self.queue: list[QMessageBox.StandardButton] = []
        self.asked: list[str] = []
        self.details: list[str] = []

    def __call__(self, box: QMessageBox) -> int:
        self.asked.append(f"{box.windowTitle()}: {box.text()}")
        self.details.append(box.detailedText())
        if not self.queue:
            raise AssertionError(f"unexpected dialog: {self.asked[-1]}")
        return int(self.queue.pop(0).value)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The offscreen platform cannot pass a window's size hints on and says so whenever a layout
    # changes a top-level window's minimum size; that is the test platform, not the editor.
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"))


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> ModalAnswers:
    modal = ModalAnswers()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: modal(box))  # noqa: PLW0108 (bound as a method)
    return modal


@pytest.fixture
def context(tmp_path: Path) -> EditorContext:
    return EditorContext.in_folder(tmp_path / "editor")


@pytest.fixture
def window(qtbot: QtBot, context: EditorContext, answers: ModalAnswers) -> Iterator[MainWindow]:
    main = MainWindow(context)
    main.show()
    qtbot.waitExposed(main)
    yield main
    # Leave nothing unsaved, so closing asks nothing.
    if main.document is not None:
        main.document.undo_stack.setClean()
        main.document._unsaved_without_history = False
    main.text_page.editor.document().setModified(False)
    main.close()
    main.deleteLater()


def stub_dialog(monkeypatch: pytest.MonkeyPatch, cls: type[QDialog], result: int) -> list[QDialog]:
    """Make ``cls.exec()`` return ``result`` at once; returns the dialogs that were shown."""
    shown: list[QDialog] = []

    def fake_exec(dialog: QDialog) -> int:
        shown.append(dialog)
        return result

    monkeypatch.setattr(cls, "exec", fake_exec)
    return shown
