"""Recent courses that are not there any more: shown as missing, removed only when the author says so."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QListWidgetItem, QMessageBox

from authoring.gui.main_window import MainWindow

if TYPE_CHECKING:
    from stubs import ModalAnswers

Button = QMessageBox.StandardButton


def recent_item(window: MainWindow, path: Path) -> QListWidgetItem:
    items = [window.welcome.recent.item(row) for row in range(window.welcome.recent.count())]
    return next(item for item in items if Path(item.data(Qt.ItemDataRole.UserRole)) == path)


def remember(window: MainWindow, *paths: Path) -> None:
    for path in paths:
        window.context.settings.add_recent(path)
    window.refresh_welcome()


def test_a_deleted_course_is_shown_missing_and_removed_only_when_asked(
        window: MainWindow, sample_course: Path, answers: ModalAnswers, tmp_path: Path) -> None:
    other = sample_course.parent.parent / "feature-tour" / "course.md"
    remember(window, other, sample_course)
    shutil.rmtree(sample_course.parent)  # deleted, or moved, by another program
    window.refresh_welcome()
    item = recent_item(window, sample_course)
    assert item.text().splitlines()[0] == "customer-focus/course.md — missing (deleted, moved or renamed)"
    grey = window.welcome.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text).color()
    assert item.foreground().color() == grey
    present = recent_item(window, other)
    assert "missing" not in present.text() and present.foreground().color() != grey
    window.grab().save(str(tmp_path / "recent-missing.png"))

    answers.queue = [Button.Cancel]  # Keep
    window.welcome.recent.itemActivated.emit(item)
    assert answers.asked == [f"Course not found: {sample_course} is no longer there: it was deleted, moved or "
                             "renamed.\n\nRemove it from the recent list? If it was moved, open it from its new "
                             "place with Open."]
    assert window.document is None
    assert sample_course in window.context.settings.recent_files

    answers.queue = [Button.Discard]  # Remove from list
    window.welcome.recent.itemActivated.emit(recent_item(window, sample_course))
    assert window.context.settings.recent_files == [other]
    assert window.welcome.recent.count() == 1


def test_a_course_on_a_drive_that_is_not_there_says_so_and_stays(
        window: MainWindow, sample_course: Path, answers: ModalAnswers, tmp_path: Path) -> None:
    drive = tmp_path / "media" / "usb-stick"
    course = drive / "courses" / "onboarding" / "course.md"
    remember(window, course, sample_course)
    item = recent_item(window, course)
    assert item.text().splitlines()[0] == (f"onboarding/course.md — missing ({tmp_path / 'media'} is not there: "
                                           "a drive not connected?)")
    window.grab().save(str(tmp_path / "recent-unplugged.png"))

    answers.queue = [Button.Ok]
    window.welcome.recent.itemActivated.emit(item)
    assert answers.asked == [f"Course not reachable: {course} cannot be reached: {tmp_path / 'media'} is not "
                             "there.\n\nIf it is on a drive or network folder that is not connected, connect it "
                             "and try again. The course stays in the recent list."]
    assert window.context.settings.recent_files == [sample_course.resolve(), course]

    course.parent.mkdir(parents=True)  # plugged in again
    shutil.copy(sample_course, course)
    window.refresh_welcome()
    assert "missing" not in recent_item(window, course).text()
    window.welcome.recent.itemActivated.emit(recent_item(window, course))
    assert window.document is not None and window.document.path == course


def test_opening_a_missing_file_by_name_leaves_the_recent_list_alone(
        window: MainWindow, sample_course: Path, answers: ModalAnswers) -> None:
    remember(window, sample_course)
    sample_course.unlink()
    answers.queue = [Button.Ok]
    assert not window.files.open_path(sample_course)
    assert "cannot be opened as a course" in answers.asked[-1]
    assert window.context.settings.recent_files == [sample_course]


def test_the_open_recent_menu_marks_missing_courses(window: MainWindow, sample_course: Path,
                                                    answers: ModalAnswers) -> None:
    remember(window, sample_course)
    sample_course.unlink()
    menu = window.window_actions.recent_menu
    window.files.fill_recent_menu(menu)
    [action] = menu.actions()
    assert action.text() == f"{sample_course} (missing)"
    answers.queue = [Button.Discard]
    action.trigger()
    assert answers.asked[-1].startswith("Course not found:")
    assert window.context.settings.recent_files == []
