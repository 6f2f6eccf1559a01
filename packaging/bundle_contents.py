"""What goes into the desktop bundle.  ``authoring.spec``, ``build.py`` and the packaging tests read it.

It never imports PyInstaller, so the fast tests can check every list without a build.  The lists
are made from the source tree when the spec runs: a new player file, exporter or sample course is
in the next build without anyone editing this file.
"""

from __future__ import annotations

import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
REPO = PACKAGING.parent
SOURCE = REPO / "src"
PACKAGE = SOURCE / "authoring"
RESOURCES = REPO / "resources"
SAMPLES = REPO / "sample_courses"

APP_ID = "io.github.authoring.Authoring"
"""Reverse-DNS ID: the .desktop, metainfo, MIME, icon and macOS bundle names all use it."""
APP_NAME = "Authoring"
"""The name people see: Start menu, macOS menu bar, ``Authoring.app``."""
COURSE_MIME_TYPE = "text/x-authoring-course"
"""Linux's name for a course file: a kind of text/markdown, told apart by its file name."""
MARKDOWN_UTI = "net.daringfireball.markdown"
"""macOS's name for Markdown.  A UTI cannot match ``*.course.md``, so the app offers to open any .md."""
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
"""hicolor PNG sizes; the .ico takes those up to 256, the .icns makes its own from 1024."""

ICON_SVG = RESOURCES / "icons" / f"{APP_ID}.svg"
ICON_ICO = RESOURCES / "icons" / f"{APP_ID}.ico"
ICON_ICNS = RESOURCES / "icons" / f"{APP_ID}.icns"
HICOLOR = RESOURCES / "icons" / "hicolor"
LINUX = RESOURCES / "linux"
INSTALL_SCRIPT = PACKAGING / "linux" / "install.sh"
"""Copied beside the program in the Linux build: puts the menu entry, icon and file type in place."""
DESKTOP_FILE = LINUX / f"{APP_ID}.desktop"
METAINFO_FILE = LINUX / f"{APP_ID}.metainfo.xml"
MIME_FILE = LINUX / f"{APP_ID}.mime.xml"

# Qt's Python modules the editor never imports.  PyInstaller's hooks skip a module nobody imports,
# but listing them stops a stray import in a dependency from pulling in, say, Qt Quick 3D.
# QtQml, QtQuick and QtPositioning are here as Python modules only: QtWebEngine links their
# libraries, which PyInstaller still collects as binaries, but their hooks would add the whole QML
# tree.  QtNetwork, QtPrintSupport and QtWebChannel stay: QtWebEngineWidgets imports them.
UNUSED_QT_MODULES = (
    "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
    "QtAxContainer", "QtBluetooth", "QtCanvasPainter", "QtCharts", "QtConcurrent", "QtDataVisualization",
    "QtDBus", "QtDesigner", "QtGraphs", "QtGraphsWidgets", "QtHelp", "QtHttpServer", "QtLabsStyleKit",
    "QtLocation", "QtMultimedia", "QtMultimediaWidgets", "QtNetworkAuth", "QtNfc", "QtOpenGL",
    "QtOpenGLWidgets", "QtPositioning", "QtQml", "QtQmlFeatures", "QtQuick", "QtQuick3D", "QtQuickControls2",
    "QtQuickTest", "QtQuickWidgets", "QtRemoteObjects", "QtScxml", "QtSensors", "QtSerialBus", "QtSerialPort",
    "QtSpatialAudio", "QtSql", "QtStateMachine", "QtSvgWidgets", "QtTest", "QtTextToSpeech", "QtUiTools",
    "QtWebEngineQuick", "QtWebSockets", "QtWebView", "QtXml",
)
QT_MODULES_USED = (
    "QtCore", "QtGui", "QtWidgets", "QtSvg", "QtWebEngineCore", "QtWebEngineWidgets", "QtPdf", "QtPdfWidgets",
    "QtNetwork", "QtPrintSupport", "QtWebChannel",
)
"""Listed as hidden imports.  QtSvg draws the SVG icons through Qt's image plugin, which nothing
imports by name; the last three come with QtWebEngineWidgets."""

ACCELERATORS = ("_rl_accel",)
"""Listed as hidden imports.  reportlab imports its C accelerator (the ``accel`` extra) by a name in a
string, and without it falls back to slower pure Python without a word."""

EXCLUDED_MODULES = (
    *(f"PySide6.{name}" for name in UNUSED_QT_MODULES),
    "tkinter", "_tkinter",
    # The test and build tools live in the same venv; nothing the app imports needs them.
    "pytest", "_pytest", "hypothesis", "pytestqt", "playwright", "mypy", "PyInstaller",
)

# Parts of Qt that come with a module the app uses but that the app has no use for, matched against
# the file names PyInstaller collects.  The on-screen keyboard pulls in Qt Quick plugins; the
# WebEngine devtools serve an inspector the preview never opens.
UNNEEDED_QT_FILES = (
    "qtvirtualkeyboardplugin", "Qt6VirtualKeyboard", "qtwebengine_devtools_resources.pak",
)

# Files under src/authoring that are build leftovers, not data to ship.
_NOT_DATA_SUFFIXES = (".py", ".pyc", ".pyo", ".pyi")
_NOT_DATA_NAMES = ("py.typed",)


@dataclass(frozen=True)
class Project:
    name: str
    version: str
    summary: str
    licence: str


def project() -> Project:
    """Name and version as pyproject.toml has them: the one place a release changes them."""
    with (REPO / "pyproject.toml").open("rb") as file:
        table = tomllib.load(file)["project"]
    return Project(table["name"], table["version"], table["description"], table["license"])


def _files_under(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*")
                  if path.is_file() and "__pycache__" not in path.parts and not path.name.startswith("."))


def package_data() -> list[tuple[str, str]]:
    """Every non-Python file in the authoring package: player assets, icons, exporter templates.

    One ``(source file, folder in the bundle)`` pair per file, so the list shows exactly what ships.
    """
    return [(str(path), str(path.parent.relative_to(SOURCE)))
            for path in _files_under(PACKAGE)
            if path.suffix not in _NOT_DATA_SUFFIXES and path.name not in _NOT_DATA_NAMES]


def sample_data() -> list[tuple[str, str]]:
    """The sample courses with their assets, which the editor's welcome page offers to open."""
    return [(str(path), str(Path("sample_courses") / path.parent.relative_to(SAMPLES)))
            for path in _files_under(SAMPLES)]


def hicolor_png(size: int) -> Path:
    return HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def desktop_data() -> list[tuple[str, str]]:
    """The Linux desktop files under ``share/``, laid out as installed: linux/install.sh copies them."""
    return [
        (str(DESKTOP_FILE), "share/applications"),
        (str(METAINFO_FILE), "share/metainfo"),
        (str(MIME_FILE), "share/mime/packages"),
        (str(ICON_SVG), "share/icons/hicolor/scalable/apps"),
        *((str(hicolor_png(size)), f"share/icons/hicolor/{size}x{size}/apps") for size in ICON_SIZES),
    ]


def data_files() -> list[tuple[str, str]]:
    return package_data() + sample_data() + desktop_data()


def is_unneeded(bundle_path: str) -> bool:
    """Whether a file PyInstaller collected (its path in the bundle) is a part of Qt the app never uses."""
    name = Path(bundle_path).name
    return any(part in name for part in UNNEEDED_QT_FILES)


def hidden_imports() -> list[str]:
    """Every module of the authoring package.

    The export registry imports ``authoring.export.*`` subpackages by walking the folder, and the CLI
    imports ``authoring.gui.app`` by name; PyInstaller sees neither, so every module is listed.
    """
    modules = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        parts = path.relative_to(SOURCE).with_suffix("").parts
        modules.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return modules


def export_subpackages() -> list[str]:
    """The exporters the registry will find at run time (folders with an ``__init__.py``)."""
    return sorted(f"authoring.export.{init.parent.name}" for init in (PACKAGE / "export").glob("*/__init__.py"))


def bundle_folder(dist: Path) -> Path:
    """Where PyInstaller puts the one-folder app for this platform."""
    return dist / project().name


def executable(dist: Path) -> Path:
    """The console program in the one-folder bundle; the one the check runs."""
    name = f"{project().name}-cli.exe" if sys.platform == "win32" else project().name
    return bundle_folder(dist) / name
