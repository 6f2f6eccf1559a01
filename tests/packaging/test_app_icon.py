"""The app icon: one SVG, and every bitmap size made from it and kept up to date."""

from __future__ import annotations

import bundle_contents as contents
import make_icons
import pytest
from lxml import etree
from PIL import Image, ImageChops, ImageStat

SVG_NS = "{http://www.w3.org/2000/svg}"


def test_svg_is_square_and_sized_for_the_pixel_grid() -> None:
    svg = etree.parse(str(contents.ICON_SVG)).getroot()
    assert svg.tag == f"{SVG_NS}svg"
    assert svg.get("viewBox") == "0 0 256 256", "the drawing keeps its edges on a 16-unit grid of 256"


@pytest.mark.parametrize("size", contents.ICON_SIZES)
def test_hicolor_png_has_its_size_and_a_transparent_rounded_corner(size: int) -> None:
    with Image.open(contents.hicolor_png(size)) as image:
        assert image.size == (size, size)
        assert image.mode == "RGBA"
        assert image.getpixel((0, 0))[3] == 0, "outside the rounded tile is transparent"
        assert image.getpixel((size // 2, size // 4))[3] == 255


@pytest.mark.parametrize("size", [16, 32, 256])
def test_committed_pngs_match_the_svg(size: int) -> None:
    """Fails when the SVG changed and packaging/make_icons.py was not run again."""
    fresh = make_icons.render(contents.ICON_SVG, size)
    with Image.open(contents.hicolor_png(size)) as committed:
        difference = ImageChops.difference(fresh, committed.convert("RGBA"))
    mean = max(ImageStat.Stat(difference).mean)
    assert mean < 2.0, f"{contents.hicolor_png(size)} differs from the SVG; run packaging/make_icons.py"


def test_16px_icon_has_crisp_white_text_lines() -> None:
    """At 16 px the lesson lines fall on whole pixel rows: pure white, not a grey smear."""
    with Image.open(contents.hicolor_png(16)) as image:
        first_line = [image.getpixel((x, 5)) for x in range(16)]
    assert sum(1 for pixel in first_line if pixel == (255, 255, 255, 255)) >= 5


def test_ico_holds_every_windows_size_drawn_at_that_size() -> None:
    with Image.open(contents.ICON_ICO) as ico:
        assert ico.format == "ICO"
        assert ico.info["sizes"] == {(size, size) for size in make_icons.ICO_SIZES}
        ico.size = (16, 16)  # Pillow's way to pick one frame of an .ico
        small = ico.convert("RGBA")
    with Image.open(contents.hicolor_png(16)) as drawn:
        assert ImageChops.difference(small, drawn.convert("RGBA")).getbbox() is None, "not a scaled-down 256 px"


def test_icns_holds_the_macos_sizes_up_to_1024() -> None:
    with Image.open(contents.ICON_ICNS) as icns:
        assert icns.format == "ICNS"
        assert icns.size == (1024, 1024)
        pixels = {width * scale for width, _, scale in icns.info["sizes"]}
    assert set(make_icons.ICNS_SIZES) <= pixels
