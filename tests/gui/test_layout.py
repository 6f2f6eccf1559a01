"""Desktop conventions and what the screenshots showed: narrow panes stay usable, controls explain themselves,
standard keys, sharp icons, highlight colours that read on light and dark."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QFont, QKeySequence, QTextCharFormat
from PySide6.QtWidgets import QAbstractButton, QWidget
from pytestqt.qtbot import QtBot

from authoring.gui.dialogs.export_dialog import ExportDialog
from authoring.gui.editors.markdown_editor import MarkdownEditor, MarkdownHighlighter
from authoring.gui.icons import icon
from authoring.gui.main_window import MainWindow
from authoring.gui.problems_panel import ROOM
from authoring.gui.welcome_page import shown_folder

pytestmark = pytest.mark.qt_log_ignore("QRhiGles2", "Failed to create RHI", "createPlatformVulkanInstance",
                                       "QVulkanInstance", "GBM is not supported", "GPUInfo")


@pytest.fixture
def opened(window: MainWindow, sample_course: Path) -> MainWindow:
    window.resize(1280, 800)
    assert window.files.open_path(sample_course)
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


def test_a_lesson_image_is_fitted_again_when_the_window_is_made_smaller(qtbot: QtBot, opened: MainWindow) -> None:
    assert opened.page is not None
    opened.page.outline.select_target((0,))  # its picture is wider than the rendered view
    rendered = opened.page.editor.lesson_editor.rendered
    qtbot.waitUntil(lambda: rendered.horizontalScrollBar().maximum() == 0 and 'width="' in rendered.toHtml())
    opened.resize(1024, 640)
    # Fitted to the new width, it needs no sideways scrolling.
    qtbot.waitUntil(lambda: rendered.horizontalScrollBar().maximum() == 0 and "width=" in rendered.toHtml())
    width = int(rendered.toHtml().split('width="', 1)[1].split('"', 1)[0])
    assert width <= rendered.viewport().width()


def test_the_rendered_lesson_keeps_its_place_as_the_author_types(qtbot: QtBot, opened: MainWindow) -> None:
    assert opened.page is not None
    opened.page.outline.select_target((0,))
    lesson = opened.page.editor.lesson_editor
    bar = lesson.rendered.verticalScrollBar()
    assert bar.maximum() > 100
    bar.setValue(bar.maximum() // 2)
    place = bar.value()
    lesson.body.setFocus()
    lesson.body.moveCursor(lesson.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(lesson.body, " More.")
    lesson.render_now()
    assert "More." in lesson.rendered.toPlainText()
    assert bar.value() == place


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


def test_markdown_is_highlighted_as_the_author_types(qtbot: QtBot) -> None:
    editor = MarkdownEditor()
    qtbot.addWidget(editor)
    editor.setPlainText("## Heading\nplain **bold** words\n```\n# not a heading in code\n```\n- item")

    def formats(line: int) -> list[tuple[int, int, QTextCharFormat]]:
        block = editor.document().findBlockByNumber(line)
        return [(r.start, r.length, QTextCharFormat(r.format)) for r in block.layout().formats()]

    (start, length, heading), = formats(0)
    assert (start, length) == (0, len("## Heading")) and heading.fontWeight() == QFont.Weight.Bold
    assert heading.foreground().color() != editor.palette().text().color()
    bold = [fmt for start, length, fmt in formats(1) if (start, length) == (6, len("**bold**"))]
    assert bold and bold[0].fontWeight() == QFont.Weight.Bold
    (_, _, code), = formats(3)  # inside the fence: code, not a heading
    assert code.fontWeight() != QFont.Weight.Bold and "monospace" in code.fontFamilies()
    assert formats(5), "the list marker after the fence is highlighted again"


def contrast(a: QColor, b: QColor) -> float:
    def luminance(color: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
        return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_highlight_colours_read_on_light_and_dark_backgrounds(qtbot: QtBot) -> None:
    # The rest of the window takes its colours from the system palette; these are the only fixed ones.
    editor = MarkdownEditor()
    qtbot.addWidget(editor)
    highlighter = editor.highlighter
    assert isinstance(highlighter, MarkdownHighlighter)
    colours = {fmt.foreground().color().name() for _, fmt in highlighter.rules if fmt.hasProperty(
        QTextCharFormat.Property.ForegroundBrush)}
    assert len(colours) >= 4
    for background in ("#ffffff", "#1e1e1e"):
        for colour in colours:
            assert contrast(QColor(colour), QColor(background)) >= 3.0, (colour, background)


def test_file_and_edit_actions_use_the_platforms_standard_keys(opened: MainWindow) -> None:
    actions = opened.window_actions
    for action, key in ((actions.new, QKeySequence.StandardKey.New), (actions.open, QKeySequence.StandardKey.Open),
                        (actions.save, QKeySequence.StandardKey.Save),
                        (actions.save_as, QKeySequence.StandardKey.SaveAs),
                        (actions.quit, QKeySequence.StandardKey.Quit), (actions.undo, QKeySequence.StandardKey.Undo),
                        (actions.redo, QKeySequence.StandardKey.Redo)):
        assert action.shortcuts() == QKeySequence.keyBindings(key), action.text()


@pytest.mark.parametrize("name", ["app", "course", "lesson", "quiz", "question", "reflection", "error", "warning"])
def test_icons_are_drawn_at_the_screens_scale(qtbot: QtBot, name: str) -> None:
    sharp = icon(name).pixmap(QSize(16, 16), 2.0)  # a 200 % screen: drawn from the SVG, not scaled up
    assert sharp.size() == QSize(32, 32) and sharp.devicePixelRatio() == 2.0
    image = sharp.toImage()
    assert any(image.pixelColor(x, y).alpha() > 0 for x in range(32) for y in range(32))


def test_a_long_question_stem_shows_its_beginning(qtbot: QtBot, opened: MainWindow) -> None:
    assert opened.page is not None and opened.document is not None
    opened.resize(760, 700)
    course = opened.document.course
    quiz = next(i for i, item in enumerate(course.items) if item.kind == "quiz")
    long = max(range(len(course.items[quiz].questions)), key=lambda n: len(course.items[quiz].questions[n].stem))
    opened.page.outline.select_target((quiz, long))
    stem = opened.page.editor.question_editor.stem
    qtbot.waitUntil(lambda: stem.fontMetrics().horizontalAdvance(stem.text()) > stem.width())  # it does not fit
    assert stem.cursorPosition() == 0


def test_the_problems_panel_is_one_line_until_there_are_problems(qtbot: QtBot, opened: MainWindow) -> None:
    assert opened.page is not None and opened.document is not None
    page, panel = opened.page, opened.page.problems
    line = panel.summary.sizeHint().height()
    assert panel.summary.text() == "No problems: ready to export."
    assert not panel.table.isVisible() and page.rows.sizes()[1] == line  # the editor has the room

    opened.document.course.title = ""  # an error: the table comes back with room to read it
    panel.check_now()
    assert panel.table.isVisible() and page.rows.sizes()[1] == ROOM
    page.rows.setSizes([400, 300])  # the author drags it taller
    opened.document.course.title = "Back"
    panel.check_now()
    assert not panel.table.isVisible() and page.rows.sizes()[1] == line
    opened.document.course.title = ""
    panel.check_now()
    assert page.rows.sizes()[1] == 300  # as the author left it


def test_problems_get_room_even_when_the_saved_layout_had_none(qtbot: QtBot, window: MainWindow,
                                                                tmp_path: Path) -> None:
    path = tmp_path / "course.md"
    path.write_text("---\ntitle: T\n---\n\n# Lesson: L\n\nText.\n", encoding="utf-8")
    assert window.files.open_path(path)
    assert window.page is not None and window.page.rows.sizes()[1] < ROOM
    window.files.close_course()  # saves the layout, with the one-line panel
    path.write_text("---\ntitle: T\n---\n\n# Lesson: L\n\n![](missing.png)\n", encoding="utf-8")
    assert window.files.open_path(path)
    assert window.page is not None and window.page.problems.table.isVisible()
    assert window.page.rows.sizes()[1] == ROOM


def test_problems_that_came_while_the_panel_was_hidden_get_room_when_it_shows(opened: MainWindow) -> None:
    assert opened.page is not None and opened.document is not None
    panel, rows = opened.page.problems, opened.page.rows
    opened.window_actions.show_problems.trigger()
    assert panel.isHidden()
    opened.document.course.title = ""
    panel.check_now()
    opened.window_actions.show_problems.trigger()
    assert panel.table.isVisible() and rows.sizes()[1] == ROOM
    opened.window_actions.show_problems.trigger()
    opened.document.course.title = "Back"
    panel.check_now()
    opened.window_actions.show_problems.trigger()
    assert not panel.table.isVisible() and rows.sizes()[1] == panel.summary.sizeHint().height()
