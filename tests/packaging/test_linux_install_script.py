"""packaging/linux/install.sh puts an unpacked Linux build in place, with its menu entry and file type."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import bundle_contents as contents


def unpacked_build(folder: Path) -> Path:
    """A stand-in for the unpacked build: the real desktop files where the spec puts them."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy2(contents.INSTALL_SCRIPT, folder / "install.sh")
    program = folder / "authoring"
    program.write_text("#!/bin/sh\necho authoring 0.0.0\n")
    program.chmod(0o755)
    for source, destination in contents.desktop_data():
        target = folder / "_internal" / destination
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    return folder


def install(build: Path, home: Path, *options: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("XDG_")}
    env["HOME"] = str(home)
    return subprocess.run(["sh", str(build / "install.sh"), *options], capture_output=True, text=True,
                          env=env, check=False)


def test_install_for_the_user_then_uninstall(tmp_path: Path) -> None:
    build = unpacked_build(tmp_path / "authoring-0.1.0")
    home = tmp_path / "home"
    result = install(build, home)
    assert result.returncode == 0, result.stderr

    lib, share = home / ".local" / "lib" / "authoring", home / ".local" / "share"
    launcher = home / ".local" / "bin" / "authoring"
    assert launcher.resolve() == (lib / "authoring").resolve()
    assert subprocess.run([launcher], capture_output=True, text=True, check=True).stdout == "authoring 0.0.0\n"

    desktop = share / "applications" / contents.DESKTOP_FILE.name
    text = desktop.read_text()
    assert f"Exec={lib}/authoring %f" in text, "menus may not search ~/.local/bin: the full path is needed"
    assert f"TryExec={lib}/authoring\n" in text
    validated = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True, check=False)
    assert validated.returncode == 0, validated.stdout
    assert (share / "metainfo" / contents.METAINFO_FILE.name).is_file()
    for size in contents.ICON_SIZES:
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{contents.APP_ID}.png").is_file()
    # update-mime-database ran: the course type is in the user's database.
    assert (share / "mime" / "text" / "x-authoring-course.xml").is_file()

    removed = install(lib, home, "--uninstall")
    assert removed.returncode == 0, removed.stderr
    assert not lib.exists()
    assert not launcher.exists() and not launcher.is_symlink()
    assert not desktop.exists()
    assert not (share / "mime" / "text" / "x-authoring-course.xml").exists()


def test_install_from_a_folder_that_is_not_a_build_says_so_and_changes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "somewhere"
    folder.mkdir()
    shutil.copy2(contents.INSTALL_SCRIPT, folder / "install.sh")
    result = install(folder, tmp_path / "home")
    assert result.returncode == 1
    assert "run me from the unpacked authoring folder" in result.stderr
    assert not (tmp_path / "home").exists()


def test_unknown_option_is_a_usage_error(tmp_path: Path) -> None:
    result = install(unpacked_build(tmp_path), tmp_path / "home", "--everywhere")
    assert result.returncode == 2
    assert "unknown option '--everywhere'" in result.stderr
