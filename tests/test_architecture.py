"""The engine stays free of Qt, so the command line and CI servers need no GUI toolkit."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "authoring"
QT_FREE = ["core", "export"]


def test_core_and_exporters_never_import_qt() -> None:
    offenders = []
    for package in QT_FREE:
        for path in (SRC / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                offenders += [f"{path.relative_to(SRC)}: {name}" for name in names if name.split(".")[0] in
                              ("PySide6", "PyQt5", "PyQt6", "shiboken6")]
    assert offenders == []


def test_importing_every_core_and_export_module_loads_no_qt() -> None:
    modules = [
        ".".join(path.relative_to(SRC.parent).with_suffix("").parts)
        for package in QT_FREE for path in (SRC / package).rglob("*.py")
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name.removesuffix('.__init__'))\n"
        "from authoring.export.registry import exporters; exporters()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_editor_loads_the_engine_before_qt() -> None:
    # Once QtCore is loaded, PySide6 reads the source of every module imported after it: loading the
    # engine and its parsers first keeps that cost off each start of the editor.
    code = (
        "import sys, authoring.gui.app\n"
        "names = list(sys.modules)\n"
        "qt = names.index('PySide6.QtCore')\n"
        "print(sorted(name for name in names[qt:] if name.split('.')[0] in ('markdown_it', 'yaml', 'mdurl')"
        " or name.startswith('authoring.core')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
