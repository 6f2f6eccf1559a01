"""Autosave and crash recovery, proved by killing a real editor process."""

from __future__ import annotations

import datetime
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot
from stubs import stub_dialog

from authoring.gui.app import open_window
from authoring.gui.context import EditorContext
from authoring.gui.dialogs.restore_dialog import RestoreDialog
from authoring.gui.main_window import MainWindow
from authoring.gui.recovery import Recovery, find_recoveries

if TYPE_CHECKING:
    from stubs import ModalAnswers

EDITOR_SCRIPT = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from PySide6.QtTest import QTest
    from authoring.gui.app import application
    from authoring.gui.context import EditorContext
    from authoring.gui.main_window import MainWindow

    app = application()
    context = EditorContext.in_folder(Path(sys.argv[1]))
    window = MainWindow(context)
    window.show()
    assert window.files.open_path(Path(sys.argv[2]))
    title = window.page.editor.course_editor.title
    title.setFocus()
    title.end(False)
    QTest.keyClicks(title, " (edited before the crash)")
    while not list(context.recovery_dir.glob("*.json")):
        app.processEvents()
        time.sleep(0.05)
    print("autosaved", flush=True)
    app.exec()
""")


def test_restore_after_the_editor_process_is_killed(qtbot: QtBot, tmp_path: Path, sample_course: Path,
                                                    monkeypatch: pytest.MonkeyPatch, answers: ModalAnswers) -> None:
    folder = tmp_path / "editor"
    original = sample_course.read_bytes()
    _edit_and_kill(folder, sample_course)
    assert sample_course.read_bytes() == original  # autosave never touches the author's file

    context = EditorContext.in_folder(folder)
    [left] = find_recoveries(context.recovery_dir)
    assert left.original == sample_course.resolve()
    shown = stub_dialog(monkeypatch, RestoreDialog, RestoreDialog.RESTORE)
    window = open_window(context, None)
    qtbot.addWidget(window)
    assert len(shown) == 1
    dialog = shown[0]
    assert isinstance(dialog, RestoreDialog)
    assert "+title: What Is Customer Focus? (edited before the crash)" in dialog.changes.toPlainText()
    assert "-title: What Is Customer Focus?" in dialog.changes.toPlainText()

    assert window.document is not None
    assert window.document.course.title == "What Is Customer Focus? (edited before the crash)"
    assert window.document.path == sample_course.resolve()
    assert window.isWindowModified()
    assert sample_course.read_bytes() == original
    assert find_recoveries(context.recovery_dir) == []  # ours now, while this editor runs

    assert window.files.save()
    assert b"(edited before the crash)" in sample_course.read_bytes()
    assert list(context.recovery_dir.glob("*")) == []
    window.close()


def _edit_and_kill(folder: Path, course: Path) -> None:
    """Edit ``course`` in a real editor process, wait for its autosave, then kill it."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    editor = subprocess.Popen([sys.executable, "-c", EDITOR_SCRIPT, str(folder), str(course)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = editor.stdout.readline() if editor.stdout else ""
        assert line.strip() == "autosaved", editor.stderr.read() if editor.stderr else ""
    finally:
        editor.send_signal(signal.SIGKILL)  # no clean-up code runs: as after a crash or a power cut
        editor.wait()
    assert editor.returncode == -signal.SIGKILL


def test_restored_edits_ask_before_overwriting_a_file_changed_after_the_crash(
        qtbot: QtBot, tmp_path: Path, sample_course: Path, monkeypatch: pytest.MonkeyPatch,
        answers: ModalAnswers) -> None:
    folder = tmp_path / "editor"
    _edit_and_kill(folder, sample_course)
    # Before the next start, a git checkout brings a colleague's version of the file.
    theirs = sample_course.read_text(encoding="utf-8").replace("Customer focus is a", "Customer focus is, simply, a")
    sample_course.write_text(theirs, encoding="utf-8")

    shown = stub_dialog(monkeypatch, RestoreDialog, RestoreDialog.RESTORE)
    window = open_window(EditorContext.in_folder(folder), None)
    qtbot.addWidget(window)
    [dialog] = shown
    assert isinstance(dialog, RestoreDialog)
    assert "The file has changed since" in dialog.findChild(QLabel).text()
    assert window.document is not None and window.document.course.title.endswith("(edited before the crash)")

    answers.queue = [QMessageBox.StandardButton.Cancel]
    assert not window.files.save()
    assert answers.asked[-1].startswith("The file has changed: course.md was changed by another program")
    assert sample_course.read_text(encoding="utf-8") == theirs
    assert window.isWindowModified()
    window.document._unsaved_without_history = False
    window.close()


def test_restoring_keeps_the_crash_recovery_until_its_own_is_written(
        qtbot: QtBot, context: EditorContext, sample_course: Path, monkeypatch: pytest.MonkeyPatch,
        answers: ModalAnswers) -> None:
    import errno

    from authoring.gui.recovery import RecoveryWriter

    _leave_recovery(context, sample_course)
    [left] = find_recoveries(context.recovery_dir)

    def full_disk(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(RecoveryWriter, "write_text", full_disk)
    window = MainWindow(context)
    qtbot.addWidget(window)
    assert window.files.restore(left)
    assert window.document is not None and window.document.course.title == "Recovered title"
    assert left.text_path.is_file() and left.info_path.is_file()
    window.document._unsaved_without_history = False


def test_restored_edits_of_a_course_whose_folder_was_deleted_say_so_and_stay(
        qtbot: QtBot, context: EditorContext, sample_course: Path, answers: ModalAnswers) -> None:
    import shutil

    _leave_recovery(context, sample_course)
    [left] = find_recoveries(context.recovery_dir)
    shutil.rmtree(sample_course.parent)
    window = MainWindow(context)
    qtbot.addWidget(window)
    assert window.files.restore(left)
    answers.queue = [QMessageBox.StandardButton.Save, QMessageBox.StandardButton.Ok]
    assert not window.files.save()
    assert answers.asked[0].startswith("The file is gone: course.md was deleted or moved by another program")
    assert "its folder is gone: use Save As to save them elsewhere." in answers.asked[1]
    assert window.isWindowModified()
    assert window.document is not None and window.document.course.title == "Recovered title"
    assert len(list(context.recovery_dir.glob("*.md"))) == 1  # this editor's copy of the edits
    window.document._unsaved_without_history = False


def test_a_course_in_a_folder_whose_name_is_not_utf8_opens_and_is_autosaved(
        qtbot: QtBot, window: MainWindow, sample_course: Path, tmp_path: Path) -> None:
    import shutil

    # A folder unpacked from an old archive: its name has a byte UTF-8 cannot read.
    folder = Path(os.fsdecode(os.fsencode(tmp_path) + b"/Kurs\xff"))
    shutil.copytree(sample_course.parent, folder)
    window.autosave.timer.setInterval(20)
    assert window.files.open_path(folder / "course.md")
    window.window_actions.add_lesson.trigger()
    qtbot.waitUntil(lambda: len(list(window.context.recovery_dir.glob("*.md"))) == 1)
    assert window.files.save()
    assert "# Lesson: New lesson" in (folder / "course.md").read_text(encoding="utf-8")


def test_a_damaged_recovery_file_is_named_and_kept_and_the_editor_starts(
        qtbot: QtBot, context: EditorContext, sample_course: Path, monkeypatch: pytest.MonkeyPatch,
        answers: ModalAnswers) -> None:
    _leave_recovery(context, sample_course)
    [left] = find_recoveries(context.recovery_dir)
    left.text_path.write_bytes(b"---\ntitle: T\n---\n\xff\xfe damaged sector")
    stub_dialog(monkeypatch, RestoreDialog, RestoreDialog.RESTORE)
    answers.queue = [QMessageBox.StandardButton.Ok]
    window = open_window(context, sample_course)
    qtbot.addWidget(window)
    assert answers.asked[-1].startswith(f"Cannot restore: The recovery file {left.text_path} cannot be read")
    assert window.document is not None and window.document.course.title == "What Is Customer Focus?"
    assert left.text_path.is_file()


def test_autosave_goes_to_the_recovery_file_and_a_save_removes_it(qtbot: QtBot, window: MainWindow,
                                                                  sample_course: Path) -> None:
    original = sample_course.read_bytes()
    window.autosave.timer.setInterval(20)
    window.files.open_path(sample_course)
    window.window_actions.add_reflection.trigger()
    recovery_dir = window.context.recovery_dir
    qtbot.waitUntil(lambda: len(list(recovery_dir.glob("*.md"))) == 1)
    [saved] = list(recovery_dir.glob("*.md"))
    assert "# Reflection: New reflection" in saved.read_text(encoding="utf-8")
    assert sample_course.read_bytes() == original
    assert recovery_dir.resolve() != sample_course.parent.resolve()
    assert window.files.save()
    assert list(recovery_dir.glob("*")) == []


def test_undo_back_to_saved_removes_the_recovery_file(qtbot: QtBot, window: MainWindow, sample_course: Path) -> None:
    window.autosave.timer.setInterval(20)
    window.files.open_path(sample_course)
    assert window.document is not None
    window.window_actions.add_lesson.trigger()
    recovery_dir = window.context.recovery_dir
    qtbot.waitUntil(lambda: len(list(recovery_dir.glob("*.md"))) == 1)
    window.document.undo_stack.undo()
    assert list(recovery_dir.glob("*")) == []


LEAVE_RECOVERY = textwrap.dedent("""
    import sys
    from pathlib import Path
    from authoring.core.course_file import load_course
    from authoring.gui.recovery import RecoveryWriter

    loaded = load_course(sys.argv[2])
    course = loaded.course
    course.title = "Recovered title"
    RecoveryWriter(Path(sys.argv[1]), Path(sys.argv[2])).write(course, based_on=loaded.digest)
""")


def _leave_recovery(context: EditorContext, sample_course: Path) -> None:
    """Autosave the course in another process that then ends without cleaning up, as a crash would."""
    subprocess.run([sys.executable, "-c", LEAVE_RECOVERY, str(context.recovery_dir), str(sample_course)],
                   check=True)


def test_discard_removes_the_recovery_and_later_keeps_it(qtbot: QtBot, context: EditorContext,
                                                         sample_course: Path, monkeypatch: pytest.MonkeyPatch,
                                                         answers: ModalAnswers) -> None:
    _leave_recovery(context, sample_course)
    stub_dialog(monkeypatch, RestoreDialog, RestoreDialog.LATER)
    window = open_window(context, sample_course)
    qtbot.addWidget(window)
    assert window.document is not None and window.document.course.title == "What Is Customer Focus?"
    assert len(find_recoveries(context.recovery_dir)) == 1
    window.close()

    stub_dialog(monkeypatch, RestoreDialog, RestoreDialog.DISCARD)
    window = open_window(context, None)
    qtbot.addWidget(window)
    assert find_recoveries(context.recovery_dir) == []
    assert window.document is None


def test_a_recovery_kept_for_later_outlives_its_file_opened_edited_and_closed(
        qtbot: QtBot, context: EditorContext, sample_course: Path, monkeypatch: pytest.MonkeyPatch,
        answers: ModalAnswers) -> None:
    _leave_recovery(context, sample_course)
    stub_dialog(monkeypatch, RestoreDialog, RestoreDialog.LATER)
    window = open_window(context, sample_course)  # as `authoring course.md` after a crash
    qtbot.addWidget(window)
    assert window.document is not None
    window.autosave.timer.setInterval(20)
    window.window_actions.add_lesson.trigger()
    qtbot.waitUntil(lambda: len(list(context.recovery_dir.glob("*.md"))) == 2)  # its own beside the left one
    window.document.undo_stack.undo()  # back to the file: its own recovery goes, not the crash's
    window.close()

    [left] = find_recoveries(context.recovery_dir)
    course = left.course()
    assert course is not None and course.title == "Recovered title"


def test_a_file_open_as_text_is_autosaved_too_and_restored_as_text(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, answers: ModalAnswers,
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "broken.md"
    text = "---\ntitle: Broken\n---\n\nStray text.\n\n# Lesson: One\n"
    path.write_text(text, encoding="utf-8")
    answers.queue = [QMessageBox.StandardButton.Open]
    window.files.open_path(path)
    window.autosave.timer.setInterval(20)
    window.text_page.editor.appendPlainText("Typed before the crash.")
    recovery_dir = window.context.recovery_dir
    qtbot.waitUntil(lambda: len(list(recovery_dir.glob("*.md"))) == 1)
    [kept] = list(recovery_dir.glob("*.md"))
    assert kept.read_text(encoding="utf-8").endswith("Typed before the crash.")
    assert path.read_text(encoding="utf-8") == text

    assert find_recoveries(recovery_dir) == []  # ours while this editor runs
    # As the next start would find it after a crash (the killed-process test above proves that part):
    recovery = Recovery(kept.stem, recovery_dir, path.resolve(), "broken.md", datetime.datetime.now(), pid=0)
    other = MainWindow(window.context)
    qtbot.addWidget(other)
    assert other.files.restore(recovery)
    assert other.stack.currentWidget() is other.text_mode
    assert other.text_page.text().endswith("Typed before the crash.")
    assert other.isWindowModified()
    other.text_page.editor.document().setModified(False)
