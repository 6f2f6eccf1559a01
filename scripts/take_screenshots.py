"""Screenshots of the editor's main screens for the README, made from the real window.

Run: ``.venv/bin/python scripts/take_screenshots.py [OUTPUT_FOLDER]`` (default
docs/screenshots).  It works offscreen, on a private copy of the sample
course and with settings in a temporary folder, so nothing of yours changes.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from authoring.gui.app import application  # noqa: E402
from authoring.gui.context import EditorContext  # noqa: E402
from authoring.gui.dialogs.export_dialog import ExportDialog  # noqa: E402
from authoring.gui.main_window import MainWindow  # noqa: E402

SIZE = (1280, 800)


def settle(app: QApplication, seconds: float = 0.3) -> None:
    """Let timers (debounced rendering, checks) and painting run."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def wait_for(app: QApplication, condition: object, seconds: float = 20.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():  # type: ignore[operator]
            return True
        app.processEvents()
        time.sleep(0.02)
    return False


def save(widget: QWidget, folder: Path, name: str) -> None:
    path = folder / f"{name}.png"
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(f"wrote {path}")


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = application()
    QTimer.singleShot(0, lambda: None)
    work = Path(tempfile.mkdtemp(prefix="authoring-screenshots-"))
    os.environ["HOME"] = str(work)  # the recent list shows ~/Courses/…, as on an author's machine
    try:
        shutil.copytree(REPO / "sample_courses", work / "Courses")
        course = work / "Courses" / "customer-focus" / "course.md"
        window = MainWindow(EditorContext.in_folder(work / "editor"))
        window.resize(*SIZE)
        window.show()
        for recent in ("feature-tour", "customer-focus"):
            window.files.open_path(work / "Courses" / recent / "course.md")
            window.files.close_course()
        settle(app)
        save(window, out, "welcome")

        window.files.open_path(course)
        assert window.page is not None and window.document is not None
        window.page.outline.select_target((0,))
        window.window_actions.show_preview.setChecked(True)
        preview = window.page.learner_preview
        if preview is None or preview.pages.currentWidget() is not preview.frame:
            raise SystemExit("the learner preview has no HTML exporter to show")
        loads: list[bool] = []
        preview.view.loadFinished.connect(loads.append)
        if not wait_for(app, lambda: preview.loaded_index is not None and loads and loads[-1]):
            raise SystemExit(f"the learner preview did not load: {preview.status.toolTip()}")
        # The page has loaded; its first paint reaches the widget a few frames later.
        settle(app, 2.0)
        window.page.editor.lesson_editor.render_now()
        settle(app)
        save(window, out, "lesson")

        window.window_actions.show_preview.setChecked(False)
        quiz = next(i for i, item in enumerate(window.document.course.items) if item.kind == "quiz")
        window.page.outline.select_target((quiz, 0))
        editor = window.page.editor.question_editor
        editor.table.setCurrentIndex(editor.choices.index(1, 1))
        settle(app)
        save(window, out, "question")

        # A real export of every format, so the dialog shows its finished state and buttons.
        dialog = ExportDialog(window.document, window.context.settings, window)
        for box in dialog.boxes.values():
            if not box.isEnabled():
                raise SystemExit(f"the export dialog offers '{box.text()}' greyed out")
            box.setChecked(True)
        dialog.folder.setText("~/Courses/customer-focus/export")  # the dialog expands ~, as a user may type it
        dialog.show()
        dialog.start()
        if not wait_for(app, lambda: dialog.export_thread is None, 120.0) or dialog.errors:
            raise SystemExit(f"the export failed: {dialog.errors}")
        settle(app)
        save(dialog, out, "export")
        dialog.close()

        window.show_pdf_preview()
        pdf = window.page.pdf_preview
        assert pdf is not None
        if not pdf.generate_button.isEnabled():
            raise SystemExit("the PDF preview has no PDF exporter to run")
        pdf.edition.setCurrentIndex(1)  # the reviewer edition, generated at once
        if not wait_for(app, lambda: pdf.pdf.pageCount() > 0, 120.0):
            raise SystemExit(f"the PDF preview made no pages: {pdf.status.text()}")
        settle(app, 1.0)
        save(window, out, "pdf-preview")
        window.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
