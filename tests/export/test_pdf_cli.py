"""``authoring export --format pdf`` from the command line, as a user or CI runs it."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_pdf_support import pdf_text

from authoring.cli import main


def test_cli_exports_the_reviewer_edition(sample_course: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "review.pdf"
    code = main(["export", str(sample_course), "--format", "pdf", "--edition", "reviewer", "--page-size", "letter",
                 "--date", "2026-02-03", "-o", str(target)])
    out = capsys.readouterr().out
    assert code == 0
    assert "[4/4] Wrote review.pdf" in out and "Exported PDF to" in out
    text = pdf_text(target)
    assert "Reviewer edition with answer key" in text and "2026-02-03" in text
    assert "\u2713 correct answer" in text


def test_cli_default_is_the_learner_handout(sample_course: Path, tmp_path: Path) -> None:
    target = tmp_path / "handout.pdf"
    assert main(["export", str(sample_course), "--format", "pdf", "-o", str(target)]) == 0
    text = pdf_text(target)
    assert "Learner handout" in text and "correct answer" not in text


def test_cli_prints_font_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    course = tmp_path / "course.md"
    course.write_text("---\ntitle: Glyphs\n---\n\n# Lesson: Hieroglyphs\n\nAn owl: \U00013153.\n", encoding="utf-8")
    assert main(["export", str(course), "--format", "pdf", "--font", "Nonexistent Sans",
                 "-o", str(tmp_path / "g.pdf")]) == 0
    out = capsys.readouterr().out
    assert "warning: the font 'Nonexistent Sans' is not installed" in out
    assert "warning: no font in use has glyphs for 1 character(s)" in out
