"""A picture far larger than the page prints fitted, at print resolution, and upright."""

from __future__ import annotations

import subprocess
import warnings
from pathlib import Path

import pytest
from PIL import Image
from test_pdf_support import export_pdf, pdf_text


def image_course(folder: Path, name: str) -> Path:
    course = folder / "course.md"
    course.write_text(f"---\ntitle: Pictures\n---\n\n# Lesson: Pictures\n\n![A large picture](assets/{name})\n",
                      encoding="utf-8")
    return course


def embedded_images(pdf: Path) -> list[tuple[int, int, int, int]]:
    """Each embedded image's pixel width and height, and the resolution it prints at (pdfimages -list)."""
    lines = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    return [(int(row[3]), int(row[4]), int(row[12]), int(row[13])) for row in map(str.split, lines)]


@pytest.mark.parametrize("mode", ["RGB", "P"])
def test_a_picture_with_far_more_pixels_than_print_needs_is_embedded_at_print_resolution(
        tmp_path: Path, mode: str) -> None:
    """A 4,000-pixel square prints 300 pt high: 1,250 pixels give it 300 dpi; all 4,000 made the PDF huge."""
    (tmp_path / "assets").mkdir()
    picture = Image.new("RGB", (4000, 4000), "white")
    picture.paste((0, 0, 200), (0, 0, 4000, 2000))
    picture.convert(mode).save(tmp_path / "assets" / "big.png")
    target = tmp_path / "big.pdf"
    export_pdf(image_course(tmp_path, "big.png"), target)
    assert embedded_images(target) == [(1250, 1250, 300, 300)]  # fitted as before: 300 pt for 1,250 pixels
    assert "A large picture" in pdf_text(target)
    subprocess.run(["pdfimages", "-png", str(target), str(tmp_path / "out")], check=True)
    with Image.open(tmp_path / "out-000.png") as printed:
        top, bottom = printed.convert("RGB").getpixel((600, 300)), printed.convert("RGB").getpixel((600, 1000))
    assert top[2] > 150 and top[0] < 60  # type: ignore[index]
    assert bottom == (255, 255, 255)


def test_a_large_sideways_photo_is_scaled_down_and_turned_upright(tmp_path: Path) -> None:
    upright = Image.new("RGB", (2000, 4000), "blue")
    upright.paste((255, 0, 0), (0, 0, 2000, 2000))  # red on top
    exif = Image.Exif()
    exif[0x0112] = 6  # stored turned: turn it right to view it
    (tmp_path / "assets").mkdir()
    upright.transpose(Image.Transpose.ROTATE_90).save(tmp_path / "assets" / "photo.jpg", exif=exif)
    target = tmp_path / "photo.pdf"
    export_pdf(image_course(tmp_path, "photo.jpg"), target)
    [(width, height, x_ppi, y_ppi)] = embedded_images(target)
    assert (width, height) == (625, 1250) and x_ppi == y_ppi == 300
    subprocess.run(["pdfimages", "-png", str(target), str(tmp_path / "out")], check=True)
    with Image.open(tmp_path / "out-000.png") as printed:
        red, _, blue = printed.convert("RGB").getpixel((300, 100))  # type: ignore[misc]
    assert red > 200 and blue < 60


def test_a_picture_over_pils_size_alarm_prints_without_pils_warning(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """PIL warns of a 'decompression bomb' above 89 megapixels; a 10,000-pixel scan printed it as if a bug."""
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_000_000)  # the same alarm for a small, quick picture
    (tmp_path / "assets").mkdir()
    Image.new("RGB", (1200, 1200), "green").save(tmp_path / "assets" / "scan.png")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        steps = export_pdf(image_course(tmp_path, "scan.png"), tmp_path / "scan.pdf")
    assert not [warning for warning in caught if issubclass(warning.category, Image.DecompressionBombWarning)]
    assert not any("could not be read" in step.message for step in steps)
    assert len(embedded_images(tmp_path / "scan.pdf")) == 1


@pytest.mark.parametrize(("edition", "flagged"), [("reviewer", True), ("learner", False)])
def test_the_reviewer_sees_which_picture_has_no_alt_text(tmp_path: Path, edition: str, flagged: bool) -> None:
    """The review notes give the line; under the picture itself the reviewer saw nothing amiss."""
    (tmp_path / "assets").mkdir()
    Image.new("RGB", (200, 100), "orange").save(tmp_path / "assets" / "chart.png")
    course = tmp_path / "course.md"
    course.write_text("---\ntitle: Pictures\n---\n\n# Lesson: Pictures\n\n![](assets/chart.png)\n", encoding="utf-8")
    export_pdf(course, tmp_path / "out.pdf", edition=edition)
    text = pdf_text(tmp_path / "out.pdf")
    assert ("No alt text: screen readers skip this picture" in text) is flagged
    assert len(embedded_images(tmp_path / "out.pdf")) == 1
