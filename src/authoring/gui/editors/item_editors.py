"""The smaller item editors: a quiz (title and introduction) and a reflection (title and prompt)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from authoring.core.model import Quiz
from authoring.gui.document import CourseDocument
from authoring.gui.editors.base_editor import ObjectEditor
from authoring.gui.editors.markdown_editor import MarkdownEditor


class QuizEditor(ObjectEditor):
    def __init__(self, document: CourseDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.title = QLineEdit()
        self.title.setAccessibleName("Quiz title")
        self.intro = MarkdownEditor()
        self.intro.setAccessibleName("Quiz introduction")
        self.intro.setPlaceholderText("Optional: a few words shown before the questions")
        self.summary = QLabel()
        self.add_question_button = QPushButton("Add &question")
        self.add_question_button.setToolTip("Add a question at the end of this quiz (Ctrl+Shift+U)")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Quiz</b>"))
        layout.addWidget(self.title)
        layout.addWidget(QLabel("Introduction:"))
        layout.addWidget(self.intro, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.add_question_button)
        self.bind(self.title, "title")
        self.bind(self.intro, "intro")
        document.edited.connect(self._update_summary)

    def set_object(self, obj: object) -> None:
        super().set_object(obj)
        self._update_summary()

    def _update_summary(self) -> None:
        if isinstance(self.obj, Quiz):
            count = len(self.obj.questions)
            self.summary.setText(f"{count} question{'s' if count != 1 else ''}; select one in the outline "
                                 "to edit it.")


class ReflectionEditor(ObjectEditor):
    def __init__(self, document: CourseDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.title = QLineEdit()
        self.title.setAccessibleName("Reflection title")
        self.prompt = MarkdownEditor()
        self.prompt.setAccessibleName("Reflection prompt")
        self.prompt.setPlaceholderText("The question learners answer in their own words (not scored)")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Reflection</b>"))
        layout.addWidget(self.title)
        layout.addWidget(QLabel("Prompt:"))
        layout.addWidget(self.prompt, 1)
        self.bind(self.title, "title")
        binding = self.bind(self.prompt, "prompt")
        self.prompt.aboutToFormat.connect(binding.new_session)
