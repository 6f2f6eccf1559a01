"""Autosave that cannot write says so until it can again: crash protection is off meanwhile."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

import authoring.gui.recovery
from authoring.gui.main_window import MainWindow


def test_a_full_disk_shows_a_bar_until_autosave_works_again(qtbot: QtBot, window: MainWindow, sample_course: Path,
                                                            tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window.files.open_path(sample_course)
    window.autosave.timer.setInterval(20)
    real_write = authoring.gui.recovery.atomic_write

    def full_disk(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(authoring.gui.recovery, "atomic_write", full_disk)
    window.window_actions.add_lesson.trigger()
    bar = window.autosave_bar
    qtbot.waitUntil(lambda: not bar.isHidden())
    recovery_dir = window.context.recovery_dir
    assert bar.text() == (f"Crash protection is off: autosave cannot write your edits to {recovery_dir} (No space "
                          "left on device). Until it can, they are only in this window: save them with Save.")
    window.grab().save(str(tmp_path / "autosave-failing.png"))

    window.window_actions.add_quiz.trigger()  # still failing: the bar stays
    qtbot.waitUntil(lambda: not window.autosave.timer.isActive())
    assert not bar.isHidden()
    qtbot.mouseClick(bar.button("Try again"), Qt.MouseButton.LeftButton)
    assert not bar.isHidden()

    monkeypatch.setattr(authoring.gui.recovery, "atomic_write", real_write)  # space freed
    window.window_actions.add_reflection.trigger()
    qtbot.waitUntil(bar.isHidden)
    assert len(list(recovery_dir.glob("*.md"))) == 1


def test_an_unwritable_recovery_folder_says_why_and_try_again_clears_it(
        qtbot: QtBot, window: MainWindow, sample_course: Path) -> None:
    recovery_dir = window.context.recovery_dir
    recovery_dir.parent.mkdir(parents=True, exist_ok=True)
    recovery_dir.write_text("a file where the folder should be", encoding="utf-8")
    window.files.open_path(sample_course)
    window.window_actions.add_lesson.trigger()
    assert not window.autosave.save_now()
    bar = window.autosave_bar
    assert bar.text().startswith(f"Crash protection is off: autosave cannot write your edits to {recovery_dir} "
                                 "(File exists)")
    recovery_dir.unlink()
    qtbot.mouseClick(bar.button("Try again"), Qt.MouseButton.LeftButton)
    assert bar.isHidden()
    assert len(list(recovery_dir.glob("*.md"))) == 1


def test_closing_the_course_takes_the_bar_away(window: MainWindow, sample_course: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    def full_disk(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(authoring.gui.recovery, "atomic_write", full_disk)
    window.files.open_path(sample_course)
    window.window_actions.add_lesson.trigger()
    assert not window.autosave.save_now()
    assert not window.autosave_bar.isHidden()
    window.document.undo_stack.setClean()  # type: ignore[union-attr]
    assert window.files.close_course()
    assert window.autosave_bar.isHidden()
