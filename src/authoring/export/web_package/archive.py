"""Writing a package's files: a deterministic zip, or a folder, each replacing the old one atomically."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from authoring.core.atomic_write import atomic_write
from authoring.core.markdown_images import local_image_path
from authoring.export.lesson_html import image_sources
from authoring.export.registry import ExportError
from authoring.export.web_package.build import LAUNCH, PLAYER_FILES

# A fixed timestamp (the earliest a zip can hold) so the same course gives byte-identical zips.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_COURSE_DATA = re.compile(r'<script type="application/json" id="course-data">(.*?)</script>', re.DOTALL)
_SYSTEM_FILES = {".DS_Store", "Thumbs.db", "desktop.ini"}
"""Files a file manager leaves in any folder it shows; they hold nothing of the user's."""


def check_path(name: str) -> None:
    """Refuse a path that an LMS or an unzip tool would mishandle (absolute, '..', backslashes)."""
    path = PurePosixPath(name)
    if not name or "\\" in name or path.is_absolute() or ".." in path.parts or name.endswith("/"):
        raise ExportError(f"the package path '{name}' is not a plain relative path; this is a bug, please report it")


def zip_bytes(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in sorted(files):
            check_path(name)
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever the exporting machine
            archive.writestr(info, files[name], compresslevel=9)
    return buffer.getvalue()


def write_zip(files: dict[str, bytes], target: Path) -> None:
    """Write ``files`` as a zip with sorted entries and fixed timestamps, replacing ``target`` atomically."""
    target = Path(target)
    if target.is_dir():
        raise ExportError(f"this is a folder; give the name of the file to write, such as {target / 'course.zip'}",
                          path=target)
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(target, zip_bytes(files))


def write_folder(files: dict[str, bytes], target: Path) -> None:
    """Write ``files`` into the folder ``target``: built beside it, then swapped in.

    A failure leaves the old folder as it was.  A ``target`` that is a file is
    refused, and so is a folder holding anything an earlier export did not write
    (see :func:`files_not_exported`): replacing a folder deletes all it holds, and
    "it has an index.html" is no proof that nothing else in it matters.
    """
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise ExportError("this is a file; give the name of a new folder for the HTML export", path=target)
    if target.is_dir() and (others := files_not_exported(target)):
        listed = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
        raise ExportError(f"this folder holds files that no earlier HTML export wrote ({listed}); exporting here "
                          "would delete them. Choose a new or empty folder, or move those files out first",
                          path=target)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    old = staging.with_name(staging.name.removesuffix(".tmp") + ".old")
    try:
        for name in sorted(files):
            check_path(name)
            path = staging.joinpath(*PurePosixPath(name).parts)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(files[name])
        staging.chmod(0o755)
        if target.exists():
            target.rename(old)
        try:
            staging.rename(target)
        except BaseException:
            if old.exists():
                old.rename(target)
            raise
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)


def files_not_exported(folder: Path) -> list[str]:
    """The files in ``folder`` that an HTML folder export did not write, by relative path.

    An export writes the player's files and the images its ``index.html`` shows,
    nothing else; anything more is the user's, and the folder is not ours to replace.
    """
    exported = _exported_files(folder)
    others = []
    for root, folders, files in os.walk(folder):
        here = Path(root)
        # A link to a folder is not walked: whatever it points to is someone else's.
        others += [(here / name).relative_to(folder).as_posix() for name in folders if (here / name).is_symlink()]
        for name in files:
            relative = (here / name).relative_to(folder).as_posix()
            if relative not in exported and name not in _SYSTEM_FILES:
                others.append(relative)
    return sorted(others)


def _exported_files(folder: Path) -> set[str]:
    try:
        page = (folder / LAUNCH).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return set()
    match = _COURSE_DATA.search(page)
    try:
        data = json.loads(match.group(1)) if match else None
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return set()  # an index.html that is not the player's
    files = set(PLAYER_FILES)
    for text in _strings(data):
        for src in image_sources(text):
            if (relative := local_image_path(src)) is not None:
                files.add(relative.as_posix())
    return files


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
