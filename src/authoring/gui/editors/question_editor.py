"""A quiz question: stem, body, the choices table, per-choice feedback and the explanation."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from authoring.core.commands import Insert, Move, Remove
from authoring.core.model import Choice, Question
from authoring.gui.document import CourseDocument
from authoring.gui.editors.base_editor import ObjectEditor
from authoring.gui.editors.field_binding import FieldBinding, route_undo_keys
from authoring.gui.editors.markdown_editor import MarkdownEditor
from authoring.gui.models.choice_table_model import CORRECT, FEEDBACK, TEXT, ChoiceTableModel


class ChoiceDelegate(QStyledItemDelegate):
    """Names the box a choice is typed in ("Choice B", "Feedback for choice B"): a screen reader says
    nothing but "edit text" for the bare line edit a table opens."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = super().createEditor(parent, option, index)
        letter = index.model().headerData(index.row(), Qt.Orientation.Vertical)
        editor.setAccessibleName(f"Choice {letter}" if index.column() == TEXT else f"Feedback for choice {letter}")
        return editor


class ChoiceTable(QTableView):
    """Enter in the last choice's text adds a new choice and starts editing it."""

    def __init__(self, editor: QuestionEditor) -> None:
        super().__init__()
        self.editor = editor
        self.setTabKeyNavigation(False)  # Tab leaves the table, so the fields after it stay reachable
        self.setItemDelegate(ChoiceDelegate(self))
        route_undo_keys(self)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, hint)
        current = self.currentIndex()
        if hint == QAbstractItemDelegate.EndEditHint.RevertModelCache:
            self.editor.drop_untouched_new_choice()
        elif (hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache and current.column() == TEXT
                and current.row() == self.model().rowCount() - 1):
            self.editor.add_choice(edit=True)


class QuestionEditor(ObjectEditor):
    def __init__(self, document: CourseDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.stem = QLineEdit()
        self.stem.setPlaceholderText("The question")
        self.stem.setAccessibleName("Question")
        self.body = MarkdownEditor()
        self.body.setPlaceholderText("Optional: a scenario or details before the choices")
        self.body.setAccessibleName("Question body")
        self.body.setMaximumHeight(80)
        self.choices = ChoiceTableModel(document)
        self._new_choice_step: int | None = None
        """The undo stack's index just after adding a choice to type into, until its editor closes."""
        self.table = ChoiceTable(self)
        self.table.setModel(self.choices)
        self.table.setAccessibleName("Choices")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.setWordWrap(False)
        self.table.setMinimumHeight(150)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(CORRECT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FEEDBACK, QHeaderView.ResizeMode.Stretch)
        self.response_kind = QLabel()
        self.response_kind.setToolTip("Follows from the number of correct choices you tick")
        self.add_button = QPushButton("&Add choice")
        self.remove_button = QPushButton("&Remove")
        self.up_button = QPushButton("Move &up")
        self.down_button = QPushButton("Move &down")
        for button, slot in ((self.add_button, lambda: self.add_choice(edit=True)),
                             (self.remove_button, self.remove_choice),
                             (self.up_button, lambda: self.move_choice(-1)),
                             (self.down_button, lambda: self.move_choice(+1))):
            button.clicked.connect(slot)
        self.feedback_label = QLabel("Feedback for the selected choice:")
        self.feedback = MarkdownEditor()
        self.feedback.setAccessibleName("Feedback for the selected choice")
        self.feedback.setMaximumHeight(64)
        self.explanation = MarkdownEditor()
        self.explanation.setAccessibleName("Explanation")
        self.explanation.setPlaceholderText("Shown after answering and printed in the answer key")
        self.explanation.setMaximumHeight(80)

        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Question</b>"))
        layout.addWidget(self.stem)
        layout.addWidget(QLabel("Body:"))
        layout.addWidget(self.body)
        choices_header = QHBoxLayout()
        choices_header.addWidget(QLabel("Choices (tick the correct ones):"))
        choices_header.addStretch()
        choices_header.addWidget(self.response_kind)
        layout.addLayout(choices_header)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.feedback_label)
        layout.addWidget(self.feedback)
        layout.addWidget(QLabel("Explanation:"))
        layout.addWidget(self.explanation)

        self.bind(self.stem, "stem")
        self.bind(self.body, "body")
        self.bind(self.explanation, "explanation")
        self.feedback_binding = FieldBinding(document, self.feedback, "feedback")
        self.table.selectionModel().currentRowChanged.connect(self._current_choice_changed)
        self.choices.rowsInserted.connect(self._update_state)
        self.choices.rowsRemoved.connect(self._update_state)
        self.choices.modelReset.connect(self._update_state)
        self.choices.dataChanged.connect(self._update_state)
        self.choices.rowsMoved.connect(self._update_state)

    @property
    def question(self) -> Question | None:
        return self.obj if isinstance(self.obj, Question) else None

    def set_object(self, obj: object) -> None:
        super().set_object(obj)
        self.choices.set_question(self.question)
        if self.choices.rowCount():
            self.table.setCurrentIndex(self.choices.index(0, TEXT))
        self._current_choice_changed(self.table.currentIndex())

    # -- choices ----------------------------------------------------------------------------

    def current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def add_choice(self, *, edit: bool = False) -> None:
        target = self.choices.question_target()
        if target is None or self.question is None:
            return
        row = self.current_row() + 1 if self.current_row() >= 0 else len(self.question.choices)
        self.document.push(Insert(target, row, Choice("")))
        index = self.choices.index(row, TEXT)
        self.table.setCurrentIndex(index)
        if edit:
            self._new_choice_step = self.document.undo_stack.index()
            self.table.setFocus()
            self.table.edit(index)

    def drop_untouched_new_choice(self) -> None:
        """Escape in the choice just added (by Enter or Add choice) takes the empty choice back out.

        Only while its adding is still the last edit: anything done since stays as it is.
        """
        step, self._new_choice_step = self._new_choice_step, None
        row = self.current_row()
        if (step is None or step != self.document.undo_stack.index() or self.question is None
                or not 0 <= row < len(self.question.choices)):
            return
        choice = self.question.choices[row]
        if not choice.text and not choice.feedback and not choice.correct:
            self.document.undo_stack.undo()

    def remove_choice(self) -> None:
        target = self.choices.question_target()
        row = self.current_row()
        if target is None or row < 0:
            return
        self.document.push(Remove(self.document.course, (*target, row)))

    def move_choice(self, step: int) -> None:
        target = self.choices.question_target()
        row = self.current_row()
        if target is None or row < 0 or not 0 <= row + step < self.choices.rowCount():
            return
        self.document.push(Move(self.document.course, (*target, row), target, row + step))
        self.table.selectionModel().setCurrentIndex(
            self.choices.index(row + step, self.table.currentIndex().column()),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def _current_choice_changed(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        question = self.question
        choice = question.choices[current.row()] if question and current.isValid() and \
            current.row() < len(question.choices) else None
        self.feedback_binding.set_object(choice)
        self.feedback.setEnabled(choice is not None)
        letter = self.choices.headerData(current.row(), Qt.Orientation.Vertical) if choice else ""
        self.feedback_label.setText(f"Feedback for choice {letter}:" if choice else "Feedback (select a choice):")
        self._update_state()

    def _update_state(self, *_args: object) -> None:
        question = self.question
        if question is None:
            return
        correct = len(question.correct_indexes)
        if correct == 0:
            self.response_kind.setText("⚠ Tick the correct choice")
        elif correct == 1:
            self.response_kind.setText("Single response")
        else:
            self.response_kind.setText("Multiple response: select all that apply")
        row = self.current_row()
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < len(question.choices) - 1)
        # A choice moved or removed under the feedback box: follow the current row.
        current = question.choices[row] if 0 <= row < len(question.choices) else None
        if self.feedback_binding.obj is not current:
            self._current_choice_changed(self.table.currentIndex())
        elif current is not None:  # the same choice, moved: its letter changed
            letter = self.choices.headerData(row, Qt.Orientation.Vertical)
            self.feedback_label.setText(f"Feedback for choice {letter}:")

    def focus_field(self, field: str | None, choice: int | None = None) -> None:
        if field in ("choices", "feedback") and choice is not None and 0 <= choice < self.choices.rowCount():
            self.table.setCurrentIndex(self.choices.index(choice, TEXT))  # the feedback box shows this choice's
        if field == "choices":
            self.table.setFocus()
            return
        if field == "feedback":
            self.feedback.setFocus()
            return
        super().focus_field(field, choice)
