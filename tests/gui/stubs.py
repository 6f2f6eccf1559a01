"""Fakes for GUI tests: modal dialogs answered at once and nothing handed to other programs, so nothing
ever blocks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QMessageBox


class ModalAnswers:
    """Answers message boxes in order and records what they said; an unexpected one fails the test."""

    def __init__(self) -> None:
        self.queue: list[QMessageBox.StandardButton] = []
        self.asked: list[str] = []
        self.details: list[str] = []

    def __call__(self, box: QMessageBox) -> int:
        self.asked.append(f"{box.windowTitle()}: {box.text()}")
        self.details.append(box.detailedText())
        if not self.queue:
            raise AssertionError(f"unexpected dialog: {self.asked[-1]}")
        return int(self.queue.pop(0).value)


def stub_dialog(monkeypatch: pytest.MonkeyPatch, cls: type[QDialog], result: int) -> list[QDialog]:
    """Make ``cls.exec()`` return ``result`` at once; returns the dialogs that were shown."""
    shown: list[QDialog] = []

    def fake_exec(dialog: QDialog) -> int:
        shown.append(dialog)
        return result

    monkeypatch.setattr(cls, "exec", fake_exec)
    return shown


def stub_open_url(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    """Make ``QDesktopServices.openUrl`` record the URLs it is given instead of opening them."""
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", opened.append)
    return opened
