"""Build the Linux app with PyInstaller and run it as a user would (packaging/build.py --check).

The slow one: about one to three minutes on two cores.  Deselect with ``-m 'not package'``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import bundle_contents as contents
import pytest
from PIL import Image

pytestmark = [pytest.mark.package, pytest.mark.timeout(1800)]


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("package")
    result = subprocess.run(
        [sys.executable, str(contents.PACKAGING / "build.py"), "--check",
         "--dist", str(folder / "dist"), "--work", str(folder / "work")],
        capture_output=True, text=True, check=False)
    print(result.stdout)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    # --version, check, export --format scorm12 and the editor offscreen all passed.
    assert "the built app works" in result.stdout
    return folder / "dist"


def test_built_app_carries_reportlabs_c_accelerator(dist: Path) -> None:
    for name in contents.ACCELERATORS:
        assert any(dist.rglob(f"{name}*.so")) or any(dist.rglob(f"{name}*.pyd")), name


def test_built_editor_drew_its_window_with_the_sample_open(dist: Path) -> None:
    with Image.open(dist / "smoke-test.png") as screenshot:
        assert screenshot.width >= 800 and screenshot.height >= 500
        colours = screenshot.convert("RGB").getcolors(maxcolors=1 << 16)
    assert colours is None or len(colours) > 50, "a blank window"


def test_built_folder_carries_the_desktop_files_and_installs_for_the_user(dist: Path, tmp_path: Path) -> None:
    build = contents.bundle_folder(dist)
    for _, destination in contents.desktop_data():
        assert (build / "_internal" / destination).is_dir(), destination
    env = {key: value for key, value in os.environ.items() if not key.startswith("XDG_")}
    env["HOME"] = str(tmp_path)
    installed = subprocess.run([str(build / "install.sh")], capture_output=True, text=True, env=env, check=False)
    assert installed.returncode == 0, installed.stderr
    launcher = tmp_path / ".local" / "bin" / "authoring"
    version = subprocess.run([launcher, "--version"], capture_output=True, text=True, env=env, check=True)
    assert version.stdout.strip() == f"authoring {contents.project().version}"
    removed = subprocess.run([str(tmp_path / ".local" / "lib" / "authoring" / "install.sh"), "--uninstall"],
                             capture_output=True, text=True, env=env, check=False)
    assert removed.returncode == 0, removed.stderr
    assert not (tmp_path / ".local" / "lib" / "authoring").exists()
