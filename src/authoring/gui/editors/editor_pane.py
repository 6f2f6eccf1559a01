"""The centre of the window: the editor that fits what the outline has selected.

Each kind of editor is made the first time something of its kind is
selected: a course opens on its settings, so the lesson and question editors
(and their imports) cost nothing until the author goes there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QStackedWidget, QWidget

from authoring.core.commands import Target
from authoring.core.model import Course, Lesson, Question, Quiz, Reflection
from authoring.gui.document import CourseDocument
from authoring.gui.editors.base_editor import ObjectEditor

if TYPE_CHECKING:
    from authoring.gui.editors.course_settings_editor import CourseSettingsEditor
    from authoring.gui.editors.item_editors import QuizEditor, ReflectionEditor
    from authoring.gui.editors.lesson_editor import LessonEditor
    from authoring.gui.editors.question_editor import QuestionEditor


def _course_editor(document: CourseDocument) -> ObjectEditor:
    from authoring.gui.editors.course_settings_editor import CourseSettingsEditor

    return CourseSettingsEditor(document)


def _lesson_editor(document: CourseDocument) -> ObjectEditor:
    from authoring.gui.editors.lesson_editor import LessonEditor

    return LessonEditor(document)


def _quiz_editor(document: CourseDocument) -> ObjectEditor:
    from authoring.gui.editors.item_editors import QuizEditor

    return QuizEditor(document)


def _question_editor(document: CourseDocument) -> ObjectEditor:
    from authoring.gui.editors.question_editor import QuestionEditor

    return QuestionEditor(document)


def _reflection_editor(document: CourseDocument) -> ObjectEditor:
    from authoring.gui.editors.item_editors import ReflectionEditor

    return ReflectionEditor(document)


MAKERS: dict[type, Callable[[CourseDocument], ObjectEditor]] = {
    Course: _course_editor, Lesson: _lesson_editor, Quiz: _quiz_editor, Question: _question_editor,
    Reflection: _reflection_editor,
}


class EditorPane(QStackedWidget):
    def __init__(self, document: CourseDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.empty = QLabel("Select something in the outline to edit it.")
        self.editors: dict[type, ObjectEditor] = {}
        self.addWidget(self.empty)
        self.scrolls: dict[ObjectEditor, QScrollArea] = {}
        self.target: Target | None = None

    def editor_for(self, kind: type) -> ObjectEditor:
        """The editor of ``kind`` (Course, Lesson, …), made on first use."""
        editor = self.editors.get(kind)
        if editor is None:
            editor = self.editors[kind] = MAKERS[kind](self.document)
            # Scrolls rather than forcing the window taller than a small laptop screen.
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            # Not a Tab stop of its own: an unnamed stop that shows no focus; it still scrolls to the field in focus.
            scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            scroll.setWidget(editor)
            self.scrolls[editor] = scroll
            self.addWidget(scroll)
        return editor

    @property
    def course_editor(self) -> CourseSettingsEditor:
        return self.editor_for(Course)  # type: ignore[return-value]

    @property
    def lesson_editor(self) -> LessonEditor:
        return self.editor_for(Lesson)  # type: ignore[return-value]

    @property
    def quiz_editor(self) -> QuizEditor:
        return self.editor_for(Quiz)  # type: ignore[return-value]

    @property
    def question_editor(self) -> QuestionEditor:
        return self.editor_for(Question)  # type: ignore[return-value]

    @property
    def reflection_editor(self) -> ReflectionEditor:
        return self.editor_for(Reflection)  # type: ignore[return-value]

    def show_target(self, target: Target | None) -> ObjectEditor | None:
        self.target = target
        if target is None:
            self.setCurrentWidget(self.empty)
            return None
        obj = self.document.resolve(target)
        editor = self.editor_for(type(obj))
        if editor.obj is not obj:
            editor.set_object(obj)
        self.setCurrentWidget(self.scrolls[editor])
        return editor

    def current_editor(self) -> ObjectEditor | None:
        widget = self.currentWidget()
        inner = widget.widget() if isinstance(widget, QScrollArea) else None
        return inner if isinstance(inner, ObjectEditor) else None
