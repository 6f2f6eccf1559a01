"""The window's conventions: keyboard reach, renaming in place, dialogs, the About box, start-up."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from authoring import __version__
from authoring.core.model import Quiz
from authoring.gui.app import open_window
from authoring.gui.context import EditorContext
from authoring.gui.main_window import MainWindow

if TYPE_CHECKING:
    from stubs import ModalAnswers


def test_every_field_of_the_question_editor_is_reachable_by_tab(qtbot: QtBot, window: MainWindow,
                                                                sample_course: Path) -> None:
    window.files.open_path(sample_course)
    assert window.page is not None and window.document is not None
    q = next(i for i, item in enumerate(window.document.course.items) if isinstance(item, Quiz))
    window.page.outline.select_target((q, 0))
    editor = window.page.editor.question_editor
    editor.stem.setFocus()
    wanted: dict[str, QWidget] = {"stem": editor.stem, "body": editor.body, "choices": editor.table,
                                  "add": editor.add_button, "feedback": editor.feedback,
                                  "explanation": editor.explanation}
    reached = []
    for _ in range(30):
        focused = QApplication.focusWidget()
        reached += [name for name, widget in wanted.items() if widget is focused and name not in reached]
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    assert reached == ["stem", "body", "choices", "add", "feedback", "explanation"]


def test_f2_renames_in_place_as_one_undoable_step(qtbot: QtBot, window: MainWindow, sample_course: Path) -> None:
    window.files.open_path(sample_course)
    assert window.page is not None and window.document is not None
    outline = window.page.outline
    outline.select_target((1,))
    outline.setFocus()
    qtbot.keyClick(outline, Qt.Key.Key_F2)
    editor = outline.viewport().findChild(QLineEdit)
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, "Focus versus friendliness")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.document.course.items[1].title == "Focus versus friendliness")  # type: ignore
    assert window.document.undo_stack.undoText() == "Rename lesson"
    assert window.page.editor.lesson_editor.title.text() == "Focus versus friendliness"


def test_about_box_names_the_version(window: MainWindow, answers: ModalAnswers) -> None:
    answers.queue = [QMessageBox.StandardButton.Ok]
    window.window_actions.about.trigger()
    assert answers.asked == [f"About Authoring: Authoring {__version__}\n\nWrite microlearning in plain Markdown: "
                             "lessons, quizzes and reflections. Export SCORM 1.2 and 2004 packages, HTML and "
                             "PDFs.\n\nLicensed under the GNU GPL version 3 or later."]


def test_the_version_shown_is_the_release_in_pyproject() -> None:
    import importlib.metadata
    import tomllib

    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    release = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    assert __version__ == release
    assert importlib.metadata.version("authoring") == release  # the installed package agrees


def test_open_and_save_as_dialogs_list_recent_folders(window: MainWindow, sample_course: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    window.context.settings.add_recent(sample_course)
    seen: list[QFileDialog] = []

    def fake_exec(dialog: QFileDialog) -> int:
        seen.append(dialog)
        return 0

    monkeypatch.setattr(QFileDialog, "exec", fake_exec)
    window.window_actions.open.trigger()
    [dialog] = seen
    folders = [url.toLocalFile() for url in dialog.sidebarUrls()]
    assert str(sample_course.resolve().parent) in folders
    assert dialog.history() == [str(sample_course.resolve().parent)]
    assert window.document is None


def test_actions_follow_what_is_open(window: MainWindow, sample_course: Path) -> None:
    actions = window.window_actions
    assert not actions.save.isEnabled() and not actions.add_lesson.isEnabled()
    window.files.open_path(sample_course)
    assert actions.save.isEnabled() and actions.add_lesson.isEnabled() and actions.export.isEnabled()
    assert actions.undo.shortcut().matches(Qt.Modifier.CTRL | Qt.Key.Key_Z).name == "ExactMatch"
    assert all(action.toolTip() for action in (actions.move_up, actions.delete, actions.export, actions.add_question))


def test_open_window_opens_the_course_given_on_the_command_line(qtbot: QtBot, context: EditorContext,
                                                                sample_course: Path) -> None:
    window = open_window(context, sample_course)
    qtbot.addWidget(window)
    assert window.isVisible()
    assert window.document is not None and window.document.path == sample_course
    assert window.windowTitle() == "What Is Customer Focus? — course.md[*] — Authoring"
    assert window.stack.count() == 1  # no welcome page made (and laid out) only to be replaced at once


def test_open_window_falls_back_to_the_welcome_page_when_the_course_does_not_open(
        qtbot: QtBot, context: EditorContext, tmp_path: Path, answers: ModalAnswers) -> None:
    missing = tmp_path / "gone" / "course.md"
    answers.queue = [QMessageBox.StandardButton.Ok]
    window = open_window(context, missing)
    qtbot.addWidget(window)
    assert answers.asked == [f"Cannot open the course: {missing} cannot be opened as a course. Nothing was changed."]
    assert window.document is None and window.stack.currentWidget() is window.welcome
    assert window.welcome.new_button.isEnabled() and window.windowTitle() == "Authoring"


def test_closing_text_mode_with_edits_asks_first(window: MainWindow, tmp_path: Path, answers: ModalAnswers) -> None:
    path = tmp_path / "broken.md"
    text = "---\ntitle: Broken\n---\n\nStray text.\n\n# Lesson: One\n"
    path.write_text(text, encoding="utf-8")
    answers.queue = [QMessageBox.StandardButton.Open]
    window.files.open_path(path)
    window.text_page.editor.appendPlainText("more")
    answers.queue = [QMessageBox.StandardButton.Cancel]
    assert not window.files.close_course()
    answers.queue = [QMessageBox.StandardButton.Save]
    assert window.files.close_course()
    assert path.read_text(encoding="utf-8") == text + "\nmore"


def test_the_authoring_command_opens_the_editor_on_a_course(tmp_path: Path, sample_course: Path) -> None:
    import os
    import subprocess
    import sys
    import textwrap

    script = textwrap.dedent("""
        import sys
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        from authoring.cli import main
        from authoring.gui.app import application

        app = application()
        def report_and_quit():
            [window] = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.windowTitle()]
            print(window.windowTitle(), flush=True)
            window.close()
            app.quit()
        QTimer.singleShot(500, report_and_quit)
        sys.exit(main([sys.argv[1]]))
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-c", script, str(sample_course)], capture_output=True, text=True,
                          env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "What Is Customer Focus? — course.md[*] — Authoring"
    assert (tmp_path / "config" / "authoring" / "authoring.conf").is_file()  # settings live in the user's config


def test_delete_key_in_the_outline_deletes_the_row_and_undo_restores_it(qtbot: QtBot, window: MainWindow,
                                                                       sample_course: Path) -> None:
    window.files.open_path(sample_course)
    assert window.page is not None and window.document is not None
    course = window.document.course
    second = course.items[1]
    outline = window.page.outline
    outline.select_target((1,))
    outline.setFocus()
    qtbot.keyClick(outline, Qt.Key.Key_Delete)
    assert second not in course.items
    assert outline.current_target() == (1,)
    assert len(outline.actions()) == 9  # the same edits in its context menu
    qtbot.keyClick(outline, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert course.items[1] is second


def test_problem_in_the_settings_goes_to_the_settings_field(qtbot: QtBot, window: MainWindow,
                                                            tmp_path: Path) -> None:
    path = tmp_path / "course.md"
    path.write_text("---\ntitle: T\nlanguage: not a tag\n---\n\n# Lesson: L\n\nText.\n", encoding="utf-8")
    window.files.open_path(path)
    assert window.page is not None
    window.page.outline.select_target((0,))
    panel = window.page.problems
    row = next(r for r in range(panel.model.rowCount()) if panel.model.problem(r).field == "language")
    assert panel.model.index(row, 1).data() == 1
    panel.table.doubleClicked.emit(panel.model.index(row, 3))
    assert window.page.outline.current_target() == ()
    assert window.page.editor.course_editor.language.hasFocus()


def test_opening_a_course_loads_only_what_the_window_shows(tmp_path: Path, sample_course: Path) -> None:
    """Start-up stays fast: exporters, web views, lesson rendering, text mode and the welcome page (when a
    course is named) wait until they are used."""
    import json
    import os
    import subprocess
    import sys
    import textwrap

    script = textwrap.dedent("""
        import json, sys
        from pathlib import Path
        from authoring.gui.app import application, open_window
        from authoring.gui.context import EditorContext
        app = application()
        window = open_window(EditorContext.in_folder(Path(sys.argv[2])), Path(sys.argv[1]))
        assert window.document is not None
        app.processEvents()
        print(json.dumps(sorted(sys.modules)))
        window.close()
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", script, str(sample_course), str(tmp_path / "editor")],
                          capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    loaded = set(json.loads(done.stdout))
    assert "authoring.gui.editors.course_settings_editor" in loaded  # what the window shows
    deferred = ["authoring.export.registry", "authoring.export.pdf", "PySide6.QtWebEngineWidgets", "PySide6.QtPdf",
                "markdown", "reportlab", "importlib.metadata", "authoring.gui.text_page",
                "authoring.gui.editors.lesson_editor", "authoring.gui.editors.question_editor",
                "authoring.gui.dialogs.export_dialog", "authoring.gui.welcome_page",
                "authoring.gui.dialogs.course_file_dialog", "authoring.gui.course_assets",
                "slugify"]  # the sample pins its IDs
    assert [name for name in deferred if name in loaded] == []


def test_a_course_title_holding_the_modified_placeholder_shows_as_typed(qtbot: QtBot, window: MainWindow) -> None:
    window.files.new_course()
    assert window.document is not None and window.page is not None
    title = window.page.editor.course_editor.title
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Rate it [*] now")
    window.document.undo_stack.setClean()
    assert window.windowHandle().title() == "Rate it [*] now — Untitled — Authoring"
    window.window_actions.add_lesson.trigger()
    assert window.windowHandle().title() == "Rate it [*] now — Untitled* — Authoring"
