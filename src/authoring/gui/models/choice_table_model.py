"""The choices of one question as a table: correct?, choice text, feedback."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from authoring.core.commands import Change, FieldChanged, RowInserted, RowMoved, RowRemoved, SetField, Target
from authoring.core.model import Question
from authoring.gui.document import CourseDocument

AnyIndex = QModelIndex | QPersistentModelIndex
CORRECT, TEXT, FEEDBACK = range(3)
_FIELDS = {CORRECT: "correct", TEXT: "text", FEEDBACK: "feedback"}
_HEADERS = {CORRECT: "Correct", TEXT: "Choice", FEEDBACK: "Feedback"}


class ChoiceTableModel(QAbstractTableModel):
    def __init__(self, document: CourseDocument) -> None:
        super().__init__(document)
        self.document = document
        self.question: Question | None = None
        self._pending_move = False
        document.aboutToChange.connect(self._before)
        document.changed.connect(self._after)

    def set_question(self, question: Question | None) -> None:
        self.beginResetModel()
        self.question = question
        self.endResetModel()

    def question_target(self) -> Target | None:
        return self.document.target_of(self.question) if self.question is not None else None

    # -- QAbstractTableModel ---------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.question is None else len(self.question.choices)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return _HEADERS.get(section)
        return chr(ord("A") + section) if section < 26 else str(section + 1)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.question is None or index.row() >= len(self.question.choices):
            return None
        choice = self.question.choices[index.row()]
        column = index.column()
        if column == CORRECT:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if choice.correct else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.ToolTipRole:
                return "Tick every correct choice: two or more make it a multiple-response question"
            if role == Qt.ItemDataRole.AccessibleTextRole:  # the box has no text of its own to read out
                return f"Choice {self.headerData(index.row(), Qt.Orientation.Vertical)} correct"
            return None
        value = choice.text if column == TEXT else choice.feedback
        if role == Qt.ItemDataRole.DisplayRole:
            if column == FEEDBACK and "\n" in value:
                return value.split("\n", 1)[0] + " …"
            return value
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.ToolTipRole and column == FEEDBACK:
            return value or "Feedback the learner sees after picking this choice"
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == CORRECT:
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() == FEEDBACK and self.question and "\n" in self.question.choices[index.row()].feedback:
            return flags  # several lines: edited in the feedback box below, where nothing is flattened
        return flags | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        target = self.question_target()
        if target is None or not index.isValid():
            return False
        column = index.column()
        if column == CORRECT and role == Qt.ItemDataRole.CheckStateRole:
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif column == CORRECT or role != Qt.ItemDataRole.EditRole:
            return False
        self.document.push(SetField(self.document.course, (*target, index.row()), _FIELDS[column], value))
        return True

    # -- following the document -----------------------------------------------------------------

    def _mine(self, parent: Target) -> bool:
        return self.question is not None and len(parent) == 2 and self.document.resolve(parent) is self.question

    def _before(self, change: Change) -> None:
        if isinstance(change, RowInserted) and self._mine(change.parent):
            self.beginInsertRows(QModelIndex(), change.row, change.row)
        elif isinstance(change, RowRemoved) and self._mine(change.parent):
            self.beginRemoveRows(QModelIndex(), change.row, change.row)
        elif isinstance(change, RowMoved) and self._mine(change.src_parent):
            destination = change.dst_row + (1 if change.dst_row > change.src_row else 0)
            self._pending_move = self.beginMoveRows(QModelIndex(), change.src_row, change.src_row,
                                                    QModelIndex(), destination)

    def _after(self, change: Change) -> None:
        if isinstance(change, RowInserted) and self._mine(change.parent):
            self.endInsertRows()
        elif isinstance(change, RowRemoved) and self._mine(change.parent):
            self.endRemoveRows()
        elif isinstance(change, RowMoved) and self._mine(change.dst_parent) and len(change.src_parent) == 2:
            if self._pending_move:
                self.endMoveRows()
        elif isinstance(change, FieldChanged) and len(change.target) == 3 and self._mine(change.target[:2]):
            row = change.target[2]
            column = {v: k for k, v in _FIELDS.items()}.get(change.field)
            if column is not None:
                self.dataChanged.emit(self.index(row, column), self.index(row, column))
