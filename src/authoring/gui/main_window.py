"""The main window: the welcome screen or the open course, the menus, and the window's state.

Opening, saving and recovering files are in :mod:`authoring.gui.course_files`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QUndoGroup
from PySide6.QtWidgets import QMainWindow, QMessageBox, QStackedWidget, QVBoxLayout, QWidget

from authoring import __version__
from authoring.core.problems import Problem
from authoring.gui.autosave import Autosave
from authoring.gui.context import EditorContext
from authoring.gui.course_files import CourseFiles
from authoring.gui.course_page import CoursePage
from authoring.gui.disk_watch import DiskWatch
from authoring.gui.document import CourseDocument
from authoring.gui.icons import icon
from authoring.gui.message_bar import MessageBar
from authoring.gui.outline_view import OutlineView
from authoring.gui.window_actions import WindowActions

if TYPE_CHECKING:
    from authoring.gui.problems_panel import ProblemsPanel
    from authoring.gui.text_page import TextMode, TextPage
    from authoring.gui.welcome_page import WelcomePage


class MainWindow(QMainWindow):
    def __init__(self, context: EditorContext, parent: QWidget | None = None, *, welcome: bool = True) -> None:
        """``welcome=False`` leaves the window empty for a course about to be opened (as the command line
        does): the welcome page is then made only if it is ever shown."""
        super().__init__(parent)
        self.context = context
        self.document: CourseDocument | None = None
        self.page: CoursePage | None = None
        self.undo_group = QUndoGroup(self)
        self.files = CourseFiles(self)
        self.setWindowIcon(icon("app"))
        self.resize(1280, 800)

        self._welcome: WelcomePage | None = None
        self._text_mode: TextMode | None = None
        self.stack = QStackedWidget()
        self.file_bar = MessageBar("fileBar")
        self.read_only_bar = MessageBar("readOnlyBar")
        self.autosave_bar = MessageBar("autosaveBar")
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(4, 4, 4, 0)
        column.setSpacing(4)
        column.addWidget(self.file_bar)
        column.addWidget(self.read_only_bar)
        column.addWidget(self.autosave_bar)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.disk_watch = DiskWatch(self)

        self.autosave = Autosave(context.recovery_dir, self)
        # Until autosave works again: a passing status message was gone before anyone read it.
        self.autosave.failed.connect(lambda message: self.autosave_bar.show_message(
            message, [("Try again", self.autosave.save_now)], kind="error"))
        self.autosave.working.connect(self.autosave_bar.hide)
        self.window_actions = WindowActions(self, self.undo_group)
        self.window_actions.show_problems.setChecked(True)
        self.window_actions.show_problems.toggled.connect(self._show_problems)
        self.window_actions.show_preview.toggled.connect(self._show_preview)
        geometry = context.settings.layout("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if welcome:
            self.show_welcome()
        else:
            self.window_actions.set_document_open(False)
            self.update_title()

    # -- pages ---------------------------------------------------------------------------

    @property
    def welcome(self) -> WelcomePage:
        """The first screen, made when first shown: a start with a course named never needs it."""
        if self._welcome is None:
            from authoring.gui.welcome_page import WelcomePage

            self._welcome = WelcomePage()
            self._welcome.newRequested.connect(self.files.new_course)
            self._welcome.openRequested.connect(self.files.open_dialog)
            self._welcome.sampleRequested.connect(self.files.open_sample)
            self._welcome.recentRequested.connect(self.files.open_recent)
            self.stack.addWidget(self._welcome)
        return self._welcome

    @property
    def text_mode(self) -> TextMode:
        """The page for a file open as text, made when first needed: most starts never need it."""
        if self._text_mode is None:
            from authoring.gui.text_page import TextMode

            self._text_mode = TextMode()
            page = self._text_mode.page
            page.readAsCourseRequested.connect(self.files.read_text_as_course)
            page.editor.document().modificationChanged.connect(self.update_title)
            page.editor.textChanged.connect(self._text_edited)
            self.stack.addWidget(self._text_mode)
        return self._text_mode

    @property
    def text_page(self) -> TextPage:
        return self.text_mode.page

    @property
    def text_problems(self) -> ProblemsPanel:
        return self.text_mode.problems

    def in_text_mode(self) -> bool:
        return self._text_mode is not None and self.stack.currentWidget() is self._text_mode

    def show_welcome(self) -> None:
        welcome = self.welcome
        self.refresh_welcome()
        self.stack.setCurrentWidget(welcome)
        self.window_actions.set_document_open(False)
        self.update_title()

    def refresh_welcome(self) -> None:
        if self._welcome is not None:  # else it lists them when first made
            self._welcome.set_recent(self.context.settings.recent_files, self.files.sample_source() is not None)

    def set_document(self, document: CourseDocument) -> None:
        self.drop_page()
        self.document = document
        self.undo_group.addStack(document.undo_stack)
        self.undo_group.setActiveStack(document.undo_stack)
        self.page = CoursePage(document, self.context.settings)
        self.stack.addWidget(self.page)
        self.stack.setCurrentWidget(self.page)
        self.page.resize(self.stack.size())
        self.page.restore_layout(self.context.settings)
        self.page.problems.setVisible(self.window_actions.show_problems.isChecked())
        actions = self.window_actions
        self.page.outline.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.page.outline.addActions([actions.add_lesson, actions.add_quiz, actions.add_question,
                                      actions.add_reflection, actions.duplicate, actions.rename, actions.delete,
                                      actions.move_up, actions.move_down])
        self.autosave.attach(document)
        self.disk_watch.watch(document)
        document.modifiedChanged.connect(self.update_title)
        document.edited.connect(self.update_title)
        self.window_actions.set_document_open(True)
        self._show_preview(self.window_actions.show_preview.isChecked())
        self.update_title()

    def open_as_text(self, path: Path | None, text: str, digest: str) -> None:
        self.drop_page()
        self.text_page.open_text(path, text, digest)
        self.stack.setCurrentWidget(self.text_mode)
        self.autosave.attach_text(self.text_page)
        self.window_actions.set_document_open(True, as_text=True)
        self.update_title()

    def _text_edited(self) -> None:
        if self.in_text_mode():
            self.autosave.edited()

    def close_page(self) -> None:
        """Back to the welcome page, dropping the course or text without asking (callers ask first)."""
        self.drop_page()
        if self._text_mode is not None:
            self.text_page.editor.document().setModified(False)
        self.show_welcome()

    def drop_page(self) -> None:
        if self.page is not None:
            self.page.save_layout(self.context.settings)
            self.page.dispose()
            self.stack.removeWidget(self.page)
            self.page.deleteLater()
            self.page = None
        if self.document is not None:
            self.undo_group.removeStack(self.document.undo_stack)
            self.document.deleteLater()
            self.document = None
        self.disk_watch.unwatch()
        self.autosave.detach()
        self.autosave_bar.hide()  # nothing left to keep

    @property
    def outline(self) -> OutlineView | None:
        return self.page.outline if self.page else None

    def outline_call(self, action: Callable[[OutlineView], object]) -> Callable[[], None]:
        def run() -> None:
            if self.page is not None:
                action(self.page.outline)
        return run

    def add_question(self) -> None:
        if self.page is not None and not self.page.outline.add_question():
            self.statusBar().showMessage("Select a quiz, or a question in one, to add a question to it.", 5000)

    def is_modified(self) -> bool:
        if self.in_text_mode():
            return self.text_page.is_modified()
        return self.document is not None and self.document.is_modified

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        if self.page is not None:
            self.page.save_layout(self.context.settings)
        self.context.settings.set_layout("geometry", self.saveGeometry())
        self.drop_page()
        self.context.settings.sync()
        event.accept()

    # -- the rest --------------------------------------------------------------------------

    def export_dialog(self) -> None:
        from authoring.gui.dialogs.export_dialog import ExportDialog

        if self.document is not None:
            ExportDialog(self.document, self.context.settings, self).exec()

    def about(self) -> None:
        self.message(QMessageBox.Icon.Information, "About Authoring",
                     f"Authoring {__version__}\n\nWrite microlearning in plain Markdown: lessons, quizzes and "
                     "reflections. Export SCORM 1.2 and 2004 packages, HTML and PDFs.\n\n"
                     "Licensed under the GNU GPL version 3 or later.")

    def message(self, kind: QMessageBox.Icon, title: str, text: str, details: str = "", *,
                buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
                default: QMessageBox.StandardButton | None = None,
                labels: dict[QMessageBox.StandardButton, str] | None = None) -> QMessageBox.StandardButton:
        box = QMessageBox(kind, title, text, buttons, self)
        for button, label in (labels or {}).items():
            box.button(button).setText(label)
        if details:
            box.setDetailedText(details)
            box.setInformativeText(details.split("\n", 1)[0])
        if default is not None:
            box.setDefaultButton(default)
        return QMessageBox.StandardButton(box.exec())

    def update_title(self) -> None:
        if self.in_text_mode():
            name = f"{(self.text_page.path or Path('Untitled')).name} (as text)"
            modified = self.text_page.is_modified()
        elif self.document is not None:
            name = f"{self.document.course.title or 'Untitled course'} — {self.document.display_name}"
            if self.disk_watch.read_only:
                name += " (read-only)"
            modified = self.document.is_modified
        else:
            self.setWindowTitle("Authoring")
            self.setWindowModified(False)
            return
        # Qt shows every '[*]' as the modified mark; one that is part of a name is doubled to stay text.
        self.setWindowTitle(f"{name.replace('[*]', '[*][*]')}[*] — Authoring")
        self.setWindowModified(modified)

    def _show_problems(self, visible: bool) -> None:
        if self.page is not None:
            self.page.problems.setVisible(visible)
            self.page.problems.fit()  # problems may have come or gone while it was hidden

    def _show_preview(self, visible: bool) -> None:
        if self.page is None:
            return
        if visible:
            self.page.show_previews()
        else:
            self.page.hide_previews()

    def show_pdf_preview(self) -> None:
        if self.page is not None:
            self.window_actions.show_preview.setChecked(True)
            self.page.show_previews("pdf")

    def problems(self) -> list[Problem]:
        if self.page is not None:
            return self.page.problems.model.problems
        return self.text_problems.model.problems if self._text_mode is not None else []
