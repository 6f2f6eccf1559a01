"""Everything shown for one open course: outline, editor, preview and problems, in splitters."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QSplitter, QTabWidget, QVBoxLayout, QWidget

from authoring.core.problems import Problem
from authoring.gui.document import CourseDocument
from authoring.gui.editors.editor_pane import EditorPane
from authoring.gui.outline_view import OutlineView
from authoring.gui.problems_panel import ROOM, ProblemsPanel
from authoring.gui.settings import AppSettings

if TYPE_CHECKING:
    from authoring.gui.preview.learner_preview import LearnerPreview
    from authoring.gui.preview.pdf_preview import PdfPreview


class CoursePage(QWidget):
    def __init__(self, document: CourseDocument, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.settings = settings
        self.learner_preview: LearnerPreview | None = None
        self.pdf_preview: PdfPreview | None = None
        self.problems = ProblemsPanel()
        self.problems.set_document(document)
        self.problems.activated.connect(self.go_to)
        self.previews = QTabWidget()
        self.previews.setObjectName("previews")
        self.previews.setDocumentMode(True)
        self.previews.hide()
        self.outline = OutlineView(document)
        self.outline.setMinimumWidth(200)
        self.editor = EditorPane(document)
        self.editor.setMinimumWidth(360)
        self.columns = QSplitter(Qt.Orientation.Horizontal)
        self.columns.setObjectName("columnsSplitter")
        self.columns.addWidget(self.outline)
        self.columns.addWidget(self.editor)
        self.columns.addWidget(self.previews)
        self.columns.setStretchFactor(1, 1)
        self.columns.setSizes([240, 640, 420])
        self.rows = QSplitter(Qt.Orientation.Vertical)
        self.rows.setObjectName("rowsSplitter")
        self.rows.addWidget(self.columns)
        self.rows.addWidget(self.problems)
        self.rows.setStretchFactor(0, 1)
        self.rows.setSizes([620, ROOM])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.rows)
        self.outline.targetChanged.connect(self.editor.show_target)
        self.outline.select_target(())

    def show_previews(self, tab: str = "learner") -> None:
        """Show the preview pane, making the previews on first use (QtWebEngine loads only then)."""
        if self.learner_preview is None or self.pdf_preview is None:
            from authoring.gui.preview.learner_preview import LearnerPreview
            from authoring.gui.preview.pdf_preview import PdfPreview

            self.learner_preview = LearnerPreview(self.document, self.settings)
            self.pdf_preview = PdfPreview(self.document)
            self.previews.addTab(self.learner_preview, "Learner preview")
            self.previews.addTab(self.pdf_preview, "PDF preview")
            self.outline.targetChanged.connect(self.learner_preview.show_target)
            self.learner_preview.refused.connect(self._preview_refused)
            self.learner_preview.show_target(self.outline.current_target())
            self.learner_preview.refresh()
            if self.columns.sizes()[2] < 200:
                outline, editor, _ = self.columns.sizes()
                share = max(360, editor // 2)
                self.columns.setSizes([outline, max(360, editor - share), share])
        self.previews.show()
        self.previews.setCurrentWidget(self.pdf_preview if tab == "pdf" else self.learner_preview)

    def focusNextPrevChild(self, forward: bool) -> bool:
        """Tab goes through the page as it reads: outline, editor, previews, problems, and round again.

        Qt's own chain follows the order widgets were made in, and the editors and previews are made when
        first needed, so it went from the outline to the problems and into the editor from there.
        """
        stops = self.tab_stops()
        focused = QApplication.focusWidget()
        here = None
        if focused is not None:
            here = next((i for i, stop in enumerate(stops) if stop is focused or stop.isAncestorOf(focused)), None)
        if here is None:
            return super().focusNextPrevChild(forward)
        reason = Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
        stops[(here + (1 if forward else -1)) % len(stops)].setFocus(reason)
        return True

    def tab_stops(self) -> list[QWidget]:
        """The widgets Tab stops on, region by region, each region in Qt's own order."""
        chain: list[QWidget] = []
        widget = self.nextInFocusChain()
        while widget is not self and widget is not None:  # the chain is a ring through the whole window
            if (widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisible() and widget.isEnabled()
                    and widget.focusProxy() is None):
                chain.append(widget)
            widget = widget.nextInFocusChain()
        regions = (self.outline, self.editor, self.previews, self.problems)
        return [stop for area in regions for stop in chain if area.isAncestorOf(stop) or stop is area]

    def _preview_refused(self) -> None:
        self.problems.check_now()
        if self.learner_preview is not None:
            self.learner_preview.list_errors(self.problems.model.problems)

    def hide_previews(self) -> None:
        self.previews.hide()

    def dispose(self) -> None:
        for preview in (self.learner_preview, self.pdf_preview):
            if preview is not None:
                preview.dispose()

    def save_layout(self, settings: AppSettings) -> None:
        settings.set_layout("columns", self.columns.saveState())
        settings.set_layout("rows", self.rows.saveState())

    def restore_layout(self, settings: AppSettings) -> None:
        # Laid out at its final size first: a splitter restored smaller hands the extra space to one side.
        layout = self.layout()
        if layout is not None:
            layout.activate()
        for name, splitter in (("columns", self.columns), ("rows", self.rows)):
            state = settings.layout(name)
            if state is not None:
                splitter.restoreState(state)
        self.problems.fit()

    def go_to(self, problem: Problem) -> None:
        """Select the item or question a problem is about and focus its field."""
        if problem.item is None:
            target: tuple[int, ...] = ()
        elif problem.question is not None:
            target = (problem.item, problem.question)
        else:
            target = (problem.item,)
        try:
            self.document.resolve(target)
        except IndexError:
            return  # the course has changed since the check; the next check will be right
        self.outline.select_target(target)
        editor = self.editor.show_target(target)
        if editor is not None:
            editor.focus_field(problem.field, problem.choice)
