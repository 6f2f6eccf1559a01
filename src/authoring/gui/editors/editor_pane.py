"""The centre of the window: the editor that fits what the outline has selected."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QStackedWidget, QWidget

from authoring.core.commands import Target
from authoring.core.model import Course, Lesson, Question, Quiz, Reflection
from authoring.gui.document import CourseDocument
from authoring.gui.editors.base_editor import ObjectEditor
from authoring.gui.editors.course_settings_editor import CourseSettingsEditor
from authoring.gui.editors.item_editors import QuizEditor, ReflectionEditor
from authoring.gui.editors.lesson_editor import LessonEditor
from authoring.gui.editors.question_editor import QuestionEditor


class EditorPane(QStackedWidget):
    def __init__(self, document: CourseDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.empty = QLabel("Select something in the outline to edit it.")
        self.course_editor = CourseSettingsEditor(document)
        self.lesson_editor = LessonEditor(document)
        self.quiz_editor = QuizEditor(document)
        self.question_editor = QuestionEditor(document)
        self.reflection_editor = ReflectionEditor(document)
        self.editors: dict[type, ObjectEditor] = {
            Course: self.course_editor, Lesson: self.lesson_editor, Quiz: self.quiz_editor,
            Question: self.question_editor, Reflection: self.reflection_editor,
        }
        self.addWidget(self.empty)
        self.scrolls: dict[ObjectEditor, QScrollArea] = {}
        for editor in self.editors.values():
            # Scrolls rather than forcing the window taller than a small laptop screen.
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            scroll.setWidget(editor)
            self.scrolls[editor] = scroll
            self.addWidget(scroll)
        self.target: Target | None = None

    def show_target(self, target: Target | None) -> ObjectEditor | None:
        self.target = target
        if target is None:
            self.setCurrentWidget(self.empty)
            return None
        obj = self.document.resolve(target)
        editor = self.editors[type(obj)]
        if editor.obj is not obj:
            editor.set_object(obj)
        self.setCurrentWidget(self.scrolls[editor])
        return editor

    def current_editor(self) -> ObjectEditor | None:
        widget = self.currentWidget()
        inner = widget.widget() if isinstance(widget, QScrollArea) else None
        return inner if isinstance(inner, ObjectEditor) else None
