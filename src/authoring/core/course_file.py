"""Reading a course file from disk, whatever state it is in, and saving it safely.

Every way a file can be unreadable becomes a :class:`Problem` with a line
number and what to do, never a traceback; the file itself is never changed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from authoring.core.atomic_write import atomic_write
from authoring.core.course_format import parse_course, write_course
from authoring.core.model import Course
from authoring.core.problems import Problem, error, warning

_BOM = b"\xef\xbb\xbf"


@dataclass
class LoadedCourse:
    path: Path
    course: Course | None
    """``None`` when the file could not be read as text at all."""
    problems: list[Problem] = field(default_factory=list)
    text: str | None = None
    """The text as read (BOM removed, line endings as LF)."""
    lossless: bool = False
    """True when saving the course would keep everything the file holds."""
    digest: str = ""
    """SHA-256 of the bytes read, to notice when someone else changes the file."""


def load_course(path: str | Path) -> LoadedCourse:
    path = Path(path)
    result = LoadedCourse(path, None)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        result.problems.append(error(1, "the file does not exist; check the path, or create it with 'authoring new'"))
        return result
    except IsADirectoryError:
        result.problems.append(error(1, "this is a folder; give the path of the course's .md file inside it"))
        return result
    except OSError as exc:
        result.problems.append(error(1, f"the file cannot be read ({exc.strerror}); check its permissions"))
        return result
    result.digest = file_digest(data)

    if not data.strip():
        result.problems.append(error(1, "the file is empty; start it with '---', 'title: Your title', '---'"))
        return result
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        result.problems.append(error(1, "the file is UTF-16 text; save it as UTF-8 in your text editor"))
        return result
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        result.problems.append(
            error(line, "this is not a text file (it holds binary data); open the course's .md file")
        )
        return result
    if data.startswith(_BOM):
        data = data[len(_BOM):]
        result.problems.append(warning(1, "the file starts with a byte-order mark; it is ignored and not saved again"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        result.problems.append(error(
            line, f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be read); "
                  "save it as UTF-8 in your text editor"))
        return result
    if "\r" in text:
        kind = "Windows (CRLF)" if "\r\n" in text else "old Mac (CR)"
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        result.problems.append(warning(1, f"the file has {kind} line endings; they are read fine and saved as LF"))

    parsed = parse_course(text)
    result.course = parsed.course
    result.text = text
    result.lossless = parsed.lossless
    result.problems += parsed.problems
    return result


def save_course(path: str | Path, course: Course) -> str:
    """Write ``course`` atomically; returns the digest of what was written."""
    data = write_course(course).encode("utf-8")
    atomic_write(path, data)
    return file_digest(data)


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
