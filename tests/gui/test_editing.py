"""Editing through the real widgets: every kind of edit undoes and redoes, typing is one step."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QTableView, QToolButton
from pytestqt.qtbot import QtBot

from authoring.core.model import Course, Lesson, Question, Quiz, Reflection
from authoring.gui.editors.lesson_editor import LessonEditor
from authoring.gui.editors.question_editor import QuestionEditor
from authoring.gui.main_window import MainWindow
from authoring.gui.models.choice_table_model import TEXT


def quiz_row(course: Course) -> int:
    return next(i for i, item in enumerate(course.items) if isinstance(item, Quiz))


def open_sample(window: MainWindow, sample_course: Path) -> Course:
    assert window.files.open_path(sample_course)
    assert window.document is not None
    return window.document.course


def first_lesson(window: MainWindow, sample_course: Path) -> LessonEditor:
    """The sample opened at its first lesson: the editor showing it."""
    open_sample(window, sample_course)
    assert window.page is not None
    window.page.outline.select_target((0,))
    return window.page.editor.lesson_editor


def first_question(window: MainWindow, sample_course: Path) -> tuple[Question, QuestionEditor]:
    """The sample opened with its quiz's first question selected: that question, and the editor showing it."""
    course = open_sample(window, sample_course)
    assert window.page is not None
    window.page.outline.select_target((quiz_row(course), 0))
    return course.items[quiz_row(course)].questions[0], window.page.editor.question_editor


def test_typing_in_a_field_is_one_undo_step_named_in_the_edit_menu(qtbot: QtBot, window: MainWindow,
                                                                   sample_course: Path) -> None:
    course = open_sample(window, sample_course)
    assert window.page is not None
    window.page.outline.select_target((0,))
    editor = window.page.editor.lesson_editor
    original = course.items[0].title
    editor.title.setFocus()
    editor.title.selectAll()
    qtbot.keyClicks(editor.title, "Listening first")
    assert course.items[0].title == "Listening first"
    assert window.page.outline.outline.index_of((0,)).data() == "Listening first"
    assert window.window_actions.undo.text() == "&Undo Edit lesson title"
    [button] = [b for b in window.findChildren(QToolButton) if b.defaultAction() is window.window_actions.undo]
    assert (button.text(), button.toolTip()) == ("Undo", "Undo Edit lesson title")  # the toolbar stays put
    assert window.isWindowModified()
    qtbot.keyClick(editor.title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert course.items[0].title == original
    assert editor.title.text() == original
    assert not window.isWindowModified()
    qtbot.keyClick(editor.title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert course.items[0].title == "Listening first"


def test_leaving_a_field_starts_a_new_undo_step(qtbot: QtBot, window: MainWindow, sample_course: Path) -> None:
    course = open_sample(window, sample_course)
    assert window.page is not None and window.document is not None
    window.page.outline.select_target((0,))
    editor = window.page.editor.lesson_editor
    editor.body.setFocus()
    editor.body.moveCursor(editor.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor.body, " One.")
    editor.title.setFocus()
    editor.body.setFocus()
    qtbot.keyClicks(editor.body, " Two.")
    assert course.items[0].body.endswith(" One. Two.")
    window.document.undo_stack.undo()
    assert course.items[0].body.endswith(" One.")
    assert editor.body.toPlainText().endswith(" One.")


def test_every_kind_of_edit_undoes_and_redoes(qtbot: QtBot, window: MainWindow, sample_course: Path) -> None:
    course = open_sample(window, sample_course)
    assert window.page is not None and window.document is not None
    outline = window.page.outline
    stack = window.document.undo_stack
    actions = window.window_actions
    q = quiz_row(course)

    def check(edit: object, undo_text: str) -> None:
        before = copy.deepcopy(course)
        edit()  # type: ignore[operator]
        after = copy.deepcopy(course)
        assert after != before, undo_text
        assert stack.undoText() == undo_text
        stack.undo()
        assert course == before, undo_text
        stack.redo()
        assert course == after, undo_text

    outline.select_target((0,))
    check(actions.add_lesson.trigger, "Add lesson")
    check(actions.add_quiz.trigger, "Add quiz")
    check(actions.add_reflection.trigger, "Add reflection")
    q = quiz_row(course)
    outline.select_target((q,))
    check(actions.add_question.trigger, "Add question")
    # The sample's quiz: the new quiz's questions are all alike, and swapping two alike changes nothing.
    q = next(i for i, item in enumerate(course.items) if isinstance(item, Quiz) and item.title != "New quiz")
    outline.select_target((q, 0))
    check(actions.duplicate.trigger, "Duplicate question")
    check(actions.move_down.trigger, "Move question")
    check(actions.delete.trigger, "Delete question")
    outline.select_target((0,))
    check(actions.delete.trigger, "Delete lesson")
    outline.select_target((0,))
    check(lambda: outline.outline.setData(outline.currentIndex(), "Renamed"), "Rename lesson")

    q = quiz_row(course)
    outline.select_target((q, 0))
    editor = window.page.editor.question_editor
    check(editor.add_choice, "Add choice")
    editor.table.setCurrentIndex(editor.choices.index(0, 1))
    check(lambda: editor.move_choice(+1), "Move choice")
    check(editor.remove_choice, "Delete choice")
    check(lambda: editor.choices.setData(editor.choices.index(0, 0), Qt.CheckState.Checked.value,
                                         Qt.ItemDataRole.CheckStateRole), "Mark choice correct")
    check(lambda: editor.choices.setData(editor.choices.index(0, 2), "New feedback"), "Edit choice feedback")

    outline.select_target(())
    settings = window.page.editor.course_editor
    check(lambda: settings.pass_mark.setValue(55), "Edit course pass mark")
    check(lambda: settings.shuffle.setChecked(not settings.shuffle.isChecked()), "Edit course shuffle")
    settings.author.setFocus()
    check(lambda: qtbot.keyClicks(settings.author, "X"), "Edit course author")


def test_outline_keyboard_moves_questions_between_quizzes(qtbot: QtBot, window: MainWindow,
                                                          sample_course: Path) -> None:
    course = open_sample(window, sample_course)
    assert window.page is not None
    outline = window.page.outline
    q = quiz_row(course)
    outline.select_target((q,))
    window.window_actions.add_quiz.trigger()  # a second quiz just below, with one question
    second = q + 1
    assert isinstance(course.items[second], Quiz)
    last = len(course.items[q].questions) - 1
    stem = course.items[q].questions[last].stem
    outline.select_target((q, last))
    outline.setFocus()
    qtbot.keyClick(outline, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert course.items[second].questions[0].stem == stem
    assert outline.current_target() == (second, 0)
    qtbot.keyClick(outline, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert course.items[q].questions[last].stem == stem
    outline.select_target((0,))
    qtbot.keyClick(outline, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert isinstance(course.items[1], Lesson) and outline.current_target() == (1,)


def test_outline_keys_act_only_in_the_outline_not_while_typing(qtbot: QtBot, window: MainWindow,
                                                               sample_course: Path) -> None:
    # Ctrl+Del deletes a word in a text field and F2 edits a table cell: neither may reach the outline.
    course = open_sample(window, sample_course)
    assert window.page is not None
    outline, editor = window.page.outline, window.page.editor
    outline.select_target((0,))
    body = editor.lesson_editor.body
    body.setPlainText("Keep this lesson.")
    body.setFocus()
    body.moveCursor(body.textCursor().MoveOperation.Start)
    items = len(course.items)
    qtbot.keyClick(body, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(body, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert len(course.items) == items and outline.current_target() == (0,)
    assert course.items[0].body == "this lesson."  # the word went, the lesson stayed

    q = quiz_row(course)
    outline.select_target((q, 0))
    question = course.items[q].questions[0]
    stem, table = question.stem, editor.question_editor.table
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, TEXT))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    cell = QApplication.focusWidget()
    assert isinstance(cell, QLineEdit) and table.isAncestorOf(cell)
    cell.selectAll()
    qtbot.keyClicks(cell, "Edited in the table")
    qtbot.keyClick(cell, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: course.items[q].questions[0].choices[0].text == "Edited in the table")
    assert course.items[q].questions[0].stem == stem

    questions = len(course.items[q].questions)
    outline.setFocus()
    qtbot.keyClick(outline, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert len(course.items[q].questions) == questions - 1


def test_enter_in_the_last_choice_adds_a_new_one(qtbot: QtBot, window: MainWindow, sample_course: Path) -> None:
    question, editor = first_question(window, sample_course)
    count = len(question.choices)
    table = editor.table
    table.setFocus()
    table.setCurrentIndex(editor.choices.index(count - 1, 1))
    table.edit(table.currentIndex())
    line_edit = cell_editor(table)
    line_edit.selectAll()
    qtbot.keyClicks(line_edit, "He never calls back.")
    qtbot.keyClick(line_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(question.choices) == count + 1)  # Qt commits the cell a moment later
    assert question.choices[count - 1].text == "He never calls back."
    assert len(question.choices) == count + 1
    assert table.currentIndex().row() == count
    new_editor = cell_editor(table)
    qtbot.keyClicks(new_editor, "A fifth choice")
    qtbot.keyClick(new_editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: question.choices[count].text == "A fifth choice")
    assert question.choices[count].text == "A fifth choice"


def test_escape_in_a_choice_just_added_takes_it_back_out(qtbot: QtBot, window: MainWindow,
                                                        sample_course: Path) -> None:
    question, editor = first_question(window, sample_course)
    assert window.document is not None
    count, steps = len(question.choices), window.document.undo_stack.index()
    table = editor.table
    table.setFocus()
    table.setCurrentIndex(editor.choices.index(count - 1, TEXT))
    table.edit(table.currentIndex())
    qtbot.keyClick(cell_editor(table), Qt.Key.Key_Return)  # Enter adds an empty choice to type into
    qtbot.waitUntil(lambda: len(question.choices) == count + 1)
    qtbot.keyClicks(cell_editor(table), "Never mind")
    qtbot.keyClick(cell_editor(table), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: len(question.choices) == count)
    assert window.document.undo_stack.index() == steps  # the adding undone: no "Add choice" left to undo
    assert not window.isWindowModified()
    editor.add_button.click()  # a choice added and typed into stays, Escape or not
    qtbot.waitUntil(lambda: len(question.choices) == count + 1)
    qtbot.keyClicks(cell_editor(table), "Kept")
    qtbot.keyClick(cell_editor(table), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: question.choices[count].text == "Kept")
    qtbot.waitUntil(lambda: len(question.choices) == count + 2)  # Enter in the last one added another
    qtbot.keyClick(cell_editor(table), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: len(question.choices) == count + 1)
    assert question.choices[count].text == "Kept"


def cell_editor(table: QTableView) -> QLineEdit:
    editors = [editor for editor in table.viewport().findChildren(QLineEdit) if editor.isVisible()]
    assert len(editors) == 1
    return editors[0]


def test_ticking_two_choices_makes_a_multiple_response_question(window: MainWindow, sample_course: Path) -> None:
    question, editor = first_question(window, sample_course)
    assert editor.response_kind.text() == "Single response"
    editor.choices.setData(editor.choices.index(0, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert question.multiple_response
    assert editor.response_kind.text().startswith("Multiple response")


def test_feedback_box_edits_the_selected_choice(qtbot: QtBot, window: MainWindow, sample_course: Path) -> None:
    question, editor = first_question(window, sample_course)
    editor.table.setCurrentIndex(editor.choices.index(2, 1))
    assert editor.feedback_label.text() == "Feedback for choice C:"
    editor.feedback.setFocus()
    editor.feedback.selectAll()
    qtbot.keyClicks(editor.feedback, "Line one")
    qtbot.keyClick(editor.feedback, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.feedback, "Line two")
    assert question.choices[2].feedback == "Line one\nLine two"
    assert editor.choices.index(2, 2).data() == "Line one …"
    assert not editor.choices.flags(editor.choices.index(2, 2)) & Qt.ItemFlag.ItemIsEditable
    editor.move_choice(-1)  # the choice is B now, and its feedback box says so
    assert editor.feedback_label.text() == "Feedback for choice B:"
    assert question.choices[1].feedback == editor.feedback.toPlainText()
    editor.stem.setFocus()
    qtbot.keyClicks(editor.stem, "!")
    assert window.window_actions.undo.text() == "&Undo Edit question stem"


def test_markdown_shortcuts_wrap_the_selection(qtbot: QtBot, window: MainWindow, sample_course: Path) -> None:
    course = open_sample(window, sample_course)
    assert window.page is not None and window.document is not None
    window.page.outline.select_target((0,))
    body = window.page.editor.lesson_editor.body
    body.setFocus()
    body.selectAll()
    qtbot.keyClicks(body, "plain words")
    cursor = body.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(5, cursor.MoveMode.KeepAnchor)
    body.setTextCursor(cursor)
    qtbot.keyClick(body, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert course.items[0].body == "**plain** words"
    body.moveCursor(body.textCursor().MoveOperation.End)
    qtbot.keyClick(body, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(body, "now")
    assert course.items[0].body == "**plain** words*now*"
    body.selectAll()
    qtbot.keyClick(body, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert course.items[0].body == "[**plain** words*now*](https://)"
    assert body.textCursor().selectedText() == "https://"
    window.document.undo_stack.undo()  # the link is its own step
    assert course.items[0].body == "**plain** words*now*"


def test_reflection_and_quiz_editors(qtbot: QtBot, window: MainWindow, sample_course: Path) -> None:
    course = open_sample(window, sample_course)
    assert window.page is not None
    last = len(course.items) - 1
    assert isinstance(course.items[last], Reflection)
    window.page.outline.select_target((last,))
    prompt = window.page.editor.reflection_editor.prompt
    prompt.setFocus()
    prompt.selectAll()
    qtbot.keyClicks(prompt, "What will you change?")
    assert course.items[last].prompt == "What will you change?"
    q = quiz_row(course)
    window.page.outline.select_target((q,))
    quiz_editor = window.page.editor.quiz_editor
    assert window.page.editor.current_editor() is quiz_editor
    assert quiz_editor.summary.text().startswith(f"{len(course.items[q].questions)} questions")


def test_course_id_edit_warns_and_empty_means_derived(qtbot: QtBot, window: MainWindow,
                                                       sample_course: Path) -> None:
    course = open_sample(window, sample_course)
    assert window.page is not None
    window.page.outline.select_target(())
    settings = window.page.editor.course_editor
    assert settings.id_warning.isVisible()
    settings.id.setFocus()
    settings.id.selectAll()
    qtbot.keyClicks(settings.id, "cf-2026")
    assert course.id == "cf-2026"
    settings.id.selectAll()
    qtbot.keyClick(settings.id, Qt.Key.Key_Delete)
    assert course.id is None
    assert settings.id.placeholderText() == "what-is-customer-focus (from the title)"
    settings.title.setFocus()
    settings.title.selectAll()
    qtbot.keyClicks(settings.title, "Serving customers")
    assert settings.id.placeholderText() == "serving-customers (from the title)"


def test_every_course_setting_is_typed_into_the_course_and_undoes(qtbot: QtBot, window: MainWindow,
                                                                  sample_course: Path) -> None:
    course = open_sample(window, sample_course)
    assert window.page is not None and window.document is not None
    window.page.outline.select_target(())
    settings = window.page.editor.course_editor
    typed = {"title": "Serving customers", "author": "L&D team", "language": "de", "version": "2.1",
             "description": "Why every contact counts."}
    for field, text in typed.items():
        widget = getattr(settings, field)
        widget.setFocus()
        widget.selectAll()
        qtbot.keyClicks(widget, text)
        assert getattr(course, field) == text, field
        assert window.window_actions.undo.text() == f"&Undo Edit course {field}"
    settings.pass_mark.setFocus()
    settings.pass_mark.selectAll()
    qtbot.keyClicks(settings.pass_mark, "65")
    assert course.pass_mark == 65
    stack = window.document.undo_stack
    while stack.canUndo():
        stack.undo()
    assert course.title == "What Is Customer Focus?" and course.language == "en" and course.pass_mark == 80


def test_insert_image_copies_it_into_assets_with_alt_text(qtbot: QtBot, window: MainWindow, sample_course: Path,
                                                          tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtGui import QColor, QImage
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    picture = tmp_path / "my chart.png"
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    assert image.save(str(picture))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args: (str(picture), ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *_args: ("Sales by month", True))
    course = open_sample(window, sample_course)
    assert window.page is not None
    window.page.outline.select_target((0,))
    lesson = window.page.editor.lesson_editor
    lesson.body.moveCursor(lesson.body.textCursor().MoveOperation.End)
    qtbot.mouseClick(lesson.insert_image_button, Qt.MouseButton.LeftButton)
    copied = sample_course.parent / "assets" / "my chart.png"
    assert copied.read_bytes() == picture.read_bytes()
    assert course.items[0].body.endswith("![Sales by month](assets/my%20chart.png)")
    qtbot.mouseClick(lesson.insert_image_button, Qt.MouseButton.LeftButton)  # the same file is not copied twice
    assert sorted(p.name for p in copied.parent.iterdir() if p.name.startswith("my chart")) == ["my chart.png"]
    window.page.problems.check_now()
    assert not [p for p in window.problems() if "image" in p.message]


def test_rendered_view_and_reading_time_follow_the_text(qtbot: QtBot, window: MainWindow,
                                                        sample_course: Path) -> None:
    lesson = first_lesson(window, sample_course)
    lesson.body.setFocus()
    lesson.body.selectAll()
    qtbot.keyClicks(lesson.body, "## Fresh heading")
    assert "Fresh heading" not in lesson.rendered.toPlainText()  # debounced: not on every key
    qtbot.waitUntil(lambda: "Fresh heading" in lesson.rendered.toPlainText())
    assert lesson.reading_time.text() == "2 words · about 1 min read"
    lesson.body.setPlainText("word " * 1200)
    qtbot.waitUntil(lambda: "1200 words" in lesson.reading_time.text())
    assert lesson.reading_time.text() == "1200 words · about 6 min read — consider splitting it"


def test_rendered_view_shows_the_lesson_as_learners_get_it(qtbot: QtBot, window: MainWindow,
                                                           sample_course: Path) -> None:
    lesson = first_lesson(window, sample_course)
    lesson.body.setPlainText("## Where to start {#start}\n\nRead on.\n\n<script>alert('hi')</script>\n")
    lesson.render_now()
    shown = lesson.rendered.toPlainText()
    assert "Where to start" in shown and "Read on." in shown
    assert "{#start}" not in shown  # an attribute list, as the player reads it
    assert "alert" not in shown  # the player's sanitiser drops scripts with their text


def test_choice_and_problem_models_pass_qtmodeltester(qtmodeltester: object, window: MainWindow,
                                                      sample_course: Path) -> None:
    _, editor = first_question(window, sample_course)
    assert window.page is not None and window.document is not None
    qtmodeltester.check(editor.choices, force_py=True)  # type: ignore[attr-defined]
    editor.add_choice()
    editor.move_choice(-1)
    editor.remove_choice()
    window.document.undo_stack.undo()
    qtmodeltester.check(window.page.problems.model, force_py=True)  # type: ignore[attr-defined]


def test_typing_keeps_no_break_spaces_the_author_never_touched(qtbot: QtBot, window: MainWindow,
                                                               sample_course: Path) -> None:
    course = open_sample(window, sample_course)
    assert window.page is not None and window.document is not None
    text = "Prix\u00a0: 25\u00a0€, soit «\u00a0peu\u00a0»."
    window.document.course.items[0].body = text
    window.page.outline.select_target((1,))
    window.page.outline.select_target((0,))
    body = window.page.editor.lesson_editor.body
    body.setFocus()
    body.moveCursor(body.textCursor().MoveOperation.End)
    qtbot.keyClicks(body, "!")
    assert course.items[0].body == text + "!"
