"""The problems panel: the checker's findings, live as the author types.

The check runs on the model (reading the text again would take seconds for a
big course), debounced so typing stays smooth.  Line numbers come from the
file as it was read, so they are shown only while they still match it.

With nothing to list, the panel is one line ("No problems: ready to
export."): the table, and the room it had in its splitter, come back with
the first problem.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QSplitter, QTableView, QVBoxLayout, QWidget

from authoring.core.problems import Problem, Severity, error, warning
from authoring.core.validation import check_course
from authoring.gui.document import CourseDocument
from authoring.gui.models.problem_model import ProblemModel

CHECK_DELAY_MS = 400
ROOM = 110
"""Height the panel takes in its splitter when it lists problems, until the author drags it."""


def live_problems(document: CourseDocument) -> list[Problem]:
    course = document.course
    problems = list(document.file_problems)
    if not course.title.strip():
        problems.append(error(1, "the course has no title; give it one in the course settings", field="title"))
    problems += [warning(1, f"unknown front-matter key '{key}'; it is kept as written but not used")
                 for key in course.extra]
    problems += check_course(course, document.source_dir)
    return sorted(problems, key=lambda problem: (problem.severity is not Severity.ERROR, problem.line))


class ProblemsPanel(QWidget):
    activated = Signal(object)
    """A problem was double-clicked (or Enter pressed on it): go to it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: CourseDocument | None = None
        self.model = ProblemModel()
        self.summary = QLabel()
        self.summary.setObjectName("problemsSummary")
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Problems")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # arrows move between problems; Tab leaves, not cell by cell
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, 240)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(self._activate)
        self.table.activated.connect(self._activate)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        self._room = ROOM
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check_now)

    def set_document(self, document: CourseDocument | None) -> None:
        if self.document is not None:
            self.document.edited.disconnect(self._timer.start)
            self.document.saved.disconnect(self._timer.start)
        self.document = document
        if document is not None:
            document.edited.connect(self._timer.start)
            document.saved.connect(self._timer.start)
        self.check_now()

    def show_problems(self, problems: list[Problem]) -> None:
        """Show fixed problems (for a file open as text)."""
        self._timer.stop()
        self.model.set_problems(problems, None)
        self._summarize()

    def check_now(self) -> None:
        self._timer.stop()
        document = self.document
        if document is None:
            self.model.set_problems([], None)
        else:
            self.model.set_problems(live_problems(document), document.course, show_lines=document.lines_match_file)
        self._summarize()

    def _summarize(self) -> None:
        problems = self.model.problems
        errors = sum(1 for problem in problems if problem.severity is Severity.ERROR)
        warnings = len(problems) - errors
        if not problems:
            self.summary.setText("No problems: ready to export.")
        else:
            text = f"{errors} error(s) block export" if errors else "No errors"
            self.summary.setText(f"{text}; {warnings} warning(s). Double-click one to go there.")
        self.fit()

    def fit(self) -> None:
        """One line without problems, the table with them; in a splitter, the room to match.

        Called again by whoever lays the splitter out (a restored layout may have any sizes).
        """
        empty = not self.model.problems
        self.table.setVisible(not empty)
        splitter = self.parentWidget()
        if not isinstance(splitter, QSplitter) or self.isHidden():
            return
        sizes = splitter.sizes()
        index = splitter.indexOf(self)
        line = self.summary.sizeHint().height()
        if empty:
            if sizes[index] > self.minimumSizeHint().height():  # the table's room: kept for the next problem
                self._room = sizes[index]
            wanted = line
        else:  # squeezed to its minimum, as a layout saved while it was one line restores: room again
            wanted = sizes[index] if sizes[index] > self.minimumSizeHint().height() else self._room
        if wanted == sizes[index] or index == 0 or sum(sizes) == 0:
            return
        sizes[index - 1] = max(0, sizes[index - 1] + sizes[index] - wanted)
        sizes[index] = wanted
        splitter.setSizes(sizes)

    def _activate(self, index: QModelIndex) -> None:
        if index.isValid():
            self.activated.emit(self.model.problem(index.row()))
