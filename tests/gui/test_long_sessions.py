"""A long day of typing never brings the editor down (PySide6 6.12's reference counts on CPython 3.11)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

TYPE_A_LONG_PARAGRAPH = textwrap.dedent("""
    import sys
    from pathlib import Path
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QPlainTextEdit
    from authoring.gui.app import application
    from authoring.gui.context import EditorContext
    from authoring.gui.main_window import MainWindow

    app = application()
    window = MainWindow(EditorContext.in_folder(Path(sys.argv[1])))
    window.show()
    assert window.files.open_path(Path(sys.argv[2]))
    window.page.outline.select_target((0,))
    [editor] = [e for e in window.page.editor.findChildren(QPlainTextEdit) if e.isVisible()]
    editor.setFocus()
    for _ in range(30):  # about 3,000 keystrokes, each re-highlighting, checking and pushing an edit
        QTest.keyClicks(editor, "Listen to *every* customer, **always**. ")
        app.processEvents()
    print("typed", len(window.document.course.items[0].body), flush=True)
""")


def test_thousands_of_keystrokes_in_a_lesson_keep_the_editor_running(tmp_path: Path, sample_course: Path) -> None:
    # Before the fix the interpreter aborted after some hundreds ("deallocating None" or "True or False").
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    editor = subprocess.run([sys.executable, "-c", TYPE_A_LONG_PARAGRAPH, str(tmp_path / "editor"), str(sample_course)],
                            capture_output=True, text=True, env=env, check=False)
    assert editor.returncode == 0, editor.stderr[-2000:]
    assert editor.stdout.startswith("typed ")


def test_void_qt_calls_and_signal_emits_never_use_up_none_true_or_false() -> None:
    script = textwrap.dedent("""
        import authoring.gui
        from PySide6.QtCore import QObject, Signal
        from PySide6.QtWidgets import QApplication, QLineEdit

        class Source(QObject):
            changed = Signal(object)

        app = QApplication([])
        field, source = QLineEdit(), Source()
        source.changed.connect(lambda value: None)
        for n in range(100_000):
            field.setText("a")  # returns None
            source.changed.emit(n)  # returns True
        print("still here", flush=True)
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout == "still here\n"
