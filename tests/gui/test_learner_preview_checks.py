"""The learner preview with the real HTML player, as an author checks a course before upload:
links, the place kept across refreshes, and what it shows while the course has errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from authoring.gui.editors.lesson_editor import LessonEditor
from authoring.gui.main_window import MainWindow
from authoring.gui.preview.learner_preview import LearnerPreview

# The test machine has no GPU: QtWebEngine says so and falls back to software rendering.
pytestmark = pytest.mark.qt_log_ignore("QRhiGles2", "Failed to create RHI", "createPlatformVulkanInstance",
                                       "QVulkanInstance", "GBM is not supported", "GPUInfo")

LINKS = "See [the site](https://example.com/page), [a note](notes.html) and [mail](mailto:team@example.com).\n\n"


def open_preview(qtbot: QtBot, window: MainWindow, course: Path, target: tuple[int, ...]) -> LearnerPreview:
    window.resize(1400, 900)
    assert window.files.open_path(course)
    assert window.page is not None
    window.page.outline.select_target(target)
    window.window_actions.show_preview.trigger()
    preview = window.page.learner_preview
    assert preview is not None
    qtbot.waitUntil(lambda: preview.loaded_index is not None and preview.run is None, timeout=20000)
    wait_for_player(qtbot, preview)
    return preview


def wait_for_player(qtbot: QtBot, preview: LearnerPreview) -> None:
    qtbot.waitUntil(lambda: run_js(qtbot, preview, "document.readyState") == "complete"
                    and bool(run_js(qtbot, preview, "!!document.querySelector('main h1')")), timeout=20000)


def run_js(qtbot: QtBot, preview: LearnerPreview, code: str) -> object:
    results: list[object] = []
    preview.view.page().runJavaScript(code, 0, results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=10000)
    return results[0]


def click_link(qtbot: QtBot, preview: LearnerPreview, number: int) -> None:
    """A real mouse click on the lesson's link, where it is drawn."""
    x, y = json.loads(str(run_js(qtbot, preview, (
        f"(function () {{ var r = document.querySelectorAll('main a')[{number}].getBoundingClientRect();"
        " return JSON.stringify([r.left + r.width / 2, r.top + r.height / 2]); }())"))))
    zoom = preview.view.zoomFactor()
    widget = preview.view.focusProxy() or preview.view
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(int(x * zoom), int(y * zoom)))


def write_course_with_links(sample_course: Path) -> None:
    text = sample_course.read_text(encoding="utf-8")
    heading = "# Lesson: What customer focus means\n\n"
    sample_course.write_text(text.replace(heading, heading + LINKS, 1), encoding="utf-8")


def test_links_out_of_the_course_open_outside_and_the_preview_stays_on_the_course(
        qtbot: QtBot, window: MainWindow, sample_course: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(QUrl(url).toString()) or True)
    write_course_with_links(sample_course)
    preview = open_preview(qtbot, window, sample_course, (0,))
    player = preview.view.url().toString()

    click_link(qtbot, preview, 0)  # target="_blank": the web view opened no window, so it did nothing
    qtbot.waitUntil(lambda: opened == ["https://example.com/page"], timeout=10000)
    click_link(qtbot, preview, 2)
    qtbot.waitUntil(lambda: opened[-1:] == ["mailto:team@example.com"], timeout=10000)

    click_link(qtbot, preview, 1)  # a plain relative link took the preview to an error page
    qtbot.waitUntil(lambda: "notes.html" in preview.status.text(), timeout=10000)
    assert preview.view.url().toString() == player
    assert run_js(qtbot, preview, "document.querySelector('main h1').textContent") == "What customer focus means"
    assert len(opened) == 2

    run_js(qtbot, preview, "window.location.href = 'file:///etc/hostname'; 1")  # nor can the page itself
    qtbot.waitUntil(lambda: "/etc/hostname" in preview.status.text(), timeout=10000)
    assert preview.view.url().toString() == player
    assert len(opened) == 2


def test_a_refresh_keeps_the_screen_and_the_place_in_it(qtbot: QtBot, window: MainWindow,
                                                        sample_course: Path) -> None:
    preview = open_preview(qtbot, window, sample_course, (0,))
    run_js(qtbot, preview, "window.scrollTo(0, 400); 1")
    qtbot.waitUntil(lambda: float(str(run_js(qtbot, preview, "window.scrollY"))) > 300)
    place = float(str(run_js(qtbot, preview, "window.scrollY")))  # 400 as near as the zoomed page allows
    assert window.page is not None
    editor = window.page.editor.current_editor()
    assert isinstance(editor, LessonEditor)
    body = editor.body
    body.setFocus()
    cursor = body.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    body.setTextCursor(cursor)
    shown = preview.loaded_index
    qtbot.keyClicks(body, " More.")
    qtbot.waitUntil(lambda: preview.loaded_index != shown and preview.run is None, timeout=20000)
    wait_for_player(qtbot, preview)
    qtbot.waitUntil(lambda: "More." in str(run_js(qtbot, preview, "document.querySelector('main').textContent")))
    assert preview.view.url().fragment() == "what-customer-focus-means"
    # It went back to the top of the lesson.
    qtbot.waitUntil(lambda: abs(float(str(run_js(qtbot, preview, "window.scrollY"))) - place) < 2, timeout=10000)


def test_a_course_with_errors_says_what_is_wrong_and_comes_back_when_fixed(
        qtbot: QtBot, window: MainWindow, sample_course: Path) -> None:
    preview = open_preview(qtbot, window, sample_course, (0,))
    image = sample_course.parent / "assets" / "one-in-three.png"
    image.rename(image.with_name("gone.png"))
    preview.refresh()
    qtbot.waitUntil(preview.notice.isVisible, timeout=20000)
    notice = preview.notice.text()
    assert "1 error" in notice and "one-in-three.png" in notice and "does not exist" in notice
    assert "Lesson: What customer focus means" in notice
    assert "as it was before" in notice
    assert preview.pages.currentWidget() is preview.frame  # the last good preview, not a blank page
    # The picture went without an edit here: the problems panel lists it now too.
    assert any("one-in-three.png" in problem.message for problem in window.problems())

    image.with_name("gone.png").rename(image)
    preview.refresh()
    qtbot.waitUntil(lambda: not preview.notice.isVisible() and preview.status.text() == "Up to date",
                    timeout=20000)


def test_a_course_opened_with_errors_shows_them_in_place_of_the_player(
        qtbot: QtBot, window: MainWindow, sample_course: Path) -> None:
    image = sample_course.parent / "assets" / "one-in-three.png"
    image.rename(image.with_name("gone.png"))
    window.resize(1400, 900)
    assert window.files.open_path(sample_course)
    assert window.page is not None
    window.window_actions.show_preview.trigger()
    preview = window.page.learner_preview
    assert preview is not None
    qtbot.waitUntil(lambda: preview.pages.currentWidget() is preview.failure, timeout=20000)
    assert "one-in-three.png" in preview.failure.text() and "No preview yet" in preview.failure.text()

    image.with_name("gone.png").rename(image)
    preview.refresh()
    qtbot.waitUntil(lambda: preview.pages.currentWidget() is preview.frame and preview.loaded_index is not None,
                    timeout=20000)
    wait_for_player(qtbot, preview)
