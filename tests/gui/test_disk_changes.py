"""The open course's file changed, deleted or moved by another program (a git checkout, another editor)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from choice_cells import type_into_open_choice_cell
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from authoring.core.atomic_write import atomic_write
from authoring.core.course_file import load_course
from authoring.core.course_format import write_course
from authoring.core.model import Lesson, Quiz
from authoring.gui.document import CourseDocument
from authoring.gui.main_window import MainWindow

if TYPE_CHECKING:
    from stubs import ModalAnswers

Button = QMessageBox.StandardButton
RELOAD = "Reload (discard my edits)"


def change_elsewhere(path: Path, title: str = "Added by a colleague") -> None:
    """Another editor saves the course with a lesson added at the top, atomically (the file is replaced)."""
    course = load_course(path).course
    assert course is not None
    course.items.insert(0, Lesson(title, "Written in another editor."))
    atomic_write(path, write_course(course).encode("utf-8"))


def opened_with_an_unsaved_edit(window: MainWindow, course: Path) -> CourseDocument:
    """``course`` open, with a reflection added and not saved."""
    window.files.open_path(course)
    document = window.document
    assert document is not None
    window.window_actions.add_reflection.trigger()
    return document


def quiz_row(window: MainWindow) -> int:
    assert window.document is not None
    return next(i for i, item in enumerate(window.document.course.items) if isinstance(item, Quiz))


def test_a_course_without_edits_is_reloaded_and_keeps_its_selection(
        qtbot: QtBot, window: MainWindow, sample_course: Path, answers: ModalAnswers, tmp_path: Path) -> None:
    assert window.files.open_path(sample_course)
    assert window.page is not None
    quiz = quiz_row(window)
    window.page.outline.select_target((quiz, 1))
    change_elsewhere(sample_course)
    qtbot.waitUntil(lambda: window.document is not None and window.document.course.items[0].title
                    == "Added by a colleague")
    assert window.page is not None and window.document is not None
    assert window.page.outline.current_target() == (quiz + 1, 1)  # the same question, one row further down
    assert not window.isWindowModified()
    assert window.statusBar().currentMessage() == "Reloaded course.md: it was changed on disk by another program."
    assert window.file_bar.isHidden()
    assert answers.asked == []

    change_elsewhere(sample_course, "Added again")  # the replaced file is still watched
    qtbot.waitUntil(lambda: window.document is not None and window.document.course.items[0].title == "Added again")
    window.grab().save(str(tmp_path / "reloaded.png"))


def test_the_editors_own_saves_are_not_taken_for_changes_elsewhere(qtbot: QtBot, window: MainWindow,
                                                                   sample_course: Path) -> None:
    document = opened_with_an_unsaved_edit(window, sample_course)
    watch = window.disk_watch
    with qtbot.waitSignal(watch.watcher.directoryChanged):  # the save replaces the file
        assert window.files.save()
    qtbot.waitUntil(lambda: not watch.settle.isActive())
    assert window.document is document  # not read again
    assert window.file_bar.isHidden()
    window.window_actions.add_lesson.trigger()
    with qtbot.waitSignal(watch.watcher.directoryChanged):
        assert window.files.save()
    qtbot.waitUntil(lambda: not watch.settle.isActive())
    assert window.document is document and window.file_bar.isHidden()


def test_unsaved_edits_are_kept_and_a_bar_says_at_once_that_the_file_changed(
        qtbot: QtBot, window: MainWindow, sample_course: Path, answers: ModalAnswers, tmp_path: Path) -> None:
    document = opened_with_an_unsaved_edit(window, sample_course)
    change_elsewhere(sample_course)
    qtbot.waitUntil(lambda: "course.md was changed on disk by another program" in window.file_bar.text())
    assert [button.text() for button in window.file_bar.buttons] == [RELOAD, "Keep mine"]
    window.grab().save(str(tmp_path / "changed-with-edits.png"))
    assert window.document is document and window.isWindowModified()
    assert document.course.items[-1].title == "New reflection"
    assert answers.asked == []  # not modal: the author can go on typing

    qtbot.mouseClick(window.file_bar.button("Keep mine"), Qt.MouseButton.LeftButton)
    assert window.file_bar.isHidden()
    answers.queue = [Button.Cancel]
    assert not window.files.save()  # Save still asks before overwriting the other changes
    assert answers.asked[-1].startswith("The file has changed:")

    change_elsewhere(sample_course, "A second change")  # a newer change is news again
    qtbot.waitUntil(lambda: not window.file_bar.isHidden())
    qtbot.mouseClick(window.file_bar.button(RELOAD), Qt.MouseButton.LeftButton)
    assert window.document is not None and window.document is not document
    assert window.document.course.items[0].title == "A second change"
    assert not window.isWindowModified() and window.file_bar.isHidden()


def test_text_typed_in_an_open_cell_counts_as_an_unsaved_edit(qtbot: QtBot, window: MainWindow,
                                                              sample_course: Path) -> None:
    window.files.open_path(sample_course)
    assert window.page is not None and window.document is not None
    quiz = quiz_row(window)
    type_into_open_choice_cell(qtbot, window, (quiz, 0), 0, "Typed, not yet confirmed")
    assert not window.isWindowModified()
    change_elsewhere(sample_course)
    qtbot.waitUntil(lambda: not window.file_bar.isHidden())
    assert window.document.course.items[quiz].questions[0].choices[0].text == "Typed, not yet confirmed"  # type: ignore[union-attr]
    assert window.isWindowModified()


def test_a_file_deleted_or_moved_keeps_the_edits_and_points_to_save(
        qtbot: QtBot, window: MainWindow, sample_course: Path, answers: ModalAnswers, tmp_path: Path) -> None:
    document = opened_with_an_unsaved_edit(window, sample_course)
    moved = sample_course.with_name("renamed.md")
    sample_course.rename(moved)
    qtbot.waitUntil(lambda: "was deleted or moved by another program" in window.file_bar.text())
    window.grab().save(str(tmp_path / "deleted.png"))
    assert str(sample_course) in window.file_bar.text()
    assert "Save writes it back to that place, Save As saves it somewhere else" in window.file_bar.text()
    assert [button.text() for button in window.file_bar.buttons] == ["Save", "Save As…"]
    assert window.document is document and window.isWindowModified()

    moved.rename(sample_course)  # a git checkout brings it back as it was
    qtbot.waitUntil(window.file_bar.isHidden)
    assert window.document is document and window.isWindowModified()

    sample_course.unlink()
    qtbot.waitUntil(lambda: not window.file_bar.isHidden())
    answers.queue = [Button.Save]  # "The file is gone: save your version there again?"
    qtbot.mouseClick(window.file_bar.button("Save"), Qt.MouseButton.LeftButton)
    assert answers.asked[-1].startswith("The file is gone:")
    assert "# Reflection: New reflection" in sample_course.read_text(encoding="utf-8")
    qtbot.waitUntil(window.file_bar.isHidden)


def test_a_changed_file_that_no_longer_reads_is_not_loaded_over_the_course(
        qtbot: QtBot, window: MainWindow, sample_course: Path, answers: ModalAnswers, tmp_path: Path) -> None:
    window.files.open_path(sample_course)
    document = window.document
    assert document is not None
    before = write_course(document.course)
    text = sample_course.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    merged = "".join([*lines[:7], "<<<<<<< HEAD\n", lines[7], "=======\n", "version: 1.1\n", ">>>>>>> topic\n",
                      *lines[8:]])
    sample_course.write_text(merged, encoding="utf-8")  # a merge that stopped on a conflict in the front matter
    qtbot.waitUntil(lambda: "no longer reads as a course" in window.file_bar.text())
    window.grab().save(str(tmp_path / "unreadable.png"))
    bar = window.file_bar.text()
    assert f"{sample_course}:9: error: the front matter is not valid YAML" in bar
    assert window.document is document and write_course(document.course) == before
    assert [button.text() for button in window.file_bar.buttons] == ["Open as text", "Keep mine"]
    assert answers.asked == []

    qtbot.mouseClick(window.file_bar.button("Open as text"), Qt.MouseButton.LeftButton)
    assert window.in_text_mode() and window.text_page.text() == merged
    assert window.file_bar.isHidden()


def test_with_unsaved_edits_a_file_that_no_longer_reads_offers_only_to_keep_them(
        qtbot: QtBot, window: MainWindow, sample_course: Path) -> None:
    opened_with_an_unsaved_edit(window, sample_course)
    sample_course.write_bytes(b"\x00\x01 not a course")
    qtbot.waitUntil(lambda: not window.file_bar.isHidden())
    qtbot.mouseClick(window.file_bar.button(RELOAD), Qt.MouseButton.LeftButton)
    assert f"{sample_course}:1: error: this is not a text file" in window.file_bar.text()
    assert [button.text() for button in window.file_bar.buttons] == ["Keep mine"]
    assert window.document is not None and window.document.course.items[-1].title == "New reflection"
    assert window.isWindowModified()



def test_edits_restored_after_a_crash_onto_a_file_changed_since_are_not_reloaded_away(
        qtbot: QtBot, window: MainWindow, sample_course: Path, answers: ModalAnswers) -> None:
    import datetime

    from authoring.gui.recovery import Recovery, RecoveryWriter

    loaded = load_course(sample_course)
    assert loaded.course is not None
    loaded.course.title = "Recovered title"
    writer = RecoveryWriter(window.context.recovery_dir, sample_course)
    writer.write(loaded.course, based_on=loaded.digest)
    change_elsewhere(sample_course)  # after the crash, before the restart
    # As the next start finds it (tests/gui/test_recovery.py proves that part with a killed process):
    recovery = Recovery(writer.key, writer.folder, sample_course.resolve(), "Recovered title",
                        datetime.datetime.now(), pid=0, based_on=loaded.digest)
    assert window.files.restore(recovery)
    qtbot.waitUntil(lambda: "was changed on disk by another program" in window.file_bar.text())
    assert window.document is not None and window.document.course.title == "Recovered title"
    assert window.isWindowModified()


def test_a_read_only_course_says_so_and_save_offers_save_as(
        window: MainWindow, sample_course: Path, answers: ModalAnswers, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    original = sample_course.read_bytes()
    sample_course.chmod(0o444)  # tests run as root, who may write it anyway: the mode is what counts
    window.files.open_path(sample_course)
    assert window.windowTitle() == "What Is Customer Focus? — course.md (read-only)[*] — Authoring"
    assert window.read_only_bar.text().startswith("course.md is read-only: its permissions do not let you change it")
    assert [button.text() for button in window.read_only_bar.buttons] == ["Save As…"]
    window.window_actions.add_lesson.trigger()
    window.grab().save(str(tmp_path / "read-only.png"))

    answers.queue = [Button.Cancel]
    assert not window.files.save()
    assert answers.asked == ["Read-only file: course.md is read-only, so Save does not replace it.\n\n"
                             "Save your version as another file?"]
    assert sample_course.read_bytes() == original and sample_course.stat().st_mode & 0o777 == 0o444
    assert window.isWindowModified()

    copy = tmp_path / "my-copy.md"
    monkeypatch.setattr(QFileDialog, "exec", lambda _dialog: 1)
    monkeypatch.setattr(QFileDialog, "selectedFiles", lambda _dialog: [str(copy)])
    answers.queue = [Button.Save]
    assert window.files.save()
    assert "# Lesson: New lesson" in copy.read_text(encoding="utf-8")
    assert sample_course.read_bytes() == original
    assert window.windowTitle() == "What Is Customer Focus? — my-copy.md[*] — Authoring"
    assert window.read_only_bar.isHidden()


def test_a_course_made_writable_while_open_loses_the_read_only_mark(
        qtbot: QtBot, window: MainWindow, sample_course: Path) -> None:
    sample_course.chmod(0o444)
    window.files.open_path(sample_course)
    assert not window.read_only_bar.isHidden()
    sample_course.chmod(0o644)
    qtbot.waitUntil(window.read_only_bar.isHidden)
    assert "(read-only)" not in window.windowTitle()
    window.window_actions.add_lesson.trigger()
    assert window.files.save()  # no question now
    assert "# Lesson: New lesson" in sample_course.read_text(encoding="utf-8")
