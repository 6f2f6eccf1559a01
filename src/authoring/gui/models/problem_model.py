"""The checker's errors and warnings as a table for the problems panel."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from authoring.core.model import Course
from authoring.core.problems import Problem, Severity, place_of
from authoring.gui.icons import icon

AnyIndex = QModelIndex | QPersistentModelIndex
_HEADERS = ("", "Line", "Where", "Problem")


class ProblemModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.problems: list[Problem] = []
        self._places: list[str] = []
        self.show_lines = True

    def set_problems(self, problems: list[Problem], course: Course | None, *, show_lines: bool = True) -> None:
        self.beginResetModel()
        self.problems = list(problems)
        self.show_lines = show_lines
        self._places = [place_of(problem, course) for problem in self.problems]
        self.endResetModel()

    def problem(self, row: int) -> Problem:
        return self.problems[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.problems)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _HEADERS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.problems):
            return None
        problem = self.problems[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return icon(problem.severity.value)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return "Error" if problem.severity is Severity.ERROR else "Warning"
            if column == 1:
                return problem.line if problem.line and self.show_lines else ""
            if column == 2:
                return self._places[index.row()]
            return problem.message
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{problem.message}\nDouble-click to go there."
        return None
