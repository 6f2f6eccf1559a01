"""The PyInstaller spec, evaluated without PyInstaller: what it would put in the bundle on each system.

The full build is ``packaging/build.py --check`` (see packaging/README.md); these checks are fast.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import bundle_contents as contents
import pytest

SPEC = contents.PACKAGING / "authoring.spec"


@dataclass
class Built:
    """What the spec asked PyInstaller for, recorded by stand-ins for PyInstaller's classes."""

    analysis: dict[str, Any] = field(default_factory=dict)
    programs: list[dict[str, Any]] = field(default_factory=list)
    collect: dict[str, Any] = field(default_factory=dict)
    collected: tuple[Any, ...] = ()
    bundle: dict[str, Any] | None = None


def evaluate_spec(platform: str, dist: Path, monkeypatch: pytest.MonkeyPatch) -> Built:
    built = Built()

    class Analysis:
        def __init__(self, scripts: list[str], **options: Any) -> None:
            built.analysis = {"scripts": scripts, **options}
            self.scripts = scripts
            self.pure: list[Any] = []
            self.datas = [(str(Path(dest) / Path(source).name), source, "DATA") for source, dest in options["datas"]]
            self.binaries = [("libQt6Core.so.6", "/qt/libQt6Core.so.6", "BINARY"),
                             ("PySide6/Qt/lib/libQt6VirtualKeyboard.so.6", "/qt/vk.so", "BINARY")]

    def program(*_parts: Any, **options: Any) -> dict[str, Any]:
        built.programs.append(options)
        return options

    def collect(*parts: Any, **options: Any) -> None:
        built.collect, built.collected = options, parts
        (dist / options["name"]).mkdir(parents=True)

    def bundle(*_parts: Any, **options: Any) -> None:
        built.bundle = options

    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.copy_metadata = lambda name: [(f"/site-packages/{name}.dist-info", f"{name}.dist-info")]  # type: ignore[attr-defined]
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    monkeypatch.setattr(sys, "platform", platform)
    spec_globals = {"__name__": "__main__", "SPECPATH": str(contents.PACKAGING), "DISTPATH": str(dist),
                    "Analysis": Analysis, "PYZ": lambda pure: ("PYZ", pure), "EXE": program,
                    "COLLECT": collect, "BUNDLE": bundle}
    exec(compile(SPEC.read_text(), str(SPEC), "exec"), spec_globals)
    return built


def test_every_listed_data_file_exists() -> None:
    for source, _ in contents.data_files():
        assert Path(source).is_file(), source


def test_package_data_is_every_non_python_file_of_the_package_in_its_package_folder() -> None:
    listed = dict(contents.package_data())
    on_disk = [path for path in contents.PACKAGE.rglob("*")
               if path.is_file() and "__pycache__" not in path.parts
               and path.suffix not in {".py", ".pyc"} and path.name != "py.typed"]
    assert {Path(source) for source in listed} == set(on_disk)
    for path in on_disk:
        assert listed[str(path)] == str(path.parent.relative_to(contents.SOURCE))
    for icon in (contents.PACKAGE / "gui" / "icons").glob("*.svg"):
        assert listed[str(icon)] == "authoring/gui/icons"
    player = [path for path in on_disk if "player" in path.relative_to(contents.PACKAGE).parts[:1]]
    assert all(listed[str(path)].startswith("authoring/player") for path in player)


def test_sample_courses_ship_with_their_assets() -> None:
    samples = dict(contents.sample_data())
    course = contents.SAMPLES / "customer-focus" / "course.md"
    chart = contents.SAMPLES / "customer-focus" / "assets" / "one-in-three.png"
    assert samples[str(course)] == "sample_courses/customer-focus"
    assert samples[str(chart)] == "sample_courses/customer-focus/assets"
    assert len(samples) == sum(1 for path in contents.SAMPLES.rglob("*") if path.is_file())


def test_hidden_imports_cover_what_is_imported_by_name() -> None:
    hidden = set(contents.hidden_imports())
    assert {"authoring.cli", "authoring.gui.app", "authoring.export.registry"} <= hidden
    assert set(contents.export_subpackages()) <= hidden
    for name in hidden:
        assert importlib.util.find_spec(name) is not None, name


def test_reportlab_runs_on_its_c_accelerator_which_the_bundle_lists() -> None:
    from reportlab.lib import rl_accel

    assert all(importlib.util.find_spec(name) is not None for name in contents.ACCELERATORS)
    assert type(rl_accel.fp_str).__name__ == "builtin_function_or_method"  # not the pure-Python fallback


def test_every_registered_exporter_comes_from_a_hidden_import() -> None:
    from authoring.export.registry import exporters

    hidden = set(contents.hidden_imports())
    for name, exporter in exporters().items():
        module = type(getattr(exporter, "exporter", exporter)).__module__  # the exporter inside the output guard
        assert module in hidden, f"exporter {name} from {module}"


def test_no_qt_module_the_editor_imports_is_excluded() -> None:
    probe = ("import sys\n"
             "import authoring.gui.app, authoring.gui.preview.learner_preview, authoring.gui.preview.pdf_preview\n"
             "import PySide6.QtWebEngineWidgets, PySide6.QtPdfWidgets, PySide6.QtSvg\n"
             "print(' '.join(sorted(m for m in sys.modules if m.startswith('PySide6.Qt'))))\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    imported = set(result.stdout.split())
    assert imported, result.stderr
    assert not imported & set(contents.EXCLUDED_MODULES)
    assert imported == {f"PySide6.{name}" for name in contents.QT_MODULES_USED}, "keep QT_MODULES_USED true"


def test_unneeded_qt_files_are_only_the_virtual_keyboard_and_devtools() -> None:
    assert contents.is_unneeded("PySide6/Qt/lib/libQt6VirtualKeyboard.so.6")
    assert contents.is_unneeded("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so")
    assert contents.is_unneeded("PySide6/Qt/resources/qtwebengine_devtools_resources.pak")
    for needed in ("PySide6/Qt/lib/libQt6WebEngineCore.so.6", "PySide6/Qt/resources/qtwebengine_resources.pak",
                   "PySide6/Qt/lib/libQt6Quick.so.6", "PySide6/Qt/plugins/imageformats/libqsvg.so"):
        assert not contents.is_unneeded(needed), needed


def test_linux_build_one_console_program_named_from_pyproject(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built = evaluate_spec("linux", tmp_path, monkeypatch)
    project = contents.project()
    assert Path(built.analysis["scripts"][0]).name == "launch.py"
    assert built.analysis["pathex"] == [str(contents.SOURCE)]
    assert set(contents.data_files()) <= set(built.analysis["datas"])
    assert ("/site-packages/authoring.dist-info", "authoring.dist-info") in built.analysis["datas"]
    assert set(contents.EXCLUDED_MODULES) == set(built.analysis["excludes"])
    assert [(p["name"], p["console"], p["icon"]) for p in built.programs] == [(project.name, True, None)]
    assert built.collect["name"] == project.name
    binaries = next(part for part in built.collected if isinstance(part, list) and part and part[0][2] == "BINARY")
    assert [entry[0] for entry in binaries] == ["libQt6Core.so.6"], "the virtual keyboard is left out"
    assert (tmp_path / project.name / "install.sh").read_bytes() == contents.INSTALL_SCRIPT.read_bytes()
    assert built.bundle is None


def test_windows_build_a_windowed_editor_and_a_console_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built = evaluate_spec("win32", tmp_path, monkeypatch)
    assert [(p["name"], p["console"]) for p in built.programs] == [("authoring", False), ("authoring-cli", True)]
    assert {p["icon"] for p in built.programs} == {str(contents.ICON_ICO)}
    assert contents.executable(tmp_path).name == "authoring-cli.exe"
    assert not (tmp_path / "authoring" / "install.sh").exists()


def test_macos_bundle_has_the_app_id_icon_version_and_markdown_document_type(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built = evaluate_spec("darwin", tmp_path, monkeypatch)
    assert built.bundle is not None
    plist = built.bundle["info_plist"]
    assert built.bundle["name"] == "Authoring.app"
    assert built.bundle["bundle_identifier"] == contents.APP_ID
    assert built.bundle["icon"] == str(contents.ICON_ICNS)
    assert built.bundle["version"] == plist["CFBundleShortVersionString"] == contents.project().version
    (document,) = plist["CFBundleDocumentTypes"]
    assert document["LSItemContentTypes"] == [contents.MARKDOWN_UTI]
    assert document["CFBundleTypeRole"] == "Editor"
    assert document["LSHandlerRank"] == "Alternate", "must not take .md files away from the user's editor"
    (imported,) = plist["UTImportedTypeDeclarations"]
    assert imported["UTTypeIdentifier"] == contents.MARKDOWN_UTI
    assert "md" in imported["UTTypeTagSpecification"]["public.filename-extension"]
