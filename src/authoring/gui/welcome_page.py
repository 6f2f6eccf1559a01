"""The first screen: start a course, open one, or pick up a recent one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
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
            item = QListWidgetItem(icon("course"), f"{path.parent.name}/{path.name}\n{shown_folder(path.parent)}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path) if path.exists() else f"{path} (no longer there)")
            self.recent.addItem(item)
        if not paths:
            self.recent.addItem(QListWidgetItem("Courses you open appear here."))
            self.recent.item(0).setFlags(Qt.ItemFlag.NoItemFlags)
        self.sample_button.setEnabled(sample_available)


def shown_folder(folder: Path) -> str:
    """``~/Courses/onboarding`` for a folder in the home folder: the part of the path that tells courses apart."""
    try:
        inside = folder.relative_to(Path.home())
    except ValueError:
        return str(folder)
    return str(Path("~") / inside)
