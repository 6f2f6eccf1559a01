"""What the checker and the reader tell the author about a course file."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from authoring.core.model import Course, Quiz


class Severity(StrEnum):
    ERROR = "error"
    """Blocks export: the course cannot be exported as written."""
    WARNING = "warning"
    """Worth fixing; export still works."""


@dataclass(frozen=True)
class Problem:
    severity: Severity
    line: int
    """1-based line in the course file; 1 for problems of the file as a whole."""
    message: str
    item: int | None = None
    """Index of the item the problem is in, so the editor can go there."""
    question: int | None = None
    field: str | None = None
    """The model field the problem is about, e.g. ``"choices"`` or ``"body"``."""
    choice: int | None = None
    """Index of the choice, for a problem in one choice's text (field ``"choices"``) or feedback."""

    def format(self, path: str, place: str | None = None) -> str:
        """``path:line: severity: message``, the form editors and CI logs understand.

        With ``place`` (see :func:`place_of`) instead of a line the author's edits may have moved:
        ``path: place: severity: message``.
        """
        where = f"{path}:{self.line}" if place is None else f"{path}: {place}"
        return f"{where}: {self.severity.value}: {self.message}"


def error(line: int, message: str, **where: int | str | None) -> Problem:
    return Problem(Severity.ERROR, line, message, **where)  # type: ignore[arg-type]


def warning(line: int, message: str, **where: int | str | None) -> Problem:
    return Problem(Severity.WARNING, line, message, **where)  # type: ignore[arg-type]


def has_errors(problems: list[Problem]) -> bool:
    return any(problem.severity is Severity.ERROR for problem in problems)


def place_of(problem: Problem, course: Course | None) -> str:
    """Where a problem is, in the author's words: "Quiz: Check › question 2 › choice B"."""
    if course is None or problem.item is None or problem.item >= len(course.items):
        return "Course" if problem.field else ""
    item = course.items[problem.item]
    place = f"{item.kind.capitalize()}: {item.title}"
    if problem.question is not None and isinstance(item, Quiz) and problem.question < len(item.questions):
        place += f" › question {problem.question + 1}"
        if problem.choice is not None and problem.choice < len(item.questions[problem.question].choices):
            # Lettered as the editor's choices table and both PDF editions letter them.
            letter = chr(ord("A") + problem.choice) if problem.choice < 26 else str(problem.choice + 1)
            place += f" › choice {letter}" + (" feedback" if problem.field == "feedback" else "")
    return place
