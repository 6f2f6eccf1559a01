"""The export dialog: formats from the registry, progress off the GUI thread, errors in words."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from stubs import stub_dialog, stub_open_url

from authoring.core.model import Course
from authoring.export import registry
from authoring.export.registry import ExportError, ExportOptions, Progress
from authoring.gui.context import EditorContext
from authoring.gui.dialogs.export_dialog import ExportDialog
from authoring.gui.main_window import MainWindow


class FakeExporter:
    def __init__(self, name: str, suffix: str, fail: str = "") -> None:
        self.name = name
        self.title = name.upper()
        self.suffix = suffix
        self.fail = fail
        self.threads: list[int] = []
        self.editions: list[str] = []

    def export(self, course: Course, target: Path, options: ExportOptions) -> Iterator[Progress]:
        self.threads.append(threading.get_ident())
        self.editions.append(options.edition)
        yield Progress(1, 3, "reading")
        if self.fail:
            raise ExportError(self.fail)
        yield Progress(2, 3, "writing")
        target.write_text(f"{course.title} {options.edition}", encoding="utf-8")
        yield Progress(3, 3, "done")


@pytest.fixture
def fakes(monkeypatch: pytest.MonkeyPatch) -> dict[str, FakeExporter]:
    made = {"scorm12": FakeExporter("scorm12", ".zip"), "pdf": FakeExporter("pdf", ".pdf")}
    monkeypatch.setattr(registry, "_EXPORTERS", dict(made))
    monkeypatch.setattr(registry, "_load_builtin", lambda: None)
    return made


@pytest.fixture
def opened(window: MainWindow, sample_course: Path) -> MainWindow:
    assert window.files.open_path(sample_course)
    return window


def make_dialog(window: MainWindow, qtbot: QtBot) -> ExportDialog:
    assert window.document is not None
    dialog = ExportDialog(window.document, window.context.settings, window)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def export_scorm12(window: MainWindow, qtbot: QtBot, folder: str) -> ExportDialog:
    """The export dialog after exporting the SCORM 1.2 package into ``folder``, as typed in its box."""
    dialog = make_dialog(window, qtbot)
    dialog.boxes["scorm12"].setChecked(True)
    dialog.folder.setText(folder)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.export_thread is None, timeout=5000)
    return dialog


def test_export_runs_off_the_gui_thread_and_offers_folder_and_pdf(
        qtbot: QtBot, opened: MainWindow, fakes: dict[str, FakeExporter], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = make_dialog(opened, qtbot)
    assert not dialog.boxes["scorm2004"].isEnabled()  # not registered: offered, but greyed out
    dialog.boxes["scorm12"].setChecked(True)
    dialog.boxes["pdf-reviewer"].setChecked(True)
    dialog.boxes["pdf-learner"].setChecked(True)
    out = tmp_path / "out"
    dialog.folder.setText(str(out))
    with qtbot.waitSignal(dialog.progress.valueChanged, timeout=5000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.export_thread is None, timeout=5000)

    assert sorted(p.name for p in out.iterdir()) == [
        "customer-focus-learner.pdf", "customer-focus-reviewer.pdf", "customer-focus-scorm12.zip"]
    assert (out / "customer-focus-reviewer.pdf").read_text() == "What Is Customer Focus? reviewer"
    assert threading.get_ident() not in fakes["pdf"].threads + fakes["scorm12"].threads
    assert dialog.progress.value() == dialog.progress.maximum()
    assert dialog.status.text() == (f"Done, in {out}:\n  customer-focus-scorm12.zip\n  customer-focus-learner.pdf\n"
                                    "  customer-focus-reviewer.pdf")
    assert dialog.show_folder_button.isVisible() and dialog.open_pdf_button.isVisible()

    opened_urls = stub_open_url(monkeypatch)
    qtbot.mouseClick(dialog.open_pdf_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.show_folder_button, Qt.MouseButton.LeftButton)
    assert [url.toLocalFile() for url in opened_urls] == [str(out / "customer-focus-learner.pdf"), str(out)]

    again = make_dialog(opened, qtbot)  # the last choices are remembered
    assert [key for key, box in again.boxes.items() if box.isChecked()] == ["scorm12", "pdf-learner", "pdf-reviewer"]
    assert again.folder.text() == str(out)


def test_exporter_errors_are_shown_in_words(qtbot: QtBot, opened: MainWindow, fakes: dict[str, FakeExporter],
                                            tmp_path: Path) -> None:
    fakes["scorm12"].fail = "the image assets/x.png is missing; add it or remove it from the lesson"
    dialog = export_scorm12(opened, qtbot, str(tmp_path))
    assert dialog.status.text() == ("SCORM 1.2 package was not exported: the image assets/x.png is missing; "
                                    "add it or remove it from the lesson")
    assert not dialog.show_folder_button.isVisible()
    assert dialog.export_button.isEnabled()


def test_a_course_with_errors_cannot_be_exported(qtbot: QtBot, opened: MainWindow,
                                                 fakes: dict[str, FakeExporter]) -> None:
    assert opened.page is not None and opened.document is not None
    course = opened.document.course
    q = next(i for i, item in enumerate(course.items) if item.kind == "quiz")
    opened.page.outline.select_target((q, 0))
    editor = opened.page.editor.question_editor
    for row in course.items[q].questions[0].correct_indexes:
        editor.choices.setData(editor.choices.index(row, 0), Qt.CheckState.Unchecked.value,
                               Qt.ItemDataRole.CheckStateRole)
    dialog = make_dialog(opened, qtbot)
    dialog.boxes["scorm12"].setChecked(True)
    assert not dialog.export_button.isEnabled()
    assert "1 error(s) block export" in dialog.status.text()


def test_export_action_opens_the_dialog(opened: MainWindow, fakes: dict[str, FakeExporter],
                                        monkeypatch: pytest.MonkeyPatch, context: EditorContext) -> None:
    shown = stub_dialog(monkeypatch, ExportDialog, 0)
    opened.window_actions.export.trigger()
    assert len(shown) == 1 and isinstance(shown[0], ExportDialog)
    assert shown[0].folder.text() == str(opened.document.source_dir / "export")  # type: ignore[union-attr]


def test_a_folder_typed_with_a_tilde_is_in_the_home_folder(qtbot: QtBot, opened: MainWindow,
                                                           fakes: dict[str, FakeExporter], tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    dialog = export_scorm12(opened, qtbot, "~/Exports")
    assert (tmp_path / "Exports" / "customer-focus-scorm12.zip").is_file()
    assert dialog.status.text() == "Done, in ~/Exports:\n  customer-focus-scorm12.zip"


def test_a_relative_folder_is_beside_the_course_not_wherever_the_editor_was_started(
        qtbot: QtBot, opened: MainWindow, fakes: dict[str, FakeExporter], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert opened.document is not None and opened.document.source_dir is not None
    course_folder = opened.document.source_dir
    started_in = tmp_path / "started-in"
    started_in.mkdir()
    monkeypatch.chdir(started_in)
    dialog = export_scorm12(opened, qtbot, "for-lms")
    assert (course_folder / "for-lms" / "customer-focus-scorm12.zip").is_file()
    assert not list(started_in.iterdir())
    assert str(course_folder / "for-lms") in dialog.status.text()


def test_a_folder_that_is_a_file_says_what_to_do(qtbot: QtBot, opened: MainWindow, fakes: dict[str, FakeExporter],
                                                 tmp_path: Path) -> None:
    (tmp_path / "notes").write_text("not a folder", encoding="utf-8")
    dialog = export_scorm12(opened, qtbot, str(tmp_path / "notes"))
    status = dialog.status.text()
    assert status.startswith(f"SCORM 1.2 package could not be written to {tmp_path / 'notes'}")
    assert status.endswith("A file of that name is in the way of the folder: choose another folder.")
    assert (tmp_path / "notes").read_text(encoding="utf-8") == "not a folder"
