"""Shaded blocks (a lesson's quote, a choice's feedback, an explanation) hold any Markdown the renderer makes."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PIL import Image
from test_pdf_support import export_pdf, pdf_text

from authoring.export.pdf.document import MARGIN_X

# Each kind of flowable the Markdown renderer makes, and a word that must reach the page from it.
CONTENTS = {
    "list": ("- alpha item\n- beta item", "beta item"),
    "ordered list": ("1. alpha step\n2. beta step", "beta step"),
    "nested list": ("- outer item\n  - inner item\n    - innermost item", "innermost item"),
    "image": ("![A tiny picture](assets/tiny.png)", "A tiny picture"),
    "image in a list": ("- ![Listed picture](assets/tiny.png)", "Listed picture"),
    "table": ("| Head one | Head two |\n|---|---|\n| cell one | cell two |", "cell two"),
    "code": ("```\nprint('code line')\n```", "print('code line')"),
    "quote in a quote": ("> inner quoted words", "inner quoted words"),
    "heading": ("### Small heading", "Small heading"),
    "rule": ("before the rule\n\n---\n\nafter the rule", "after the rule"),
}


def drawn_images(path: Path) -> int:
    """How many times an image is drawn (pdfimages lists each drawing, pypdf each image once a page)."""
    listing = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True).stdout
    return len(listing.splitlines()) - 2


def quoted(markdown: str, indent: str = "") -> str:
    return "\n".join(f"{indent}> {line}".rstrip() for line in ["Opening words.", "", *markdown.splitlines()])


def course(folder: Path, markdown: str) -> Path:
    (folder / "assets").mkdir(exist_ok=True)
    Image.new("RGB", (40, 30), "teal").save(folder / "assets" / "tiny.png")
    explanation = "\n".join(["Explanation: Because.", "", *markdown.splitlines()])
    source = folder / "course.md"
    source.write_text(
        "---\ntitle: Blocks\n---\n\n# Lesson: Quoted\n\n" + quoted(markdown) + "\n\n"
        "# Quiz: Checked\n\n## Which one?\n\n- [x] This one\n" + quoted(markdown, "  ") + "\n- [ ] That one\n\n"
        + explanation + "\n",
        encoding="utf-8")
    return source


@pytest.mark.parametrize("edition", ["learner", "reviewer"])
@pytest.mark.parametrize("kind", list(CONTENTS))
def test_every_kind_of_content_prints_inside_a_block(tmp_path: Path, kind: str, edition: str) -> None:
    markdown, expected = CONTENTS[kind]
    target = tmp_path / "blocks.pdf"
    export_pdf(course(tmp_path, markdown), target, edition=edition)
    text = pdf_text(target)
    # The lesson's quote in both editions; the feedback and the explanation in the reviewer's too.
    assert text.count(expected) == (3 if edition == "reviewer" else 1)
    if "image" in kind:
        assert drawn_images(target) == (3 if edition == "reviewer" else 1)


def test_a_long_list_in_a_quote_splits_across_pages(tmp_path: Path) -> None:
    items = "\n".join(f"- listed point {n}" for n in range(150))
    target = tmp_path / "long.pdf"
    export_pdf(course(tmp_path, items), target, edition="reviewer")
    text = pdf_text(target)
    assert all(text.count(f"listed point {n} ") == 3 for n in (0, 75, 148))


def test_an_image_in_a_block_is_centred_in_it(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    Image.new("RGB", (60, 40), (255, 0, 0)).save(tmp_path / "assets" / "red.png")
    source = tmp_path / "course.md"
    source.write_text("---\ntitle: Centred\n---\n\n# Lesson: Quoted\n\n> ![](assets/red.png)\n", encoding="utf-8")
    target = tmp_path / "centred.pdf"
    export_pdf(source, target)
    subprocess.run(["pdftoppm", "-png", "-r", "72", "-f", "3", "-l", "3", str(target), str(tmp_path / "page")],
                   check=True)
    page = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
    red = [x for x in range(page.width) for y in range(0, page.height, 4)
           if page.getpixel((x, y)) == (255, 0, 0)]
    assert red
    # The quote's text column runs from its padding (10 pt) to its right padding (8 pt) inside the margins.
    left, right = MARGIN_X + 10, page.width - MARGIN_X - 8
    assert abs((min(red) + max(red)) / 2 - (left + right) / 2) < 3
