"""A bar across the top of the window that tells the author something without stopping the work.

As VS Code's and Word's: the file changed elsewhere, it is read-only,
autosave cannot write.  It stays while what it says holds, and offers the
actions that answer it; a dialog would interrupt typing, and a status-bar
message is gone before it is read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from authoring.gui.icons import icon

# Tints over the window colour, so the bar reads in light and dark themes alike.
_STYLE = """
MessageBar { border-radius: 4px; }
MessageBar[kind="info"] { background: rgba(0, 120, 215, 0.14); border: 1px solid rgba(0, 120, 215, 0.5); }
MessageBar[kind="warning"] { background: rgba(255, 185, 0, 0.22); border: 1px solid rgba(200, 140, 0, 0.7); }
MessageBar[kind="error"] { background: rgba(220, 40, 40, 0.16); border: 1px solid rgba(200, 30, 30, 0.6); }
"""

Action = tuple[str, Callable[[], object]]


class MessageBar(QFrame):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setStyleSheet(_STYLE)
        self.setProperty("kind", "info")
        self.icon = QLabel()
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # paths may hold '<' or '&'
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons: list[QPushButton] = []
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(8, 4, 8, 4)
        self._row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        self._row.addWidget(self.label, 1)
        self.hide()

    def show_message(self, text: str, actions: Sequence[Action] = (), *, kind: str = "warning") -> None:
        """Show ``text`` with a button for each ``(label, slot)``; a new message replaces the last one."""
        for button in self.buttons:
            self._row.removeWidget(button)
            button.deleteLater()  # maybe the button being clicked: not deleted while its signal runs
        self.buttons = []
        for label, slot in actions:
            button = QPushButton(label)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click on it leaves the focus in the text
            button.clicked.connect(lambda _checked=False, run=slot: run())
            self._row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            self.buttons.append(button)
        self.setProperty("kind", kind)
        self.style().unpolish(self)
        self.style().polish(self)
        self.icon.setPixmap(icon({"info": "course", "error": "error"}.get(kind, "warning")).pixmap(QSize(18, 18)))
        self.label.setText(text)
        self.setAccessibleName(text)
        self.show()

    def text(self) -> str:
        """What the bar says; empty while it is hidden."""
        return "" if self.isHidden() else self.label.text()

    def button(self, label: str) -> QPushButton:
        """The button labelled ``label`` (for tests and keyboard users' shortcuts)."""
        return next(button for button in self.buttons if button.text() == label)
