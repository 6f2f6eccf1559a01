"""The first screen: start a course, open one, or pick up a recent one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from authoring import __version__
from authoring.gui.icons import icon


class WelcomePage(QWidget):
    newRequested = Signal()
    openRequested = Signal()
    sampleRequested = Signal()
    recentRequested = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        logo = QLabel()
        logo.setPixmap(icon("app").pixmap(QSize(72, 72)))
        title = QLabel("<h1>Authoring</h1>"
                       "<p>Write short lessons, quizzes and reflections in plain Markdown; "
                       "export them for any LMS and as PDFs for reviewers.</p>")
        title.setWordWrap(True)
        self.new_button = QPushButton(icon("course"), "&New course")
        self.open_button = QPushButton(icon("lesson"), "&Open course…")
        self.sample_button = QPushButton(icon("quiz"), "Open the &sample course")
        self.sample_button.setToolTip("Opens your own copy of 'What Is Customer Focus?', so the original stays as is")
        for button, signal in ((self.new_button, self.newRequested), (self.open_button, self.openRequested),
                               (self.sample_button, self.sampleRequested)):
            button.setMinimumHeight(40)
            button.setIconSize(QSize(22, 22))
            button.clicked.connect(signal.emit)
        self.recent = QListWidget()
        self.recent.setAccessibleName("Recent courses")
        self.recent.itemActivated.connect(
            lambda item: self.recentRequested.emit(Path(item.data(Qt.ItemDataRole.UserRole))))
        self.recent_label = QLabel("<b>Recent courses</b>")
        version = QLabel(f"Version {__version__}")
        version.setEnabled(False)

        buttons = QVBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.sample_button)
        buttons.addStretch()
        buttons.addWidget(version)
        recent = QVBoxLayout()
        recent.addWidget(self.recent_label)
        recent.addWidget(self.recent)
        columns = QHBoxLayout()
        columns.addLayout(buttons, 1)
        columns.addSpacing(24)
        columns.addLayout(recent, 2)
        header = QHBoxLayout()
        header.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(title, 1)
        box = QWidget()
        box.setMaximumWidth(820)
        inner = QVBoxLayout(box)
        inner.addLayout(header)
        inner.addSpacing(16)
        inner.addLayout(columns, 1)
        outer = QHBoxLayout(self)
        outer.addStretch()
        outer.addWidget(box, 4)
        outer.addStretch()

    def set_recent(self, paths: list[Path], sample_available: bool) -> None:
        self.recent.clear()
        for path in paths:
            name = f"{path.parent.name}/{path.name}"
            gone = missing_part(path)
            if gone is None:
                item = QListWidgetItem(icon("course"), f"{name}\n{shown_folder(path.parent)}")
                item.setToolTip(str(path))
            else:
                # Said in the text, not only by colour or a tooltip: a screen reader and a glance both get it.
                why = "deleted, moved or renamed" if gone in (path, path.parent) \
                    else f"{shown_folder(gone)} is not there: a drive not connected?"
                greyed = QIcon(icon("course").pixmap(QSize(32, 32), QIcon.Mode.Disabled))
                item = QListWidgetItem(greyed, f"{name} — missing ({why})\n{shown_folder(path.parent)}")
                item.setToolTip(f"{path} is missing ({why})")
                item.setForeground(self.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.recent.addItem(item)
        if not paths:
            self.recent.addItem(QListWidgetItem("Courses you open appear here."))
            self.recent.item(0).setFlags(Qt.ItemFlag.NoItemFlags)
        self.sample_button.setEnabled(sample_available)


def missing_part(path: Path) -> Path | None:
    """``None`` while ``path`` is there; else the outermost folder (or the file itself) that is not.

    A course whose own folder is gone was deleted or moved; one whose folder's
    parent is gone too is most likely on a drive that is not plugged in.
    """
    if path.exists():
        return None
    gone = path
    while gone.parent != gone and not gone.parent.exists():
        gone = gone.parent
    return gone


def shown_folder(folder: Path) -> str:
    """``~/Courses/onboarding`` for a folder in the home folder: the part of the path that tells courses apart."""
    try:
        inside = folder.relative_to(Path.home())
    except ValueError:
        return str(folder)
    return str(Path("~") / inside)
