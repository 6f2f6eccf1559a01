"""Files: create, save, reopen and compare; conflicts; close prompts; bad files never damaged."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from choice_cells import type_into_open_choice_cell
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from authoring.core.course_file import load_course
from authoring.core.course_format import write_course
from authoring.core.model import Lesson, Quiz, Reflection
from authoring.gui.context import EditorContext
from authoring.gui.main_window import MainWindow

if TYPE_CHECKING:
    from stubs import ModalAnswers

Button = QMessageBox.StandardButton


def answer_file_dialog(monkeypatch: pytest.MonkeyPatch, path: Path | None) -> None:
    monkeypatch.setattr(QFileDialog, "exec", lambda _dialog: int(path is not None))
    monkeypatch.setattr(QFileDialog, "selectedFiles", lambda _dialog: [str(path)] if path else [])


def test_create_a_course_from_scratch_save_and_reopen(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    qtbot.mouseClick(window.welcome.new_button, Qt.MouseButton.LeftButton)
    assert window.document is not None and window.page is not None
    course = window.document.course
    settings = window.page.editor.course_editor
    settings.title.setFocus()
    settings.title.selectAll()
    qtbot.keyClicks(settings.title, "Safety basics")
    actions = window.window_actions
    actions.add_lesson.trigger()
    lesson = window.page.editor.lesson_editor
    lesson.title.setFocus()
    lesson.title.selectAll()
    qtbot.keyClicks(lesson.title, "Why safety matters")
    lesson.body.setFocus()
    qtbot.keyClicks(lesson.body, "Accidents are expensive.")
    actions.add_quiz.trigger()
    actions.add_reflection.trigger()
    window.page.outline.select_target((1,))
    actions.move_down.trigger()  # the quiz goes after the reflection
    assert [type(item) for item in course.items] == [Lesson, Reflection, Quiz]
    assert window.isWindowModified()
    assert window.windowTitle().startswith("Safety basics — Untitled")

    target = tmp_path / "safety" / "course.md"
    target.parent.mkdir()
    answer_file_dialog(monkeypatch, target)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert target.is_file()
    assert not window.isWindowModified()
    assert window.windowTitle() == "Safety basics — course.md[*] — Authoring"
    assert target.read_text(encoding="utf-8") == write_course(course)

    reopened = load_course(target)
    assert reopened.lossless and reopened.course == course
    assert window.context.settings.recent_files[0] == target.resolve()


def test_save_reopen_gives_back_the_same_course_and_bytes(window: MainWindow, sample_course: Path,
                                                           qtbot: QtBot) -> None:
    original = sample_course.read_bytes()
    assert window.files.open_path(sample_course)
    assert window.files.save()  # nothing edited: the canonical sample is written back byte for byte
    assert sample_course.read_bytes() == original
    assert window.page is not None and window.document is not None
    window.page.outline.select_target((0,))
    body = window.page.editor.lesson_editor.body
    body.setFocus()
    body.moveCursor(body.textCursor().MoveOperation.End)
    qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClicks(body, "A closing line.")
    assert window.files.save()
    edited = window.document.course
    assert window.files.close_course()
    assert window.files.open_path(sample_course)
    assert window.document.course == edited
    assert window.document.course.items[0].body.endswith("A closing line.")


def test_closing_with_unsaved_changes_asks_save_discard_cancel(qtbot: QtBot, window: MainWindow,
                                                               sample_course: Path, answers: ModalAnswers) -> None:
    original = sample_course.read_bytes()
    window.files.open_path(sample_course)
    assert window.document is not None
    window.window_actions.add_lesson.trigger()
    answers.queue = [Button.Cancel]
    assert not window.close()
    assert window.isVisible()
    assert answers.asked == ["Unsaved changes: Save the changes to course.md?"]
    answers.queue = [Button.Discard]
    assert window.files.close_course()
    assert sample_course.read_bytes() == original
    assert window.stack.currentWidget() is window.welcome

    window.files.open_path(sample_course)
    window.window_actions.add_lesson.trigger()
    answers.queue = [Button.Save]
    assert window.close()
    assert load_course(sample_course).course.items[-1].title == "New lesson"  # type: ignore[union-attr]


def test_save_and_close_take_the_text_still_open_in_a_cell_or_a_rename(qtbot: QtBot, window: MainWindow,
                                                                       sample_course: Path,
                                                                       answers: ModalAnswers) -> None:
    # Toolbar buttons take no focus: the author types in a cell, clicks Save, and the editor is still open.
    window.files.open_path(sample_course)
    assert window.page is not None and window.document is not None
    quiz = next(i for i, item in enumerate(window.document.course.items) if isinstance(item, Quiz))
    type_into_open_choice_cell(qtbot, window, (quiz, 0), 2, "Typed, never confirmed with Enter")
    window.window_actions.save.trigger()
    saved = load_course(sample_course).course
    assert saved is not None
    assert saved.items[quiz].questions[0].choices[2].text == "Typed, never confirmed with Enter"  # type: ignore[union-attr]
    assert not window.isWindowModified()

    outline = window.page.outline
    outline.select_target((0,))
    outline.setFocus()
    outline.edit(outline.currentIndex())
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    rename = QApplication.focusWidget()
    rename.selectAll()
    qtbot.keyClicks(rename, "Renamed, then the window closed")
    answers.queue = [Button.Save]
    assert window.close()
    assert answers.asked == ["Unsaved changes: Save the changes to course.md?"]
    assert load_course(sample_course).course.items[0].title == "Renamed, then the window closed"  # type: ignore[union-attr]


def test_saving_over_a_file_changed_elsewhere_asks_first(window: MainWindow, sample_course: Path,
                                                         answers: ModalAnswers) -> None:
    window.files.open_path(sample_course)
    window.window_actions.add_reflection.trigger()
    elsewhere = sample_course.read_text(encoding="utf-8").replace("customer", "client", 1)
    sample_course.write_text(elsewhere, encoding="utf-8")
    answers.queue = [Button.Cancel]
    assert not window.files.save()
    assert answers.asked[-1].startswith("The file has changed: course.md was changed by another program")
    assert sample_course.read_text(encoding="utf-8") == elsewhere
    assert window.isWindowModified()
    answers.queue = [Button.Save]
    assert window.files.save()
    assert "New reflection" in sample_course.read_text(encoding="utf-8")
    assert window.files.save()  # saved by us since: no question this time
    assert not answers.queue


def test_save_as_onto_the_open_file_by_another_spelling_still_asks_about_changes_elsewhere(
        window: MainWindow, sample_course: Path, answers: ModalAnswers, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(sample_course.parent)
    window.files.open_path(Path("course.md"))  # as `authoring course.md` gives it
    window.window_actions.add_reflection.trigger()
    elsewhere = sample_course.read_text(encoding="utf-8").replace("customer", "client", 1)
    sample_course.write_text(elsewhere, encoding="utf-8")
    answer_file_dialog(monkeypatch, sample_course.resolve())  # the dialog gives absolute paths
    answers.queue = [Button.Cancel]
    assert not window.files.save_as()
    assert answers.asked[-1].startswith("The file has changed: course.md was changed by another program")
    assert sample_course.read_text(encoding="utf-8") == elsewhere


def test_a_failing_save_keeps_the_old_file_and_the_edits(window: MainWindow, sample_course: Path,
                                                         answers: ModalAnswers,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    original = sample_course.read_bytes()
    window.files.open_path(sample_course)
    window.window_actions.add_lesson.trigger()

    def full_disk(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)  # the recovery file cannot be written either
    answers.queue = [Button.Ok]
    assert not window.files.save()
    assert "No space left on device" in answers.asked[-1]
    assert "still open here, but nowhere else: the disk is full: free some space" in answers.asked[-1]
    assert sample_course.read_bytes() == original
    assert [p.name for p in sample_course.parent.iterdir() if p.name.endswith(".tmp")] == []
    assert window.isWindowModified()


def test_a_save_refused_by_the_folder_keeps_the_edits_in_the_recovery_file_at_once(
        window: MainWindow, sample_course: Path, answers: ModalAnswers, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    import authoring.gui.document

    original = sample_course.read_bytes()
    window.files.open_path(sample_course)
    window.window_actions.add_lesson.trigger()  # and Save straight away, before any autosave

    def read_only(*_args: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(authoring.gui.document, "atomic_write", read_only)
    answers.queue = [Button.Ok]
    assert not window.files.save()
    assert "still open here and kept in the recovery file: you may not write there" in answers.asked[-1]
    assert sample_course.read_bytes() == original
    [kept] = window.context.recovery_dir.glob("*.md")
    assert "# Lesson: New lesson" in kept.read_text(encoding="utf-8")


def test_a_file_that_would_lose_text_opens_as_text_and_is_never_changed(
        qtbot: QtBot, window: MainWindow, tmp_path: Path, answers: ModalAnswers) -> None:
    path = tmp_path / "broken.md"
    text = "---\ntitle: Broken\n---\n\nStray text before any item.\n\n# Lesson: One\n\nBody.\n"
    path.write_text(text, encoding="utf-8")
    answers.queue = [Button.Cancel]
    assert not window.files.open_path(path)
    assert window.document is None
    assert "Some of this file cannot be read" in answers.asked[-1]

    answers.queue = [Button.Open]
    assert window.files.open_path(path)
    assert window.stack.currentWidget() is window.text_mode
    assert path.read_text(encoding="utf-8") == text
    problems = window.text_problems.model.problems
    assert problems and problems[0].line == 5
    window.text_problems.table.doubleClicked.emit(window.text_problems.model.index(0, 3))
    assert window.text_page.editor.textCursor().blockNumber() == 4

    editor = window.text_page.editor
    cursor = editor.textCursor()
    cursor.select(cursor.SelectionType.LineUnderCursor)
    cursor.removeSelectedText()
    assert window.isWindowModified()
    assert window.files.read_text_as_course()
    assert window.document is not None
    assert window.document.course.items[0].title == "One"
    assert window.isWindowModified()  # the fixed text is not saved yet
    assert path.read_text(encoding="utf-8") == text
    assert window.files.save()
    assert load_course(path).lossless


@pytest.mark.parametrize("case", [
    ("missing.md", None, "does not exist"),
    ("binary.md", b"\x00\x01\x02junk", "not a text file"),
    ("latin1.md", "---\ntitle: Café\n---\n".encode("latin-1"), "not UTF-8"),
    ("empty.md", b"", "the file is empty"),
])
def test_unreadable_files_say_why_and_stay_untouched(window: MainWindow, tmp_path: Path, answers: ModalAnswers,
                                                     case: tuple[str, bytes | None, str]) -> None:
    name, data, expected = case
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    answers.queue = [Button.Ok]
    assert not window.files.open_path(path)
    assert window.document is None
    assert "cannot be opened as a course" in answers.asked[-1]
    assert f"{path}:" in answers.details[-1] and expected in answers.details[-1]
    if data is not None:
        assert path.read_bytes() == data


def test_problems_are_live_and_double_click_goes_to_the_field(qtbot: QtBot, window: MainWindow,
                                                              sample_course: Path) -> None:
    window.files.open_path(sample_course)
    assert window.page is not None and window.document is not None
    panel = window.page.problems
    assert panel.model.rowCount() == 0
    course = window.document.course
    q = next(i for i, item in enumerate(course.items) if isinstance(item, Quiz))
    window.page.outline.select_target((q, 1))
    editor = window.page.editor.question_editor
    editor.explanation.setFocus()
    editor.explanation.selectAll()
    qtbot.keyClick(editor.explanation, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    problem = panel.model.problem(0)
    assert problem.field == "explanation" and (problem.item, problem.question) == (q, 1)
    assert panel.model.index(0, 2).data() == f"Quiz: {course.items[q].title} › question 2"

    window.page.outline.select_target((0,))
    window.page.editor.lesson_editor.title.setFocus()
    panel.table.doubleClicked.emit(panel.model.index(0, 3))
    assert window.page.outline.current_target() == (q, 1)
    assert window.page.editor.current_editor() is editor
    assert editor.explanation.hasFocus()

    window.document.undo_stack.undo()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0)
    assert panel.summary.text() == "No problems: ready to export."


def test_a_problem_in_one_choice_goes_to_that_choice_or_its_feedback(qtbot: QtBot, window: MainWindow,
                                                                     tmp_path: Path) -> None:
    path = tmp_path / "course.md"
    path.write_text("---\ntitle: T\n---\n\n# Quiz: Q\n\n## Which?\n\n- [x] A\n- [ ] B\n  > See [notes](notes.html).\n"
                    "- [ ] C ![](missing.png)\n\nExplanation: e.\n\n## Two?\n\n- [x] a\n- [ ] b\n\nExplanation: e.\n",
                    encoding="utf-8")
    assert window.files.open_path(path)
    assert window.page is not None
    panel, editor = window.page.problems, window.page.editor.question_editor
    rows = {panel.model.problem(row).message.split(" ")[0] + str(panel.model.problem(row).field): row
            for row in range(panel.model.rowCount())}
    window.page.outline.select_target((0,))
    panel.table.doubleClicked.emit(panel.model.index(rows["imagechoices"], 3))  # the missing picture, in C
    assert window.page.outline.current_target() == (0, 0)
    assert editor.table.hasFocus() and editor.table.currentIndex().row() == 2
    assert panel.model.index(rows["imagechoices"], 2).data() == "Quiz: Q › question 1 › choice C"
    assert panel.model.index(rows["linkfeedback"], 2).data() == "Quiz: Q › question 1 › choice B feedback"
    panel.table.doubleClicked.emit(panel.model.index(rows["linkfeedback"], 3))  # the link, in B's feedback
    assert editor.feedback.hasFocus() and editor.feedback_label.text() == "Feedback for choice B:"


def test_errors_in_a_lossless_file_open_and_are_listed(window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "course.md"
    path.write_text("---\ntitle: T\npass_mark: 120\n---\n\n# Quiz: Q\n\n## One choice?\n\n- [x] Only\n",
                    encoding="utf-8")
    assert window.files.open_path(path)
    messages = [problem.message for problem in window.problems()]
    assert any("pass_mark is 120" in message for message in messages)
    assert any("1 choice(s)" in message for message in messages)


def test_welcome_lists_recent_courses_and_opens_the_sample_as_a_copy(qtbot: QtBot, window: MainWindow,
                                                                     sample_course: Path,
                                                                     context: EditorContext) -> None:
    assert window.welcome.recent.count() == 1  # the hint
    window.files.open_path(sample_course)
    window.files.close_course()
    assert window.welcome.recent.count() == 1
    item = window.welcome.recent.item(0)
    assert Path(item.data(Qt.ItemDataRole.UserRole)) == sample_course.resolve()
    window.welcome.recent.itemActivated.emit(item)
    assert window.document is not None and window.document.path == sample_course.resolve()
    window.files.close_course()

    qtbot.mouseClick(window.welcome.sample_button, Qt.MouseButton.LeftButton)
    assert window.document is not None and window.document.path is not None
    assert window.document.path.is_relative_to(context.data_dir)
    assert window.document.course.title == "What Is Customer Focus?"
    assert (window.document.path.parent / "assets").is_dir()


def test_settings_remember_window_layout_and_recent_files(qtbot: QtBot, context: EditorContext,
                                                          sample_course: Path, answers: ModalAnswers) -> None:
    first = MainWindow(context)
    first.show()
    first.files.open_path(sample_course)
    assert first.page is not None
    first.resize(640, 470)  # the offscreen screen is small; restoreGeometry keeps windows on it
    first.page.columns.setSizes([330, 360, 0])
    outline_width = first.page.columns.sizes()[0]
    size = first.size()
    first.close()
    context.settings.sync()

    again = EditorContext(context.settings.__class__(context.settings.store), context.data_dir)
    second = MainWindow(again)
    qtbot.addWidget(second)
    second.show()
    assert second.size() == size
    assert again.settings.recent_files == [sample_course.resolve()]
    second.files.open_path(sample_course)
    assert second.page is not None
    assert second.page.columns.sizes()[0] == outline_width != 240


def test_save_as_into_another_folder_takes_the_images_along(window: MainWindow, sample_course: Path,
                                                            tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window.files.open_path(sample_course)
    target = tmp_path / "elsewhere" / "course.md"
    target.parent.mkdir()
    answer_file_dialog(monkeypatch, target)
    assert window.files.save_as()
    images = sorted(p.name for p in (target.parent / "assets").iterdir())
    assert images == sorted(p.name for p in (sample_course.parent / "assets").iterdir())
    assert window.statusBar().currentMessage().endswith("with 1 image(s) it links to")
    assert window.page is not None
    window.page.problems.check_now()
    assert not [p for p in window.problems() if "image" in p.message]


def test_save_as_beside_a_different_picture_of_the_same_name_keeps_it_and_says_so(
        window: MainWindow, sample_course: Path, tmp_path: Path, answers: ModalAnswers,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window.files.open_path(sample_course)
    target = tmp_path / "shared-folder" / "course.md"
    (target.parent / "assets").mkdir(parents=True)
    theirs = target.parent / "assets" / "one-in-three.png"
    theirs.write_bytes(b"another course's picture")
    answer_file_dialog(monkeypatch, target)
    answers.queue = [Button.Ok]
    assert window.files.save_as()
    assert theirs.read_bytes() == b"another course's picture"
    assert answers.asked[-1].startswith("Pictures already there: course.md is saved, but 1 picture(s)")
    assert str(theirs) in answers.details[-1]


def test_saving_a_course_opened_through_a_link_writes_the_file_it_names(
        window: MainWindow, sample_course: Path, tmp_path: Path) -> None:
    link = tmp_path / "linked-course.md"
    link.symlink_to(sample_course)
    window.files.open_path(link)
    window.window_actions.add_reflection.trigger()
    assert window.files.save()
    assert link.is_symlink()
    assert "# Reflection: New reflection" in sample_course.read_text(encoding="utf-8")
