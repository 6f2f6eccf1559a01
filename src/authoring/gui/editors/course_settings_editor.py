"""Course settings: the front matter of the course file."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from authoring.core.ids import course_id, slug_id
from authoring.core.model import Course
from authoring.core.validation import MAX_ATTEMPTS
from authoring.gui.document import CourseDocument
from authoring.gui.editors.base_editor import ObjectEditor
from authoring.gui.editors.field_binding import route_undo_keys


class CourseSettingsEditor(ObjectEditor):
    def __init__(self, document: CourseDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        heading = QLabel("<h2>Course settings</h2>")
        self.title = QLineEdit()
        self.author = QLineEdit()
        self.language = QLineEdit()
        self.language.setToolTip("A BCP 47 language tag, such as 'en', 'de' or 'pt-BR'. "
                                 "Screen readers use it to pick a voice.")
        self.pass_mark = QSpinBox()
        self.pass_mark.setRange(0, 100)
        self.pass_mark.setSuffix(" %")
        self.pass_mark.setToolTip("The share of quiz questions a learner must answer correctly to pass.")
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setMaximumHeight(90)
        self.version = QLineEdit()
        self.id = QLineEdit()
        self.id.setToolTip("The ID an LMS tracks the course by. Leave it empty to derive it from the title.")
        self.id_warning = QLabel(
            "⚠ Changing the ID of a course that is already in an LMS breaks its tracking: learners' "
            "progress and scores stay with the old ID.")
        self.id_warning.setWordWrap(True)
        self.id_warning.setObjectName("idWarning")
        self.shuffle = QCheckBox("Shuffle the choices of each question")
        self.max_attempts = QSpinBox()
        self.max_attempts.setRange(0, MAX_ATTEMPTS)
        self.max_attempts.setSpecialValueText("No limit")
        self.max_attempts.setToolTip("How many times a learner may take each quiz.")

        form = QFormLayout()
        form.addRow("&Title:", self.title)
        form.addRow("&Author:", self.author)
        form.addRow("&Language:", self.language)
        form.addRow("&Pass mark:", self.pass_mark)
        form.addRow("&Description:", self.description)
        form.addRow("&Version:", self.version)
        form.addRow("Course &ID:", self.id)
        form.addRow("", self.id_warning)
        form.addRow("", self.shuffle)
        form.addRow("Quiz &attempts:", self.max_attempts)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addStretch()

        for name in ("title", "author", "language", "version", "description"):
            self.bind(getattr(self, name), name)
        self.bind(self.pass_mark, "pass_mark")
        self.bind(self.id, "id", to_model=lambda text: text.strip() or None)
        self.bind(self.shuffle, "shuffle_choices")
        self.bind(self.max_attempts, "max_attempts")
        route_undo_keys(self.description)
        document.edited.connect(self._update_id_placeholder)

    def set_object(self, obj: object) -> None:
        super().set_object(obj)
        self._update_id_placeholder()

    def _update_id_placeholder(self) -> None:
        if isinstance(self.obj, Course):
            if not self.obj.id:  # the placeholder shows only in an empty field; emptying it comes back here
                self.id.setPlaceholderText(f"{slug_id(self.obj.title, 'course')} (from the title)")
            self.id_warning.setVisible(True)
            self.setToolTip(f"The LMS tracks this course as '{course_id(self.obj)}'.")
