"""The outline on the left, and the structural edits that act on its selection.

Adding, duplicating, deleting and moving all become one core command each,
so they undo like typing does; the view then selects what the edit made.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from authoring.core.commands import (
    Change,
    Insert,
    Remove,
    RowInserted,
    RowMoved,
    Target,
    duplicate,
    move_by,
    new_item,
    new_question,
)
from authoring.core.model import Quiz
from authoring.gui.document import CourseDocument
from authoring.gui.models.outline_model import OutlineModel


class OutlineView(QTreeView):
    targetChanged = Signal(object)
    """The selected target (or ``None``) changed."""

    def __init__(self, document: CourseDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.outline = OutlineModel(document)
        self.setModel(self.outline)
        self.setHeaderHidden(True)
        self.setAccessibleName("Course outline")
        self.setToolTip("Drag to reorder; Alt+Up and Alt+Down move the selected row; F2 renames it")
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.SelectedClicked)
        self._shown: tuple[Target | None, int] = (None, 0)
        self.selectionModel().currentChanged.connect(self._current_changed)
        # After the model has followed the change (it connected first).
        document.changed.connect(self._structure_changed)
        self.outline.rowsInserted.connect(self._rows_inserted)
        self.expandAll()

    def _rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        # Open like every row at start (expandAll): a quiz added, duplicated or brought back by Undo
        # came in folded, the only one so among open ones.
        self.expand(parent)
        for row in range(first, last + 1):
            self.expand(self.outline.index(row, 0, parent))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Delete on a row deletes it (Undo brings it back); only here, never while typing in a field.
        if event.key() == Qt.Key.Key_Delete and event.modifiers() == Qt.KeyboardModifier.NoModifier \
                and self.state() != QAbstractItemView.State.EditingState:
            self.delete_current()
            return
        super().keyPressEvent(event)

    # -- selection --------------------------------------------------------------------

    def current_target(self) -> Target | None:
        return self.outline.target(self.currentIndex())

    def select_target(self, target: Target | None) -> None:
        index = self.outline.index_of(target) if target is not None else QModelIndex()
        if index.isValid() and index.parent().isValid():
            self.expand(index.parent())
        self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scrollTo(index)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._announce(self.outline.target(current))

    def _announce(self, target: Target | None) -> None:
        self._shown = self._identity(target)
        self.targetChanged.emit(target)

    def _identity(self, target: Target | None) -> tuple[Target | None, int]:
        """The place and the object there: a move changes the first, an undone delete the second."""
        return target, id(self.document.resolve(target)) if target is not None else 0

    def _structure_changed(self, change: Change) -> None:
        """Undo and redo select the row they bring back or move, as the edit itself did.

        The current row follows its object through moves without Qt saying so, so the editor pane and
        the preview also hear when the selected object now sits at another place.
        """
        if isinstance(change, RowInserted) and len(change.parent) <= 1:
            self.select_target((*change.parent, change.row))
        elif isinstance(change, RowMoved) and len(change.src_parent) <= 1:
            self.select_target((*change.dst_parent, change.dst_row))
        else:
            return
        target = self.current_target()
        if self._identity(target) != self._shown:
            self._announce(target)

    # -- structural edits ------------------------------------------------------------------

    def add_item(self, kind: str) -> None:
        """A new lesson, quiz or reflection after the selected item (or at the end)."""
        target = self.current_target()
        course = self.document.course
        row = target[0] + 1 if target else len(course.items)
        self.document.push(Insert((), row, new_item(kind)))
        self.select_target((row,))

    def quiz_for_new_question(self) -> tuple[int, int] | None:
        """Where Add question puts a question: after the selected one, or at the end of the selected quiz."""
        target = self.current_target()
        if not target:
            return None
        if len(target) == 2:
            return target[0], target[1] + 1
        item = self.document.course.items[target[0]]
        return (target[0], len(item.questions)) if isinstance(item, Quiz) else None

    def add_question(self) -> bool:
        place = self.quiz_for_new_question()
        if place is None:
            return False
        quiz, row = place
        self.document.push(Insert((quiz,), row, new_question()))
        self.select_target((quiz, row))
        return True

    def duplicate_current(self) -> None:
        target = self.current_target()
        if target:
            self.document.push(duplicate(self.document.course, target))
            self.select_target((*target[:-1], target[-1] + 1))

    def delete_current(self) -> None:
        target = self.current_target()
        if not target:
            return
        self.document.push(Remove(self.document.course, target))
        siblings = len(self.outline.rows_under(target[:-1]))
        if siblings:
            self.select_target((*target[:-1], min(target[-1], siblings - 1)))
        else:
            self.select_target(target[:-1])

    def move_current(self, step: int) -> bool:
        target = self.current_target()
        if not target:
            return False
        move = move_by(self.document.course, target, step)
        if move is None:
            return False
        self.document.push(move)
        self.select_target((*move.dst_parent, move.dst_row))
        return True

    def rename_current(self) -> None:
        if self.currentIndex().isValid():
            self.edit(self.currentIndex())
