"""Running exporters off the GUI thread, for the export dialog and the previews.

The worker gets its own copy of the course, so the author may go on editing
while it runs; it reports progress and failures in words, never a traceback.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from authoring.core.atomic_write import write_advice
from authoring.core.model import Course
from authoring.export.registry import Exporter, ExportError, ExportOptions


@dataclass(frozen=True)
class ExportJob:
    label: str
    exporter: Exporter
    target: Path
    edition: str = "learner"
    zip: bool = True


class ExportWorker(QObject):
    progress = Signal(int, int, str)
    failed = Signal(str)
    finished = Signal(list)
    """The paths written, in the order of the jobs."""

    def __init__(self, course: Course, jobs: list[ExportJob], source_dir: Path,
                 course_file: Path | None = None, lines_match_file: bool = True) -> None:
        super().__init__()
        self.course = course
        self.jobs = jobs
        self.source_dir = source_dir
        self.course_file = course_file
        self.lines_match_file = lines_match_file
        self.cancelled = False

    @Slot()
    def run(self) -> None:
        written: list[Path] = []
        total = 100 * len(self.jobs)
        for number, job in enumerate(self.jobs):
            options = ExportOptions(source_dir=self.source_dir, edition=job.edition, zip=job.zip,
                                    course_file=self.course_file, lines_match_file=self.lines_match_file)
            try:
                job.target.parent.mkdir(parents=True, exist_ok=True)
                for step in job.exporter.export(self.course, job.target, options):
                    if self.cancelled:
                        self.failed.emit("Export cancelled.")
                        self.finished.emit(written)
                        return
                    share = 100 * step.done // max(step.total, 1)
                    self.progress.emit(100 * number + share, total, f"{job.label}: {step.message}")
            except ExportError as exc:
                message = str(exc)
                # A refusal already says "not exported, because …"; other errors say only what is wrong.
                joined = " was " if message.startswith("not exported") else " was not exported: "
                self.failed.emit(f"{job.label}{joined}{message}")
                break
            except OSError as exc:
                advice = write_advice(exc)
                self.failed.emit(f"{job.label} could not be written to {job.target}: "
                                 f"{exc.strerror or exc}. {advice[0].upper()}{advice[1:]}.")
                break
            except Exception as exc:  # an exporter bug must not take the editor (and unsaved work) down
                self.failed.emit(f"{job.label} failed unexpectedly ({type(exc).__name__}: {exc}). "
                                 "Please report this; your course is safe.")
                break
            written.append(job.target)
            self.progress.emit(100 * (number + 1), total, f"{job.label}: done")
        self.finished.emit(written)


class ExportRun(QObject):
    """One export in a background thread; ``done`` brings the paths written and the errors."""

    done = Signal(list, list)

    def __init__(self, course: Course, jobs: list[ExportJob], source_dir: Path, parent: QObject | None = None,
                 *, course_file: Path | None = None, lines_match_file: bool = True) -> None:
        super().__init__(parent)
        self.errors: list[str] = []
        self.worker = ExportWorker(copy.deepcopy(course), jobs, source_dir, course_file, lines_match_file)
        self.thread_ = QThread(self)
        self.worker.moveToThread(self.thread_)
        self.thread_.started.connect(self.worker.run)
        self.worker.failed.connect(self.errors.append)
        self.worker.finished.connect(self._finished)
        self.thread_.start()

    def _finished(self, written: list[Path]) -> None:
        self.thread_.quit()
        self.thread_.wait()
        self.done.emit(written, self.errors)

    def stop(self) -> None:
        """Ask the worker to stop after its current step and wait for it."""
        self.worker.cancelled = True
        self.thread_.quit()
        self.thread_.wait()
