"""Exporters register here; the CLI and the editor list and run them by name.

An exporter turns a checked course into a file.  ``export`` is a generator of
progress steps so the editor can drive a progress bar off the GUI thread and
the CLI can print the same steps.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from authoring.core.model import Course
from authoring.core.problems import Problem, Severity, place_of
from authoring.core.validation import check_course


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    message: str


@dataclass(frozen=True)
class ExportOptions:
    """Options any exporter may read; each ignores the ones it has no use for."""

    source_dir: Path
    """The folder of the course file: images are resolved against it."""
    edition: str = "learner"
    page_size: str = "A4"
    font: str | None = None
    zip: bool = True
    date: datetime.date | None = None
    """The date printed on documents; ``None`` means today.  Fixed in tests for determinism."""
    course_file: Path | None = None
    """The course's own file, so a refusal names it as ``path:line``; the folder is named otherwise."""
    lines_match_file: bool = True
    """False when the course has edits not saved yet, so the lines it was read from may have moved: a
    refusal then names each error's place in the course ("Quiz: Check › question 2") instead of a line."""
    extra: dict[str, str] = field(default_factory=dict)


class Exporter(Protocol):
    name: str
    """The ``--format`` value, e.g. ``scorm12``."""
    title: str
    """What the user sees, e.g. ``SCORM 1.2``."""
    suffix: str
    """The file suffix of the output, e.g. ``.zip``; empty for a folder.  An exporter that writes a folder
    only on request also has ``writes_folder(options) -> bool``."""

    def export(self, course: Course, target: Path, options: ExportOptions) -> Iterator[Progress]: ...


class ExportError(Exception):
    """A problem the user can act on; the message says what and what to do.

    ``path`` is what the problem is about when it is not the course (the output, a font file);
    ``line`` is a line of the course.  The message leaves both out, so the command line can print
    ``path:line: error: message`` like the checker; ``str()`` puts them in front for everyone else.
    """

    def __init__(self, message: str, *, path: Path | None = None, line: int | None = None) -> None:
        self.message, self.path, self.line = message, path, line
        where = f"{path}:{line}" if path is not None and line is not None else (
            str(path) if path is not None else f"line {line}" if line is not None else "")
        super().__init__(f"{where}: {message}" if where else message)


def check_or_refuse(course: Course, options: ExportOptions) -> list[Problem]:
    """The course's problems, after refusing a course with errors.

    An LMS or a reviewer gives an author no useful message for a broken file,
    so every exporter refuses here, naming each error as ``path:line``.
    """
    problems = check_course(course, options.source_dir)
    errors = [problem for problem in problems if problem.severity is Severity.ERROR]
    if errors:
        where = str(options.course_file or options.source_dir)
        listing = "\n".join(
            problem.format(where, None if options.lines_match_file else place_of(problem, course) or "Course")
            for problem in errors)
        raise ExportError(f"not exported, because the course has {len(errors)} error(s); fix them and export "
                          f"again:\n{listing}")
    return problems


_EXPORTERS: dict[str, Exporter] = {}


def register(exporter: Exporter) -> Exporter:
    """Adds ``exporter``, wrapped so that no export can write over the course it exports (see
    :mod:`authoring.export.output_target`): the command line, the export dialog and the previews all
    run the registered exporter, so the guard holds for each of them."""
    guarded = _GuardedExporter(exporter)
    _EXPORTERS[exporter.name] = guarded
    return guarded


class _GuardedExporter:
    def __init__(self, exporter: Exporter) -> None:
        self.exporter = exporter
        self.name, self.title, self.suffix = exporter.name, exporter.title, exporter.suffix

    def writes_folder(self, options: ExportOptions) -> bool:
        writes_folder = getattr(self.exporter, "writes_folder", None)
        return bool(writes_folder(options)) if callable(writes_folder) else not self.suffix

    def export(self, course: Course, target: Path, options: ExportOptions) -> Iterator[Progress]:
        from authoring.export.output_target import prepare_target, remove_empty_folders

        created = prepare_target(course, Path(target), options, name=self.name, title=self.title, suffix=self.suffix,
                                 folder=self.writes_folder(options))
        try:
            yield from self.exporter.export(course, target, options)
        except BaseException:
            remove_empty_folders(created)  # a failed export leaves no trace
            raise


def exporters() -> dict[str, Exporter]:
    """Every registered exporter, by name, after loading the built-in ones."""
    _load_builtin()
    return dict(sorted(_EXPORTERS.items()))


def get_exporter(name: str) -> Exporter | None:
    return exporters().get(name)


def _load_builtin() -> None:
    import importlib
    import pkgutil

    import authoring.export as package

    for module in pkgutil.iter_modules(package.__path__):
        if module.ispkg:
            importlib.import_module(f"authoring.export.{module.name}")
