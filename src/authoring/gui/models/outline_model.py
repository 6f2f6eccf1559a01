"""The course outline as a Qt tree: the course, its items, and each quiz's questions.

Indexes carry the Python ``id()`` of the object they show, so an index stays
right while rows move around it (Qt keeps the internal id of persistent
indexes and only changes their row).  Every change arrives from the document
as a core :class:`~authoring.core.commands.Change`, bracketed by the matching
``begin…``/``end…`` calls.
"""

from __future__ import annotations

import json
import os
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt

from authoring.core.commands import (
    Change,
    FieldChanged,
    Move,
    RowInserted,
    RowMoved,
    RowRemoved,
    Target,
    rename,
)
from authoring.core.model import Course, Lesson, Question, Quiz, Reflection
from authoring.gui.document import CourseDocument
from authoring.gui.icons import icon

MIME_TYPE = "application/x-authoring-outline-row"
AnyIndex = QModelIndex | QPersistentModelIndex
_KIND_NAMES = {Lesson: "Lesson", Quiz: "Quiz", Reflection: "Reflection", Question: "Question", Course: "Course"}


class OutlineModel(QAbstractItemModel):
    def __init__(self, document: CourseDocument) -> None:
        super().__init__(document)
        self.document = document
        self._where: dict[int, Target] = {}
        self._objects: dict[int, Any] = {}
        self._pending_move = False
        self._token = os.urandom(16).hex()  # names this model's drags: uuid would load for this alone
        self._reindex()
        document.aboutToChange.connect(self._before)
        document.changed.connect(self._after)

    # -- where things are ---------------------------------------------------------------

    def _reindex(self) -> None:
        course = self.document.course
        self._where = {id(course): ()}
        self._objects = {id(course): course}
        for i, item in enumerate(course.items):
            self._where[id(item)] = (i,)
            self._objects[id(item)] = item
            for q, question in enumerate(getattr(item, "questions", [])):
                self._where[id(question)] = (i, q)
                self._objects[id(question)] = question

    def target(self, index: AnyIndex) -> Target | None:
        """The course target an index shows; ``None`` for the invisible root."""
        if not index.isValid():
            return None
        return self._where.get(index.internalId())

    def index_of(self, target: Target) -> QModelIndex:
        if not target:
            return self.createIndex(0, 0, id(self.document.course))
        return self.createIndex(target[-1], 0, id(self.document.resolve(target)))

    def rows_under(self, target: Target | None) -> list[Any]:
        if target is None:
            return [self.document.course]
        if not target:
            return list(self.document.course.items)
        owner = self.document.resolve(target)
        return list(owner.questions) if isinstance(owner, Quiz) else []

    # -- QAbstractItemModel --------------------------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        rows = self.rows_under(self.target(parent) if parent.isValid() else None)
        if row >= len(rows):
            return QModelIndex()
        return self.createIndex(row, 0, id(rows[row]))

    def parent(self, child: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        target = self.target(child)
        if not target:
            return QModelIndex()
        return self.index_of(target[:-1])

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.rows_under(self.target(parent) if parent.isValid() else None))

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        target = self.target(index)
        if target is None:
            return None
        obj = self._objects[index.internalId()]
        kind = _KIND_NAMES[type(obj)]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            text = obj.stem if isinstance(obj, Question) else obj.title
            if role == Qt.ItemDataRole.DisplayRole and not text:
                return f"(untitled {kind.lower()})"
            return text
        if role == Qt.ItemDataRole.DecorationRole:
            return icon(kind.lower())
        if role == Qt.ItemDataRole.ToolTipRole:
            # The full title too: a narrow outline cuts long question stems short.
            if isinstance(obj, Question):
                what = "Question: multiple response" if obj.multiple_response else "Question: single response"
                return f"{what}\n{obj.stem}" if obj.stem else what
            if isinstance(obj, Course):
                return f"Course settings\n{obj.title}" if obj.title else "Course settings"
            return f"{kind}\n{obj.title}" if obj.title else kind
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        target = self.target(index)
        if target is None or role != Qt.ItemDataRole.EditRole or not str(value).strip():
            return False
        self.document.push(rename(self.document.course, target, str(value)))
        return True

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        target = self.target(index)
        if target is None:
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
        if target:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        if not target or isinstance(self.document.resolve(target), Quiz):
            flags |= Qt.ItemFlag.ItemIsDropEnabled
        return flags

    # -- drag and drop: the drop becomes one undoable Move ---------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        mime = QMimeData()
        targets = [list(t) for t in (self.target(index) for index in indexes) if t]
        # The document's token goes along: a row dragged from another window (another course) names a
        # place in that course, and dropped here it would move whatever sits at the same place in this one.
        payload = {"document": self._token, "rows": targets[:1]}
        mime.setData(MIME_TYPE, QByteArray(json.dumps(payload).encode()))
        return mime

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: AnyIndex) -> bool:
        return self._drop_move(data, row, parent) is not None

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: AnyIndex) -> bool:
        move = self._drop_move(data, row, parent)
        if move is not None and not move.is_noop:
            self.document.push(move)
        # False, so the view does not also delete the source row: the Move did it all.
        return False

    def _dragged_row(self, data: QMimeData) -> Target | None:
        """The row a drag carries, if it is a row of this very course that is still there."""
        if not data.hasFormat(MIME_TYPE):
            return None
        try:
            payload = json.loads(bytes(data.data(MIME_TYPE).data()).decode())
        except (ValueError, UnicodeDecodeError):
            return None
        if not isinstance(payload, dict) or payload.get("document") != self._token:
            return None
        rows = payload.get("rows")
        if not isinstance(rows, list) or not rows or not isinstance(rows[0], list):
            return None
        source = rows[0]
        if not 1 <= len(source) <= 2 or not all(type(n) is int and n >= 0 for n in source):
            return None
        try:
            self.document.resolve(tuple(source))
        except IndexError:
            return None
        return tuple(source)

    def _drop_move(self, data: QMimeData, row: int, parent: AnyIndex) -> Move | None:
        source = self._dragged_row(data)
        if source is None:
            return None
        destination = self.target(parent)
        if destination is None and len(source) == 1:
            destination, row = (), -1  # on the empty space below the outline: to the end
        if destination is None or len(destination) != len(source) - 1:
            # Dropping a question on a quiz's question row, or an item on an item row: go beside it.
            if destination and len(destination) == len(source) and row == -1:
                row, destination = destination[-1], destination[:-1]
            else:
                return None
        siblings = self.rows_under(destination)
        if len(destination) == 1 and not isinstance(self.document.resolve(destination), Quiz):
            return None
        if row < 0:
            row = len(siblings)
        if destination == source[:-1] and row > source[-1]:
            row -= 1  # the row itself leaves the list first
        try:
            return Move(self.document.course, source, destination, min(row, len(siblings)))
        except (ValueError, IndexError):
            return None

    # -- following the document --------------------------------------------------------------

    def _before(self, change: Change) -> None:
        if isinstance(change, RowInserted) and len(change.parent) <= 1:
            self.beginInsertRows(self.index_of(change.parent), change.row, change.row)
        elif isinstance(change, RowRemoved) and len(change.parent) <= 1:
            self.beginRemoveRows(self.index_of(change.parent), change.row, change.row)
        elif isinstance(change, RowMoved) and len(change.src_parent) <= 1:
            destination = change.dst_row
            if change.src_parent == change.dst_parent and change.dst_row > change.src_row:
                destination += 1  # Qt counts the place before the row leaves
            self._pending_move = self.beginMoveRows(
                self.index_of(change.src_parent), change.src_row, change.src_row,
                self.index_of(change.dst_parent), destination)

    def _after(self, change: Change) -> None:
        if not isinstance(change, FieldChanged):
            self._reindex()  # rows moved; typing (a field change) moves nothing, so it stays cheap
        if isinstance(change, RowInserted) and len(change.parent) <= 1:
            self.endInsertRows()
        elif isinstance(change, RowRemoved) and len(change.parent) <= 1:
            self.endRemoveRows()
        elif isinstance(change, RowMoved) and len(change.src_parent) <= 1:
            if self._pending_move:
                self.endMoveRows()
            else:
                self.layoutChanged.emit()
        elif isinstance(change, FieldChanged):
            self._field_changed(change)

    def _field_changed(self, change: FieldChanged) -> None:
        target = change.target
        if len(target) <= 2 and change.field in ("title", "stem"):
            index = self.index_of(target)
            self.dataChanged.emit(index, index)
        elif len(target) == 3 and change.field == "correct":
            index = self.index_of(target[:2])  # single or multiple response, in the tooltip
            self.dataChanged.emit(index, index)
