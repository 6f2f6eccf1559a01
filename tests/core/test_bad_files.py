"""Files that are not a course at all get a message, never a traceback, and stay untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from authoring.core.course_file import load_course

GOOD = "---\ntitle: T\n---\n\n# Lesson: L\n\nText.\n"


@pytest.mark.parametrize(
    ("data", "severity", "line", "words"),
    [
        (b"---\ntitle: Caf\xe9\n---\n", "error", 2, "not UTF-8"),
        (b"", "error", 1, "empty"),
        (b"\n  \n", "error", 1, "empty"),
        (b"---\ntitle: T\n---\n\x00\x01\x02\xff\xfe junk", "error", 4, "binary"),
        (bytes(range(256)) * 4, "error", 1, "binary"),
        (b"---\ntitle: 'open\n---\n", "error", 2, "not valid YAML"),
        (b"---\ntitle: T\n", "error", 1, "never closed"),
    ],
)
def test_unreadable_files(tmp_path: Path, data: bytes, severity: str, line: int, words: str) -> None:
    path = tmp_path / "course.md"
    path.write_bytes(data)
    loaded = load_course(path)
    assert any(p.severity.value == severity and p.line == line and words in p.message for p in loaded.problems), (
        loaded.problems
    )
    assert path.read_bytes() == data


def test_a_byte_order_mark_is_accepted_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "course.md"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    loaded = load_course(path)
    assert loaded.course is not None and loaded.course.title == "T"
    assert [(p.severity.value, p.line) for p in loaded.problems] == [("warning", 1)]
    assert "byte-order mark" in loaded.problems[0].message


def test_windows_line_endings_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "course.md"
    path.write_bytes(GOOD.replace("\n", "\r\n").encode())
    loaded = load_course(path)
    assert loaded.course is not None and loaded.lossless
    assert loaded.course.lessons[0].body == "Text."
    assert [p.severity.value for p in loaded.problems] == ["warning"]
    assert "CRLF" in loaded.problems[0].message


def test_missing_file(tmp_path: Path) -> None:
    loaded = load_course(tmp_path / "nope.md")
    assert loaded.course is None
    assert "does not exist" in loaded.problems[0].message


def test_directory(tmp_path: Path) -> None:
    loaded = load_course(tmp_path)
    assert loaded.course is None
    assert "folder" in loaded.problems[0].message


def test_a_file_with_unplaceable_text_is_marked_lossy(tmp_path: Path) -> None:
    path = tmp_path / "course.md"
    path.write_text("---\ntitle: T\n---\n\nIntro nobody owns.\n\n# Lesson: L\n\nx\n", encoding="utf-8")
    loaded = load_course(path)
    assert loaded.course is not None
    assert not loaded.lossless
