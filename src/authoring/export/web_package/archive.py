"""Writing a package's files: a deterministic zip, or a folder, each replacing the old one atomically."""

from __future__ import annotations

import io
import shutil
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from authoring.core.atomic_write import atomic_write
from authoring.export.registry import ExportError

# A fixed timestamp (the earliest a zip can hold) so the same course gives byte-identical zips.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


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

    A failure leaves the old folder as it was.  A ``target`` that is a file, or a
    folder that does not look like an earlier export (it has no ``index.html``)
    and is not empty, is refused rather than replaced.
    """
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise ExportError("this is a file; give the name of a new folder for the HTML export", path=target)
    if target.is_dir() and any(target.iterdir()) and not (target / "index.html").is_file():
        raise ExportError("this folder has other files in it; choose an empty or new folder", path=target)
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
