"""The learner preview: the exported HTML player in a web view, exactly what learners get.

It runs the registered ``html`` exporter (as a folder) in the background
after edits settle, shows the item selected in the outline, and switches
between a desktop and a phone width.  QtWebEngine is loaded only when the
preview is first shown, so the editor starts fast.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QPointF, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from authoring.core.commands import Target
from authoring.core.ids import resolve_ids
from authoring.core.problems import Problem, Severity, place_of
from authoring.export.registry import get_exporter
from authoring.gui.document import CourseDocument
from authoring.gui.export_worker import ExportJob, ExportRun
from authoring.gui.settings import AppSettings

REFRESH_DELAY_MS = 800
PHONE_WIDTH = 390
DESKTOP_WIDTH = 1024
"""The narrowest common laptop screen, in CSS pixels.  Desktop lays the player out for it, scaled to fit the
pane: at the pane's own width the player would take its phone layout, which it uses below 900 px."""
MIN_ZOOM = 0.25  # QtWebEngine's smallest zoom factor
HTML_EXPORTER = "html"


class LearnerPreview(QWidget):
    refused = Signal()
    """The export was refused, maybe for errors the problems panel does not list yet (a picture deleted
    meanwhile): the page checks again and hands them back through :meth:`list_errors`."""

    def __init__(self, document: CourseDocument, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # lxml (the SCORM manifests) loads first, on purpose. WebEngine's GPU set-up brings the system's
        # OpenGL driver, and with it often the system's libxml2, into the process; an lxml loaded after
        # that binds to that libxml2 rather than its own, a different version, and can crash.
        import lxml.etree  # noqa: F401
        from PySide6.QtWebEngineWidgets import QWebEngineView  # heavy: only when the preview is shown

        from authoring.gui.preview.player_page import PlayerPage

        self.document = document
        self.settings = settings
        self.target: Target | None = None
        self.run: ExportRun | None = None
        self.pending = False
        self.loaded_index: Path | None = None
        self._folder = Path(tempfile.mkdtemp(prefix="authoring-preview-"))
        self._generation = 0
        self._scroll_back: QPointF | None = None
        """Where the reader was, in CSS pixels, to go back to once the refreshed player has loaded."""

        self.desktop_button = QToolButton()
        self.phone_button = QToolButton()
        for button, text in ((self.desktop_button, "Desktop"), (self.phone_button, "Phone")):
            button.setText(text)
            button.setCheckable(True)
        self.desktop_button.setToolTip(f"Preview as on a laptop screen ({DESKTOP_WIDTH} px wide), scaled to fit")
        self.phone_button.setToolTip(f"Preview at the width of a phone ({PHONE_WIDTH} px)")
        widths = QButtonGroup(self)
        widths.addButton(self.desktop_button)
        widths.addButton(self.phone_button)
        (self.phone_button if settings.preview_width == "phone" else self.desktop_button).setChecked(True)
        self.desktop_button.toggled.connect(self._apply_width)
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.setToolTip("Export the player again now (it also refreshes by itself after edits)")
        self.refresh_button.clicked.connect(self.refresh)
        self.status = QLabel()
        # A long error must not widen the preview pane: the bar shows what fits, the tooltip all of it.
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bar = QHBoxLayout()
        bar.addWidget(self.desktop_button)
        bar.addWidget(self.phone_button)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.status, 1)

        self.view = QWebEngineView()
        self.view.setAccessibleName("Learner preview")
        self.player_page = PlayerPage(self.view)
        self.player_page.blocked.connect(self._set_status)
        self.view.setPage(self.player_page)
        self.view.loadFinished.connect(self._loaded)
        self.frame = QWidget()
        frame_layout = QHBoxLayout(self.frame)
        frame_layout.setContentsMargins(0, 0, 0, 0)
        frame_layout.addWidget(self.view)
        self.missing = QLabel("The learner preview shows the exported HTML player. This version has no HTML "
                              "exporter, so there is nothing to show yet.")
        self.missing.setWordWrap(True)
        self.missing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Why the preview is not up to date, in full: the status bar has room for one line only.
        self.notice = QLabel()
        self.notice.setObjectName("previewNotice")
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice.setStyleSheet("#previewNotice { background: palette(tool-tip-base); color: palette(tool-tip-text);"
                                  " border: 1px solid palette(mid); padding: 6px; }")
        self.notice.hide()
        self.failure = QLabel()  # in place of the player while there is none to show
        self.failure.setWordWrap(True)
        self.failure.setTextFormat(Qt.TextFormat.PlainText)
        self.failure.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.failure.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.failure.setMargin(12)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.frame)
        self.pages.addWidget(self.missing)
        self.pages.addWidget(self.failure)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.notice)
        layout.addWidget(self.pages, 1)

        self._timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._timer.timeout.connect(self._refresh_if_shown)
        self._stale = False
        document.edited.connect(self._timer.start)
        self._apply_width()

    # -- following the editor -----------------------------------------------------------

    def show_target(self, target: Target | None) -> None:
        self.target = target
        if self.loaded_index is not None:
            self.view.setUrl(self._url(self.loaded_index))

    def _url(self, index: Path) -> QUrl:
        url = QUrl.fromLocalFile(str(index))
        anchor = self._anchor()
        if anchor:
            url.setFragment(anchor)
        return url

    def _anchor(self) -> str:
        """The player's ID of the selected item or question: the same IDs the LMS sees."""
        target = self.target
        if not target:
            return ""
        ids = resolve_ids(self.document.course)
        if len(target) >= 2:
            return ids.question(target[0], target[1])
        return ids.item(target[0])

    def _apply_width(self) -> None:
        phone = self.phone_button.isChecked()
        self.settings.preview_width = "phone" if phone else "desktop"
        if phone:
            self.view.setFixedWidth(PHONE_WIDTH)
        else:
            self.view.setMinimumWidth(0)
            self.view.setMaximumWidth(16777215)
        self._fit_zoom()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_zoom()

    def _fit_zoom(self) -> None:
        zoom = 1.0
        if not self.phone_button.isChecked():
            zoom = min(1.0, max(MIN_ZOOM, self.frame.width() / DESKTOP_WIDTH))
        if self.view.zoomFactor() != zoom:
            self.view.setZoomFactor(zoom)

    # -- exporting -----------------------------------------------------------------------

    def _refresh_if_shown(self) -> None:
        # A hidden preview waits to be shown rather than exporting on every pause in typing.
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        self._timer.stop()
        exporter = get_exporter(HTML_EXPORTER)
        if exporter is None:
            self.pages.setCurrentWidget(self.missing)
            return
        if self.pages.currentWidget() is self.missing:
            self.pages.setCurrentWidget(self.frame)
        if self.run is not None:
            self.pending = True  # once this run is done, once more with the latest edits
            return
        self._generation += 1
        target = self._folder / f"player-{self._generation}"
        self._set_status("Updating…")
        source_dir = self.document.source_dir or Path.cwd()
        job = ExportJob("Learner preview", exporter, target, zip=False)
        self.run = ExportRun(self.document.course, [job], source_dir, self, course_file=self.document.path,
                             lines_match_file=self.document.lines_match_file)
        self.run.done.connect(self._exported)

    def _set_status(self, text: str) -> None:
        self.status.setText(text.splitlines()[0] if text else "")
        self.status.setToolTip(text)

    def _exported(self, written: list[Path], errors: list[str]) -> None:
        self.run = None
        if errors or not written:
            self._show_failure(errors[0] if errors else "The preview could not be made.")
        else:
            folder = written[0]
            index = folder / "index.html" if folder.is_dir() else folder
            previous = self.loaded_index
            url = self._url(index)
            self._scroll_back = None
            if self.loaded_index is not None and self.view.url().fragment() == url.fragment():
                # Still on the same screen: the author keeps their place in it, not back at the top.
                self._scroll_back = self.player_page.scrollPosition() / self.view.zoomFactor()
            self.loaded_index = index
            self.player_page.player = index
            self.view.setUrl(url)
            self.notice.hide()
            self.pages.setCurrentWidget(self.frame)
            self._set_status("Up to date")
            if previous is not None and previous.parent != index.parent:
                shutil.rmtree(previous.parent if previous.name == "index.html" else previous, ignore_errors=True)
        if self.pending:
            self.pending = False
            self.refresh()

    def _show_failure(self, refusal: str) -> None:
        """Says what keeps the preview from updating, and that what it shows is the course before the edit.

        The status bar's one line says the preview is not up to date, with the exporter's refusal (each
        error's place in the file) in its tooltip; the refusal shows over the preview (or in its place)
        until :meth:`list_errors` names the errors by their places in the outline.
        """
        self.status.setText("No preview: see why below" if self.loaded_index is None
                            else "Not up to date: see why below")
        self.status.setToolTip(refusal)
        self._show_reason(refusal)
        self.refused.emit()

    def list_errors(self, problems: list[Problem]) -> None:
        """Names the course's errors over the preview, each by its place in the outline, as the author finds it."""
        errors = [problem for problem in problems if problem.severity is Severity.ERROR]
        if not errors or (self.notice.isHidden() and self.pages.currentWidget() is not self.failure):
            return
        count = f"{len(errors)} error{'s' if len(errors) > 1 else ''}"
        lines = [f"• {place_of(problem, self.document.course) or f'Line {problem.line}'}: {problem.message}"
                 for problem in errors]
        self._show_reason("\n".join([f"The course has {count} (see the problems panel).", *lines]))

    def _show_reason(self, text: str) -> None:
        if self.loaded_index is None:
            self.failure.setText(f"No preview yet.\n\n{text}")
            self.pages.setCurrentWidget(self.failure)
        else:
            self.notice.setText(f"{text}\nThe preview below shows the course as it was before.")
            self.notice.show()

    def _loaded(self, ok: bool) -> None:
        refused, self.player_page.refused = self.player_page.refused, False
        if not ok and not refused:
            self._set_status("The player did not load; refresh to try again")
        elif self._scroll_back is not None:
            self.player_page.runJavaScript(f"window.scrollTo({self._scroll_back.x()}, {self._scroll_back.y()})")
        self._scroll_back = None
        self._fit_zoom()  # a new page may start at the default zoom

    def dispose(self) -> None:
        self._timer.stop()
        if self.run is not None:
            self.run.stop()
            self.run = None
        shutil.rmtree(self._folder, ignore_errors=True)
