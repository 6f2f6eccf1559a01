"""The Open and Save As dialogs, with the folders of recent courses at hand."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QFileDialog, QWidget

COURSE_FILTER = "Courses (*.md);;All files (*)"


def choose_course_path(parent: QWidget, recent: list[Path], current: Path | None, *, save: bool) -> Path | None:
    """Ask for a course file; the platform's dialog where there is one, listing recent folders."""
    folder = str(current.parent if current else recent[0].parent if recent else Path.home())
    dialog = QFileDialog(parent, "Save course as" if save else "Open course", folder, COURSE_FILTER)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile if save else QFileDialog.FileMode.ExistingFile)
    dialog.setDefaultSuffix("md")
    folders = list(dict.fromkeys(str(path.parent) for path in recent))
    dialog.setHistory(folders)
    dialog.setSidebarUrls([QUrl.fromLocalFile(str(Path.home())), *(QUrl.fromLocalFile(f) for f in folders)])
    if save:
        dialog.selectFile(current.name if current else "course.md")
    if not dialog.exec():
        return None
    files = dialog.selectedFiles()
    return Path(files[0]) if files else None
