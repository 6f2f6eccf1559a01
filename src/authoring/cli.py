"""The ``authoring`` command: the editor, and the same engine for scripts and CI.

Exit codes: 0 success, 1 a problem with the course (or the export), 2 a usage
problem, 70 a fault of this program.  Diagnostics read ``path:line: severity: message``.
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from authoring import __version__
from authoring.core.atomic_write import write_advice
from authoring.core.course_file import LoadedCourse, load_course, save_course
from authoring.core.problems import Problem, Severity, has_errors
from authoring.core.starter_course import starter_course
from authoring.core.validation import check_course
from authoring.export.registry import ExportError, ExportOptions, exporters, get_exporter

COMMANDS = ("check", "new", "export")
EXIT_OK, EXIT_COURSE_PROBLEM, EXIT_USAGE = 0, 1, 2
EXIT_INTERNAL_ERROR = 70  # sysexits' EX_SOFTWARE
FONT_SUFFIXES = (".ttf", ".otf", ".ttc")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or (args[0] not in COMMANDS and not args[0].startswith("-")):
        return _open_editor(args)
    parser = _parser()
    options = parser.parse_args(args)
    if options.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(options.run(options))
    except KeyboardInterrupt:
        return 130
    except Exception:  # a bug of ours: the details for a report, then what it means for the user
        traceback.print_exc()
        _fail(f"authoring {options.command}: internal error (the details are above); no file of yours was "
              "changed, since every file is written whole or not at all. Please report it with the course file")
        return EXIT_INTERNAL_ERROR


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="authoring",
        description="Write microlearning in Markdown; check it and export SCORM 1.2, SCORM 2004, HTML and PDF. "
        "Run 'authoring' alone, or 'authoring COURSE.md', to open the editor.",
        epilog="Course format: docs/course-format.md.  'authoring COMMAND --help' tells more.",
    )
    parser.add_argument("--version", action="version", version=f"authoring {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="list the errors and warnings of a course",
                                description="Print each problem as 'path:line: error|warning: message'. "
                                "Exits 1 when there are errors, 0 otherwise.")
    check.add_argument("course", type=Path, help="the course's .md file")
    check.set_defaults(run=_check)

    new = commands.add_parser("new", help="write a starter course that passes the check",
                              description="Write a starter course with a lesson, a quiz and a reflection.")
    new.add_argument("title", help="the course title")
    new.add_argument("-o", "--output", type=Path, required=True, help="the .md file to write, e.g. my-course/course.md")
    new.add_argument("--force", action="store_true", help="overwrite the file if it exists")
    new.set_defaults(run=_new)

    names = ", ".join(exporters()) or "none in this version"
    export = commands.add_parser("export", help="export a course (SCORM, HTML, PDF)",
                                 description=f"Check the course, then export it. Formats: {names}.")
    export.add_argument("course", type=Path, help="the course's .md file")
    export.add_argument("-f", "--format", required=True, metavar="FORMAT", help=f"one of: {names}")
    export.add_argument("-o", "--output", type=Path, required=True, help="the file or folder to write")
    export.add_argument("--edition", choices=("learner", "reviewer"), default="learner",
                        help="PDF only: the learner handout (default) or the reviewer edition with the answer key")
    export.add_argument("--page-size", choices=("a4", "letter"), default="a4", help="PDF only (default a4)")
    export.add_argument("--font", help="PDF only: a font family name or a .ttf file to use for the text")
    export.add_argument("--date", type=datetime.date.fromisoformat, metavar="YYYY-MM-DD",
                        help="the date printed in documents (default today)")
    export.add_argument("--folder", action="store_true",
                        help="HTML only: write a folder instead of a zip; a folder that exists is replaced only if "
                        "it holds nothing but an earlier export")
    export.set_defaults(run=_export)
    return parser


def _check(options: argparse.Namespace) -> int:
    loaded, problems = _load_and_check(options.course)
    for problem in problems:
        print(problem.format(str(options.course)))
    if not problems:
        print(f"{options.course}: no problems")
    return EXIT_COURSE_PROBLEM if has_errors(problems) or loaded.course is None else EXIT_OK


def _new(options: argparse.Namespace) -> int:
    target: Path = options.output
    if not options.title.strip() or "\n" in options.title or "\r" in options.title:
        _fail("authoring new: the title must be one line of text, such as \"Safety basics\"")
        return EXIT_USAGE
    holder = next((folder for folder in target.parents if folder.exists()), Path())
    if target.is_dir():
        _fail(f"{target}: error: this is a folder; give the name of the course file to write, such as "
              f"{target / 'course.md'}")
        return EXIT_COURSE_PROBLEM
    if not holder.is_dir():
        _fail(f"{target}: error: {holder} is a file, not a folder, so nothing can be written inside it; choose a "
              "path in a folder")
        return EXIT_COURSE_PROBLEM
    if target.exists() and not options.force:
        _fail(f"{target}: error: the file exists already; choose another path or add --force to replace it")
        return EXIT_COURSE_PROBLEM
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        save_course(target, starter_course(options.title))
    except OSError as exc:
        _fail(f"{target}: error: cannot write the course ({exc.strerror or exc}); {write_advice(exc)}")
        return EXIT_COURSE_PROBLEM
    print(f"Wrote {target}. Check it with: authoring check {target}")
    return EXIT_OK


def _export(options: argparse.Namespace) -> int:
    exporter = get_exporter(options.format)
    if exporter is None:
        available = ", ".join(exporters()) or "none: this version has no exporters yet"
        _fail(f"authoring export: unknown format '{options.format}'; available formats: {available}")
        return EXIT_USAGE
    loaded, problems = _load_and_check(options.course)
    for problem in problems:
        _fail(problem.format(str(options.course)))
    if loaded.course is None or has_errors(problems):
        errors = sum(1 for problem in problems if problem.severity is Severity.ERROR)
        _fail(f"{options.course}: not exported, because of {errors} error(s) above; fix them and export again")
        return EXIT_COURSE_PROBLEM
    export_options = ExportOptions(
        source_dir=options.course.resolve().parent,
        edition=options.edition,
        page_size="letter" if options.page_size == "letter" else "A4",
        font=options.font,
        zip=not options.folder,
        date=options.date,
        course_file=options.course,
    )
    if options.font and exporter.name == "pdf" and (font_problem := _font_problem(options.font)):
        _fail(f"{options.font}: error: {font_problem}")
        return EXIT_USAGE
    try:
        for step in exporter.export(loaded.course, options.output, export_options):
            print(f"[{step.done}/{step.total}] {step.message}", flush=True)
    except ExportError as exc:
        _fail(_export_error(exc, options.course))
        return EXIT_COURSE_PROBLEM
    except OSError as exc:
        _fail(f"{options.output}: error: cannot write the export ({exc.strerror or exc}); {write_advice(exc)}")
        return EXIT_COURSE_PROBLEM
    print(f"Exported {exporter.title} to {options.output}")
    return EXIT_OK


def _export_error(exc: ExportError, course: Path) -> str:
    """``path:line: error: message``: a line is the course's; a path, what the error is about (the output)."""
    if exc.line is not None:
        return Problem(Severity.ERROR, exc.line, exc.message).format(str(exc.path or course))
    return f"{exc.path or course}: error: {exc.message}"


def _font_problem(choice: str) -> str | None:
    """What is wrong with the ``--font`` file, found before exporting: one line instead of a traceback.

    A family name is left to the PDF exporter, which falls back to its default font with a warning.
    """
    path = Path(choice).expanduser()
    if path.is_file():
        from authoring.export.pdf.fonts import load_fonts

        try:
            load_fonts({"A"}, choice, "en")
        # reportlab reports a broken font as TTFError, struct.error, IndexError... whatever it trips on.
        except Exception as exc:
            reason = str(exc).strip() or type(exc).__name__
            return (f"this file is damaged or is not a TrueType or OpenType font ({reason}); give a working "
                    ".ttf or .otf file, or the family name of an installed font")
        return None
    if path.suffix.lower() not in FONT_SUFFIXES and "/" not in choice and "\\" not in choice:
        return None  # a family name
    if path.exists():
        return "this is a folder, not a font file; give a .ttf or .otf file, or the family name of an installed font"
    return ("font file not found; check the path, or give the family name of an installed font "
            "('fc-list : family' lists them)")


def _load_and_check(path: Path) -> tuple[LoadedCourse, list[Problem]]:
    loaded = load_course(path)
    problems = list(loaded.problems)
    if loaded.course is not None:
        problems += check_course(loaded.course, path.resolve().parent)
    return loaded, sorted(problems, key=lambda problem: problem.line)


def _open_editor(args: list[str]) -> int:
    if len(args) > 1:
        _fail("authoring: give one course file to open, or a command: " + ", ".join(COMMANDS))
        return EXIT_USAGE
    try:
        # Imported by name: the engine works without Qt installed.
        editor = importlib.import_module("authoring.gui.app")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("PySide6"):
            _fail("authoring: the editor needs PySide6; install it with: pip install 'authoring[gui]'")
        else:
            _fail("authoring: the editor is not built yet in this version; use 'authoring check' or "
                  "'authoring export' (see 'authoring --help')")
        return EXIT_USAGE
    return int(editor.run(Path(args[0]) if args else None))


def _fail(message: str) -> None:
    print(message, file=sys.stderr)
