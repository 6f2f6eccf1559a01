"""Autosave: a few seconds after an edit, the open course goes to its recovery file.

Never to the author's file: that changes only on Save.  Reaching the saved
state again (a save, or undo back to it) removes the recovery file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from authoring.gui.document import CourseDocument
from authoring.gui.recovery import RecoveryWriter

AUTOSAVE_MS = 3000


class Autosave(QObject):
    failed = Signal(str)

    def __init__(self, recovery_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.recovery_dir = recovery_dir
        self.document: CourseDocument | None = None
        self.writer: RecoveryWriter | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(self.save_now)

    def attach(self, document: CourseDocument) -> None:
        self.detach()
        self.document = document
        self.writer = RecoveryWriter(self.recovery_dir, document.path)
        document.edited.connect(self._edited)
        document.modifiedChanged.connect(self._modified_changed)
        document.saved.connect(self._saved)

    def detach(self) -> None:
        """The document is closed (saved or discarded): its recovery file goes."""
        self.timer.stop()
        if self.writer is not None:
            self.writer.discard()
        self.writer = None
        self.document = None

    def _edited(self) -> None:
        # Not restarted by each key: while the author types, it still saves every few seconds.
        if not self.timer.isActive():
            self.timer.start()

    def save_now(self) -> None:
        if self.document is None or self.writer is None:
            return
        if not self.document.is_modified:
            self.writer.discard()
            return
        try:
            self.writer.write(self.document.course)
        except OSError as exc:
            self.failed.emit(f"Autosave failed: {exc.strerror or exc}")

    def _modified_changed(self, modified: bool) -> None:
        if not modified and self.writer is not None:
            self.writer.discard()

    def _saved(self) -> None:
        document = self.document
        if document is not None and document.path is not None and self.writer is not None \
                and self.writer.original != document.path.resolve():
            self.writer.retarget(document.path)  # after Save As the recovery belongs to the new file
