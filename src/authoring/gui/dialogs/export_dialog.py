"""Export the course: pick formats and a folder; the export runs off the GUI thread.

The exporters come from the registry, so the dialog offers what this
version has.  The worker exports a copy of the course, so editing may go on
while it runs.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QThread, QUrl
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from authoring.core.ids import course_id
from authoring.core.model import Course
from authoring.core.problems import Severity
from authoring.export.registry import Exporter, exporters
from authoring.gui.document import CourseDocument
from authoring.gui.export_worker import ExportJob, ExportWorker
from authoring.gui.problems_panel import live_problems
from authoring.gui.settings import AppSettings
from authoring.gui.welcome_page import shown_folder


@dataclass(frozen=True)
class Choice:
    key: str
    label: str
    exporter: str
    edition: str = "learner"
    tip: str = ""


CHOICES = (
    Choice("scorm12", "SCORM 1.2 package", "scorm12",
           tip="A zip to upload to any LMS; the most widely supported version"),
    Choice("scorm2004", "SCORM 2004 package", "scorm2004",
           tip="A zip for LMSs that offer SCORM 2004 (4th edition); it reports pass/fail and score separately"),
    Choice("html", "HTML (stand-alone web page)", "html",
           tip="A zip of the player that opens in a browser with no LMS; progress stays in that browser"),
    Choice("pdf-learner", "PDF, learner edition", "pdf", "learner",
           tip="A handout of the lessons and questions, without the answers"),
    Choice("pdf-reviewer", "PDF, reviewer edition with answer key", "pdf", "reviewer",
           tip="For reviewers: the correct answers, each choice's feedback and the checker's warnings"),
)


def output_name(course: Course, choice: Choice, exporter: Exporter) -> str:
    """``customer-focus-scorm12.zip``, ``customer-focus-reviewer.pdf``: one file per choice, never clashing."""
    tag = choice.edition if choice.exporter == "pdf" else choice.key
    return f"{course_id(course)}-{tag}{exporter.suffix}"


class ExportDialog(QDialog):
    def __init__(self, document: CourseDocument, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export course")
        self.document = document
        self.settings = settings
        self.available = exporters()
        self.export_thread: QThread | None = None
        self.worker: ExportWorker | None = None
        self.written: list[Path] = []
        self.errors: list[str] = []

        formats = QGroupBox("Formats")
        format_layout = QVBoxLayout(formats)
        remembered = settings.export_formats or ["scorm12"]
        self.boxes: dict[str, QCheckBox] = {}
        for choice in CHOICES:
            box = QCheckBox(choice.label)
            box.setToolTip(choice.tip)
            if choice.exporter not in self.available:
                box.setEnabled(False)
                box.setToolTip("Not available in this version")
            box.setChecked(box.isEnabled() and choice.key in remembered)
            box.toggled.connect(self._update_buttons)
            self.boxes[choice.key] = box
            format_layout.addWidget(box)
        default_folder = document.source_dir / "export" if document.source_dir else Path.home()
        self.folder = QLineEdit(settings.export_folder or str(default_folder))
        self.folder.setAccessibleName("Output folder")
        self.folder.setToolTip("Each format is written here as its own file, named after the course ID; "
                               "a file already there is replaced. A relative folder is beside the course file.")
        self.folder.textChanged.connect(self._update_buttons)
        browse = QPushButton("&Browse…")
        browse.setToolTip("Choose the output folder")
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_label = QLabel("&Folder:")
        folder_label.setBuddy(self.folder)
        folder_row.addWidget(folder_label)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.progress = QProgressBar()
        self.progress.setValue(0)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setObjectName("exportStatus")
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("&Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.show_folder_button = self.buttons.addButton("Show in &folder", QDialogButtonBox.ButtonRole.ActionRole)
        self.open_pdf_button = self.buttons.addButton("Open &PDF", QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self.start)
        self.show_folder_button.clicked.connect(self.show_folder)
        self.open_pdf_button.clicked.connect(self.open_pdf)
        self.close_button.clicked.connect(self.reject)
        self.show_folder_button.hide()
        self.open_pdf_button.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(formats)
        layout.addLayout(folder_row)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())
        self.blocking_errors = [p for p in live_problems(document) if p.severity is Severity.ERROR]
        if self.blocking_errors:
            self.status.setText(f"⚠ {len(self.blocking_errors)} error(s) block export, for example: "
                                f"{self.blocking_errors[0].message}. Fix them in the problems panel first.")
        elif not self.available:
            self.status.setText("This version has no exporters installed.")
        self._update_buttons()

    def selected(self) -> list[Choice]:
        return [choice for choice in CHOICES if self.boxes[choice.key].isChecked()]

    def _update_buttons(self) -> None:
        running = self.export_thread is not None
        self.export_button.setEnabled(bool(self.selected()) and bool(self.folder.text().strip())
                                      and not self.blocking_errors and not running)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Export to folder", self.folder.text())
        if folder:
            self.folder.setText(folder)

    def output_folder(self) -> Path:
        """The folder typed; a relative one is beside the course (an untitled course: in the home folder),
        never wherever the editor happened to be started from."""
        folder = Path(self.folder.text().strip()).expanduser()
        return folder if folder.is_absolute() else (self.document.source_dir or Path.home()) / folder

    def jobs(self) -> list[ExportJob]:
        folder = self.output_folder()
        result = []
        for choice in self.selected():
            exporter = self.available[choice.exporter]
            target = folder / output_name(self.document.course, choice, exporter)
            result.append(ExportJob(choice.label, exporter, target, choice.edition))
        return result

    def start(self) -> None:
        jobs = self.jobs()
        if not jobs or self.export_thread is not None:
            return
        self.settings.export_formats = [choice.key for choice in self.selected()]
        self.settings.export_folder = self.folder.text().strip()
        self.written, self.errors = [], []
        self.show_folder_button.hide()
        self.open_pdf_button.hide()
        self.status.setText("Exporting…")
        source_dir = self.document.source_dir or Path.cwd()
        self.worker = ExportWorker(copy.deepcopy(self.document.course), jobs, source_dir, self.document.path,
                                   self.document.lines_match_file)
        self.export_thread = QThread(self)
        self.worker.moveToThread(self.export_thread)
        self.export_thread.started.connect(self.worker.run)
        self.worker.progress.connect(self._progress)
        self.worker.failed.connect(self.errors.append)
        self.worker.finished.connect(self._finished)
        self.export_thread.start()
        self._update_buttons()

    def _progress(self, done: int, total: int, message: str) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        self.status.setText(message)

    def _finished(self, written: list[Path]) -> None:
        self.written = written
        if self.export_thread is not None:
            self.export_thread.quit()
            self.export_thread.wait()
            self.export_thread = None
        self.worker = None
        # One file a line: word wrap would break the names at their hyphens.
        names = "\n".join(f"  {path.name}" for path in written)
        if self.errors:
            self.status.setText("\n".join(self.errors) + (f"\nWritten:\n{names}" if written else ""))
        else:
            folder = shown_folder(written[0].parent) if written else ""
            self.status.setText(f"Done, in {folder}:\n{names}" if written else "Nothing to write.")
        self.show_folder_button.setVisible(bool(written))
        self.open_pdf_button.setVisible(any(path.suffix == ".pdf" for path in written))
        self._update_buttons()

    def show_folder(self) -> None:
        if self.written:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.written[0].parent)))

    def open_pdf(self) -> None:
        pdf = next((path for path in self.written if path.suffix == ".pdf"), None)
        if pdf is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(pdf)))

    def reject(self) -> None:
        if self.export_thread is not None and self.worker is not None:
            self.worker.cancelled = True
            self.export_thread.quit()
            self.export_thread.wait()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.reject()
        event.accept()
