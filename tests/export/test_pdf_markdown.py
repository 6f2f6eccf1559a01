"""Lesson Markdown becomes real PDF structure: lists, tables, code, links, images and rules."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader
from reportlab.platypus import ListFlowable, Paragraph, Table
from reportlab.platypus.flowables import HRFlowable
from test_pdf_support import export_pdf, pdf_text, pdffonts, words_by_page

from authoring.export.pdf import markdown_flowables
from authoring.export.pdf.blocks import Block
from authoring.export.pdf.flowables import CodeBlock, Para
from authoring.export.pdf.fonts import load_fonts
from authoring.export.pdf.markdown_flowables import FittedImage, MarkdownRenderer
from authoring.export.pdf.styles import make_styles
from authoring.export.pdf.table_columns import FittedTable

SAMPLES = Path(__file__).resolve().parents[2] / "sample_courses"


def renderer(source_dir: Path) -> MarkdownRenderer:
    return MarkdownRenderer(make_styles(load_fonts(set(), None, "en")), source_dir)


def write_course(folder: Path, body: str) -> Path:
    course = folder / "course.md"
    course.write_text(f"---\ntitle: Markdown\n---\n\n# Lesson: Markdown\n\n{body}\n", encoding="utf-8")
    return course


def export_with_image(folder: Path, name: str, size: tuple[int, int], colour: str, body: str) -> Path:
    """The PDF of a course showing ``body``, with a plain image ``assets/name`` beside it."""
    (folder / "assets").mkdir()
    Image.new("RGB", size, colour).save(folder / "assets" / name)
    target = folder / f"{Path(name).stem}.pdf"
    export_pdf(write_course(folder, body), target)
    return target


def test_blocks_become_the_matching_flowables(tmp_path: Path) -> None:
    flowables = renderer(tmp_path).render(
        "Text **bold**.\n\n1. one\n2. two\n   - nested\n\n> quoted\n\n```\ncode\n```\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n---\n")
    kinds = [type(flowable) for flowable in flowables]
    assert kinds == [Para, ListFlowable, Block, CodeBlock, FittedTable, HRFlowable]
    ordered = flowables[1]
    assert isinstance(ordered, ListFlowable)
    nested = [child for item in ordered._flowables for child in getattr(item, "_flowables", [])]
    assert any(isinstance(child, ListFlowable) for child in nested)
    table = flowables[4]
    assert isinstance(table, Table) and table.repeatRows == 1


def test_inline_markup_escapes_the_authors_text(tmp_path: Path) -> None:
    markup = renderer(tmp_path).inline('**bold** *it* `a<b>&c` <b>raw</b> & "q"')
    assert markup.startswith("<b>bold</b> <i>it</i> ")
    assert "a&lt;b&gt;&amp;c" in markup
    assert markup.endswith('&lt;b&gt;raw&lt;/b&gt; &amp; &quot;q&quot;')
    Paragraph(markup, make_styles(load_fonts(set(), None, "en")).body)  # reportlab accepts it


def test_links_are_clickable_and_print_their_address(tmp_path: Path) -> None:
    target = tmp_path / "tour.pdf"
    export_pdf(SAMPLES / "feature-tour" / "course.md", target)
    assert "links (https://commonmark.org)" in pdf_text(target)
    uris = [annotation.get_object()["/A"]["/URI"] for page in PdfReader(target).pages
            for annotation in page.get("/Annots", []) if "/A" in annotation.get_object()]
    assert "https://commonmark.org" in uris


def test_a_bare_address_is_not_printed_twice(tmp_path: Path) -> None:
    target = tmp_path / "auto.pdf"
    export_pdf(write_course(tmp_path, "See <https://example.org/x> now."), target)
    assert "See https://example.org/x now." in pdf_text(target)


def test_long_code_lines_wrap_inside_the_page(tmp_path: Path) -> None:
    long_line = "value = compute(" + ", ".join(f"argument_{n}" for n in range(60)) + ")"
    unbroken = "x" * 400
    target = tmp_path / "code.pdf"
    export_pdf(write_course(tmp_path, f"```python\n{long_line}\n{unbroken}\n\tindented\n```"), target)
    text = re.sub(r"\s|\u21aa", "", pdf_text(target))
    assert re.sub(r"\s", "", long_line) in text
    assert unbroken in text
    bbox = subprocess.run(["pdftotext", "-bbox", str(target), "-"], capture_output=True, text=True,
                          check=True).stdout
    page_width = float(re.search(r'<page width="([\d.]+)"', bbox).group(1))  # type: ignore[union-attr]
    right_edges = [float(x) for x in re.findall(r'xMax="([\d.]+)"', bbox)]
    assert max(right_edges) < page_width - 50  # inside the right margin


def test_a_long_table_repeats_its_header_on_every_page(tmp_path: Path) -> None:
    rows = "\n".join(f"| row {n} | some text in row {n} |" for n in range(150))
    target = tmp_path / "table.pdf"
    export_pdf(write_course(tmp_path, f"| Header one | Header two |\n|---|---|\n{rows}"), target)
    pages = PdfReader(target).pages
    table_pages = [page.extract_text() for page in pages if "row 1" in page.extract_text()
                   or "row 149" in page.extract_text()]
    assert len(table_pages) >= 3
    for text in table_pages:
        assert "Header one" in text
    assert "row 149" in pdf_text(target)


@pytest.mark.parametrize("where", ["lesson", "quote"])
def test_a_table_column_is_never_narrower_than_its_longest_word(tmp_path: Path, where: str) -> None:
    """Columns share the width by how much they hold, but a short column keeps room for its words whole."""
    rows = "\n".join(f"| R-{n:03d} | Singapore | Australia | Duration of contract plus six years, then review |"
                     f" Secure delete and certificate of destruction | HR & Payroll |" for n in range(1, 13))
    header = "| Ref | Region | Country | Retention period | Disposal method | Owner |\n|---|---|---|---|---|---|"
    table = f"{header}\n{rows}"
    if where == "quote":
        table = "\n".join(f"> {line}" for line in table.splitlines())
    target = tmp_path / "columns.pdf"
    export_pdf(write_course(tmp_path, table), target)
    words = pdf_text(target).split()
    assert [f"R-{n:03d}" for n in range(1, 13)] == [word for word in words if word.startswith("R-")]
    assert words.count("Singapore") == words.count("Australia") == words.count("Payroll") == 12


def test_a_long_list_and_a_long_quote_flow_across_pages(tmp_path: Path) -> None:
    items = "\n".join(f"- point {n}" for n in range(120))
    quote = "\n>\n".join(f"> quoted paragraph {n} with some words." for n in range(90))
    target = tmp_path / "long.pdf"
    export_pdf(write_course(tmp_path, f"{items}\n\n{quote}"), target)
    text = pdf_text(target)
    assert "point 119" in text and "quoted paragraph 89 with some words." in text


def test_images_fit_the_text_width_and_keep_their_alt_text(tmp_path: Path) -> None:
    target = export_with_image(tmp_path, "wide.png", (4000, 600), "navy", "![A very wide navy banner](assets/wide.png)")
    assert "A very wide navy banner" in pdf_text(target)
    picture = FittedImage.__new__(FittedImage)
    FittedImage.__init__(picture, None, 3000.0, 450.0)  # type: ignore[arg-type]
    width, height = picture.wrap(450, 700)
    assert width == pytest.approx(450) and height == pytest.approx(67.5)


def test_the_sample_image_is_embedded_with_its_alt_text(tmp_path: Path) -> None:
    target = tmp_path / "sample.pdf"
    export_pdf(SAMPLES / "customer-focus" / "course.md", target)
    assert any(page.images for page in PdfReader(target).pages)
    assert "Three customer figures: two stay, and one moves on" in pdf_text(target)


def test_an_svg_prints_as_vector_shapes_fitted_to_the_width(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "diagram.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="400">'
        '<rect width="2000" height="400" fill="#008000"/></svg>', encoding="utf-8")
    (tmp_path / "assets" / "broken.svg").write_text("<svg", encoding="utf-8")
    target = tmp_path / "svg.pdf"
    steps = export_pdf(write_course(tmp_path, "![A wide green diagram](assets/diagram.svg)\n\n"
                                              "![A broken one](assets/broken.svg)"), target)
    assert "A wide green diagram" in pdf_text(target)
    assert not any(page.images for page in PdfReader(target).pages)  # shapes, not a picture
    assert [step.message for step in steps if "could not be read" in step.message] == [
        "warning: image 'assets/broken.svg' could not be read (ValueError); its alt text is printed instead"]
    subprocess.run(["pdftoppm", "-png", "-r", "30", "-f", "3", "-l", "3", "-singlefile", str(target),
                    str(tmp_path / "page")], check=True)
    with Image.open(tmp_path / "page.png") as page:
        green = [x for x in range(page.width) if page.convert("RGB").getpixel((x, page.height // 6)) == (0, 128, 0)]
    text_width = page.width * (1 - 2 * 22 / 210)  # A4 less 22 mm margins
    assert green and max(green) - min(green) == pytest.approx(text_width, abs=3)


def test_text_in_an_svg_prints_in_embedded_fonts(tmp_path: Path) -> None:
    """svglib draws SVG text in Helvetica, Times or Courier, which a PDF names but does not hold."""
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "chart.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="120">'
        '<text x="10" y="30" font-size="16">Board</text>'
        '<text x="10" y="60" font-family="serif" font-weight="bold">Audit</text>'
        '<text x="10" y="90" font-family="monospace" font-style="italic">Légal</text></svg>', encoding="utf-8")
    target = tmp_path / "svg-text.pdf"
    export_pdf(write_course(tmp_path, "![An organisation chart](assets/chart.svg)"), target)
    assert {"Board", "Audit", "Légal"} <= set(pdf_text(target).split())
    fonts = pdffonts(target)
    assert [font["name"] for font in fonts if font["emb"] != "yes"] == []
    assert any(font["name"].endswith("-Bold") for font in fonts)


def test_an_unreadable_image_prints_its_alt_text_and_warns(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "broken.png").write_bytes(b"not a png")
    target = tmp_path / "broken.pdf"
    steps = export_pdf(write_course(tmp_path, "![The missing chart](assets/broken.png)"), target)
    assert "The missing chart" in pdf_text(target)
    assert any("'assets/broken.png' could not be read" in step.message for step in steps)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \t\n\r\x00-+=.)1234567890abcXYZ:;,'\"é日*_`[]<>!&#|~\\", max_size=30))
def test_plain_text_shortcut_gives_what_the_parser_gives(text: str) -> None:
    """Text without Markdown punctuation skips the parser; the result must not differ."""
    fast = renderer(Path.cwd())
    slow = renderer(Path.cwd())
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(markdown_flowables, "_PLAIN", re.compile(r"(?!)"))
        slow_blocks = [getattr(flowable, "text", None) for flowable in slow.render(text)]
        slow_inline = slow.inline(text) if "\n" not in text else None
    assert [getattr(flowable, "text", None) for flowable in fast.render(text)] == slow_blocks
    if slow_inline is not None:
        assert fast.inline(text) == slow_inline


@pytest.mark.parametrize("start", [0, 1, 7, 10])
def test_an_ordered_list_keeps_the_authors_first_number(tmp_path: Path, start: int) -> None:
    target = tmp_path / "ordered.pdf"
    export_pdf(write_course(tmp_path, f"{start}. alpha\n{start + 1}. beta\n{start + 2}. gamma"), target)
    assert f"{start}. alpha {start + 1}. beta {start + 2}. gamma" in pdf_text(target)


def test_a_photo_prints_upright_by_its_exif_orientation(tmp_path: Path) -> None:
    """A phone stores a portrait photo sideways with an Orientation tag (6: turn it right to view it)."""
    upright = Image.new("RGB", (100, 200), "blue")
    upright.paste((255, 0, 0), (0, 0, 100, 100))  # red on top
    (tmp_path / "assets").mkdir()
    exif = Image.Exif()
    exif[0x0112] = 6
    upright.transpose(Image.Transpose.ROTATE_90).save(tmp_path / "assets" / "photo.jpg", exif=exif)
    target = tmp_path / "photo.pdf"
    export_pdf(write_course(tmp_path, "![A portrait photo](assets/photo.jpg)"), target)
    listing = subprocess.run(["pdfimages", "-list", str(target)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2].split()
    width, height, x_ppi, y_ppi = int(listing[3]), int(listing[4]), int(listing[12]), int(listing[13])
    assert (width, height) == (100, 200)
    assert x_ppi == y_ppi  # drawn in the upright proportions, not squeezed into the sideways ones
    subprocess.run(["pdfimages", "-png", str(target), str(tmp_path / "out")], check=True)
    printed = Image.open(tmp_path / "out-000.png").convert("RGB")
    red, _, blue = printed.getpixel((50, 20))  # type: ignore[misc]
    assert red > 200 and blue < 60
    red, _, blue = printed.getpixel((50, 180))  # type: ignore[misc]
    assert blue > 200 and red < 60


def test_link_addresses_print_as_the_author_wrote_them_and_still_work(tmp_path: Path) -> None:
    target = tmp_path / "links.pdf"
    export_pdf(write_course(tmp_path, "See [Straße](https://de.wikipedia.org/wiki/Straße), "
                                      "[space](<https://example.com/a b>), [path](https://example.jp/パス), "
                                      "[query](https://example.com/?a=1&b=2) and <https://example.org/café>."),
               target)
    text = pdf_text(target)
    assert "Straße (https://de.wikipedia.org/wiki/Straße)" in text
    assert "space (https://example.com/a b)" in text
    assert "path (https://example.jp/パス)" in text
    assert "query (https://example.com/?a=1&b=2)" in text
    assert "and https://example.org/café." in text  # a bare address once, as typed
    assert "%" not in text
    uris = {annotation.get_object()["/A"]["/URI"] for page in PdfReader(target).pages
            for annotation in page.get("/Annots", []) if "/A" in annotation.get_object()}
    assert {"https://de.wikipedia.org/wiki/Stra%C3%9Fe", "https://example.com/a%20b",
            "https://example.jp/%E3%83%91%E3%82%B9", "https://example.org/caf%C3%A9"} <= uris


@pytest.mark.parametrize("label", ["", " and its words"])
def test_an_image_inside_a_link_prints_with_the_address(tmp_path: Path, label: str) -> None:
    target = export_with_image(tmp_path, "logo.png", (120, 60), "purple",
                               f"Before. [![The company logo](assets/logo.png){label}]"
                               "(https://example.com/home) After.")
    text = pdf_text(target)
    assert "Before." in text and "After." in text
    assert "The company logo" in text
    assert "https://example.com/home" in text
    if label:
        assert "and its words" in text
    assert sum(len(page.images) for page in PdfReader(target).pages) == 1
    uris = [annotation.get_object()["/A"]["/URI"] for page in PdfReader(target).pages
            for annotation in page.get("/Annots", []) if "/A" in annotation.get_object()]
    assert uris.count("https://example.com/home") >= 2  # the picture and the printed address


def test_an_image_inside_a_link_in_a_title_prints_its_alt_text_and_address(tmp_path: Path) -> None:
    markup = renderer(tmp_path).inline("Go [![home icon](assets/i.png)](https://example.com/)")
    assert "[home icon]" in markup and "https://example.com/" in markup


def test_a_caption_keeps_its_space_before_the_next_paragraph(tmp_path: Path) -> None:
    target = export_with_image(tmp_path, "pic.png", (120, 60), "olive",
                               "![Captionword here](assets/pic.png)\n\nNextword follows.")
    words = {word: (top, bottom) for _, page in words_by_page(target) for word, top, bottom in page}
    assert words["Nextword"][0] - words["Captionword"][1] >= 8  # the caption style's space after
