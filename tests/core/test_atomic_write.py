from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from authoring.core.atomic_write import atomic_write, write_advice
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


def test_write_advice_says_what_to_do_by_the_reason(tmp_path: Path) -> None:
    (tmp_path / "notes").write_text("x", encoding="utf-8")
    with pytest.raises(OSError) as under_a_file:
        (tmp_path / "notes" / "export").mkdir(parents=True, exist_ok=True)
    assert write_advice(under_a_file.value) == "part of that path is a file, not a folder: choose another folder"
    with pytest.raises(OSError) as in_the_way:
        (tmp_path / "notes").mkdir(parents=True, exist_ok=True)
    assert write_advice(in_the_way.value) == "a file of that name is in the way of the folder: choose another folder"
    assert write_advice(OSError(errno.ENOSPC, "No space left on device")).startswith("the disk is full")
    assert write_advice(OSError(errno.EIO, "Input/output error")) == ("check that the folder is writable and "
                                                                     "has free space")


def test_writes_through_a_symbolic_link_to_the_file_it_names(tmp_path: Path) -> None:
    real = tmp_path / "courses" / "course.md"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "course.md"
    link.symlink_to(real)
    atomic_write(link, b"new")
    assert link.is_symlink() and link.resolve() == real
    assert real.read_bytes() == b"new"
    assert sorted(path.name for path in real.parent.iterdir()) == ["course.md"]
