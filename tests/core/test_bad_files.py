"""Files that are not a course at all get a message, never a traceback, and stay untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from authoring.core.course_file import load_course
from authoring.core.course_format import parse_course, write_course
from authoring.core.model import Course, Lesson

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
        ("---\ntitle: T\n---\n".encode("utf-16"), "error", 1, "UTF-16 text; save it as UTF-8"),
        (b"---\rtitle: T\r---\r\r# Lesson: L\r\rx\r", "warning", 1, "old Mac (CR) line endings"),
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


@pytest.mark.parametrize(
    ("front_matter", "line", "words"),
    [
        ("title: One\ntitle: Two\n", 3, "'title' is set twice, here and on line 2"),
        ("# drafted by Sam\ntitle: T\n", 2, "comments in the front matter are not kept"),
        ("title: T  # working title\n", 2, "comments in the front matter are not kept"),
        ("author: &who Sam\ntitle: T\ndescription: *who\n", 2, "anchors, aliases and tags are not kept"),
        ("title: !!str T\n", 2, "anchors, aliases and tags are not kept"),
        ("title: T\ndescription: |- # a note\n  Text\n", 3, "comments in the front matter are not kept"),
        ("title: T\ndescription: |\n  Text\n# after the text\n", 5, "comments in the front matter are not kept"),
    ],
)
def test_front_matter_the_editor_would_not_write_back_is_named_and_not_lossless(
        tmp_path: Path, front_matter: str, line: int, words: str) -> None:
    # Saving from the editor writes the front matter anew: each of these would vanish without a word.
    path = tmp_path / "course.md"
    path.write_text(f"---\n{front_matter}---\n\n# Lesson: L\n\nx\n", encoding="utf-8")
    loaded = load_course(path)
    assert any(p.line == line and words in p.message for p in loaded.problems), loaded.problems
    assert not loaded.lossless


def test_a_description_line_that_starts_with_a_hash_is_text_and_survives_saves() -> None:
    # Typed into the editor's Description box: saved as a YAML block, it must read back as it was, not
    # as a front-matter comment that sends the file to text mode.
    course = Course(title="T", description="Before you start:\n# bring a laptop\n  # and a charger",
                    items=[Lesson("L", "x")])
    parsed = parse_course(write_course(course))
    assert parsed.lossless, parsed.problems
    assert parsed.course == course


def test_a_hash_inside_a_value_is_not_a_comment(tmp_path: Path) -> None:
    path = tmp_path / "course.md"
    path.write_text('---\ntitle: "C# # basics"\ndescription: |\n  Step #1\n---\n\n# Lesson: L\n\nx\n',
                    encoding="utf-8")
    loaded = load_course(path)
    assert loaded.lossless and loaded.problems == [] and loaded.course is not None
    assert loaded.course.title == "C# # basics"
