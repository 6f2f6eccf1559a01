"""Starting the editor: ``authoring`` and ``authoring COURSE`` end up in :func:`run`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from authoring import __version__
from authoring.gui.context import EditorContext
from authoring.gui.icons import icon
from authoring.gui.main_window import MainWindow
from authoring.gui.startup_gc import resume_collections

APP_NAME = "authoring"
ORGANIZATION = "authoring"
DESKTOP_ID = "io.github.authoring.Authoring"
SMOKE_TEST = "AUTHORING_SMOKE_TEST"
"""Set to a number of seconds, the editor shows the previews, says what it opened, then closes after
that long: how packaging/build.py --check proves a built app's Qt parts (WebEngine, Pdf) load."""
SMOKE_SCREENSHOT = "AUTHORING_SMOKE_SCREENSHOT"
"""With SMOKE_TEST: a PNG file to save the window to just before it closes."""


def application() -> QApplication:
    """The one QApplication, with the names QSettings and QStandardPaths build their paths from."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    # QtWebEngine (the learner preview) loads later, on demand; it needs this set before the app exists.
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(sys.argv[:1])
    app.setDesktopFileName(DESKTOP_ID)  # matches the .desktop file, so the shell groups windows under its icon
    app.setWindowIcon(icon("app"))
    return app


def open_window(context: EditorContext, path: Path | None) -> MainWindow:
    """A shown main window: first any work a crash left behind, then the course asked for.

    With a course to open, the welcome page is made only if the course does not open after all.
    """
    window = MainWindow(context, welcome=path is None)
    window.show()
    window.files.offer_recoveries()
    if path is not None and window.document is None:
        window.files.open_path(path)
    if window.stack.currentWidget() is None:
        window.show_welcome()
    resume_collections()
    return window


def run(path: Path | None) -> int:
    app = application()
    window = open_window(EditorContext.for_user(), path)
    window.raise_()
    if os.environ.get(SMOKE_TEST):
        QTimer.singleShot(0, lambda: _smoke_test(window, float(os.environ[SMOKE_TEST])))
    return int(app.exec())


def _smoke_test(window: MainWindow, seconds: float) -> None:
    window.window_actions.show_preview.setChecked(True)
    print(f"smoke test: {window.windowTitle()}", flush=True)
    QTimer.singleShot(int(seconds * 1000), lambda: _end_smoke_test(window))


def _end_smoke_test(window: MainWindow) -> None:
    if screenshot := os.environ.get(SMOKE_SCREENSHOT):
        window.grab().save(screenshot)
    window.close()
