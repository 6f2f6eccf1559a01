from __future__ import annotations

import os
from pathlib import Path

import pytest

from authoring.core.atomic_write import atomic_write
from authoring.core.course_file import save_course
from authoring.core.model import Course


def test_a_failed_replace_leaves_the_old_file_and_no_temp_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "course.md"
    target.write_bytes(b"old")

    def broken_replace(src: str, dst: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        save_course(target, Course(title="new"))
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["course.md"]


def test_keeps_the_file_mode(tmp_path: Path) -> None:
    target = tmp_path / "course.md"
    target.write_bytes(b"old")
    target.chmod(0o640)
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o640
