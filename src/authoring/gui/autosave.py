"""Autosave: shortly after an edit, the open course goes to its recovery file.

Never to the author's file: that changes only on Save.  Reaching the saved
state again (a save, or undo back to it) removes the recovery file.  It
waits for a pause in typing (writing a big course takes a moment), but
never longer than :data:`MAX_WAIT_S` after the first unsaved edit.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from authoring.core.course_format import write_course
from authoring.gui.document import CourseDocument
from authoring.gui.recovery import RecoveryWriter

if TYPE_CHECKING:
    from authoring.gui.text_page import TextPage

AUTOSAVE_MS = 3000
MAX_WAIT_S = 20.0


class Autosave(QObject):
    failed = Signal(str)
    """The edits could not be kept: why, in the author's words."""
    working = Signal()
    """The edits are kept again after a failure."""

    def __init__(self, recovery_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.recovery_dir = recovery_dir
        self.writer: RecoveryWriter | None = None
        self._text: Callable[[], tuple[str, str, str]] | None = None
        """Gives the text to keep, its title, and the digest of the file the edits are made on."""
        self._modified: Callable[[], bool] = lambda: False
        self._first_unsaved: float | None = None
        self._document: CourseDocument | None = None
        self.failing = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(self.save_now)

    def attach(self, document: CourseDocument) -> None:
        self.detach()
        self._document = document
        self.writer = RecoveryWriter(self.recovery_dir, document.path)
        self._text = lambda: (write_course(document.course), document.course.title, document.digest)
        self._modified = lambda: document.is_modified
        document.edited.connect(self.edited)
        document.modifiedChanged.connect(self._modified_changed)
        document.saved.connect(self._saved)

    def attach_text(self, page: TextPage) -> None:
        """A file open as text is kept as typed, so a crash loses none of it either."""
        self.detach()
        self.writer = RecoveryWriter(self.recovery_dir, page.path)
        self._text = lambda: (page.text(), page.path.name if page.path else "Untitled", page.digest)
        self._modified = page.is_modified

    def detach(self) -> None:
        """The course is closed (saved or discarded): its recovery file goes."""
        self.timer.stop()
        if self._document is not None:
            for signal, slot in ((self._document.edited, self.edited),
                                 (self._document.modifiedChanged, self._modified_changed),
                                 (self._document.saved, self._saved)):
                signal.disconnect(slot)
        if self.writer is not None:
            self.writer.discard()
        self.writer = None
        self._text = None
        self._document = None
        self._first_unsaved = None
        self.failing = False

    def edited(self) -> None:
        now = time.monotonic()
        if self._first_unsaved is None:
            self._first_unsaved = now
        if now - self._first_unsaved >= MAX_WAIT_S:
            self.save_now()
        else:
            self.timer.start()  # restarted by each edit: it writes in a pause

    def save_now(self) -> bool:
        """Write the recovery file now; False when there are unsaved edits it could not keep."""
        self.timer.stop()
        self._first_unsaved = None
        if self.writer is None or self._text is None:
            return False
        if not self._modified():
            self.writer.discard()
            return True
        try:
            self.writer.write_text(*self._text())
        except OSError as exc:
            self.failing = True
            self.failed.emit(
                f"Crash protection is off: autosave cannot write your edits to {self.recovery_dir} "
                f"({exc.strerror or exc}). Until it can, they are only in this window: save them with Save.")
            return False
        if self.failing:
            self.failing = False
            self.working.emit()
        return True

    def _modified_changed(self, modified: bool) -> None:
        if not modified and self.writer is not None:
            self.writer.discard()

    def _saved(self) -> None:
        document = self._document
        if document is not None and document.path is not None and self.writer is not None \
                and self.writer.original != document.path.resolve():
            self.writer.retarget(document.path)  # after Save As the recovery belongs to the new file
