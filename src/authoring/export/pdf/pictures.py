"""Pictures in a lesson, as the PDF prints them: fitted to the page, upright, at print resolution.

Bitmaps go through PIL (turned by their EXIF orientation, scaled down when they hold far more
pixels than print needs); SVG becomes reportlab vector shapes through svglib.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from PIL import Image as PILImage
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import standardFonts
from reportlab.platypus import Flowable
from svglib.svglib import svg2rlg

from authoring.export.pdf.fonts import Face, FontSet

IMAGE_MAX_HEIGHT = 300.0
PRINT_DPI = 300
_WIDEST_TEXT = 500.0
"""Points: wider than the text on A4 or Letter, so no fitted image is printed wider than this."""
_SHRINK_BELOW = 0.5
"""Images are kept as they are up to twice the pixels print needs: only a gross excess is worth re-encoding."""
_SIDEWAYS = frozenset({5, 6, 7, 8})
"""EXIF orientations that turn the image a quarter: its upright width is its stored height."""
_T = PILImage.Transpose
_UPRIGHT = {2: _T.FLIP_LEFT_RIGHT, 3: _T.ROTATE_180, 4: _T.FLIP_TOP_BOTTOM, 5: _T.TRANSPOSE, 6: _T.ROTATE_270,
            7: _T.TRANSVERSE, 8: _T.ROTATE_90}
"""How to turn an image stored with each EXIF orientation upright (as PIL's ImageOps.exif_transpose)."""
_EXIF_ORIENTATION = 0x0112


def svg_drawing(path: Path, fonts: FontSet) -> Drawing:
    """An SVG as reportlab vector shapes (svglib), so it prints sharp at any size."""
    drawing = svg2rlg(str(path))
    if drawing is None or not drawing.width or not drawing.height:
        raise ValueError("not an SVG drawing svglib can read")
    # reportlab sets its default Helvetica before any text; an AttrMap attribute the stubs lack.
    drawing.initialFontName = fonts.body.styles["regular"]  # type: ignore[attr-defined]
    _embed_svg_text(drawing, fonts)
    return drawing


def _embed_svg_text(group: Group, fonts: FontSet) -> None:
    """SVG text in the course's embedded fonts, in the weight and slant svglib chose.

    svglib draws text it has no font file for in Helvetica, Times or Courier, which the PDF
    would name without holding them: readers substitute, and archival checks refuse the file.
    """
    for node in group.contents:
        if isinstance(node, Group):
            _embed_svg_text(node, fonts)
        elif isinstance(node, String) and node.fontName in standardFonts:
            name = str(node.fontName)
            bold, italic = "Bold" in name, "Oblique" in name or "Italic" in name
            chain: list[Face] = [fonts.mono] if name.startswith("Courier") else []
            chain += [fonts.body, *fonts.fallbacks]
            face = next((face for face in chain if face.characters.issuperset(node.text)), chain[0])
            node.fontName = face.styles["bold_italic" if bold and italic else "bold" if bold
                                        else "italic" if italic else "regular"]


def printable_image(path: Path) -> tuple[ImageReader, tuple[int, int]]:
    """The image as it is meant to be seen, with no more pixels than print needs, and its upright size.

    Cameras store a portrait photo sideways and say so in EXIF.  An image with far more pixels than
    its fitted size needs at PRINT_DPI (a 10,000-pixel scan) is scaled down: embedded whole it made a
    PDF of hundreds of megabytes and took seconds to compress.
    """
    with warnings.catch_warnings():
        # A large picture is what this function is for: PIL's warning about it would print as if a bug.
        warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
        return _printable(path)


def _printable(path: Path) -> tuple[ImageReader, tuple[int, int]]:
    with PILImage.open(path) as stored:
        orientation = stored.getexif().get(_EXIF_ORIENTATION, 1)
        width, height = stored.size[::-1] if orientation in _SIDEWAYS else stored.size
        factor = _print_factor(width, height)
        if orientation not in _UPRIGHT and factor >= _SHRINK_BELOW:
            return ImageReader(str(path)), (width, height)  # reportlab embeds a JPEG's own bytes: no re-encoding
        picture: PILImage.Image = stored
        if factor < _SHRINK_BELOW:  # shrunk before it is turned: a quarter turn of the full image is costly
            wanted = (max(1, round(stored.width * factor)), max(1, round(stored.height * factor)))
            if stored.format == "JPEG":
                stored.draft("RGB", wanted)  # decodes at a fraction of the size: far less time and memory
            if stored.mode not in ("RGB", "RGBA", "L", "LA"):  # a palette would resize by nearest pixel
                picture = stored.convert("RGBA" if stored.has_transparency_data else "RGB")
            picture = picture.resize(wanted, PILImage.Resampling.LANCZOS, reducing_gap=3.0)
        if orientation in _UPRIGHT:
            picture = picture.transpose(_UPRIGHT[orientation])
        if stored.format != "JPEG":
            return ImageReader(picture), (width, height)
    # Turned or shrunk photos stay JPEGs: as raw pixels a phone photo would take tens of megabytes.
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=92)
    buffer.seek(0)
    return ImageReader(buffer), (width, height)


def _print_factor(width: int, height: int) -> float:
    """How many of the image's pixels, per pixel, the largest fitted size needs at PRINT_DPI."""
    scale = min(1.0, _WIDEST_TEXT / (width * 0.75), IMAGE_MAX_HEIGHT / (height * 0.75))
    return 0.75 * scale * PRINT_DPI / 72  # natural size is 0.75 pt a pixel (96 dpi), fitted by ``scale``


class FittedImage(Flowable):
    """An image at its natural size (96 dpi), scaled down to fit the width and a height limit."""

    def __init__(self, reader: ImageReader | None, width: float, height: float, href: str = "") -> None:
        super().__init__()
        self.reader, self.natural, self.href = reader, (width, height), href
        self.hAlign = "CENTER"

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        width, height = self.natural
        scale = min(1.0, available_width / width, IMAGE_MAX_HEIGHT / height)
        self.width, self.height = width * scale, height * scale
        return self.width, self.height

    def draw(self) -> None:
        self.canv.drawImage(self.reader, 0, 0, self.width, self.height, mask="auto")
        if self.href:
            self.canv.linkURL(self.href, (0, 0, self.width, self.height), relative=1)


class FittedDrawing(FittedImage):
    """An SVG drawing, fitted like an image and drawn as vector shapes."""

    def __init__(self, drawing: Drawing, href: str = "") -> None:
        super().__init__(None, float(drawing.width), float(drawing.height), href=href)
        self.drawing = drawing

    def draw(self) -> None:
        scale = self.width / self.natural[0]
        self.canv.saveState()
        self.canv.scale(scale, scale)
        renderPDF.draw(self.drawing, self.canv, 0, 0)
        self.canv.restoreState()
        if self.href:
            self.canv.linkURL(self.href, (0, 0, self.width, self.height), relative=1)
