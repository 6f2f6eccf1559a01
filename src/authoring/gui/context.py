"""What the editor needs from its surroundings, passed explicitly instead of found globally."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

from authoring.gui.settings import AppSettings

# The built app (packaging/authoring.spec) keeps the samples beside its other data, in sys._MEIPASS.
_BUNDLE: str | None = getattr(sys, "_MEIPASS", None)
_REPO_SAMPLES = (Path(_BUNDLE) if _BUNDLE else Path(__file__).resolve().parents[3]) / "sample_courses"


@dataclass
class EditorContext:
    settings: AppSettings
    data_dir: Path
    """Where recovery files and the user's copy of the samples live."""
    samples_dir: Path | None = _REPO_SAMPLES if _REPO_SAMPLES.is_dir() else None

    @property
    def recovery_dir(self) -> Path:
        return self.data_dir / "recovery"

    @classmethod
    def for_user(cls) -> EditorContext:
        """The real settings and data folder of the logged-in user."""
        data = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
        return cls(AppSettings(QSettings()), Path(data))

    @classmethod
    def in_folder(cls, folder: Path) -> EditorContext:
        """Settings and data kept in ``folder``: for tests, and for trying the editor without traces."""
        folder.mkdir(parents=True, exist_ok=True)
        store = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
        return cls(AppSettings(store), folder / "data")
