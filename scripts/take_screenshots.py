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
    try:
        shutil.copytree(REPO / "sample_courses", work / "courses")
        course = work / "courses" / "customer-focus" / "course.md"
        window = MainWindow(EditorContext.in_folder(work / "editor"))
        window.resize(*SIZE)
        window.show()
        for recent in ("feature-tour", "customer-focus"):
            window.open_path(work / "courses" / recent / "course.md")
            window.close_course()
        settle(app)
        save(window, out, "welcome")

        window.open_path(course)
        assert window.page is not None and window.document is not None
        window.page.outline.select_target((0,))
        window.window_actions.show_preview.setChecked(True)
        preview = window.page.learner_preview
        if preview is not None and preview.pages.currentWidget() is preview.frame:
            wait_for(app, lambda: preview.loaded_index is not None)
            settle(app, 2.0)  # the web view paints a moment after it has loaded
        else:
            window.window_actions.show_preview.setChecked(False)
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

        dialog = ExportDialog(window.document, window.context.settings, window)
        dialog.show()
        settle(app)
        save(dialog, out, "export")
        dialog.close()

        window.show_pdf_preview()
        pdf = window.page.pdf_preview
        assert pdf is not None
        if pdf.generate_button.isEnabled():
            pdf.edition.setCurrentIndex(1)
            pdf.generate()
            wait_for(app, lambda: pdf.pdf.pageCount() > 0)
        settle(app, 1.0)
        save(window, out, "pdf-preview")
        window.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
