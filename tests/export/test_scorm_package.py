"""SCORM 1.2 and 2004 packages as an LMS receives them: the zip, its manifest, and what goes in it."""

from __future__ import annotations

import io
import json
import os
import shutil
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest
from scorm_conformance import manifest_pass_mark, package_problems, validate_manifest

from authoring.core.course_file import load_course
from authoring.export.registry import ExportError, ExportOptions, Progress, get_exporter

FORMATS = {"scorm12": "1.2", "scorm2004": "2004"}
SAMPLE_NAMES = ["customer-focus", "feature-tour"]


def export(course_file: Path, target: Path, name: str) -> list[Progress]:
    loaded = load_course(course_file)
    assert loaded.course is not None
    exporter = get_exporter(name)
    assert exporter is not None
    options = ExportOptions(source_dir=course_file.parent, course_file=course_file)
    return list(exporter.export(loaded.course, target, options))


def manifest_of(package: Path) -> bytes:
    with zipfile.ZipFile(package) as archive:
        return archive.read("imsmanifest.xml")


@pytest.fixture
def exported(samples: Path, tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """(course file, its exported package), per format and sample, exported once per test."""
    yield samples / "customer-focus" / "course.md", tmp_path / "package.zip"


@pytest.mark.parametrize("name", FORMATS)
def test_registered_with_title_and_suffix(name: str) -> None:
    exporter = get_exporter(name)
    assert exporter is not None
    assert (exporter.name, exporter.suffix) == (name, ".zip")
    assert exporter.title == {"scorm12": "SCORM 1.2", "scorm2004": "SCORM 2004 4th Edition"}[name]


@pytest.mark.parametrize("name", FORMATS)
@pytest.mark.parametrize("sample", SAMPLE_NAMES)
def test_sample_packages_pass_every_check(samples: Path, tmp_path: Path, sample: str, name: str) -> None:
    target = tmp_path / f"{sample}.zip"
    steps = export(samples / sample / "course.md", target, name)
    assert package_problems(target, FORMATS[name]) == []
    assert validate_manifest(manifest_of(target), FORMATS[name]) == []
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert "index.html" in names and "imsmanifest.xml" in names
        assert archive.testzip() is None
    assert [step.done for step in steps] == sorted(step.done for step in steps)
    assert steps[-1].done == steps[-1].total


@pytest.mark.parametrize("name", FORMATS)
def test_the_sample_zip_is_under_100_kb(exported: tuple[Path, Path], name: str) -> None:
    course_file, target = exported
    export(course_file, target, name)
    assert target.stat().st_size < 100 * 1024


@pytest.mark.parametrize("name", FORMATS)
def test_two_exports_are_byte_identical_whatever_the_clock_and_file_times(
        exported: tuple[Path, Path], name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    course_file, target = exported
    export(course_file, target, name)
    first = target.read_bytes()
    image = course_file.parent / "assets" / "one-in-three.png"
    os.utime(image, (1_000_000_000, 1_000_000_000))
    later = time.time() + 400 * 24 * 3600
    monkeypatch.setattr(time, "time", lambda: later)
    export(course_file, target, name)
    assert target.read_bytes() == first


@pytest.mark.parametrize("name", FORMATS)
def test_only_the_files_that_are_used_go_in(exported: tuple[Path, Path], name: str) -> None:
    course_file, target = exported
    assets = course_file.parent / "assets"
    shutil.copy(assets / "one-in-three.png", assets / "unused.png")
    (course_file.parent / "notes.txt").write_text("private notes", encoding="utf-8")
    export(course_file, target, name)
    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        assert "assets/one-in-three.png" in names
        assert archive.read("assets/one-in-three.png") == (assets / "one-in-three.png").read_bytes()
    assert not {n for n in names if "unused" in n or "notes" in n or n.endswith(".md")}


@pytest.mark.parametrize("name", FORMATS)
def test_a_missing_image_refuses_the_export_says_why_and_keeps_the_old_package(
        exported: tuple[Path, Path], name: str) -> None:
    course_file, target = exported
    export(course_file, target, name)
    good = target.read_bytes()
    (course_file.parent / "assets" / "one-in-three.png").unlink()
    with pytest.raises(ExportError) as refused:
        export(course_file, target, name)
    line = next(n for n, text in enumerate(course_file.read_text(encoding="utf-8").splitlines(), 1)
                if "assets/one-in-three.png" in text)
    assert f"{course_file}:{line}: error: image file 'assets/one-in-three.png' does not exist" in str(refused.value)
    assert target.read_bytes() == good
    assert sorted(p.name for p in target.parent.iterdir()) == ["package.zip", "sample_courses"]


@pytest.mark.parametrize("name", FORMATS)
def test_a_course_with_errors_is_refused_with_each_error_named(exported: tuple[Path, Path], name: str) -> None:
    course_file, target = exported
    text = course_file.read_text(encoding="utf-8")
    course_file.write_text(text.replace("- [x] He doesn't value", "- [ ] He doesn't value"), encoding="utf-8")
    with pytest.raises(ExportError) as refused:
        export(course_file, target, name)
    message = str(refused.value)
    assert "1 error(s)" in message
    assert f"{course_file}:" in message and "has no correct choice" in message
    assert not target.exists()


@pytest.mark.parametrize("name", FORMATS)
def test_a_failing_write_leaves_the_old_package_whole(exported: tuple[Path, Path], name: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    course_file, target = exported
    target.write_bytes(b"the previous package")

    def full_disk(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError):
        export(course_file, target, name)
    assert target.read_bytes() == b"the previous package"
    assert sorted(p.name for p in target.parent.iterdir()) == ["package.zip", "sample_courses"]


@pytest.mark.parametrize("name", FORMATS)
def test_the_lms_and_the_player_apply_the_same_pass_mark(exported: tuple[Path, Path], name: str) -> None:
    course_file, target = exported
    course_file.write_text(course_file.read_text(encoding="utf-8").replace("pass_mark: 80", "pass_mark: 65"),
                           encoding="utf-8")
    export(course_file, target, name)
    assert manifest_pass_mark(manifest_of(target), FORMATS[name]) * 100 == 65
    assert player_pass_mark(target) == 65


def player_pass_mark(package: Path) -> int:
    """The pass mark the player applies, read from the course data its launch page ships."""
    with zipfile.ZipFile(package) as archive:
        page = lxml.html.fromstring(archive.read("index.html"))
    (data,) = page.xpath('//script[@id="course-data"]/text()')
    mark: int = json.loads(data)["passMark"]
    return mark


def zip_bytes(package: Path) -> io.BytesIO:
    return io.BytesIO(package.read_bytes())
