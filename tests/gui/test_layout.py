"""What the screenshots showed: narrow panes stay usable, and non-obvious controls explain themselves."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QWidget
from pytestqt.qtbot import QtBot

from authoring.gui.dialogs.export_dialog import ExportDialog
from authoring.gui.main_window import MainWindow
from authoring.gui.welcome_page import shown_folder

pytestmark = pytest.mark.qt_log_ignore("QRhiGles2", "Failed to create RHI", "createPlatformVulkanInstance",
                                       "QVulkanInstance", "GBM is not supported", "GPUInfo")


@pytest.fixture
def opened(window: MainWindow, sample_course: Path) -> MainWindow:
    window.resize(1280, 800)
    assert window.open_path(sample_course)
    return window


def test_lesson_text_and_rendered_view_stack_when_the_pane_is_narrow(qtbot: QtBot, opened: MainWindow) -> None:
    assert opened.page is not None
    opened.page.outline.select_target((0,))
    editor = opened.page.editor.lesson_editor
    qtbot.waitUntil(lambda: editor.splitter.orientation() == Qt.Orientation.Horizontal)
    opened.window_actions.show_preview.trigger()  # the preview takes half the editor's room
    qtbot.waitUntil(lambda: editor.splitter.orientation() == Qt.Orientation.Vertical)
    body, rendered = editor.splitter.sizes()
    assert body > 100 and rendered > 100
    assert editor.body.width() == editor.width() - editor.layout().contentsMargins().left() * 2  # full width
    opened.window_actions.show_preview.trigger()
    qtbot.waitUntil(lambda: editor.splitter.orientation() == Qt.Orientation.Horizontal)


def test_the_preview_pane_leaves_the_editor_room(qtbot: QtBot, opened: MainWindow) -> None:
    assert opened.page is not None
    opened.window_actions.show_pdf.trigger()
    columns = opened.page.columns
    qtbot.waitUntil(lambda: columns.sizes()[2] > 0)
    _, editor, previews = columns.sizes()
    assert editor >= 400 and previews >= 400
    assert opened.page.previews.minimumSizeHint().width() < 520  # the PDF bar does not force it wider


def test_outline_tooltips_give_the_whole_title(opened: MainWindow) -> None:
    assert opened.page is not None and opened.document is not None
    model = opened.page.outline.model()
    course = opened.document.course
    quiz = next(i for i, item in enumerate(course.items) if item.kind == "quiz")
    root = model.index(0, 0)  # the course itself
    assert model.data(root, Qt.ItemDataRole.ToolTipRole) == f"Course settings\n{course.title}"
    question = model.index(0, 0, model.index(quiz, 0, root))
    tip = model.data(question, Qt.ItemDataRole.ToolTipRole)
    assert tip == f"Question: single response\n{course.items[quiz].questions[0].stem}"
    assert model.data(model.index(0, 0, root), Qt.ItemDataRole.ToolTipRole) == f"Lesson\n{course.items[0].title}"


def untipped(widgets: list[QWidget]) -> list[str]:
    return [w.accessibleName() or (w.text() if isinstance(w, QAbstractButton) else type(w).__name__)
            for w in widgets if not w.toolTip()]


def test_non_obvious_controls_have_tooltips(qtbot: QtBot, opened: MainWindow) -> None:
    assert opened.page is not None and opened.document is not None
    opened.window_actions.show_preview.trigger()
    learner, pdf = opened.page.learner_preview, opened.page.pdf_preview
    assert learner is not None and pdf is not None
    assert untipped([learner.desktop_button, learner.phone_button, learner.refresh_button]) == []
    assert untipped([pdf.edition, pdf.generate_button, pdf.previous_button, pdf.next_button, pdf.page,
                     pdf.zoom]) == []
    dialog = ExportDialog(opened.document, opened.context.settings, opened)
    qtbot.addWidget(dialog)
    assert untipped([*dialog.boxes.values(), dialog.folder]) == []
    lesson = opened.page.editor.lesson_editor
    assert untipped([lesson.insert_image_button, lesson.reading_time]) == []
    actions = opened.window_actions
    for action in (actions.add_question, actions.delete, actions.move_up, actions.show_preview, actions.show_pdf):
        assert action.toolTip() != action.text().replace("&", ""), action.text()


def test_recent_courses_show_folders_in_home_with_a_tilde(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    assert shown_folder(tmp_path / "Courses" / "onboarding") == str(Path("~") / "Courses" / "onboarding")
    assert shown_folder(Path("/srv/courses/onboarding")) == str(Path("/srv/courses/onboarding"))
