"""The previews and the export dialog with the real exporters: the files learners and LMSs get."""

from __future__ import annotations

import importlib.util
import io
import re
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from stubs import stub_open_url

from authoring.core.ids import resolve_ids
from authoring.core.model import Course
from authoring.export import registry
from authoring.export.registry import Exporter, ExportOptions, Progress
from authoring.gui.dialogs.export_dialog import ExportDialog
from authoring.gui.main_window import MainWindow
from authoring.gui.preview.learner_preview import LearnerPreview

# The test machine has no GPU: QtWebEngine says so and falls back to software rendering.
pytestmark = pytest.mark.qt_log_ignore("QRhiGles2", "Failed to create RHI", "createPlatformVulkanInstance",
                                       "QVulkanInstance", "GBM is not supported", "GPUInfo")

EXPORT_TIMEOUT_MS = 180_000  # the PDF editions take seconds on a busy two-core machine


def scorm_conformance() -> ModuleType:
    """tests/export/scorm_conformance.py, loaded by path: only its own folder puts it on sys.path."""
    path = Path(__file__).resolve().parent.parent / "export" / "scorm_conformance.py"
    spec = importlib.util.spec_from_file_location("scorm_conformance_for_gui", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class CountingExporter:
    """The real exporter, counting its runs."""

    def __init__(self, real: Exporter) -> None:
        self.real = real
        self.name, self.title, self.suffix = real.name, real.title, real.suffix
        self.runs = 0
        self.threads: set[int] = set()

    def export(self, course: Course, target: Path, options: ExportOptions) -> Iterator[Progress]:
        self.runs += 1
        self.threads.add(threading.get_ident())
        yield from self.real.export(course, target, options)


def run_js(qtbot: QtBot, view: Any, script: str) -> Any:
    results: list[Any] = []
    view.page().runJavaScript(script, 0, results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=10_000)
    return results[0]


def page_text(qtbot: QtBot, view: Any) -> str:
    return str(run_js(qtbot, view, "document.querySelector('main') ? document.querySelector('main').innerText : ''"))


@pytest.fixture
def opened(window: MainWindow, sample_course: Path) -> MainWindow:
    assert window.files.open_path(sample_course)
    return window


def test_export_dialog_writes_every_format_for_real(qtbot: QtBot, opened: MainWindow, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    assert opened.document is not None
    counting = {name: CountingExporter(real) for name, real in registry.exporters().items()}
    for name, exporter in counting.items():
        monkeypatch.setitem(registry._EXPORTERS, name, exporter)
    dialog = ExportDialog(opened.document, opened.context.settings, opened)
    qtbot.addWidget(dialog)
    dialog.show()
    for key, box in dialog.boxes.items():
        assert box.isEnabled(), f"{key} is greyed out: its exporter is not registered"
        box.setChecked(True)
    out = tmp_path / "out"
    dialog.folder.setText(str(out))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert not dialog.export_button.isEnabled()  # running
    qtbot.waitUntil(lambda: dialog.export_thread is None, timeout=EXPORT_TIMEOUT_MS)
    assert dialog.errors == []
    ran = {name: exporter.threads for name, exporter in counting.items() if exporter.runs}
    assert sorted(ran) == ["html", "pdf", "scorm12", "scorm2004"]
    assert all(threading.get_ident() not in threads for threads in ran.values())  # off the GUI thread

    names = ["customer-focus-scorm12.zip", "customer-focus-scorm2004.zip", "customer-focus-html.zip",
             "customer-focus-learner.pdf", "customer-focus-reviewer.pdf"]
    assert sorted(p.name for p in out.iterdir()) == sorted(names)
    assert dialog.written == [out / name for name in names]
    assert dialog.progress.value() == dialog.progress.maximum()
    assert dialog.status.text() == f"Done, in {out}:\n" + "\n".join(f"  {name}" for name in names)

    conformance = scorm_conformance()
    for name, version in (("customer-focus-scorm12.zip", "1.2"), ("customer-focus-scorm2004.zip", "2004")):
        package = out / name
        with zipfile.ZipFile(package) as archive:
            assert archive.testzip() is None
            manifest = archive.read("imsmanifest.xml")
        assert conformance.validate_manifest(manifest, version) == [], name
        assert conformance.package_problems(package, version) == [], name
    with zipfile.ZipFile(out / "customer-focus-html.zip") as archive:
        assert archive.testzip() is None
        assert "index.html" in archive.namelist() and "imsmanifest.xml" not in archive.namelist()

    texts = {}
    for edition in ("learner", "reviewer"):
        data = (out / f"customer-focus-{edition}.pdf").read_bytes()
        assert data.startswith(b"%PDF-")
        reader = PdfReader(io.BytesIO(data))
        assert len(reader.pages) > 1
        texts[edition] = "\n".join(page.extract_text() for page in reader.pages)
        assert "What customer focus means" in texts[edition]
    assert "answer key" in texts["reviewer"].casefold() and "answer key" not in texts["learner"].casefold()

    assert dialog.show_folder_button.isVisible() and dialog.open_pdf_button.isVisible()
    opened_urls = stub_open_url(monkeypatch)
    qtbot.mouseClick(dialog.open_pdf_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.show_folder_button, Qt.MouseButton.LeftButton)
    assert [url.toLocalFile() for url in opened_urls] == [str(out / "customer-focus-learner.pdf"), str(out)]

    again = ExportDialog(opened.document, opened.context.settings, opened)  # the last choices are remembered
    qtbot.addWidget(again)
    assert all(box.isChecked() for box in again.boxes.values())
    assert again.folder.text() == str(out)


def test_learner_preview_runs_the_real_player_and_follows_the_outline(
        qtbot: QtBot, opened: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    real = registry.get_exporter("html")
    assert real is not None
    counting = CountingExporter(real)
    monkeypatch.setitem(registry._EXPORTERS, "html", counting)
    assert opened.page is not None and opened.document is not None
    course = opened.document.course
    opened.page.outline.select_target((1,))
    opened.window_actions.show_preview.trigger()
    preview = opened.page.learner_preview
    assert preview is not None
    with qtbot.waitSignal(preview.view.loadFinished, timeout=60_000) as loaded:
        pass
    assert loaded.args == [True]
    lesson = course.items[1].title
    qtbot.waitUntil(lambda: preview.view.title() == f"{lesson} – {course.title}", timeout=20_000)
    assert preview.status.text() == "Up to date"

    quiz = next(i for i, item in enumerate(course.items) if item.kind == "quiz")
    stem = course.items[quiz].questions[2].stem
    opened.page.outline.select_target((quiz, 2))
    assert preview.view.url().fragment() == resolve_ids(course).question(quiz, 2)
    qtbot.waitUntil(lambda: stem in page_text(qtbot, preview.view), timeout=20_000)

    # Typing in a lesson refreshes the preview once, after typing pauses, on the lesson being edited.
    opened.page.outline.select_target((0,))
    editor = opened.page.editor.lesson_editor
    runs = counting.runs
    editor.title.setFocus()
    editor.title.selectAll()
    qtbot.keyClicks(editor.title, "Listening first")
    qtbot.waitUntil(lambda: preview.view.title() == f"Listening first – {course.title}", timeout=30_000)
    assert counting.runs == runs + 1

    preview.phone_button.click()
    assert preview.view.width() == 390
    qtbot.waitUntil(lambda: run_js(qtbot, preview.view, "window.innerWidth") == 390, timeout=10_000)
    preview.desktop_button.click()
    qtbot.waitUntil(lambda: run_js(qtbot, preview.view, "window.innerWidth") > 390, timeout=10_000)
    # Desktop is a laptop's layout even in a narrow pane: the outline beside the lesson, not behind a button.
    assert preview.view.width() < 900
    qtbot.waitUntil(lambda: run_js(qtbot, preview.view, "window.innerWidth") >= 1000, timeout=10_000)
    toggle = "getComputedStyle(document.querySelector('.outline-toggle')).display"
    assert run_js(qtbot, preview.view, toggle) == "none"
    preview.phone_button.click()
    qtbot.waitUntil(lambda: run_js(qtbot, preview.view, "window.innerWidth") == 390, timeout=10_000)
    assert run_js(qtbot, preview.view, toggle) != "none"
    preview.desktop_button.click()
    qtbot.waitUntil(lambda: run_js(qtbot, preview.view, toggle) == "none", timeout=10_000)


def shown_learner_preview(qtbot: QtBot, window: MainWindow) -> LearnerPreview:
    """The learner preview, shown and up to date with the course."""
    assert window.page is not None
    window.window_actions.show_preview.trigger()
    preview = window.page.learner_preview
    assert preview is not None
    qtbot.waitUntil(lambda: preview.status.text() == "Up to date", timeout=60_000)
    return preview


def untick_every_choice_of_the_first_question(window: MainWindow) -> int:
    """Leaves the first quiz's first question with no correct choice, an error; returns the quiz's index."""
    assert window.page is not None and window.document is not None
    quiz = next(i for i, item in enumerate(window.document.course.items) if item.kind == "quiz")
    window.page.outline.select_target((quiz, 0))
    choices = window.page.editor.question_editor.choices
    for row in range(choices.rowCount()):
        choices.setData(choices.index(row, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    return quiz


def test_learner_preview_names_the_errors_that_stop_it(qtbot: QtBot, opened: MainWindow) -> None:
    assert opened.page is not None and opened.document is not None
    preview = shown_learner_preview(qtbot, opened)
    untick_every_choice_of_the_first_question(opened)
    qtbot.waitUntil(lambda: preview.status.text().startswith("Not up to date"), timeout=30_000)
    assert "\n" not in preview.status.text()  # one line in the bar; the exporter's listing in the tooltip
    assert preview.status.toolTip().startswith("Learner preview was not exported, because the course has 1 error(s)")
    assert "course.md:" in preview.status.toolTip()
    assert preview.notice.isVisible() and "The course has 1 error" in preview.notice.text()
    assert preview.width() < opened.width()


def test_after_edits_that_move_lines_a_refusal_names_places(qtbot: QtBot, opened: MainWindow) -> None:
    assert opened.page is not None and opened.document is not None
    preview = shown_learner_preview(qtbot, opened)
    opened.page.outline.select_target((0,))
    body = opened.page.editor.lesson_editor.body
    body.moveCursor(body.textCursor().MoveOperation.Start)
    body.insertPlainText("Three new lines\n\nat the top.\n\n")  # every line below moves down four
    quiz = untick_every_choice_of_the_first_question(opened)
    qtbot.waitUntil(lambda: "not exported" in preview.status.toolTip(), timeout=30_000)
    listing = preview.status.toolTip()
    assert f"course.md: Quiz: {opened.document.course.items[quiz].title} › question 1: error: " in listing
    assert re.search(r"course\.md:\d", listing) is None  # the file's old line numbers would mislead


def test_a_hidden_learner_preview_waits_to_be_shown(qtbot: QtBot, opened: MainWindow,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    real = registry.get_exporter("html")
    assert real is not None
    counting = CountingExporter(real)
    monkeypatch.setitem(registry._EXPORTERS, "html", counting)
    assert opened.page is not None
    preview = shown_learner_preview(qtbot, opened)
    opened.window_actions.show_preview.trigger()
    assert not preview.isVisible()
    runs = counting.runs
    opened.page.outline.select_target((0,))
    editor = opened.page.editor.lesson_editor
    editor.title.setFocus()
    editor.title.end(False)
    qtbot.keyClicks(editor.title, " now")
    qtbot.wait(1500)  # longer than the refresh delay
    assert counting.runs == runs
    opened.window_actions.show_preview.trigger()
    qtbot.waitUntil(lambda: counting.runs == runs + 1, timeout=5_000)
    qtbot.waitUntil(lambda: preview.view.title().startswith("What customer focus means now"), timeout=30_000)


def test_pdf_preview_shows_real_pages_of_both_editions(qtbot: QtBot, opened: MainWindow) -> None:
    assert opened.page is not None
    opened.window_actions.show_pdf.trigger()
    preview = opened.page.pdf_preview
    assert preview is not None
    preview.generate()
    qtbot.waitUntil(lambda: preview.pdf.pageCount() > 1, timeout=EXPORT_TIMEOUT_MS)
    learner_pages = preview.pdf.pageCount()
    assert preview.status.text() == f"{learner_pages} page(s), learner edition."
    assert "What Is Customer Focus?" in preview.pdf.getAllText(0).text()
    learner_text = "\n".join(preview.pdf.getAllText(page).text() for page in range(learner_pages))
    assert "answer key" not in learner_text.casefold()
    preview.next_button.click()
    assert preview.view.pageNavigator().currentPage() == 1 and preview.page.value() == 2
    preview.page.setValue(learner_pages)
    assert preview.view.pageNavigator().currentPage() == learner_pages - 1
    assert not preview.next_button.isEnabled() and preview.previous_button.isEnabled()

    preview.edition.setCurrentIndex(preview.edition.findData("reviewer"))
    qtbot.waitUntil(lambda: preview.status.text().endswith("reviewer edition."), timeout=EXPORT_TIMEOUT_MS)
    reviewer_text = "\n".join(preview.pdf.getAllText(page).text() for page in range(preview.pdf.pageCount()))
    assert "answer key" in reviewer_text.casefold()

    preview.zoom.setCurrentIndex(preview.zoom.findText("200 %"))
    assert preview.view.zoomFactor() == 2.0
    preview.zoom.setCurrentIndex(preview.zoom.findText("Fit page"))
    assert preview.view.zoomMode() == preview.view.ZoomMode.FitInView
