"""What is drawn the quick way looks exactly like what reportlab draws the usual way: same words, same
places, same pixels, same page breaks.  A paragraph's lead-in ("Feedback:") and correct-answer mark drawn
beside its text, plain text made into a fragment without the parser, choice markers drawn once as forms."""

from __future__ import annotations

import re
import subprocess
from functools import partial
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader
from reportlab.lib.pagesizes import A5
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer

from authoring.export.pdf.blocks import Block
from authoring.export.pdf.document import CourseCanvas
from authoring.export.pdf.editions import CHOICE_LOOK, CORRECT_MARK
from authoring.export.pdf.flowables import Label, PageBook, Para, choice_marker, hex_color
from authoring.export.pdf.fonts import FontSet, load_fonts
from authoring.export.pdf.run_paragraph import Run, RunPara
from authoring.export.pdf.styles import CORRECT, MUTED, Styles, make_styles

WORDS = ["customer", "focus", "means", "listening", "to", "feedback", "and", "adapting", "products", "messages",
         "delivery", "so", "that"]


@pytest.fixture(scope="module")
def styles() -> Styles:
    fonts: FontSet = load_fonts(set("".join(WORDS) + CORRECT_MARK + "Feedback:" + "x/.-"), None, "en")
    return make_styles(fonts)


def lead(styles: Styles) -> Run:
    return Run("Feedback:", styles.fonts.body.styles["italic"], MUTED, "<i>Feedback:</i>")


def mark(styles: Styles) -> Run:
    text = CORRECT_MARK.replace(" ", "\u00a0")
    return Run(text, styles.fonts.body.styles["bold"], CORRECT,
               f'<font color="{hex_color(CORRECT)}"><b>{text}</b></font>')


def texts(count: int) -> list[str]:
    """Texts of every length from one word to ``count``, so lines end at every place."""
    return [" ".join(WORDS[(n + i) % len(WORDS)] for i in range(n + 1)) for n in range(count)]


def build(flowables: list[Flowable], target: Path, styles: Styles | None = None) -> Path:
    """``flowables`` as a PDF; with ``styles``, on the exporter's canvas, which draws shared forms."""
    document = SimpleDocTemplate(str(target), pagesize=A5, invariant=1)
    if styles is None:
        document.build(flowables)
    else:
        document.build(flowables, canvasmaker=partial(CourseCanvas, book=PageBook(), form_keys=[], styles=styles))
    return target


def words(pdf: Path) -> list[tuple[int, str, tuple[float, ...]]]:
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    found = []
    for page, body in enumerate(re.findall(r"<page .*?</page>", bbox, re.S)):
        for x0, y0, x1, y1, word in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', body):
            found.append((page, word, tuple(round(float(v), 2) for v in (x0, y0, x1, y1))))
    return found


def assert_same_pages(ours: Path, mixed: Path, folder: Path) -> None:
    assert words(ours) == words(mixed)
    for name, pdf in (("ours", ours), ("mixed", mixed)):
        subprocess.run(["pdftoppm", "-png", "-r", "72", str(pdf), str(folder / name)], check=True)
    pictures = sorted(folder.glob("ours*.png"))
    assert pictures and len(pictures) == len(list(folder.glob("mixed*.png")))
    for picture in pictures:
        with Image.open(picture) as a, Image.open(folder / picture.name.replace("ours", "mixed")) as b:
            assert ImageChops.difference(a.convert("RGB"), b.convert("RGB")).getbbox() is None, picture.name


def test_feedback_with_its_lead_in_matches_the_mixed_paragraph(styles: Styles, tmp_path: Path) -> None:
    ours = [RunPara(text, styles.feedback, lead=lead(styles)) for text in texts(60)]
    mixed = [Para(f"<i>Feedback:</i> {text}", styles.feedback) for text in texts(60)]
    assert_same_pages(build(list(ours), tmp_path / "ours.pdf", styles), build(list(mixed), tmp_path / "mixed.pdf"),
                      tmp_path)
    assert all(paragraph._separate for paragraph in ours)  # drawn the quick way, not mixed after all
    forms = {name for page in PdfReader(tmp_path / "ours.pdf").pages
             for name in page["/Resources"].get("/XObject", {})}
    assert len(forms) == 1  # "Feedback:" drawn once, as a form every paragraph shows


def test_correct_mark_matches_the_mixed_paragraph_where_it_fits_shrinks_or_wraps(styles: Styles,
                                                                                 tmp_path: Path) -> None:
    ours = [RunPara(text, styles.choice, tail=mark(styles)) for text in texts(60)]
    mixed = [Para(f"{text}  {mark(styles).markup}", styles.choice) for text in texts(60)]
    assert_same_pages(build(list(ours), tmp_path / "ours.pdf", styles), build(list(mixed), tmp_path / "mixed.pdf"),
                      tmp_path)
    separate = [paragraph._separate for paragraph in ours]
    assert any(separate) and not all(separate)  # some marks go to a line of their own: those are mixed


def test_marked_up_text_a_long_first_word_and_a_page_break_inside_fall_back_to_the_mixed_paragraph(
        styles: Styles, tmp_path: Path) -> None:
    long_word = "x" * 70
    long_text = " ".join(texts(40)[-1].split() * 4)
    cases = [("<b>bold</b> and plain", lead(styles), None), (long_word + " then words", lead(styles), None),
             (long_text, lead(styles), mark(styles))]
    ours: list[Flowable] = [Spacer(1, 420)]
    mixed: list[Flowable] = [Spacer(1, 420)]
    for text, first, last in cases:
        ours.append(RunPara(text, styles.feedback, lead=first, tail=last))
        markup = (f"{first.markup} " if first else "") + text + (f" {last.markup}" if last else "")
        mixed.append(Para(markup, styles.feedback))
    assert_same_pages(build(ours, tmp_path / "ours.pdf"), build(mixed, tmp_path / "mixed.pdf"), tmp_path)
    assert len({page for page, _, _ in words(tmp_path / "ours.pdf")}) > 1
    assert "Feedback:" in [word for _, word, _ in words(tmp_path / "ours.pdf")]


@pytest.mark.parametrize("text", ["plain words", "  spaced   out\n over\n\n lines  ", "ünïcödé · ✓", "x"])
def test_text_without_markup_gets_the_fragment_reportlabs_parser_makes(styles: Styles, text: str) -> None:
    ours, parsed = Para(text, styles.feedback), Paragraph(text, styles.feedback)
    assert [frag.__dict__ for frag in ours.frags] == [frag.__dict__ for frag in parsed.frags]
    assert ours.text == parsed.text
    assert ours.wrap(120, 500) == parsed.wrap(120, 500)
    assert ours.blPara.lines == parsed.blPara.lines


def test_text_with_markup_or_entities_is_still_parsed(styles: Styles) -> None:
    assert len(Para("a <b>bold</b> word", styles.body).frags) == 3
    assert "".join(frag.text for frag in Para("fish &amp; chips", styles.body).frags) == "fish & chips"


def test_choice_markers_drawn_once_as_forms_look_like_markers_drawn_in_place(styles: Styles, tmp_path: Path) -> None:
    def choices() -> list[Flowable]:
        return [Block([Para(f"choice {letter}", styles.choice)], CHOICE_LOOK,
                      choice_marker(square=square, checked=checked, letter=letter, font=styles.body_font,
                                    font_size=styles.choice.fontSize))
                for square in (False, True) for checked in (False, True) for letter in ("A", "B", "27")] * 6

    ours, plain = build(choices(), tmp_path / "ours.pdf", styles), build(choices(), tmp_path / "mixed.pdf")
    assert_same_pages(ours, plain, tmp_path)
    forms = [name for page in PdfReader(ours).pages
             for name in page["/Resources"].get("/XObject", {}) if "mk" in name]
    assert len(set(forms)) == 12 < len(forms)  # one form per kind of marker, shared by the pages


def test_shared_labels_drawn_once_as_forms_look_like_labels_drawn_in_place(styles: Styles, tmp_path: Path) -> None:
    def labels(shared: bool) -> list[Flowable]:
        kinds = (("Choose one answer.", styles.hint), ("Explanation", styles.box_title))
        return [flowable for _ in range(40) for text, style in kinds
                for flowable in (Label([(text, None), ("   ID q-1", MUTED)], style, shared=shared),
                                 Para("what the label is kept with", styles.body))]

    ours = build(labels(True), tmp_path / "ours.pdf", styles)
    assert_same_pages(ours, build(labels(False), tmp_path / "mixed.pdf"), tmp_path)
    forms = {name for page in PdfReader(ours).pages for name in page["/Resources"].get("/XObject", {})}
    assert len(forms) == 2
