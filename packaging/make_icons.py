"""Render the app icon's SVG into the hicolor PNG sizes, a Windows .ico and a macOS .icns.

Run: ``.venv/bin/python packaging/make_icons.py`` after changing
``resources/icons/io.github.authoring.Authoring.svg``, and commit what it writes.  The results are
committed so that the builds, and Linux packagers, need neither Qt nor Pillow to get an icon;
``tests/packaging`` fails when they no longer match the SVG.

Qt's own SVG renderer draws the PNGs (PySide6 is there already); Pillow packs the .ico and .icns.
Each size is drawn from the SVG at that size rather than scaled down from a big bitmap, so the
16 px icon keeps its edges on whole pixels.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bundle_contents as contents

ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (32, 64, 128, 256, 512, 1024)
"""Pillow's .icns holds these (16 px is drawn from 32 on macOS)."""
_QT_APP: list[object] = []


def render(svg: Path, size: int) -> Image.Image:
    """The SVG drawn at ``size`` x ``size`` pixels."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    if QGuiApplication.instance() is None:
        _QT_APP.append(QGuiApplication([]))  # kept alive for the next size
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not an SVG Qt can draw")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    # Straight (not premultiplied) ARGB32 is BGRA in memory on the little-endian machines Qt runs on.
    straight = image.convertToFormat(QImage.Format.Format_ARGB32)
    pixels = bytes(straight.constBits())[: size * size * 4]
    return Image.frombuffer("RGBA", (size, size), pixels, "raw", "BGRA", 0, 1).copy()


def make_icons(svg: Path = contents.ICON_SVG) -> list[Path]:
    sizes = sorted({*contents.ICON_SIZES, *ICO_SIZES, *ICNS_SIZES})
    images = {size: render(svg, size) for size in sizes}
    written = []
    for size in contents.ICON_SIZES:
        target = contents.hicolor_png(size)
        target.parent.mkdir(parents=True, exist_ok=True)
        images[size].save(target, optimize=True)
        written.append(target)
    largest_ico = images[max(ICO_SIZES)]
    largest_ico.save(contents.ICON_ICO, sizes=[(size, size) for size in ICO_SIZES],
                     append_images=[images[size] for size in ICO_SIZES])
    images[max(ICNS_SIZES)].save(contents.ICON_ICNS, append_images=[images[size] for size in ICNS_SIZES])
    return [*written, contents.ICON_ICO, contents.ICON_ICNS]


if __name__ == "__main__":
    for path in make_icons():
        print(path.relative_to(contents.REPO))
