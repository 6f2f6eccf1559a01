"""Build the desktop app with PyInstaller, report its size and build time, and check that it runs.

    .venv/bin/python packaging/build.py            # build dist/authoring (and dist/Authoring.app on macOS)
    .venv/bin/python packaging/build.py --check    # build, then run the built program (see check_bundle)
    .venv/bin/python packaging/build.py --check --no-build   # check what dist/ holds already

Needs the ``package`` extra: ``.venv/bin/pip install -e '.[package]'``.  It builds for the system it
runs on; PyInstaller does not cross-compile.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bundle_contents as contents

SPEC = contents.PACKAGING / "authoring.spec"
SAMPLE = contents.SAMPLES / "customer-focus"
SAMPLE_TITLE = "What Is Customer Focus?"
GUI_SECONDS_OPEN = 3
GUI_TIME_LIMIT = 120
"""Seconds the offscreen editor may take to start, open the sample, show the previews and close."""
MIB = 1024 * 1024


class CheckFailed(Exception):
    pass


@dataclass(frozen=True)
class BuildReport:
    folder: Path
    seconds: float
    size_bytes: int
    files: int

    def __str__(self) -> str:
        return (f"built {self.folder} in {self.seconds:.0f} s: {self.size_bytes / MIB:.0f} MiB "
                f"in {self.files} files")


def folder_size(folder: Path) -> tuple[int, int]:
    files = [path for path in folder.rglob("*") if path.is_file() and not path.is_symlink()]
    return sum(path.stat().st_size for path in files), len(files)


def build(dist: Path, work: Path) -> BuildReport:
    if importlib.util.find_spec("PyInstaller") is None:
        raise CheckFailed("PyInstaller is missing; install the build tools: .venv/bin/pip install -e '.[package]'")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                    "--distpath", str(dist), "--workpath", str(work), str(SPEC)], check=True)
    seconds = time.perf_counter() - start
    folder = contents.bundle_folder(dist)
    size, files = folder_size(folder)
    return BuildReport(folder, seconds, size, files)


def archive(dist: Path) -> Path:
    """dist/authoring-VERSION-PLATFORM.tar.gz: what a Linux user downloads and unpacks."""
    project = contents.project()
    machine = os.uname().machine if hasattr(os, "uname") else "x86_64"
    target = dist / f"{project.name}-{project.version}-{sys.platform}-{machine}.tar.gz"
    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        tar.add(contents.bundle_folder(dist), arcname=f"{project.name}-{project.version}")
    return target


def _run(command: list[str], *, env: dict[str, str] | None = None, timeout: float = 120,
         expect: int = 0) -> subprocess.CompletedProcess[str]:
    shown = " ".join(command)
    try:
        result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise CheckFailed(f"{shown}: still running after {timeout:.0f} s") from exc
    if result.returncode != expect:
        raise CheckFailed(f"{shown}: exit code {result.returncode}, expected {expect}\n"
                          f"--- stdout\n{result.stdout}--- stderr\n{result.stderr}")
    if "Traceback" in result.stderr:
        raise CheckFailed(f"{shown}: a Python error\n{result.stderr}")
    print(f"ok: {shown}")
    return result


def _isolated_env(home: Path) -> dict[str, str]:
    """Offscreen Qt, and settings, recovery files and caches in ``home``: nothing of the user's is read."""
    env = dict(os.environ, HOME=str(home), XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"),
               XDG_CACHE_HOME=str(home / "cache"), QT_QPA_PLATFORM="offscreen",
               # Windows keeps settings and app data here rather than under HOME.
               APPDATA=str(home / "appdata"), LOCALAPPDATA=str(home / "localappdata"))
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        env["QTWEBENGINE_DISABLE_SANDBOX"] = "1"  # Chromium refuses to run sandboxed as root
    return env


def check_bundle(dist: Path, export_format: str = "scorm12") -> None:
    """Run the built program as a user would: version, check, export, and the editor offscreen."""
    program = str(contents.executable(dist))
    if not Path(program).is_file():
        raise CheckFailed(f"no built program at {program}; build it first (without --no-build)")
    project = contents.project()
    with tempfile.TemporaryDirectory(prefix="authoring-check-") as temp:
        root = Path(temp)
        env = _isolated_env(root / "home")
        course_dir = root / "course"
        shutil.copytree(SAMPLE, course_dir)
        course = course_dir / "course.md"
        before = hashlib.sha256(course.read_bytes()).hexdigest()

        version = _run([program, "--version"], env=env).stdout.strip()
        if version != f"{project.name} {project.version}":
            raise CheckFailed(f"--version says {version!r}; pyproject.toml has {project.version}")

        _run([program, "check", str(course)], env=env)

        target = root / "export" / f"course-{export_format}{'.pdf' if export_format == 'pdf' else '.zip'}"
        target.parent.mkdir()
        _run([program, "export", str(course), "--format", export_format, "-o", str(target)], env=env)
        _check_export(target, export_format)

        screenshot = dist / "smoke-test.png"
        screenshot.unlink(missing_ok=True)
        gui_env = dict(env, AUTHORING_SMOKE_TEST=str(GUI_SECONDS_OPEN), AUTHORING_SMOKE_SCREENSHOT=str(screenshot))
        result = _run([program, str(course)], env=gui_env, timeout=GUI_TIME_LIMIT)
        if f"smoke test: {SAMPLE_TITLE}" not in result.stdout:
            raise CheckFailed(f"the editor did not show the sample course; it printed:\n{result.stdout}"
                              f"{result.stderr}")
        if not screenshot.is_file() or screenshot.stat().st_size < 10_000:
            raise CheckFailed(f"the editor saved no picture of its window at {screenshot}")
        print(f"ok: the editor's window, as the built app drew it: {screenshot}")

        if hashlib.sha256(course.read_bytes()).hexdigest() != before:
            raise CheckFailed(f"{course}: the course file changed, though nobody edited it")


def _check_export(target: Path, export_format: str) -> None:
    """What the built app exported holds the player's files (so the data files shipped) and, for SCORM,
    the manifest; a PDF is a PDF."""
    if not target.is_file():
        raise CheckFailed(f"export --format {export_format} reported success but wrote no file at {target}")
    if export_format == "pdf":
        if not target.read_bytes().startswith(b"%PDF-"):
            raise CheckFailed(f"{target}: not a PDF")
        return
    with zipfile.ZipFile(target) as package:
        names = set(package.namelist())
    expected = {path.name for path in (contents.PACKAGE / "player").glob("*") if path.is_file()}
    if export_format.startswith("scorm"):
        expected.add("imsmanifest.xml")
    missing = expected - names
    if missing:
        raise CheckFailed(f"{target}: the export lacks {', '.join(sorted(missing))}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the desktop app with PyInstaller and check it runs.")
    parser.add_argument("--dist", type=Path, default=contents.REPO / "dist", help="output folder (default dist/)")
    parser.add_argument("--work", type=Path, default=contents.REPO / "build" / "pyinstaller",
                        help="PyInstaller's work folder (default build/pyinstaller)")
    parser.add_argument("--check", action="store_true", help="run the built program's checks after the build")
    parser.add_argument("--no-build", action="store_true", help="check the app already in --dist; build nothing")
    parser.add_argument("--archive", action="store_true", help="also pack the folder as a .tar.gz and report its size")
    parser.add_argument("--export-format", default="scorm12", help="the format the check exports (default scorm12)")
    options = parser.parse_args(argv)
    try:
        if not options.no_build:
            print(build(options.dist, options.work), flush=True)
        if options.archive:
            packed = archive(options.dist)
            print(f"archive {packed}: {packed.stat().st_size / MIB:.0f} MiB")
        if options.check:
            check_bundle(options.dist, options.export_format)
            print("the built app works: --version, check, export and the editor offscreen")
    except CheckFailed as failure:
        print(f"packaging check failed: {failure}", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as failure:
        print(f"packaging check failed: PyInstaller exited with {failure.returncode}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
