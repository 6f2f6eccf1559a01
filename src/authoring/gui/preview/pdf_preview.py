"""The PDF preview: the learner or reviewer edition, made on demand by the ``pdf`` exporter."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from authoring.export.registry import get_exporter
from authoring.gui.document import CourseDocument
from authoring.gui.export_worker import ExportJob, ExportRun

PDF_EXPORTER = "pdf"
ZOOMS = [("Fit width", None), ("Fit page", None), ("50 %", 0.5), ("75 %", 0.75), ("100 %", 1.0),
         ("150 %", 1.5), ("200 %", 2.0)]


class PdfPreview(QWidget):
    def __init__(self, document: CourseDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.run: ExportRun | None = None
        self._folder = Path(tempfile.mkdtemp(prefix="authoring-pdf-"))
        self._generation = 0

        self.edition = QComboBox()
        self.edition.addItem("Learner edition", "learner")
        self.edition.addItem("Reviewer edition", "reviewer")
        self.edition.setAccessibleName("Edition")
        self.edition.setToolTip("The reviewer edition adds the answer key and each choice's feedback")
        self.generate_button = QPushButton("&Generate")
        self.generate_button.setToolTip("Export the PDF again from the course as it is now")
        self.generate_button.clicked.connect(self.generate)
        self.edition.currentIndexChanged.connect(self.generate)
        # Arrow tool buttons keep the bar narrow enough to sit beside the editor on a laptop screen.
        self.previous_button = QToolButton()
        self.previous_button.setArrowType(Qt.ArrowType.LeftArrow)
        self.previous_button.setToolTip("Previous page")
        self.previous_button.setAccessibleName("Previous page")
        self.next_button = QToolButton()
        self.next_button.setArrowType(Qt.ArrowType.RightArrow)
        self.next_button.setToolTip("Next page")
        self.next_button.setAccessibleName("Next page")
        self.page = QSpinBox()
        self.page.setAccessibleName("Page")
        self.page.setMinimum(1)
        self.page.setToolTip("The page shown; type a number to go to it")
        self.page_count = QLabel()
        self.zoom = QComboBox()
        self.zoom.setAccessibleName("Zoom")
        self.zoom.setToolTip("Zoom: fit the page's width or the whole page, or a fixed size (Ctrl++ and Ctrl+-)")
        for label, factor in ZOOMS:
            self.zoom.addItem(label, factor)
        self.status = QLabel()
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.edition)
        top.addWidget(self.generate_button)
        top.addStretch()
        top.addWidget(self.previous_button)
        top.addWidget(self.page)
        top.addWidget(self.page_count)
        top.addWidget(self.next_button)
        top.addWidget(self.zoom)

        self.pdf = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName("PDF preview")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)

        navigator = self.view.pageNavigator()
        self.previous_button.clicked.connect(lambda: self.go_to_page(navigator.currentPage() - 1))
        self.next_button.clicked.connect(lambda: self.go_to_page(navigator.currentPage() + 1))
        self.page.valueChanged.connect(lambda number: self.go_to_page(number - 1))
        navigator.currentPageChanged.connect(self._page_changed)
        self.zoom.currentIndexChanged.connect(self._apply_zoom)
        for keys, step in ((QKeySequence.StandardKey.ZoomIn, 1), (QKeySequence.StandardKey.ZoomOut, -1)):
            shortcut = QShortcut(keys, self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda step=step: self.step_zoom(step))
        self.pdf.statusChanged.connect(self._update_navigation)
        self._update_navigation()
        if get_exporter(PDF_EXPORTER) is None:
            self.status.setText("This version has no PDF exporter, so there is no PDF to show yet.")
            self.generate_button.setEnabled(False)
            self.edition.setEnabled(False)
        else:
            self.status.setText("Choose Generate to make the PDF of the course as it is now.")

    def generate(self) -> None:
        exporter = get_exporter(PDF_EXPORTER)
        if exporter is None or self.run is not None:
            return
        self._generation += 1
        target = self._folder / f"preview-{self._generation}.pdf"
        edition = str(self.edition.currentData())
        self.status.setText("Generating the PDF…")
        self.generate_button.setEnabled(False)
        job = ExportJob("PDF", exporter, target, edition)
        self.run = ExportRun(self.document.course, [job], self.document.source_dir or Path.cwd(), self,
                             course_file=self.document.path, lines_match_file=self.document.lines_match_file)
        self.run.done.connect(self._generated)

    def _generated(self, written: list[Path], errors: list[str]) -> None:
        self.run = None
        self.generate_button.setEnabled(True)
        if errors or not written:
            self.status.setText(errors[0] if errors else "The PDF could not be made.")
            return
        page = self.view.pageNavigator().currentPage()
        self.pdf.load(str(written[0]))
        if self.pdf.status() != QPdfDocument.Status.Ready:
            self.status.setText(f"The PDF could not be read ({self.pdf.error().name}).")
            return
        edition = self.edition.currentText().lower()
        self.status.setText(f"{self.pdf.pageCount()} page(s), {edition}.")
        self.go_to_page(min(page, self.pdf.pageCount() - 1))

    def go_to_page(self, page: int) -> None:
        if 0 <= page < self.pdf.pageCount():
            self.view.pageNavigator().jump(page, QPointF(), self.view.zoomFactor())

    def _page_changed(self, page: int) -> None:
        self.page.blockSignals(True)
        self.page.setValue(page + 1)
        self.page.blockSignals(False)
        self._update_navigation()

    def _update_navigation(self) -> None:
        count = self.pdf.pageCount()
        current = self.view.pageNavigator().currentPage()
        self.page.setMaximum(max(1, count))
        self.page_count.setText(f"of {count}")
        self.previous_button.setEnabled(current > 0)
        self.next_button.setEnabled(current < count - 1)
        self.page.setEnabled(count > 0)

    def step_zoom(self, step: int) -> None:
        """Ctrl++ and Ctrl+-: the next fixed size up or down from the size shown, a fitted one too."""
        shown = self.shown_zoom()
        fixed = [(index, factor) for index, (_, factor) in enumerate(ZOOMS) if factor is not None]
        if step > 0:
            targets = [index for index, factor in fixed if factor > shown * 1.01][:1]
        else:
            targets = [index for index, factor in fixed if factor < shown * 0.99][-1:]
        for index in targets:
            self.zoom.setCurrentIndex(index)

    def shown_zoom(self) -> float:
        """The size the pages are shown at, as a zoom factor, when they are fitted to the view too."""
        mode = self.view.zoomMode()
        page = self.pdf.pagePointSize(max(0, self.view.pageNavigator().currentPage()))
        if mode == QPdfView.ZoomMode.Custom or page.isEmpty():
            return float(self.view.zoomFactor())
        margins = self.view.documentMargins()
        points_to_pixels = self.view.logicalDpiX() / 72
        width = (self.view.viewport().width() - margins.left() - margins.right()) / (page.width() * points_to_pixels)
        if mode == QPdfView.ZoomMode.FitToWidth:
            return float(width)
        height = (self.view.viewport().height() - margins.top() - margins.bottom()) / (
            page.height() * self.view.logicalDpiY() / 72)
        return float(min(width, height))

    def _apply_zoom(self) -> None:
        factor = self.zoom.currentData()
        label = self.zoom.currentText()
        # QPdfView keeps the scroll offset in pixels, which at another size is another page: keep the
        # same place in the document instead.
        bars = (self.view.verticalScrollBar(), self.view.horizontalScrollBar())
        places = [bar.value() / (bar.maximum() + bar.pageStep()) if bar.maximum() else 0.0 for bar in bars]
        if factor is None:
            mode = QPdfView.ZoomMode.FitToWidth if label == "Fit width" else QPdfView.ZoomMode.FitInView
            self.view.setZoomMode(mode)
        else:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(float(factor))
        for bar, place in zip(bars, places, strict=True):
            bar.setValue(round(place * (bar.maximum() + bar.pageStep())))

    def dispose(self) -> None:
        if self.run is not None:
            self.run.stop()
            self.run = None
        self.pdf.close()
        shutil.rmtree(self._folder, ignore_errors=True)

