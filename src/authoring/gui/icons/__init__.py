"""The editor's icons: SVG, so they stay sharp at any screen scale."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

_FOLDER = Path(__file__).resolve().parent


@cache
def icon(name: str) -> QIcon:
    """``name`` is a file name here without ``.svg``: course, lesson, quiz, question, reflection, …"""
    return QIcon(str(_FOLDER / f"{name}.svg"))
