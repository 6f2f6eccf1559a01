"""A lesson: its title, its Markdown, a live rendered view and the reading time."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl
from PySide6.QtGui import QImageReader, QResizeEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from authoring.core.atomic_write import atomic_write
from authoring.core.validation import MAX_LESSON_MINUTES, reading_minutes
from authoring.gui.document import CourseDocument
from authoring.gui.editors.base_editor import ObjectEditor
from authoring.gui.editors.field_binding import exact_text
from authoring.gui.editors.markdown_editor import MarkdownEditor

RENDER_DELAY_MS = 300
SIDE_BY_SIDE_WIDTH = 640
"""Narrower than this (e.g. beside the learner preview), the rendered view goes below the text."""
FIT_MARGIN = 24
"""Images are fitted this much narrower than the rendered view, so a scroll bar coming or going (which
changes its width) neither makes them overflow nor fits them again, back and forth."""
IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.gif *.svg *.webp)"


def render_markdown(text: str) -> str:
    """The lesson as the player shows it: the exporter's Markdown extensions and sanitiser."""
    from authoring.export.lesson_html import render_block  # loaded on first render, to keep start-up fast

    return render_block(text)


class LessonEditor(ObjectEditor):
    def __init__(self, document: CourseDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.title = QLineEdit()
        self.title.setPlaceholderText("Lesson title")
        self.title.setAccessibleName("Lesson title")
        self.body = MarkdownEditor()
        self.body.setAccessibleName("Lesson text (Markdown)")
        self.body.setPlaceholderText("Write the lesson in Markdown: **bold**, *italic*, lists, ## sub-headings…")
        self.rendered = QTextBrowser()
        self.rendered.setOpenExternalLinks(False)
        self.rendered.setAccessibleName("Rendered lesson")
        self.rendered.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.reading_time = QLabel()
        self.reading_time.setToolTip(f"At 200 words a minute. Microlearning lessons stay under "
                                     f"{MAX_LESSON_MINUTES} minutes.")
        self.insert_image_button = QPushButton("Insert &image…")
        self.insert_image_button.setToolTip("Copy a picture into the course's assets/ folder and insert it "
                                            "with its alt text")
        self.insert_image_button.clicked.connect(self.insert_image)

        self.splitter = splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("lessonSplitter")
        splitter.addWidget(self.body)
        splitter.addWidget(self.rendered)
        splitter.setChildrenCollapsible(False)
        bar = QHBoxLayout()
        bar.addWidget(self.insert_image_button)
        bar.addStretch()
        bar.addWidget(self.reading_time)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Lesson</b>"))
        layout.addWidget(self.title)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

        self.bind(self.title, "title")
        body_binding = self.bind(self.body, "body")
        self.body.aboutToFormat.connect(body_binding.new_session)
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(RENDER_DELAY_MS)
        self._render_timer.timeout.connect(self.render_now)
        # Rendering and counting words both wait for a pause in typing: a long lesson stays smooth.
        self.body.textChanged.connect(self._render_timer.start)
        # Images are fitted to the rendered view's width, which the window, the splitters and the preview
        # pane all change (and which is not final yet when the lesson is first shown).
        self._fitted_width = -1
        self.rendered.viewport().installEventFilter(self)

    def set_object(self, obj: object) -> None:
        super().set_object(obj)
        self.render_now()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = event.size().width() >= SIDE_BY_SIDE_WIDTH
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.splitter.orientation() != orientation:
            self.splitter.setOrientation(orientation)
            self.splitter.setSizes([3, 2] if not wide else [1, 1])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Resize and watched is self.rendered.viewport()
                and abs(self.rendered.viewport().width() - self._fitted_width) >= FIT_MARGIN):
            self._render_timer.start()
        return False

    def render_now(self) -> None:
        self._render_timer.stop()
        source_dir = self.document.source_dir
        if source_dir is not None:
            self.rendered.document().setBaseUrl(QUrl.fromLocalFile(f"{source_dir}/"))
        html = render_markdown(exact_text(self.body))
        self._fitted_width = self.rendered.viewport().width()
        bar = self.rendered.verticalScrollBar()
        place = bar.value()  # setHtml scrolls to the top: the author would lose the part they are reading
        self.rendered.setHtml(fit_images(html, source_dir, self._fitted_width - FIT_MARGIN))
        bar.setValue(place)
        self._update_reading_time()

    def _update_reading_time(self) -> None:
        minutes = reading_minutes(exact_text(self.body))
        words = round(minutes * 200)
        text = f"{words} words · about {max(1, round(minutes))} min read" if words else "Empty lesson"
        if minutes > MAX_LESSON_MINUTES:
            text += " — consider splitting it"
        self.reading_time.setText(text)

    def insert_image(self) -> None:
        """Copy an image into ``assets/`` beside the course file and insert it with its alt text."""
        source_dir = self.document.source_dir
        if source_dir is None:
            QMessageBox.information(self, "Save the course first",
                                    "Images are copied into an assets/ folder beside the course file. "
                                    "Save the course, then insert the image.")
            return
        name, _ = QFileDialog.getOpenFileName(self, "Insert image", str(Path.home()), IMAGE_FILTER)
        if not name:
            return
        alt, ok = QInputDialog.getText(self, "Alt text",
                                       "Describe the image for learners who cannot see it:")
        if not ok:
            return
        try:
            relative = copy_into_assets(Path(name), source_dir)
        except OSError as exc:
            QMessageBox.warning(self, "Image not inserted",
                                f"Could not copy {name} into {source_dir / 'assets'}: {exc.strerror or exc}. "
                                "Check that the folder is writable.")
            return
        self.body.setFocus()
        self.body.insert_text(f"![{alt.strip()}]({relative})")


def fit_images(html: str, source_dir: Path | None, width: int) -> str:
    """Give wide images a width, as QTextBrowser knows no CSS max-width."""
    if source_dir is None or width <= 0 or "<img" not in html:
        return html

    def sized(match: re.Match[str]) -> str:
        tag, src = match.group(0), unquote(match.group(1))
        size = QImageReader(str(source_dir / src)).size()
        if size.width() <= width:
            return tag
        return tag.replace("<img ", f'<img width="{width}" ', 1)

    return re.sub(r'<img [^>]*src="([^"]+)"[^>]*>', sized, html)


def copy_into_assets(image: Path, source_dir: Path) -> str:
    """Copy ``image`` to ``assets/`` (keeping a file already there if it is the same) and return its link."""
    assets = source_dir / "assets"
    assets.mkdir(exist_ok=True)
    if image.resolve().parent == assets.resolve():
        return f"assets/{image.name}"
    target = assets / image.name
    number = 1
    while target.exists() and target.read_bytes() != image.read_bytes():
        number += 1
        target = assets / f"{image.stem}-{number}{image.suffix}"
    if not target.exists():
        atomic_write(target, image.read_bytes())
    return f"assets/{target.name}".replace(" ", "%20")
