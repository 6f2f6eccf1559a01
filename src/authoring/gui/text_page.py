"""A course file that cannot be read without losing text, opened as plain text.

Nothing is dropped: the author fixes the problems here (the problems panel
shows them with their lines), saves the text, or reads it as a course once
it reads losslessly.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from authoring.core.atomic_write import atomic_write
from authoring.core.course_file import file_digest
from authoring.core.course_format import parse_course
from authoring.core.problems import Problem
from authoring.gui.editors.field_binding import exact_text
from authoring.gui.editors.markdown_editor import MarkdownEditor
from authoring.gui.problems_panel import CHECK_DELAY_MS, ProblemsPanel


class TextPage(QWidget):
    readAsCourseRequested = Signal()
    problemsChanged = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.digest = ""
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setObjectName("textModeBanner")
        self.editor = MarkdownEditor()
        self.editor.setAccessibleName("Course file text")
        self.read_button = QPushButton("&Read as course")
        self.read_button.setToolTip("Read the text as a course again; works once nothing in it would be lost")
        self.read_button.clicked.connect(self.readAsCourseRequested.emit)
        bar = QHBoxLayout()
        bar.addWidget(self.banner, 1)
        bar.addWidget(self.read_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.editor, 1)

    def open_text(self, path: Path | None, text: str, digest: str) -> None:
        self.path = path
        self.digest = digest
        self.editor.setPlainText(text)
        self.editor.document().setModified(False)
        self.banner.setText(
            f"<b>{path.name if path else 'This file'} is open as text</b>, because reading it as a course would "
            "lose some of it. Fix the problems listed below (double-click one to go to its line), then "
            "choose <i>Read as course</i>.")
        self.problemsChanged.emit(self.problems())

    def text(self) -> str:
        return exact_text(self.editor)

    def problems(self) -> list[Problem]:
        return parse_course(self.text()).problems

    def is_modified(self) -> bool:
        return self.editor.document().isModified()

    def disk_changed(self) -> bool:
        if self.path is None or not self.digest:
            return False
        try:
            return file_digest(self.path.read_bytes()) != self.digest
        except OSError:
            return True

    def save(self, path: Path | None = None) -> None:
        target = path or self.path
        assert target is not None
        data = self.text().encode("utf-8")
        atomic_write(target, data)  # through a link, to the file it names
        self.path = target
        self.digest = file_digest(data)
        self.editor.document().setModified(False)


class TextMode(QSplitter):
    """The text page above the problems of the text, re-read as the author types."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.page = TextPage()
        self.problems = ProblemsPanel()
        self.problems.activated.connect(lambda problem: self.page.editor.go_to_line(problem.line))
        self.page.problemsChanged.connect(self.problems.show_problems)
        self._check = QTimer(self)
        self._check.setSingleShot(True)
        self._check.setInterval(CHECK_DELAY_MS)
        self._check.timeout.connect(lambda: self.problems.show_problems(self.page.problems()))
        self.page.editor.textChanged.connect(self._check.start)
        self.addWidget(self.page)
        self.addWidget(self.problems)
        self.setSizes([600, 180])
