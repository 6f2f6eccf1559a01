"""Without DejaVu or Noto (or with a font that cannot be used), the PDF still prints, and says so once."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.platypus import ListFlowable
from test_pdf_support import export_pdf, pdf_text, pdffonts

from authoring.export.pdf import fonts as font_lookup
from authoring.export.pdf.fonts import load_fonts
from authoring.export.pdf.markdown_flowables import MarkdownRenderer
from authoring.export.pdf.styles import make_styles

COURSE = """\
---
title: Fallback
language: en
---

# Lesson: Scripts

Cyrillic Ж, a smile 😀 and Devanagari नमस्ते.

- one
  - two
    - three

# Quiz: Check

## Which?

- [x] This one
- [ ] That one

Explanation: Because.
"""


@pytest.fixture
def course(tmp_path: Path) -> Path:
    (tmp_path / "course.md").write_text(COURSE, encoding="utf-8")
    return tmp_path / "course.md"


@pytest.fixture
def no_fontconfig_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(font_lookup, "_fc_match", lambda pattern: None)


@pytest.mark.usefixtures("no_fontconfig_fonts")
def test_the_vera_fallback_is_one_warning_naming_what_it_cannot_show(course: Path, tmp_path: Path) -> None:
    steps = export_pdf(course, tmp_path / "vera.pdf", edition="reviewer")
    warnings = [step.message for step in steps if step.message.startswith("warning:")]
    assert len(warnings) == 1, warnings
    [warning] = warnings
    assert "reportlab's Vera" in warning
    assert "Ж (U+0416)" in warning and "\U0001F600 (U+1F600)" in warning and "न (U+0928)" in warning
    # Vera has no U+FFFD: the warning names the mark that is really printed.
    assert "printed as '?'" in warning and "\ufffd" not in warning
    assert any("Vera" in font["name"] for font in pdffonts(tmp_path / "vera.pdf"))


@pytest.mark.usefixtures("no_fontconfig_fonts")
def test_the_layouts_own_marks_are_not_replaced_or_blamed_on_the_author(course: Path, tmp_path: Path) -> None:
    """Vera has no ✓: the answer key says 'correct answer' in words rather than '? correct answer'."""
    steps = export_pdf(course, tmp_path / "vera.pdf", edition="reviewer")
    assert not any("\u2713" in step.message for step in steps)
    text = pdf_text(tmp_path / "vera.pdf")
    assert "This one correct answer" in text
    assert "? correct answer" not in text


@pytest.mark.usefixtures("no_fontconfig_fonts")
def test_nested_list_bullets_are_glyphs_the_font_has(tmp_path: Path) -> None:
    """reportlab draws a bullet the font lacks as an empty box: Vera has • but no ◦ or ▪."""
    fonts = load_fonts(set(), None, "en")
    [outer] = MarkdownRenderer(make_styles(fonts), tmp_path).render("- one\n  - two\n    - three\n      - four\n")
    bullets: list[str] = []
    lists: list[ListFlowable] = [outer]
    while lists:
        flowable = lists.pop()
        bullets.append(flowable._start)  # type: ignore[attr-defined]  # reportlab's bullet of the list
        for item in flowable._flowables:  # type: ignore[attr-defined]
            lists += [inner for inner in item._flowables if isinstance(inner, ListFlowable)]
    assert len(bullets) == 4
    assert all(ord(bullet) in fonts.body.cmap for bullet in bullets), bullets
    assert len(set(bullets[:3])) == 3  # the depths still differ


def test_an_installed_font_that_cannot_be_embedded_falls_back_with_a_warning(course: Path, tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A colour emoji font (Noto Color Emoji) is installed and has no outlines: reportlab refuses it."""
    bitmap_only = tmp_path / "ColourEmoji.ttf"
    bitmap_only.write_bytes(b"\x00\x01\x00\x00" + b"\x00" * 60)  # a TrueType header and no tables
    real_match = font_lookup._fc_match
    monkeypatch.setattr(font_lookup, "_fc_match", lambda pattern: (
        (font_lookup.FontFile(str(bitmap_only)), "Colour Emoji") if pattern.startswith("Colour Emoji")
        else real_match(pattern)))
    steps = export_pdf(course, tmp_path / "out.pdf", font="Colour Emoji")
    assert any("the font 'Colour Emoji' cannot be embedded in a PDF" in step.message for step in steps)
    assert any("DejaVuSans" in font["name"] for font in pdffonts(tmp_path / "out.pdf"))
    assert "Cyrillic Ж" in pdf_text(tmp_path / "out.pdf")
