"""Assembling the package: the player's files, the course data inside ``index.html``, and the images used."""

from __future__ import annotations

import html
import json
from collections.abc import Generator
from importlib import resources

from authoring.core.model import Course
from authoring.export.registry import ExportError, ExportOptions, Progress, check_or_refuse
from authoring.export.web_package.course_data import course_data

RUNTIMES = ("scorm12", "scorm2004", "local")
LAUNCH = "index.html"
PLAYER_FILES = ("index.html", "player.css", "player.js")
"""The player's own sources in ``authoring/player``; ``index.html`` is a template."""
_RTL_LANGUAGES = {"ar", "dv", "fa", "he", "ks", "ku", "ps", "sd", "ug", "ur", "yi"}


def player_source(name: str) -> bytes:
    return resources.files("authoring").joinpath("player", name).read_bytes()


def player_size() -> int:
    """Bytes of the player's own HTML, CSS and JavaScript, before any course goes in."""
    return sum(len(player_source(name)) for name in PLAYER_FILES)


def checked_web_files(course: Course, options: ExportOptions, runtime: str,
                      steps: int) -> Generator[Progress, None, dict[str, bytes]]:
    """The first two steps of every browser-based export: refuse a course with errors, then build its files."""
    yield Progress(0, steps, "Checking the course")
    check_or_refuse(course, options)
    yield Progress(1, steps, "Rendering the lessons into the player")
    return build_web_files(course, options, runtime)


def build_web_files(course: Course, options: ExportOptions, runtime: str) -> dict[str, bytes]:
    """Every file the package needs, by relative POSIX path.

    ``index.html`` (the launch page, with the course data inside it so the
    package also works from ``file://``), the player's CSS and JavaScript, and
    the images the course links to, only those.  The same course gives the same
    bytes.  Raises :class:`ExportError` naming the image and line when an image
    is missing or outside the course folder.
    """
    if runtime not in RUNTIMES:
        raise ExportError(f"unknown player runtime '{runtime}'; expected one of {', '.join(RUNTIMES)}")
    data, images = course_data(course, options.source_dir, runtime)
    files = {name: player_source(name) for name in PLAYER_FILES if name != LAUNCH}
    files[LAUNCH] = _launch_page(data)
    for path, image in sorted(images.items()):
        if path in files:
            raise ExportError(f"image '{image.src}' has the name of a player file; move it into assets/",
                              line=image.line)
        files[path] = (options.source_dir / path).read_bytes()
    return files


def _launch_page(data: dict[str, object]) -> bytes:
    template = player_source(LAUNCH).decode("utf-8")
    lang = str(data["lang"])
    primary = lang.split("-", maxsplit=1)[0].lower()
    page = (template.replace("{{lang}}", html.escape(lang, quote=True))
            .replace("{{dir}}", "rtl" if primary in _RTL_LANGUAGES else "ltr")
            .replace("{{title}}", html.escape(str(data["title"]), quote=False)))
    before, marker, after = page.partition("{{data}}")
    if not marker:
        raise ExportError("the player's index.html has no {{data}} slot; this is a bug, please report it")
    return (before + _script_json(data) + after).encode("utf-8")


def _script_json(data: dict[str, object]) -> str:
    """JSON that cannot end its ``<script>`` element early, whatever the author wrote."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
