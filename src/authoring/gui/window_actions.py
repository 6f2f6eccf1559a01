"""The main window's actions, menus and toolbar, with standard shortcuts."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QMenu, QToolBar

from authoring.gui.icons import icon

if TYPE_CHECKING:
    from authoring.gui.main_window import MainWindow

Keys = QKeySequence | QKeySequence.StandardKey | str | None


class WindowActions:
    def __init__(self, window: MainWindow, undo_group: QUndoGroup) -> None:
        self.window = w = window
        a = self._action
        self.new = a("&New Course", QKeySequence.StandardKey.New, w.files.new_course, "course")
        self.open = a("&Open…", QKeySequence.StandardKey.Open, w.files.open_dialog)
        self.save = a("&Save", QKeySequence.StandardKey.Save, w.files.save)
        self.save_as = a("Save &As…", QKeySequence.StandardKey.SaveAs, w.files.save_as)
        self.export = a("&Export…", "Ctrl+E", w.export_dialog, tip="Export SCORM packages, HTML and PDFs")
        self.close_course = a("&Close Course", QKeySequence.StandardKey.Close, w.files.close_course)
        self.quit = a("&Quit", QKeySequence.StandardKey.Quit, w.close)

        self.undo = undo_group.createUndoAction(w, "&Undo")
        self.undo.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo = undo_group.createRedoAction(w, "&Redo")
        self.redo.setShortcuts(QKeySequence.StandardKey.Redo)
        # The toolbar keeps short labels (the edit's name is in the tooltip and the Edit menu): with
        # "Undo Edit question explanation" on it, the buttons after it moved at every edit.
        self.undo.setIconText("Undo")
        self.redo.setIconText("Redo")
        outline = w.outline_call
        self.add_lesson = a("Add &Lesson", "Ctrl+Shift+L", outline(lambda o: o.add_item("lesson")), "lesson")
        self.add_quiz = a("Add &Quiz", "Ctrl+Shift+Q", outline(lambda o: o.add_item("quiz")), "quiz")
        self.add_question = a("Add Q&uestion", "Ctrl+Shift+U", w.add_question, "question",
                              tip="Add a question to the selected quiz")
        self.add_reflection = a("Add Re&flection", "Ctrl+Shift+R", outline(lambda o: o.add_item("reflection")),
                                "reflection")
        self.duplicate = a("&Duplicate", "Ctrl+D", outline(lambda o: o.duplicate_current()))
        self.delete = a("De&lete", "Ctrl+Del", outline(lambda o: o.delete_current()),
                        tip="Delete the selected item or question (Undo brings it back)")
        self.rename = a("Re&name", "F2", outline(lambda o: o.rename_current()))
        self.move_up = a("Move &Up", "Alt+Up", outline(lambda o: o.move_current(-1)),
                         tip="Move the selected row up; a question moves on into the quiz above")
        self.move_down = a("Move Do&wn", "Alt+Down", outline(lambda o: o.move_current(+1)))
        # These keys mean something else in a text field or table (Ctrl+Del deletes a word, F2 edits a
        # cell): they act on the outline only while it has the focus; the menus work from anywhere.
        for action in (self.duplicate, self.delete, self.rename, self.move_up, self.move_down):
            w.removeAction(action)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)

        self.show_problems = a("&Problems", "Ctrl+Shift+M", None, checkable=True)
        self.show_preview = a("Learner &Preview", "Ctrl+Shift+P", None, checkable=True,
                              tip="Show the course as learners get it")
        self.show_pdf = a("P&DF Preview", "Ctrl+Shift+D", w.show_pdf_preview,
                          tip="Show the learner or reviewer PDF, made on demand")
        self.about = a("&About Authoring", None, w.about)
        self.document_actions = [self.save, self.save_as, self.export, self.close_course, self.add_lesson,
                                 self.add_quiz, self.add_question, self.add_reflection, self.duplicate,
                                 self.delete, self.rename, self.move_up, self.move_down, self.show_preview,
                                 self.show_pdf]
        self.recent_menu = QMenu("Open &Recent", w)
        self.recent_menu.aboutToShow.connect(lambda: w.files.fill_recent_menu(self.recent_menu))
        self._menus()
        self._toolbar()

    def _action(self, text: str, keys: Keys, slot: Callable[[], object] | None, icon_name: str | None = None,
                *, tip: str | None = None, checkable: bool = False) -> QAction:
        action = QAction(text, self.window)
        if icon_name:
            action.setIcon(icon(icon_name))
        if isinstance(keys, QKeySequence.StandardKey):
            action.setShortcuts(keys)  # every binding of the platform, e.g. Ctrl+Y and Ctrl+Shift+Z for Redo
        elif keys is not None:
            action.setShortcut(QKeySequence(keys))
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        action.setCheckable(checkable)
        if slot is not None:
            action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)
        return action

    def _menus(self) -> None:
        bar = self.window.menuBar()
        file = bar.addMenu("&File")
        file.addActions([self.new, self.open])
        file.addMenu(self.recent_menu)
        file.addSeparator()
        file.addActions([self.save, self.save_as, self.export])
        file.addSeparator()
        file.addActions([self.close_course, self.quit])
        edit = bar.addMenu("&Edit")
        edit.addActions([self.undo, self.redo])
        edit.addSeparator()
        edit.addActions([self.add_lesson, self.add_quiz, self.add_question, self.add_reflection])
        edit.addSeparator()
        edit.addActions([self.duplicate, self.rename, self.delete, self.move_up, self.move_down])
        view = bar.addMenu("&View")
        view.addActions([self.show_problems, self.show_preview, self.show_pdf])
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.about)

    def _toolbar(self) -> None:
        toolbar = QToolBar("Main", self.window)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions([self.add_lesson, self.add_quiz, self.add_question, self.add_reflection])
        toolbar.addSeparator()
        toolbar.addActions([self.undo, self.redo])
        toolbar.addSeparator()
        toolbar.addActions([self.export, self.show_preview])
        self.window.addToolBar(toolbar)
        self.toolbar = toolbar

    def set_document_open(self, is_open: bool, as_text: bool = False) -> None:
        for action in self.document_actions:
            action.setEnabled(is_open and not as_text)
        self.save.setEnabled(is_open)
        self.save_as.setEnabled(is_open)
        self.close_course.setEnabled(is_open)
