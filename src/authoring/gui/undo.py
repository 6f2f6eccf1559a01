"""The bridge from Qt's undo stack to the core's edit commands.

A ``QUndoCommand`` here only forwards: the core command does the edit and
tells the document what changed, so views follow undo and redo as well.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from authoring.core.commands import Command, SetField

if TYPE_CHECKING:
    from authoring.gui.document import CourseDocument

_FIELD_EDIT_ID = 1


class UndoAdapter(QUndoCommand):
    def __init__(self, document: CourseDocument, command: Command) -> None:
        super().__init__(command.text)
        self.document = document
        self.command = command

    def redo(self) -> None:
        self.command.apply(self.document.course, self.document)
        self.document.edited.emit()

    def undo(self) -> None:
        self.command.revert(self.document.course, self.document)
        self.document.edited.emit()

    def id(self) -> int:
        return _FIELD_EDIT_ID if isinstance(self.command, SetField) else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, UndoAdapter) or not self.command.merge(other.command):
            return False
        # Typing a field back to where it started leaves nothing to undo.
        self.setObsolete(self.command.is_noop)
        return True
