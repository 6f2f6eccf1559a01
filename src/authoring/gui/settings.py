"""Every setting the editor keeps, declared once with its type and default (as Picard does).

The ``QSettings`` is passed in, so tests point it at a file in ``tmp_path``
and nothing touches the user's real settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 10


class AppSettings:
    def __init__(self, store: QSettings) -> None:
        self.store = store

    # -- recent files -------------------------------------------------------------------

    @property
    def recent_files(self) -> list[Path]:
        names = _strings(self.store.value("recent/files", []))
        return [Path(name) for name in names if name]

    def add_recent(self, path: Path) -> None:
        path = path.resolve()
        files = [path, *(p for p in self.recent_files if p != path)][:MAX_RECENT]
        self.store.setValue("recent/files", [str(p) for p in files])

    def remove_recent(self, path: Path) -> None:
        self.store.setValue("recent/files", [str(p) for p in self.recent_files if p != path])

    # -- window layout ------------------------------------------------------------------

    def layout(self, name: str) -> QByteArray | None:
        value = self.store.value(f"window/{name}")
        return value if isinstance(value, QByteArray) else None

    def set_layout(self, name: str, state: QByteArray) -> None:
        self.store.setValue(f"window/{name}", state)

    # -- export ---------------------------------------------------------------------------

    @property
    def export_formats(self) -> list[str]:
        return _strings(self.store.value("export/formats", []))

    @export_formats.setter
    def export_formats(self, formats: list[str]) -> None:
        self.store.setValue("export/formats", list(formats))

    @property
    def export_folder(self) -> str:
        return str(self.store.value("export/folder", "") or "")

    @export_folder.setter
    def export_folder(self, folder: str) -> None:
        self.store.setValue("export/folder", folder)

    # -- preview --------------------------------------------------------------------------

    @property
    def preview_width(self) -> str:
        """``desktop`` or ``phone``."""
        value = str(self.store.value("preview/width", "desktop"))
        return value if value in ("desktop", "phone") else "desktop"

    @preview_width.setter
    def preview_width(self, value: str) -> None:
        self.store.setValue("preview/width", value)

    def sync(self) -> None:
        self.store.sync()


def _strings(value: object) -> list[str]:
    # INI files give back one string for a list of one, and None for an empty list.
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return []
