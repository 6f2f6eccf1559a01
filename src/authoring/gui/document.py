"""One open course: the model, where it lives on disk, and its undo history.

Views never change the course themselves: they push a core command with
:meth:`CourseDocument.push`.  The document is the commands' observer and
re-emits each change as a Qt signal, so item models can call their
``begin…``/``end…`` functions around it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QUndoStack

from authoring.core.atomic_write import atomic_write
from authoring.core.commands import Change, Command, Target, resolve
from authoring.core.course_file import file_digest
from authoring.core.course_format import write_course
from authoring.core.model import Course, Quiz
from authoring.core.problems import Problem, Severity
from authoring.gui.undo import UndoAdapter


class SaveConflict(Exception):
    """The file on disk is no longer the one we loaded or last saved."""


class CourseDocument(QObject):
    aboutToChange = Signal(object)
    """A :class:`~authoring.core.commands.Change` is about to happen."""
    changed = Signal(object)
    """A change has happened."""
    edited = Signal()
    """After every command, undo and redo: time to re-check, autosave, preview."""
    modifiedChanged = Signal(bool)
    saved = Signal()

    def __init__(self, course: Course, path: Path | None = None, digest: str = "",
                 file_problems: list[Problem] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.course = course
        self.path = path
        self.digest = digest
        """SHA-256 of the file as loaded or last saved; empty for a new course."""
        self._read_digest = digest
        self.file_problems = list(file_problems or [])
        """Problems of the file itself (BOM, CRLF) that hold until it is saved again."""
        self.undo_stack = QUndoStack(self)
        self._unsaved_without_history = False
        # A method, not a lambda: Qt then drops the connection before the stack, a child, is destroyed.
        self.undo_stack.cleanChanged.connect(self._clean_changed)

    @Slot(bool)
    def _clean_changed(self, clean: bool) -> None:
        self.modifiedChanged.emit(self._unsaved_without_history or not clean)

    # -- editing -------------------------------------------------------------------

    def push(self, command: Command) -> None:
        if command.is_noop:
            return
        self.undo_stack.push(UndoAdapter(self, command))

    def before(self, change: Change) -> None:
        self.aboutToChange.emit(change)

    def after(self, change: Change) -> None:
        self.changed.emit(change)

    def resolve(self, target: Target) -> Any:
        return resolve(self.course, target)

    def target_of(self, obj: object) -> Target | None:
        """Where ``obj`` (an item, question or choice) is now, found by identity; ``None`` once deleted."""
        if obj is self.course:
            return ()
        for i, item in enumerate(self.course.items):
            if item is obj:
                return (i,)
            if isinstance(item, Quiz):
                for q, question in enumerate(item.questions):
                    if question is obj:
                        return (i, q)
                    for c, choice in enumerate(question.choices):
                        if choice is obj:
                            return (i, q, c)
        return None

    # -- state -----------------------------------------------------------------------

    @property
    def is_modified(self) -> bool:
        return self._unsaved_without_history or not self.undo_stack.isClean()

    def mark_unsaved(self) -> None:
        """For a course restored from recovery or read from edited text: it differs from the file."""
        self._unsaved_without_history = True
        self.modifiedChanged.emit(True)

    @property
    def lines_match_file(self) -> bool:
        """True while the line numbers the reader recorded still point into the file on disk."""
        return bool(self.digest) and self.digest == self._read_digest and not self.is_modified

    @property
    def source_dir(self) -> Path | None:
        return self.path.resolve().parent if self.path else None

    @property
    def display_name(self) -> str:
        return self.path.name if self.path else "Untitled"

    # -- saving ----------------------------------------------------------------------

    def disk_changed(self) -> bool:
        """True when the file on disk is not the one we loaded or last saved."""
        if self.path is None or not self.digest:
            return False
        try:
            return file_digest(self.path.read_bytes()) != self.digest
        except FileNotFoundError:
            return True
        except OSError:
            return False  # unreadable: the save itself will say why

    def is_own_file(self, path: Path) -> bool:
        """True when ``path`` names the file the course was read from, however it is spelled (a relative
        path from the command line, an absolute one from Save As, a link)."""
        return self.path is not None and path.resolve() == self.path.resolve()

    def save(self, path: Path | None = None, *, overwrite: bool = False) -> None:
        """Write the canonical text atomically; raises :class:`SaveConflict` if the file changed meanwhile.

        ``overwrite`` is the author's answer to the conflict.  A save to a new
        path (Save As) has nothing to conflict with.
        """
        target = path or self.path
        if target is None:
            raise ValueError("the course has no file yet; use Save As")
        if self.is_own_file(target) and not overwrite and self.disk_changed():
            raise SaveConflict(str(target))
        data = write_course(self.course).encode("utf-8")
        atomic_write(target, data)  # through a link, to the file it names
        self.path = target
        self.digest = file_digest(data)
        self.file_problems = []
        self._unsaved_without_history = False
        self.undo_stack.setClean()
        self.modifiedChanged.emit(False)
        self.saved.emit()


def file_level(problems: list[Problem]) -> list[Problem]:
    """The problems of the bytes rather than the course (a BOM, CRLF endings): they last until a save.

    The reader reports them as warnings on line 1 about no field; everything
    else is found again by the live check.
    """
    return [p for p in problems
            if p.severity is Severity.WARNING and p.line == 1 and p.field is None and p.item is None]
