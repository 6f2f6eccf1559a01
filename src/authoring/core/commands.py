"""Edits to a course as command objects, so every change can be undone.

The editor never changes the model directly: it builds one of these commands
and pushes it onto its undo stack, which calls :meth:`Command.apply` and
:meth:`Command.revert`.  The commands know nothing of Qt; an optional
:class:`Observer` hears about each change just before and just after it
happens, which is what a Qt item model needs to keep its views in step.

Places in the course are *targets*: ``()`` is the course itself, ``(i,)``
item ``i``, ``(i, q)`` question ``q`` of quiz ``i`` and ``(i, q, c)`` choice
``c`` of that question.  Commands keep the model's invariants (see
:mod:`authoring.core.model`): one-line fields get no line breaks or outer
white space, block fields no leading or trailing blank lines.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from authoring.core.model import Choice, Course, Item, Lesson, Question, Quiz, Reflection

Target = tuple[int, ...]

ONE_LINE_FIELDS = frozenset({"title", "author", "language", "version", "id", "stem", "text"})
BLOCK_FIELDS = frozenset({"body", "prompt", "intro", "explanation", "feedback", "description"})
OTHER_FIELDS = frozenset({"pass_mark", "max_attempts", "shuffle_choices", "correct"})

FIELD_NAMES = {
    "title": "title", "author": "author", "language": "language", "version": "version", "id": "ID",
    "stem": "stem", "text": "text", "body": "text", "prompt": "prompt", "intro": "introduction",
    "explanation": "explanation", "feedback": "feedback", "description": "description",
    "pass_mark": "pass mark", "max_attempts": "attempts", "shuffle_choices": "shuffle", "correct": "correct answer",
}


# -- what observers hear ------------------------------------------------------------


@dataclass(frozen=True)
class FieldChanged:
    target: Target
    field: str


@dataclass(frozen=True)
class RowInserted:
    """A row appears at ``row`` among the children of ``parent``."""

    parent: Target
    row: int


@dataclass(frozen=True)
class RowRemoved:
    parent: Target
    row: int


@dataclass(frozen=True)
class RowMoved:
    """A row moves; ``dst_row`` is its index once the move is done."""

    src_parent: Target
    src_row: int
    dst_parent: Target
    dst_row: int


Change = FieldChanged | RowInserted | RowRemoved | RowMoved


class Observer(Protocol):
    def before(self, change: Change) -> None: ...

    def after(self, change: Change) -> None: ...


class _Silent:
    def before(self, change: Change) -> None:
        pass

    def after(self, change: Change) -> None:
        pass


SILENT: Observer = _Silent()


# -- finding things -------------------------------------------------------------------


def resolve(course: Course, target: Target) -> Any:
    """The course, item, question or choice at ``target``."""
    if not target:
        return course
    item = course.items[target[0]]
    if len(target) == 1:
        return item
    if not isinstance(item, Quiz):
        raise IndexError(f"item {target[0]} is not a quiz")
    question = item.questions[target[1]]
    if len(target) == 2:
        return question
    return question.choices[target[2]]


def children(course: Course, parent: Target) -> list[Any]:
    """The list that holds the rows under ``parent`` (items, questions or choices)."""
    owner = resolve(course, parent)
    if isinstance(owner, Course):
        return owner.items
    if isinstance(owner, Quiz):
        return owner.questions
    if isinstance(owner, Question):
        return owner.choices
    raise IndexError(f"{type(owner).__name__} has no rows")


def normalize(field: str, value: Any) -> Any:
    """``value`` as the model may hold it in ``field``; ``None`` (a derived ID) stays ``None``."""
    if value is None:
        return None
    if field in ONE_LINE_FIELDS:
        return " ".join(str(value).replace("\r\n", "\n").replace("\r", "\n").split("\n")).strip()
    if field in BLOCK_FIELDS:
        lines = str(value).replace("\r\n", "\n").replace("\r", "\n").split("\n")
        while lines and not lines[0].strip():
            lines.pop(0)
        while lines and not lines[-1].strip():
            lines.pop()
        return "\n".join(lines)
    return value


def _describe(value: Any) -> str:
    kind = getattr(value, "kind", None)
    if kind:
        return str(kind)
    if isinstance(value, Question):
        return "question"
    return "choice"


# -- commands -------------------------------------------------------------------------


class Command:
    """One undoable edit.  ``text`` is what the Edit menu shows after "Undo"."""

    text = ""

    def apply(self, course: Course, observer: Observer = SILENT) -> None:
        raise NotImplementedError

    def revert(self, course: Course, observer: Observer = SILENT) -> None:
        raise NotImplementedError

    def merge(self, following: Command) -> bool:
        """Fold ``following`` (applied just after this) into this command; False if they stay apart."""
        return False

    @property
    def is_noop(self) -> bool:
        return False


class SetField(Command):
    """Set one field of the course, an item, a question or a choice.

    Typing makes one of these per key press; ``session`` identifies one spell
    of typing in one field, and commands of the same session merge, so the
    whole spell is one undo step.  ``None`` as session never merges.
    """

    def __init__(self, course: Course, target: Target, field: str, value: Any, session: object = None) -> None:
        self.target = tuple(target)
        self.field = field
        self.session = session
        owner = resolve(course, self.target)
        if not hasattr(owner, field):
            raise AttributeError(f"{type(owner).__name__} has no field {field!r}")
        self.old = getattr(owner, field)
        self.new = normalize(field, value)
        what = "course" if not self.target else _describe(owner)
        self.text = f"Edit {what} {FIELD_NAMES.get(field, field)}"
        if field == "correct":
            self.text = "Mark choice correct" if value else "Mark choice not correct"

    def apply(self, course: Course, observer: Observer = SILENT) -> None:
        self._set(course, self.new, observer)

    def revert(self, course: Course, observer: Observer = SILENT) -> None:
        self._set(course, self.old, observer)

    def _set(self, course: Course, value: Any, observer: Observer) -> None:
        change = FieldChanged(self.target, self.field)
        observer.before(change)
        setattr(resolve(course, self.target), self.field, value)
        observer.after(change)

    def merge(self, following: Command) -> bool:
        if (
            not isinstance(following, SetField)
            or self.session is None
            or following.session != self.session
            or (following.target, following.field) != (self.target, self.field)
        ):
            return False
        self.new = following.new
        return True

    @property
    def is_noop(self) -> bool:
        return bool(self.old == self.new)


class Insert(Command):
    """Insert an item, a question or a choice at ``row`` under ``parent``."""

    def __init__(self, parent: Target, row: int, value: Item | Question | Choice, text: str = "") -> None:
        self.parent = tuple(parent)
        self.row = row
        self.value = value
        self.text = text or f"Add {_describe(value)}"

    def apply(self, course: Course, observer: Observer = SILENT) -> None:
        change = RowInserted(self.parent, self.row)
        observer.before(change)
        children(course, self.parent).insert(self.row, self.value)
        observer.after(change)

    def revert(self, course: Course, observer: Observer = SILENT) -> None:
        change = RowRemoved(self.parent, self.row)
        observer.before(change)
        del children(course, self.parent)[self.row]
        observer.after(change)


class Remove(Command):
    def __init__(self, course: Course, target: Target) -> None:
        self.parent = tuple(target[:-1])
        self.row = target[-1]
        self.value = children(course, self.parent)[self.row]
        self.text = f"Delete {_describe(self.value)}"

    def apply(self, course: Course, observer: Observer = SILENT) -> None:
        Insert(self.parent, self.row, self.value).revert(course, observer)

    def revert(self, course: Course, observer: Observer = SILENT) -> None:
        Insert(self.parent, self.row, self.value).apply(course, observer)


class Move(Command):
    """Move a row; ``dst_row`` is its index under ``dst_parent`` after the move.

    Questions may move from one quiz to another; items and choices stay at
    their own level.
    """

    def __init__(self, course: Course, src: Target, dst_parent: Target, dst_row: int) -> None:
        self.src_parent = tuple(src[:-1])
        self.src_row = src[-1]
        self.dst_parent = tuple(dst_parent)
        self.dst_row = dst_row
        if len(self.src_parent) != len(self.dst_parent):
            raise ValueError("a row can only move to a place of its own kind")
        value = children(course, self.src_parent)[self.src_row]
        destination = children(course, self.dst_parent)
        limit = len(destination) - (1 if self.src_parent == self.dst_parent else 0)
        if not 0 <= dst_row <= limit:
            raise IndexError(f"row {dst_row} is out of range")
        self.text = f"Move {_describe(value)}"

    def apply(self, course: Course, observer: Observer = SILENT) -> None:
        self._move(course, RowMoved(self.src_parent, self.src_row, self.dst_parent, self.dst_row), observer)

    def revert(self, course: Course, observer: Observer = SILENT) -> None:
        self._move(course, RowMoved(self.dst_parent, self.dst_row, self.src_parent, self.src_row), observer)

    @staticmethod
    def _move(course: Course, change: RowMoved, observer: Observer) -> None:
        observer.before(change)
        value = children(course, change.src_parent).pop(change.src_row)
        children(course, change.dst_parent).insert(change.dst_row, value)
        observer.after(change)

    @property
    def is_noop(self) -> bool:
        return self.src_parent == self.dst_parent and self.src_row == self.dst_row


class Batch(Command):
    """Several commands as one undo step."""

    def __init__(self, text: str, commands: Sequence[Command]) -> None:
        self.text = text
        self.commands = list(commands)

    def apply(self, course: Course, observer: Observer = SILENT) -> None:
        for command in self.commands:
            command.apply(course, observer)

    def revert(self, course: Course, observer: Observer = SILENT) -> None:
        for command in reversed(self.commands):
            command.revert(course, observer)


# -- commands built for common edits ---------------------------------------------------------


def duplicate(course: Course, target: Target) -> Insert:
    """A copy of the item, question or choice just after it; pinned IDs are dropped so they stay unique."""
    original = resolve(course, target)
    twin = copy.deepcopy(original)
    if hasattr(twin, "id"):
        twin.id = None
    for question in getattr(twin, "questions", []):
        question.id = None
    return Insert(target[:-1], target[-1] + 1, twin, text=f"Duplicate {_describe(original)}")


def new_item(kind: str, title: str = "") -> Item:
    title = normalize("title", title)
    if kind == "lesson":
        return Lesson(title or "New lesson")
    if kind == "quiz":
        return Quiz(title or "New quiz", questions=[new_question()])
    if kind == "reflection":
        return Reflection(title or "New reflection")
    raise ValueError(f"unknown item kind {kind!r}")


def new_question(stem: str = "") -> Question:
    stem = normalize("stem", stem)
    return Question(stem or "New question", choices=[Choice("First choice", correct=True), Choice("Second choice")])


def rename(course: Course, target: Target, title: str) -> SetField:
    """Rename from the outline: an item's title or a question's stem."""
    field = "stem" if len(target) == 2 else "title"
    command = SetField(course, target, field, title)
    command.text = f"Rename {_describe(resolve(course, target))}" if target else "Rename course"
    return command


def move_by(course: Course, target: Target, step: int) -> Move | None:
    """Move a row one place up (``-1``) or down (``+1``), as Alt+Up/Down does.

    A question at the edge of its quiz moves into the neighbouring quiz, so
    the keyboard can do what drag and drop does.  ``None`` when it cannot move.
    """
    parent, row = tuple(target[:-1]), target[-1]
    siblings = children(course, parent)
    if 0 <= row + step < len(siblings):
        return Move(course, target, parent, row + step)
    if len(target) != 2:
        return None
    quizzes = [i for i, item in enumerate(course.items) if isinstance(item, Quiz)]
    position = quizzes.index(target[0]) + step
    if not 0 <= position < len(quizzes):
        return None
    other = quizzes[position]
    landing = len(children(course, (other,))) if step < 0 else 0
    return Move(course, target, (other,), landing)
