"""Every way in and out of a course file: open, save, close, and restore what autosave kept.

Nothing is lost here: closing asks Save / Discard / Cancel, saving checks
that nobody else changed the file, and a file that cannot be read
losslessly opens as text.
"""

from __future__ import annotations

import contextlib
import errno
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QAbstractItemView, QApplication, QMenu, QMessageBox

from authoring.core.atomic_write import write_advice
from authoring.core.course_file import LoadedCourse, file_digest, load_course
from authoring.core.course_format import parse_course
from authoring.core.model import Course
from authoring.gui.disk_watch import is_read_only
from authoring.gui.document import CourseDocument, SaveConflict, file_level
from authoring.gui.recovery import Recovery, find_recoveries

if TYPE_CHECKING:
    from authoring.gui.main_window import MainWindow

SAMPLE_NAME = "customer-focus"


class CourseFiles:
    """The window's file commands, each with the questions it has to ask on the way."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    # -- opening ------------------------------------------------------------------------

    def new_course(self) -> None:
        if not self.maybe_save():
            return
        self.window.set_document(CourseDocument(Course(title="Untitled course")))

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
            return False
        self.window.context.settings.add_recent(path)
        if not loaded.lossless:
            return self._offer_text_mode(loaded)
        self.window.set_document(CourseDocument(loaded.course, path, loaded.digest, file_level(loaded.problems)))
        return True

    def open_recent(self, path: Path) -> bool:
        """Open a course from the recent list; one that is not there is kept in the list unless the author
        removes it, since a drive that is not plugged in brings it back."""
        from authoring.gui.welcome_page import missing_part

        gone = missing_part(path)
        if gone is None:
            return self.open_path(path)
        if gone not in (path, path.parent):
            self.window.message(
                QMessageBox.Icon.Information, "Course not reachable",
                f"{path} cannot be reached: {gone} is not there.\n\nIf it is on a drive or network folder that is "
                "not connected, connect it and try again. The course stays in the recent list.")
            return False
        answer = self.window.message(
            QMessageBox.Icon.Warning, "Course not found",
            f"{path} is no longer there: it was deleted, moved or renamed.\n\nRemove it from the recent list? If "
            "it was moved, open it from its new place with Open.",
            buttons=QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            default=QMessageBox.StandardButton.Discard,
            labels={QMessageBox.StandardButton.Discard: "Remove from list",
                    QMessageBox.StandardButton.Cancel: "Keep"})
        if answer == QMessageBox.StandardButton.Discard:
            self.window.context.settings.remove_recent(path)
            self.window.refresh_welcome()
        return False

    def _report_unreadable(self, loaded: LoadedCourse) -> None:
        details = "\n".join(problem.format(str(loaded.path)) for problem in loaded.problems)
        self.window.message(QMessageBox.Icon.Critical, "Cannot open the course",
                            f"{loaded.path} cannot be opened as a course. Nothing was changed.", details)

    def _offer_text_mode(self, loaded: LoadedCourse) -> bool:
        errors = "\n".join(problem.format(str(loaded.path)) for problem in loaded.problems)
        answer = self.window.message(
            QMessageBox.Icon.Warning, "Some of this file cannot be read",
            f"Reading {loaded.path.name} as a course would lose some of its text, so it is not opened that "
            "way and the file stays as it is.\n\nOpen it as text to fix the lines below?", errors,
            buttons=QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Open:
            return False
        self.window.open_as_text(loaded.path, loaded.text or "", loaded.digest)
        return True

    def read_text_as_course(self) -> bool:
        window = self.window
        page = window.text_page
        parsed = parse_course(page.text())
        if not parsed.lossless:
            window.text_problems.show_problems(parsed.problems)
            window.message(QMessageBox.Icon.Information, "Not yet",
                           "Some text would still be lost; fix the errors listed below first.")
            return False
        document = CourseDocument(parsed.course, page.path, page.digest)
        if page.is_modified():
            document.mark_unsaved()
        page.editor.document().setModified(False)
        window.set_document(document)
        if document.is_modified:
            window.autosave.save_now()
        return True

    def open_sample(self) -> bool:
        """Open the user's own copy of the sample course, made on first use."""
        source = self.sample_source()
        if source is None:
            return False
        copy = self.window.context.data_dir / "samples" / SAMPLE_NAME
        if not (copy / "course.md").exists():
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copytree(source, copy, dirs_exist_ok=True)
        return self.open_path(copy / "course.md")

    def sample_source(self) -> Path | None:
        samples = self.window.context.samples_dir
        return samples / SAMPLE_NAME if samples and (samples / SAMPLE_NAME / "course.md").is_file() else None

    def choose_path(self, *, save: bool) -> Path | None:
        from authoring.gui.dialogs.course_file_dialog import choose_course_path  # QFileDialog: not at start

        window = self.window
        current = window.document.path if window.document else window.text_page.path
        return choose_course_path(window, window.context.settings.recent_files, current, save=save)

    def fill_recent_menu(self, menu: QMenu) -> None:
        menu.clear()
        from authoring.gui.welcome_page import missing_part

        for path in self.window.context.settings.recent_files:
            action = menu.addAction(f"{path} (missing)" if missing_part(path) else str(path))
            action.setData(str(path))
            action.triggered.connect(lambda _checked=False, target=path: self.open_recent(target))
        if menu.isEmpty():
            menu.addAction("(no recent courses)").setEnabled(False)

    # -- saving --------------------------------------------------------------------------

    def save(self) -> bool:
        finish_editing_in_place()
        if self.window.in_text_mode():
            return self._save_text()
        document = self.window.document
        if document is None:
            return False
        if document.path is None:
            return self.save_as()
        return self._save_to(document, document.path)

    def save_as(self) -> bool:
        finish_editing_in_place()
        path = self.choose_path(save=True)
        if path is None:
            return False
        if self.window.in_text_mode():
            return self._save_text(path)
        if self.window.document is None:
            return False
        return self._save_to(self.window.document, path)

    def _save_to(self, document: CourseDocument, path: Path) -> bool:
        if is_read_only(path):  # root, or a writable folder, could replace it: never unasked
            return self._offer_save_as(path)
        old_dir = document.source_dir
        try:
            try:
                document.save(path)
            except SaveConflict:
                if not self._confirm_overwrite(path):
                    return False
                document.save(path, overwrite=True)
        except OSError as exc:
            self._report_not_saved(path, exc)
            return False
        self.window.context.settings.add_recent(path)
        message = f"Saved {path}"
        if old_dir is not None and old_dir != path.resolve().parent:
            from authoring.gui.course_assets import copy_assets  # only for Save As into another folder

            try:
                assets = copy_assets(document.course, old_dir, path.resolve().parent)
            except OSError as exc:
                self.window.message(
                    QMessageBox.Icon.Warning, "Pictures not copied",
                    f"{path.name} is saved, but the pictures it links to could not be copied beside it "
                    f"({exc.strerror or exc}): {write_advice(exc)}, or copy the assets folder from {old_dir} "
                    "yourself.")
            else:
                if assets.copied:
                    message += f" with {len(assets.copied)} image(s) it links to"
                if assets.different:
                    names = "\n".join(str(target) for target in assets.different)
                    self.window.message(
                        QMessageBox.Icon.Warning, "Pictures already there",
                        f"{path.name} is saved, but {len(assets.different)} picture(s) it links to already "
                        f"exist in {path.resolve().parent} as different files. They were left as they are, so "
                        f"the course there shows them; the originals are still in {old_dir}. Rename a picture "
                        "and its link if the course needs its own.", names)
        self.window.statusBar().showMessage(message, 6000)
        self.window.update_title()
        return True

    def _offer_save_as(self, path: Path) -> bool:
        answer = self.window.message(
            QMessageBox.Icon.Warning, "Read-only file",
            f"{path.name} is read-only, so Save does not replace it.\n\nSave your version as another file?",
            buttons=QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            default=QMessageBox.StandardButton.Save, labels={QMessageBox.StandardButton.Save: "Save As…"})
        return answer == QMessageBox.StandardButton.Save and self.save_as()

    def _save_text(self, path: Path | None = None) -> bool:
        page = self.window.text_page
        target = path or page.path
        if target is None:
            return self.save_as()
        if page.path is not None and target.resolve() == page.path.resolve() and page.disk_changed() \
                and not self._confirm_overwrite(target):
            return False
        try:
            page.save(target)
        except OSError as exc:
            self._report_not_saved(target, exc)
            return False
        self.window.autosave.attach_text(page)  # saved: the old recovery file goes
        self.window.update_title()
        return True

    def _report_not_saved(self, path: Path, exc: OSError) -> None:
        # Only claim the recovery file holds the edits once it does: the failed save may have come before
        # the first autosave, and a full disk fails that too.
        kept = self.window.autosave.save_now()
        advice = "its folder is gone: use Save As to save them elsewhere" if exc.errno == errno.ENOENT \
            else f"{write_advice(exc)}, or use Save As to save them elsewhere"
        where = "still open here and kept in the recovery file" if kept else "still open here, but nowhere else"
        self.window.message(QMessageBox.Icon.Critical, "Not saved",
                            f"Could not save {path}: {exc.strerror or exc}. Nothing was written there. Your "
                            f"edits are {where}: {advice}.")

    def _confirm_overwrite(self, path: Path) -> bool:
        if not path.exists():  # deleted, moved or renamed elsewhere (a git checkout of another branch)
            answer = self.window.message(
                QMessageBox.Icon.Warning, "The file is gone",
                f"{path.name} was deleted or moved by another program since you opened it.\n\nSave your "
                f"version as {path} again? Choose Cancel to save it somewhere else with Save As.",
                buttons=QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
                default=QMessageBox.StandardButton.Cancel)
            return answer == QMessageBox.StandardButton.Save
        answer = self.window.message(
            QMessageBox.Icon.Warning, "The file has changed",
            f"{path.name} was changed by another program since you opened it.\n\nOverwrite it with your "
            "version? The other changes will be lost. Choose Cancel to keep both: then use Save As.",
            buttons=QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            default=QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Save

    def maybe_save(self) -> bool:
        """Ask Save / Discard / Cancel when there are unsaved edits; False means stop."""
        window = self.window
        finish_editing_in_place()
        if not window.is_modified():
            return True
        name = window.document.display_name if window.document else (window.text_page.path or Path("Untitled")).name
        answer = self.window.message(
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
        self.window.close_page()
        return True

    # -- recovery ---------------------------------------------------------------

    def offer_recoveries(self) -> None:
        """At start: offer back what a crashed or killed editor left in its recovery files."""
        recoveries = find_recoveries(self.window.context.recovery_dir)
        if not recoveries:
            return
        from authoring.gui.dialogs.restore_dialog import RestoreDialog  # seldom needed: kept off the start-up path

        if self.window.stack.currentWidget() is None:
            self.window.show_welcome()  # not an empty window behind the question

        for recovery in recoveries:
            answer = RestoreDialog(recovery, self.window).exec()
            if answer == RestoreDialog.RESTORE:
                self.restore(recovery)
                return
            if answer == RestoreDialog.DISCARD:
                recovery.discard()

    def restore(self, recovery: Recovery) -> bool:
        """Open what autosave kept, as unsaved edits of the file it belongs to; the file stays as it is."""
        original = recovery.original
        # The file as the edits found it: if it has changed since, Save asks before overwriting the change.
        digest = recovery.based_on
        if not digest:
            with contextlib.suppress(OSError):
                digest = file_digest(original.read_bytes()) if original is not None else ""
        window = self.window
        try:
            text = recovery.text()
        except (OSError, UnicodeDecodeError) as exc:  # a damaged disk: say so, never stop the start
            reason = exc.strerror if isinstance(exc, OSError) else "it is not UTF-8 text"
            window.message(QMessageBox.Icon.Critical, "Cannot restore",
                           f"The recovery file {recovery.text_path} cannot be read ({reason}). It is left where "
                           "it is: open it in a text editor to copy out what it still holds.")
            return False
        parsed = parse_course(text)
        course = parsed.course if parsed.lossless else None
        if course is None:  # kept from a file open as text: back to text
            self.window.open_as_text(original, text, digest)
            window.text_page.editor.document().setModified(True)
        else:
            document = CourseDocument(course, original, digest)
            window.set_document(document)
            document.mark_unsaved()
        # Once this process keeps the edits, the crash's copy can go; if it cannot (a full disk), that
        # copy stays, the only one on disk.
        kept = window.autosave.save_now()
        writer = window.autosave.writer
        if kept and writer is not None and writer.key != recovery.key:
            recovery.discard()
        return True


def finish_editing_in_place() -> None:
    """Hand the model what is typed in an open cell or outline rename editor, as leaving it would.

    Until then the text is only in the editor: Save would write the old text, and closing would not
    count it as unsaved.  Save and close buttons take no focus, so the editor stays open under them.
    """
    focus = QApplication.focusWidget()
    view = focus.parentWidget() if focus is not None else None
    while view is not None and not isinstance(view, QAbstractItemView):
        view = view.parentWidget()
    if focus is not None and view is not None and focus is not view:
        focus.clearFocus()  # the delegate commits an editor that loses the focus
        view.setFocus()
