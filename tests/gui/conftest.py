"""GUI test set-up: settings and data in tmp_path, and modal dialogs answered without blocking."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from stubs import ModalAnswers

from authoring.gui.context import EditorContext
from authoring.gui.main_window import MainWindow

# As the editor's own start does: QtWebEngine, loaded when a preview opens, needs it before the app exists.
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The offscreen platform cannot pass a window's size hints on and says so whenever a layout
    # changes a top-level window's minimum size; that is the test platform, not the editor.
    # pytest-qt reads only the closest qt_log_ignore marker, so the patterns are merged into one.
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            patterns = [p for mark in item.iter_markers("qt_log_ignore") for p in mark.args]
            merged = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints", *patterns)
            item.add_marker(merged, append=False)


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
