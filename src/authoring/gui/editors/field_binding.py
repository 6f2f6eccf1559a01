"""Keeps one input widget and one field of one course object in step.

What the author types becomes a ``SetField`` command on the document's undo
stack; one spell of typing in a field (from focusing it until leaving it)
shares a session, so it undoes in one step.  Changes that come from
elsewhere (undo, redo, the outline) are written back into the widget.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QCheckBox, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from authoring.core.commands import Change, FieldChanged, SetField
from authoring.gui.document import CourseDocument


class GlobalUndoKeys(QObject):
    """Lets Ctrl+Z / Ctrl+Shift+Z reach the window's undo stack instead of a widget's own little history."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and (event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo))):
            event.ignore()
            return True
        return False


_GLOBAL_UNDO_KEYS = GlobalUndoKeys()


def route_undo_keys(widget: QWidget) -> None:
    widget.installEventFilter(_GLOBAL_UNDO_KEYS)
    if isinstance(widget, QPlainTextEdit):
        widget.setUndoRedoEnabled(False)
    if isinstance(widget, QAbstractSpinBox):
        line_edit = widget.findChild(QLineEdit)
        if line_edit is not None:
            line_edit.installEventFilter(_GLOBAL_UNDO_KEYS)


class FieldBinding(QObject):
    def __init__(self, document: CourseDocument, widget: QWidget, field: str,
                 to_model: Callable[[Any], Any] | None = None,
                 to_widget: Callable[[Any], Any] | None = None) -> None:
        super().__init__(widget)
        self.document = document
        self.widget = widget
        self.field = field
        self.obj: object | None = None
        self._to_model = to_model or (lambda value: value)
        self._to_widget = to_widget or (lambda value: value)
        self._session = object()
        self._pushing = False
        self._refreshing = False
        route_undo_keys(widget)
        widget.installEventFilter(self)
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(self._edited)
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(lambda: self._edited(exact_text(widget)))
        elif isinstance(widget, QSpinBox):
            widget.valueChanged.connect(self._edited)
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(self._edited)
        else:
            raise TypeError(f"cannot bind a {type(widget).__name__}")
        document.changed.connect(self._changed)

    def set_object(self, obj: object | None) -> None:
        self.obj = obj
        self.new_session()
        self.refresh()

    def new_session(self) -> None:
        """The next edit starts a new undo step."""
        self._session = object()

    def refresh(self) -> None:
        self._refreshing = True
        try:
            value = self._to_widget(getattr(self.obj, self.field)) if self.obj is not None else None
            widget = self.widget
            if isinstance(widget, QLineEdit):
                if widget.text() != (value or ""):
                    widget.setText(value or "")
                    if not widget.hasFocus():
                        widget.setCursorPosition(0)  # a long stem shows its beginning, not its end
            elif isinstance(widget, QPlainTextEdit):
                if exact_text(widget) != (value or ""):
                    position = widget.textCursor().position()
                    widget.setPlainText(value or "")
                    cursor = widget.textCursor()
                    cursor.setPosition(min(position, len(value or "")))
                    widget.setTextCursor(cursor)
            elif isinstance(widget, QSpinBox):
                widget.setValue(int(value or 0))
            elif isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
        finally:
            self._refreshing = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            self.new_session()
        return False

    def _edited(self, value: Any) -> None:
        if self._refreshing or self.obj is None:
            return
        target = self.document.target_of(self.obj)
        if target is None:
            return
        session = None if isinstance(self.widget, QCheckBox) else self._session
        command = SetField(self.document.course, target, self.field, self._to_model(value), session)
        self._pushing = True
        try:
            self.document.push(command)
        finally:
            self._pushing = False

    def _changed(self, change: Change) -> None:
        if (
            self._pushing
            or not isinstance(change, FieldChanged)
            or change.field != self.field
            or self.obj is None
            or self.document.resolve(change.target) is not self.obj
        ):
            return
        self.refresh()


def exact_text(editor: QPlainTextEdit) -> str:
    """The editor's text as typed.  ``toPlainText`` turns no-break spaces into plain ones, which would
    rewrite text the author never touched (French punctuation, numbers with units)."""
    return editor.document().toRawText().replace("\u2029", "\n").replace("\u2028", "\n")
