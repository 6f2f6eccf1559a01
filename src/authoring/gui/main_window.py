"""The main window: welcome screen, the open course, and every way in and out of a file.

Nothing is lost here: closing asks Save / Discard / Cancel, saving checks
that nobody else changed the file, autosave writes a recovery file (never
the course itself), and a file that cannot be read losslessly opens as text.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QUndoGroup
from PySide6.QtWidgets import QMainWindow, QMessageBox, QStackedWidget, QWidget

from authoring import __version__
from authoring.core.course_file import LoadedCourse, file_digest, load_course
from authoring.core.course_format import parse_course
from authoring.core.model import Course
from authoring.core.problems import Problem
from authoring.gui.autosave import Autosave
from authoring.gui.context import EditorContext
from authoring.gui.course_assets import copy_assets
from authoring.gui.course_page import CoursePage
from authoring.gui.dialogs.course_file_dialog import choose_course_path
from authoring.gui.document import CourseDocument, SaveConflict, file_level
from authoring.gui.icons import icon
from authoring.gui.outline_view import OutlineView
from authoring.gui.recovery import Recovery, find_recoveries
from authoring.gui.welcome_page import WelcomePage
from authoring.gui.window_actions import WindowActions

if TYPE_CHECKING:
    from authoring.gui.problems_panel import ProblemsPanel
    from authoring.gui.text_page import TextMode, TextPage

SAMPLE_NAME = "customer-focus"


class MainWindow(QMainWindow):
    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.document: CourseDocument | None = None
        self.page: CoursePage | None = None
        self.undo_group = QUndoGroup(self)
        self.setWindowIcon(icon("app"))
        self.resize(1280, 800)

        self.welcome = WelcomePage()
        self.welcome.newRequested.connect(self.new_course)
        self.welcome.openRequested.connect(self.open_dialog)
        self.welcome.sampleRequested.connect(self.open_sample)
        self.welcome.recentRequested.connect(self.open_path)
        self._text_mode: TextMode | None = None
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        self.setCentralWidget(self.stack)

        self.autosave = Autosave(context.recovery_dir, self)
        self.autosave.failed.connect(lambda message: self.statusBar().showMessage(message, 8000))
        self.window_actions = WindowActions(self, self.undo_group)
        self.window_actions.show_problems.setChecked(True)
        self.window_actions.show_problems.toggled.connect(self._show_problems)
        self.window_actions.show_preview.toggled.connect(self._show_preview)
        geometry = context.settings.layout("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.show_welcome()

    # -- pages ---------------------------------------------------------------------------

    @property
    def text_mode(self) -> TextMode:
        """The page for a file open as text, made when first needed: most starts never need it."""
        if self._text_mode is None:
            from authoring.gui.text_page import TextMode

            self._text_mode = TextMode()
            page = self._text_mode.page
            page.readAsCourseRequested.connect(self.read_text_as_course)
            page.editor.document().modificationChanged.connect(self._update_title)
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
        self.welcome.set_recent(self.context.settings.recent_files, self._sample_source() is not None)
        self.stack.setCurrentWidget(self.welcome)
        self.window_actions.set_document_open(False)
        self._update_title()

    def set_document(self, document: CourseDocument) -> None:
        self._drop_page()
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
        document.modifiedChanged.connect(self._update_title)
        document.edited.connect(self._update_title)
        self.window_actions.set_document_open(True)
        self._show_preview(self.window_actions.show_preview.isChecked())
        self._update_title()

    def _drop_page(self) -> None:
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
        self.autosave.detach()

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

    # -- opening ------------------------------------------------------------------------

    def new_course(self) -> None:
        if not self.maybe_save():
            return
        self.set_document(CourseDocument(Course(title="Untitled course")))

    def open_dialog(self) -> None:
        path = self.choose_path(save=False)
        if path is not None:
            self.open_path(path)

    def open_path(self, path: Path) -> bool:
        if not self.maybe_save():
            return False
        loaded = load_course(path)
        if loaded.course is None:
            self._report_unreadable(loaded)
            if not path.exists():
                self.context.settings.remove_recent(path)
                self.welcome.set_recent(self.context.settings.recent_files, self._sample_source() is not None)
            return False
        self.context.settings.add_recent(path)
        if not loaded.lossless:
            return self._offer_text_mode(loaded)
        self.set_document(CourseDocument(loaded.course, path, loaded.digest, file_level(loaded.problems)))
        return True

    def _report_unreadable(self, loaded: LoadedCourse) -> None:
        details = "\n".join(problem.format(str(loaded.path)) for problem in loaded.problems)
        self.message(QMessageBox.Icon.Critical, "Cannot open the course",
                     f"{loaded.path} cannot be opened as a course. Nothing was changed.", details)

    def _offer_text_mode(self, loaded: LoadedCourse) -> bool:
        errors = "\n".join(problem.format(str(loaded.path)) for problem in loaded.problems)
        answer = self.message(
            QMessageBox.Icon.Warning, "Some of this file cannot be read",
            f"Reading {loaded.path.name} as a course would lose some of its text, so it is not opened that "
            "way and the file stays as it is.\n\nOpen it as text to fix the lines below?", errors,
            buttons=QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Open:
            return False
        self.open_as_text(loaded.path, loaded.text or "", loaded.digest)
        return True

    def open_as_text(self, path: Path | None, text: str, digest: str) -> None:
        self._drop_page()
        self.text_page.open_text(path, text, digest)
        self.stack.setCurrentWidget(self.text_mode)
        self.autosave.attach_text(self.text_page)
        self.window_actions.set_document_open(True, as_text=True)
        self._update_title()

    def _text_edited(self) -> None:
        if self.in_text_mode():
            self.autosave.edited()

    def read_text_as_course(self) -> bool:
        parsed = parse_course(self.text_page.text())
        if not parsed.lossless:
            self.text_problems.show_problems(parsed.problems)
            self.message(QMessageBox.Icon.Information, "Not yet",
                         "Some text would still be lost; fix the errors listed below first.")
            return False
        document = CourseDocument(parsed.course, self.text_page.path, self.text_page.digest)
        if self.text_page.is_modified():
            document.mark_unsaved()
        self.text_page.editor.document().setModified(False)
        self.set_document(document)
        if document.is_modified:
            self.autosave.save_now()
        return True

    def open_sample(self) -> bool:
        """Open the user's own copy of the sample course, made on first use."""
        source = self._sample_source()
        if source is None:
            return False
        copy = self.context.data_dir / "samples" / SAMPLE_NAME
        if not (copy / "course.md").exists():
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copytree(source, copy, dirs_exist_ok=True)
        return self.open_path(copy / "course.md")

    def _sample_source(self) -> Path | None:
        samples = self.context.samples_dir
        return samples / SAMPLE_NAME if samples and (samples / SAMPLE_NAME / "course.md").is_file() else None

    def choose_path(self, *, save: bool) -> Path | None:
        current = self.document.path if self.document else self.text_page.path
        return choose_course_path(self, self.context.settings.recent_files, current, save=save)

    def fill_recent_menu(self) -> None:
        menu = self.window_actions.recent_menu
        menu.clear()
        for path in self.context.settings.recent_files:
            action = menu.addAction(str(path))
            action.setData(str(path))
            action.triggered.connect(lambda _checked=False, target=path: self.open_path(target))
        if menu.isEmpty():
            menu.addAction("(no recent courses)").setEnabled(False)

    # -- saving --------------------------------------------------------------------------

    def save(self) -> bool:
        if self.in_text_mode():
            return self._save_text()
        document = self.document
        if document is None:
            return False
        if document.path is None:
            return self.save_as()
        return self._save_to(document, document.path)

    def save_as(self) -> bool:
        path = self.choose_path(save=True)
        if path is None:
            return False
        if self.in_text_mode():
            return self._save_text(path)
        if self.document is None:
            return False
        return self._save_to(self.document, path)

    def _save_to(self, document: CourseDocument, path: Path) -> bool:
        old_dir = document.source_dir
        try:
            try:
                document.save(path)
            except SaveConflict:
                if not self._confirm_overwrite(path):
                    return False
                document.save(path, overwrite=True)
        except OSError as exc:
            self.message(QMessageBox.Icon.Critical, "Not saved",
                         f"Could not save {path}: {exc.strerror or exc}. Your edits are still here and in the "
                         "recovery file; check the folder is writable and has free space, or use Save As.")
            return False
        self.context.settings.add_recent(path)
        message = f"Saved {path}"
        if old_dir is not None and old_dir != path.resolve().parent:
            try:
                copied = copy_assets(document.course, old_dir, path.resolve().parent)
            except OSError as exc:
                copied = []
                message += f"; its images could not be copied along ({exc.strerror or exc})"
            if copied:
                message += f" with {len(copied)} image(s) it links to"
        self.statusBar().showMessage(message, 6000)
        self._update_title()
        return True

    def _save_text(self, path: Path | None = None) -> bool:
        target = path or self.text_page.path
        if target is None:
            return self.save_as()
        if target == self.text_page.path and self.text_page.disk_changed() and not self._confirm_overwrite(target):
            return False
        try:
            self.text_page.save(target)
        except OSError as exc:
            self.message(QMessageBox.Icon.Critical, "Not saved", f"Could not save {target}: {exc.strerror or exc}.")
            return False
        self.autosave.attach_text(self.text_page)  # saved: the old recovery file goes
        self._update_title()
        return True

    def _confirm_overwrite(self, path: Path) -> bool:
        answer = self.message(
            QMessageBox.Icon.Warning, "The file has changed",
            f"{path.name} was changed by another program since you opened it.\n\nOverwrite it with your "
            "version? The other changes will be lost. Choose Cancel to keep both: then use Save As.",
            buttons=QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            default=QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Save

    def is_modified(self) -> bool:
        if self.in_text_mode():
            return self.text_page.is_modified()
        return self.document is not None and self.document.is_modified

    def maybe_save(self) -> bool:
        """Ask Save / Discard / Cancel when there are unsaved edits; False means stop."""
        if not self.is_modified():
            return True
        name = self.document.display_name if self.document else (self.text_page.path or Path("Untitled")).name
        answer = self.message(
            QMessageBox.Icon.Question, "Unsaved changes", f"Save the changes to {name}?",
            buttons=QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            default=QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def close_course(self) -> bool:
        if not self.maybe_save():
            return False
        self._drop_page()
        if self._text_mode is not None:
            self.text_page.editor.document().setModified(False)
        self.show_welcome()
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        if self.page is not None:
            self.page.save_layout(self.context.settings)
        self.context.settings.set_layout("geometry", self.saveGeometry())
        self._drop_page()
        self.context.settings.sync()
        event.accept()

    # -- recovery ---------------------------------------------------------------

    def offer_recoveries(self) -> None:
        """At start: offer back what a crashed or killed editor left in its recovery files."""
        recoveries = find_recoveries(self.context.recovery_dir)
        if not recoveries:
            return
        from authoring.gui.dialogs.restore_dialog import RestoreDialog  # seldom needed: kept off the start-up path

        for recovery in recoveries:
            answer = RestoreDialog(recovery, self).exec()
            if answer == RestoreDialog.RESTORE:
                self.restore(recovery)
                return
            if answer == RestoreDialog.DISCARD:
                recovery.discard()

    def restore(self, recovery: Recovery) -> bool:
        """Open what autosave kept, as unsaved edits of the file it belongs to; the file stays as it is."""
        original = recovery.original
        digest = ""
        with contextlib.suppress(OSError):
            digest = file_digest(original.read_bytes()) if original is not None else ""
        course = recovery.course()
        if course is None:  # kept from a file open as text: back to text
            self.open_as_text(original, recovery.text(), digest)
            self.text_page.editor.document().setModified(True)
        else:
            document = CourseDocument(course, original, digest)
            self.set_document(document)
            document.mark_unsaved()
        self.autosave.save_now()  # the edits are safe under this process from now on
        writer = self.autosave.writer
        if writer is not None and writer.key != recovery.key:
            recovery.discard()
        return True

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
                default: QMessageBox.StandardButton | None = None) -> QMessageBox.StandardButton:
        box = QMessageBox(kind, title, text, buttons, self)
        if details:
            box.setDetailedText(details)
            box.setInformativeText(details.split("\n", 1)[0])
        if default is not None:
            box.setDefaultButton(default)
        return QMessageBox.StandardButton(box.exec())

    def _update_title(self) -> None:
        if self.in_text_mode():
            name = f"{(self.text_page.path or Path('Untitled')).name} (as text)"
            modified = self.text_page.is_modified()
        elif self.document is not None:
            name = f"{self.document.course.title or 'Untitled course'} — {self.document.display_name}"
            modified = self.document.is_modified
        else:
            self.setWindowTitle("Authoring")
            self.setWindowModified(False)
            return
        self.setWindowTitle(f"{name}[*] — Authoring")
        self.setWindowModified(modified)

    def _show_problems(self, visible: bool) -> None:
        if self.page is not None:
            self.page.problems.setVisible(visible)

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
