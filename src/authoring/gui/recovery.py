"""Autosave to recovery files, and finding them again after a crash.

Recovery files live in the editor's data folder, never beside or over the
author's course: ``<key>.md`` holds the course as it would be saved, and
``<key>.json`` says which file it belongs to and which process wrote it.
A clean exit removes both; files whose process is gone are left by a crash
or a kill, and the next start offers them back.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from authoring.core.atomic_write import atomic_write
from authoring.core.course_file import file_digest
from authoring.core.course_format import parse_course, write_course
from authoring.core.model import Course


@dataclass(frozen=True)
class Recovery:
    key: str
    folder: Path
    original: Path | None
    """The course file the edits belong to; ``None`` for a course never saved."""
    title: str
    saved_at: datetime.datetime
    pid: int
    based_on: str = ""
    """SHA-256 of the file as the edits' editor had read or last saved it; empty if unknown."""

    @property
    def text_path(self) -> Path:
        return self.folder / f"{self.key}.md"

    @property
    def info_path(self) -> Path:
        return self.folder / f"{self.key}.json"

    def text(self) -> str:
        return self.text_path.read_text(encoding="utf-8")

    def course(self) -> Course | None:
        """The recovered course; ``None`` if the recovery file cannot be read losslessly."""
        try:
            parsed = parse_course(self.text())
        except (OSError, UnicodeDecodeError):
            return None
        return parsed.course if parsed.lossless else None

    def file_changed_since(self) -> bool:
        """True when the course file is no longer the one the edits were made on (a git checkout, another
        program, a deletion): saving the restored course must then ask before overwriting it."""
        if self.original is None or not self.based_on:
            return False
        try:
            return file_digest(self.original.read_bytes()) != self.based_on
        except OSError:
            return True

    def changes(self) -> str:
        """What restoring changes, as a unified diff against the file on disk."""
        try:
            recovered = self.text().splitlines(keepends=True)
        except (OSError, UnicodeDecodeError):
            return "(the recovery file cannot be read)"
        import difflib  # only when a crash left something to restore

        on_disk: list[str] = []
        name = "(never saved)"
        if self.original is not None:
            name = str(self.original)
            with contextlib.suppress(OSError, UnicodeDecodeError):
                on_disk = self.original.read_text(encoding="utf-8").splitlines(keepends=True)
        diff = "".join(difflib.unified_diff(on_disk, recovered, name, "recovered edits", n=1))
        return diff or "(the same as the file on disk)"

    def discard(self) -> None:
        for path in (self.text_path, self.info_path):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


class RecoveryWriter:
    """Autosaves one open document to its recovery file."""

    def __init__(self, folder: Path, original: Path | None) -> None:
        self.folder = folder
        self.key = ""
        self.retarget(original)

    def retarget(self, original: Path | None) -> None:
        """After Save As the recovery belongs to the new file."""
        self.discard()
        self.original = original.resolve() if original else None
        # The process is part of the key: a recovery a crashed editor left for the same file (kept with
        # "Decide later", or from a second editor) is never overwritten or removed by this one.
        if self.original:
            self.key = f"{hashlib.sha256(os.fsencode(self.original)).hexdigest()[:20]}-{os.getpid()}"
        else:
            self.key = f"untitled-{os.getpid()}-{id(self):x}"

    def write(self, course: Course, based_on: str = "") -> None:
        self.write_text(write_course(course), course.title, based_on)

    def write_text(self, text: str, title: str, based_on: str = "") -> None:
        """Keep ``text`` (a course file's text, maybe one opened as text because it does not read).

        ``based_on`` is the digest of the course file the edits were made on.
        """
        self.folder.mkdir(parents=True, exist_ok=True)
        atomic_write(self.folder / f"{self.key}.md", text.encode("utf-8"))
        info = {
            "original": str(self.original) if self.original else None,
            "title": title,
            "saved_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "pid": os.getpid(),
            "based_on": based_on,
        }
        atomic_write(self.folder / f"{self.key}.json", json.dumps(info, indent=1).encode("utf-8"))

    def discard(self) -> None:
        if self.key:
            for suffix in (".md", ".json"):
                with contextlib.suppress(FileNotFoundError):
                    (self.folder / f"{self.key}{suffix}").unlink()


def find_recoveries(folder: Path) -> list[Recovery]:
    """Recovery files left by editors that are no longer running, newest first."""
    found = []
    for info_path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            info = json.loads(info_path.read_text(encoding="utf-8"))
            recovery = Recovery(
                key=info_path.stem,
                folder=folder,
                original=Path(info["original"]) if info.get("original") else None,
                title=str(info.get("title", "")),
                saved_at=datetime.datetime.fromisoformat(info["saved_at"]),
                pid=int(info["pid"]),
                based_on=str(info.get("based_on") or ""),
            )
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if recovery.text_path.is_file() and not _running(recovery.pid):
            found.append(recovery)
    return sorted(found, key=lambda recovery: recovery.saved_at, reverse=True)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return _not_a_zombie(pid)


def _not_a_zombie(pid: int) -> bool:
    # A killed child that its parent has not reaped yet still answers kill(pid, 0).
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return status.rsplit(")", 1)[-1].split()[0] != "Z"
