"""Learner preview (QWebEngineView over the HTML export) and PDF preview (QPdfView)."""

from __future__ import annotations

import html
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from authoring.core.ids import resolve_ids
from authoring.core.model import Course
from authoring.export import registry
from authoring.export.registry import ExportOptions, Progress
from authoring.gui.main_window import MainWindow
from authoring.gui.preview.pdf_preview import ZOOMS, PdfPreview

# The test machine has no GPU: QtWebEngine says so and falls back to software rendering.
pytestmark = pytest.mark.qt_log_ignore("QRhiGles2", "Failed to create RHI", "createPlatformVulkanInstance",
                                       "QVulkanInstance", "GBM is not supported", "GPUInfo")


class FakeHtmlExporter:
    """Writes a player folder as the HTML exporter does: index.html with an anchor per item."""

    name, title, suffix = "html", "HTML", ".zip"

    def __init__(self) -> None:
        self.runs = 0

    def export(self, course: Course, target: Path, options: ExportOptions) -> Iterator[Progress]:
        assert not options.zip
        self.runs += 1
        target.mkdir(parents=True)
        ids = resolve_ids(course)
        sections = "".join(f'<section id="{ids.item(i)}"><h2>{html.escape(item.title)}</h2></section>'
                           for i, item in enumerate(course.items))
        (target / "index.html").write_text(f"<title>{html.escape(course.title)}</title>{sections}", encoding="utf-8")
        yield Progress(1, 1, "player written")


class FakePdfExporter:
    name, title, suffix = "pdf", "PDF", ".pdf"

    def export(self, course: Course, target: Path, options: ExportOptions) -> Iterator[Progress]:
        canvas = Canvas(str(target), pagesize=A4, invariant=1)
        pages = 3 if options.edition == "reviewer" else 2
        for number in range(pages):
            canvas.drawString(72, 720, f"{course.title} {options.edition} page {number + 1}")
            canvas.showPage()
        canvas.save()
        yield Progress(1, 1, "PDF written")


@pytest.fixture
def fakes(monkeypatch: pytest.MonkeyPatch) -> FakeHtmlExporter:
    player = FakeHtmlExporter()
    monkeypatch.setattr(registry, "_EXPORTERS", {"html": player, "pdf": FakePdfExporter()})
    monkeypatch.setattr(registry, "_load_builtin", lambda: None)
    return player


def test_learner_preview_shows_the_exported_player_and_follows_edits(
        qtbot: QtBot, window: MainWindow, sample_course: Path, fakes: FakeHtmlExporter) -> None:
    assert window.files.open_path(sample_course)
    assert window.page is not None and window.document is not None
    window.page.outline.select_target((1,))
    window.window_actions.show_preview.trigger()
    preview = window.page.learner_preview
    assert preview is not None and window.page.previews.isVisible()
    qtbot.waitUntil(lambda: preview.loaded_index is not None, timeout=10000)
    qtbot.waitUntil(lambda: preview.view.title() == "What Is Customer Focus?", timeout=10000)
    assert preview.view.url().fragment() == resolve_ids(window.document.course).item(1)

    window.page.outline.select_target((0,))
    assert preview.view.url().fragment() == resolve_ids(window.document.course).item(0)

    runs = fakes.runs
    settings = window.page.editor.course_editor
    window.page.outline.select_target(())
    settings.title.setFocus()
    settings.title.selectAll()
    qtbot.keyClicks(settings.title, "Fresh title")
    qtbot.waitUntil(lambda: preview.view.title() == "Fresh title", timeout=10000)
    assert fakes.runs == runs + 1  # debounced: one export for the whole word

    preview.phone_button.click()
    assert preview.view.width() == 390
    assert window.context.settings.preview_width == "phone"
    preview.desktop_button.click()
    assert preview.view.maximumWidth() > 390


def shown_pdf_preview(window: MainWindow, course: Path) -> PdfPreview:
    """The PDF preview of ``course``, opened and shown as View › PDF Preview shows it."""
    assert window.files.open_path(course)
    assert window.page is not None
    window.window_actions.show_pdf.trigger()
    preview = window.page.pdf_preview
    assert preview is not None and window.page.previews.currentWidget() is preview
    return preview


def generated_pdf_preview(qtbot: QtBot, window: MainWindow, course: Path) -> PdfPreview:
    """The PDF preview of ``course`` shown, with the learner edition (two pages) made."""
    preview = shown_pdf_preview(window, course)
    preview.generate()
    qtbot.waitUntil(lambda: preview.pdf.pageCount() == 2, timeout=10000)
    return preview


def test_pdf_preview_generates_pages_and_navigates(qtbot: QtBot, window: MainWindow, sample_course: Path,
                                                   fakes: FakeHtmlExporter) -> None:
    preview = generated_pdf_preview(qtbot, window, sample_course)
    assert preview.page_count.text() == "of 2"
    assert preview.status.text() == "2 page(s), learner edition."
    preview.next_button.click()
    assert preview.view.pageNavigator().currentPage() == 1
    assert preview.page.value() == 2
    assert not preview.next_button.isEnabled()
    preview.edition.setCurrentIndex(1)  # the reviewer edition is made at once
    qtbot.waitUntil(lambda: preview.pdf.pageCount() == 3, timeout=10000)
    preview.zoom.setCurrentIndex(preview.zoom.findText("150 %"))
    assert preview.view.zoomFactor() == 1.5


def test_pdf_preview_zooms_by_keyboard_from_the_fitted_size(qtbot: QtBot, window: MainWindow, sample_course: Path,
                                                             fakes: FakeHtmlExporter) -> None:
    preview = generated_pdf_preview(qtbot, window, sample_course)
    assert preview.zoom.currentText() == "Fit width"
    fitted = preview.shown_zoom()
    assert 0.3 < fitted < 2.0
    preview.view.setFocus()
    qtbot.keyClick(preview.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    larger = preview.view.zoomFactor()
    assert preview.zoom.currentData() == larger and larger > fitted
    assert larger == min(factor for _, factor in ZOOMS if factor is not None and factor > fitted * 1.01)
    qtbot.keyClick(preview.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(preview.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert preview.view.zoomFactor() < larger
    for _ in range(len(ZOOMS)):  # down to the smallest size, and no further
        qtbot.keyClick(preview.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert preview.zoom.currentText() == "50 %"


def test_pdf_preview_keeps_its_page_when_zoomed(qtbot: QtBot, window: MainWindow, sample_course: Path,
                                                fakes: FakeHtmlExporter) -> None:
    preview = shown_pdf_preview(window, sample_course)
    preview.edition.setCurrentIndex(1)
    qtbot.waitUntil(lambda: preview.pdf.pageCount() == 3, timeout=10000)
    scroll = preview.view.verticalScrollBar()

    def height() -> int:
        return scroll.maximum() + scroll.pageStep()

    preview.go_to_page(2)
    for zoom in ("200 %", "50 %", "100 %", "Fit page", "Fit width"):
        place = scroll.value() / height()
        preview.zoom.setCurrentIndex(preview.zoom.findText(zoom))
        # The reader stays where they were reading, not where the old scroll offset lands at the new size
        # (as far as the scroll bar goes: at 50 % the last pages share the screen).
        assert scroll.value() == pytest.approx(min(place * height(), scroll.maximum()), abs=2), zoom
        qtbot.waitUntil(lambda: preview.view.pageNavigator().currentPage() == 2)
        assert preview.page.value() == 3


def test_previews_say_so_when_exporters_are_missing(qtbot: QtBot, window: MainWindow, sample_course: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "_EXPORTERS", {})
    monkeypatch.setattr(registry, "_load_builtin", lambda: None)
    assert window.files.open_path(sample_course)
    assert window.page is not None
    window.window_actions.show_preview.trigger()
    assert window.page.learner_preview is not None and window.page.pdf_preview is not None
    assert window.page.learner_preview.pages.currentWidget() is window.page.learner_preview.missing
    assert not window.page.pdf_preview.generate_button.isEnabled()


def test_lxml_is_loaded_before_webengine_brings_in_the_systems_libxml2() -> None:
    # Loaded after WebEngine's GPU set-up has pulled in the system's libxml2 (through the OpenGL driver),
    # lxml binds to that library instead of its own and the next XML Schema it parses can crash.
    code = (
        "import os, sys, tempfile\n"
        "from pathlib import Path\n"
        "from authoring.gui.app import application\n"
        "from authoring.gui.context import EditorContext\n"
        "from authoring.gui.main_window import MainWindow\n"
        "app = application()\n"
        "window = MainWindow(EditorContext.in_folder(Path(tempfile.mkdtemp())))\n"
        "window.files.new_course()\n"
        "window.page.show_previews()\n"
        "names = list(sys.modules)\n"
        "print(names.index('lxml.etree') < names.index('PySide6.QtWebEngineWidgets'), flush=True)\n"
        "os._exit(0)  # the preview's first export may still be running: no orderly shutdown needed here\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.split()[-1] == "True"
