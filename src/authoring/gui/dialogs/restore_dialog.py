"""After a crash: show what autosave kept, and let the author restore or discard it."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from authoring.gui.recovery import Recovery


class RestoreDialog(QDialog):
    RESTORE, DISCARD, LATER = 1, 2, 0

    def __init__(self, recovery: Recovery, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore unsaved work?")
        where = str(recovery.original) if recovery.original else "a course that was never saved"
        when = recovery.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
        intro = QLabel(f"<p>The editor closed without saving <b>{recovery.title or 'Untitled'}</b> "
                       f"({where}). Autosave kept your edits of {when}.</p>"
                       "<p>These are the changes restoring brings back (lines with + are the recovered text). "
                       "Your file stays untouched until you save.</p>"
                       + ("<p><b>The file has changed since</b> (another program or a git checkout changed, "
                          "moved or deleted it): lines with - may be those changes. Saving asks before "
                          "overwriting them.</p>" if recovery.file_changed_since() else ""))
        intro.setWordWrap(True)
        self.changes = QPlainTextEdit(recovery.changes())
        self.changes.setReadOnly(True)
        self.changes.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.changes.setAccessibleName("Changes that restoring brings back")
        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton("&Restore", QDialogButtonBox.ButtonRole.AcceptRole)
        self.discard_button = buttons.addButton("&Discard", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.later_button = buttons.addButton("Decide &later", QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.clicked.connect(lambda: self.done(self.RESTORE))
        self.discard_button.clicked.connect(lambda: self.done(self.DISCARD))
        self.later_button.clicked.connect(lambda: self.done(self.LATER))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.changes, 1)
        layout.addWidget(buttons)
        self.resize(720, 460)
