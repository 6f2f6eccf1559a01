"""What every editor in the editor pane shares: a document, bound fields, focus by field name."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from authoring.gui.document import CourseDocument
from authoring.gui.editors.field_binding import FieldBinding


class ObjectEditor(QWidget):
    """Edits one course object (the course, an item or a question) through :class:`FieldBinding` s."""

    def __init__(self, document: CourseDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.obj: object | None = None
        self.bindings: dict[str, FieldBinding] = {}

    def bind(self, widget: QWidget, field: str, to_model: Callable[[Any], Any] | None = None,
             to_widget: Callable[[Any], Any] | None = None) -> FieldBinding:
        binding = FieldBinding(self.document, widget, field, to_model, to_widget)
        self.bindings[field] = binding
        return binding

    def set_object(self, obj: object) -> None:
        self.obj = obj
        for binding in self.bindings.values():
            binding.set_object(obj)

    def focus_field(self, field: str | None, choice: int | None = None) -> None:
        """Put the keyboard focus in ``field`` (a model field name), as problem navigation does."""
        binding = self.bindings.get(field or "") or next(iter(self.bindings.values()), None)
        if binding is not None:
            binding.widget.setFocus()
