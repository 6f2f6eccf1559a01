"""Where an export may write: never over the course, nor over a folder that holds it.

An author who types the course's own name after ``-o``, or picks the course's
folder for an HTML folder export, would otherwise lose the course: the file is
replaced by a zip, the folder by the player's files.  Every registered exporter
runs :func:`prepare_target` first (see :func:`authoring.export.registry.register`),
so the command line, the export dialog and the previews refuse alike, naming
the output and what to choose instead.  It also creates the output's folder,
the same for every format.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from authoring.core.markdown_images import markdown_images
from authoring.core.model import Course
from authoring.export.registry import ExportError, ExportOptions


def prepare_target(course: Course, target: Path, options: ExportOptions, *, name: str, title: str, suffix: str,
                   folder: bool) -> list[Path]:
    """Refuses an output that would replace or delete a file of the course, then creates its folder.

    ``folder`` is true when the export writes a folder at ``target`` (replacing what is there) rather
    than a file.  Returns the folders created, innermost last, so a failed export can remove them.
    """
    used = files_of_course(course, options)
    suggestion = _suggestion(options, f"-{name}" if folder or not suffix else suffix)
    if target.exists():
        for path, what in used.items():
            if _same_file(path, target):
                raise ExportError(f"this is {what}; writing the {title} export here would replace it. "
                                  f"Choose another output, such as {suggestion}", path=target)
    if target.is_dir() and not folder:
        name = (options.course_file.stem if options.course_file else "course") + suffix
        raise ExportError(f"this is a folder; give the name of the {title} file to write, such as "
                          f"{target / name}", path=target)
    if folder:
        inside = _resolved(target)
        for path, what in used.items():
            if path.is_relative_to(inside):
                raise ExportError(f"this folder holds {what} ({path}); writing the {title} export here would "
                                  f"delete it. Choose a new or empty folder, such as {suggestion}", path=target)
    return _create_parent(target)


def files_of_course(course: Course, options: ExportOptions) -> dict[Path, str]:
    """The course file and the local images the course shows, resolved, each with how to name it."""
    files: dict[Path, str] = {}
    if options.course_file is not None:
        files[_resolved(options.course_file)] = "the course file"
    for markdown, first_line in course.markdown_texts():
        for image in markdown_images(markdown):
            url = urlparse(image.src)
            if url.scheme or url.netloc or not url.path:
                continue  # on the web or inline data: not a file
            path = _resolved(options.source_dir / unquote(url.path))
            files.setdefault(path, f"the image '{image.src}' the course shows on line {first_line + image.line}")
    return files


def remove_empty_folders(folders: list[Path]) -> None:
    for folder in reversed(folders):
        try:
            folder.rmdir()
        except OSError:
            return  # not empty (or gone): leave it and its parents


def _create_parent(target: Path) -> list[Path]:
    missing: list[Path] = []
    parent = target.parent  # as the user spelt it, for the message
    while not parent.exists() and parent != parent.parent:
        missing.append(parent)
        parent = parent.parent
    if not parent.is_dir():
        raise ExportError(f"{parent} is a file, not a folder, so nothing can be written inside it; choose an "
                          "output in a folder", path=target)
    missing.reverse()
    for folder in missing:
        folder.mkdir()
    return missing


def _suggestion(options: ExportOptions, suffix: str) -> Path:
    name = options.course_file.stem if options.course_file else options.source_dir.name or "course"
    return options.source_dir / "export" / f"{name}{suffix}"


def _same_file(used: Path, target: Path) -> bool:
    # samefile also sees a hard link, a symbolic link or another spelling of the same file.
    try:
        return used.samefile(target)
    except OSError:
        return used == _resolved(target)


def _resolved(path: Path) -> Path:
    return path.expanduser().resolve()
