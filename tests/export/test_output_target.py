"""No export writes over the course: every registered exporter refuses, however it is run.

The editor's export dialog and previews run the registered exporters directly,
with the course file in ``ExportOptions``, so these tests do the same.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from authoring.core.course_file import load_course
from authoring.core.model import Course
from authoring.export.registry import ExportError, ExportOptions, exporters, get_exporter


def load(path: Path) -> Course:
    course = load_course(path).course
    assert course is not None
    return course


def options(course_file: Path, *, folder: bool = False) -> ExportOptions:
    return ExportOptions(source_dir=course_file.parent, course_file=course_file, zip=not folder)


@pytest.mark.parametrize("name", sorted(exporters()))
@pytest.mark.parametrize("folder", [False, True], ids=["file", "folder"])
def test_every_exporter_refuses_the_course_file_and_its_images(sample_course: Path, name: str,
                                                                folder: bool) -> None:
    exporter = get_exporter(name)
    assert exporter is not None
    image = sample_course.parent / "assets" / "one-in-three.png"
    before = {path: path.read_bytes() for path in (sample_course, image)}
    for target, what in ((sample_course, "the course file"), (image, "the image 'assets/one-in-three.png'")):
        with pytest.raises(ExportError) as refused:
            list(exporter.export(load(sample_course), target, options(sample_course, folder=folder)))
        assert refused.value.path == target
        assert refused.value.message.startswith(f"this is {what}")
    assert {path: path.read_bytes() for path in before} == before


def test_a_link_to_the_course_file_is_the_course_file(sample_course: Path, tmp_path: Path) -> None:
    exporter = get_exporter("scorm12")
    assert exporter is not None
    (tmp_path / "hard.zip").hardlink_to(sample_course)
    (tmp_path / "soft.zip").symlink_to(sample_course)
    for target in (tmp_path / "hard.zip", tmp_path / "soft.zip"):
        with pytest.raises(ExportError, match="this is the course file"):
            list(exporter.export(load(sample_course), target, options(sample_course)))
    assert load_course(sample_course).course == load(sample_course)


@pytest.mark.parametrize("up", [0, 1, 2])
def test_a_folder_export_refuses_the_course_folder_and_every_folder_above_it(sample_course: Path, up: int) -> None:
    exporter = get_exporter("html")
    assert exporter is not None
    target = sample_course.parents[up]
    (target / "index.html").write_text("<p>looks like an earlier export</p>", encoding="utf-8")
    with pytest.raises(ExportError, match=r"this folder holds the course file .*would delete it"):
        list(exporter.export(load(sample_course), target, options(sample_course, folder=True)))
    assert sample_course.is_file() and (sample_course.parent / "assets" / "one-in-three.png").is_file()


def test_a_folder_export_refuses_a_folder_holding_an_image_of_the_course(sample_course: Path,
                                                                         tmp_path: Path) -> None:
    # The image is reached through a folder outside the course's: what matters is where the file is.
    elsewhere = tmp_path / "pictures"
    shutil.move(sample_course.parent / "assets", elsewhere)
    (sample_course.parent / "assets").symlink_to(elsewhere)
    exporter = get_exporter("html")
    assert exporter is not None
    with pytest.raises(ExportError, match=r"this folder holds the image 'assets/one-in-three\.png'"):
        list(exporter.export(load(sample_course), elsewhere, options(sample_course, folder=True)))
    assert (elsewhere / "one-in-three.png").is_file()


def test_writing_into_a_missing_folder_creates_it_and_a_refusal_removes_it(sample_course: Path,
                                                                          tmp_path: Path) -> None:
    exporter = get_exporter("scorm2004")
    assert exporter is not None
    target = tmp_path / "a" / "b" / "course.zip"
    list(exporter.export(load(sample_course), target, options(sample_course)))
    assert target.is_file()
    broken = load(sample_course)
    broken.questions[0].choices = broken.questions[0].choices[:1]
    with pytest.raises(ExportError, match="1 error"):
        list(exporter.export(broken, tmp_path / "c" / "d" / "course.zip", options(sample_course)))
    assert not (tmp_path / "c").exists()
