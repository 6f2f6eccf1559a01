"""The Linux desktop files pass the freedesktop validators and agree with each other and pyproject.toml."""

from __future__ import annotations

import configparser
import os
import subprocess
import sys
from pathlib import Path

import bundle_contents as contents
from lxml import etree
from PIL import Image

REPO = contents.REPO
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def run(*command: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False)


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(contents.DESKTOP_FILE, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file_passes_desktop_file_validate_without_a_hint() -> None:
    result = run("desktop-file-validate", str(contents.DESKTOP_FILE))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "", result.stdout


def test_desktop_file_starts_the_program_with_the_course_and_claims_the_course_type() -> None:
    from authoring.gui.app import APP_NAME, DESKTOP_ID

    entry = desktop_entry()
    project = contents.project()
    assert contents.DESKTOP_FILE.name == f"{contents.APP_ID}.desktop"
    assert entry["Icon"] == contents.APP_ID
    assert entry["Exec"] == f"{project.name} %f"
    assert entry["TryExec"] == project.name
    assert entry["MimeType"].split(";")[:2] == [contents.COURSE_MIME_TYPE, "text/markdown"]
    # X11 groups windows under the launcher by WM_CLASS, which Qt takes from the application name.
    assert entry["StartupWMClass"] == APP_NAME
    # Wayland matches windows to the launcher by the desktop file name the editor gives Qt.
    assert DESKTOP_ID == contents.APP_ID


def test_metainfo_passes_appstreamcli_validate() -> None:
    result = run("appstreamcli", "validate", "--no-net", "--no-color", str(contents.METAINFO_FILE))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert not [line for line in output.splitlines() if line.startswith(("E:", "W:"))], output


def test_metainfo_agrees_with_pyproject_and_the_desktop_file() -> None:
    component = etree.parse(str(contents.METAINFO_FILE)).getroot()
    project = contents.project()
    assert contents.METAINFO_FILE.name == f"{contents.APP_ID}.metainfo.xml"
    assert component.findtext("id") == contents.APP_ID
    assert component.findtext("launchable[@type='desktop-id']") == contents.DESKTOP_FILE.name
    assert component.findtext("icon[@type='stock']") == contents.APP_ID
    assert component.findtext("project_license") == project.licence
    assert component.findtext("provides/binary") == project.name
    assert component.findtext("provides/mediatype") == contents.COURSE_MIME_TYPE
    newest = component.find("releases/release")
    assert newest is not None
    assert newest.get("version") == project.version, "add a <release> for the version in pyproject.toml"
    assert component.find("content_rating[@type='oars-1.1']") is not None


def test_metainfo_screenshots_are_the_screenshot_scripts_pictures_at_their_real_size() -> None:
    component = etree.parse(str(contents.METAINFO_FILE)).getroot()
    images = component.findall("screenshots/screenshot/image")
    assert len(images) >= 3
    for image in images:
        url = image.text or ""
        assert url.startswith("https://") and "/docs/screenshots/" in url, url
        picture = REPO / "docs" / "screenshots" / url.rsplit("/", 1)[1]
        assert picture.is_file(), f"{url} names no file in docs/screenshots"
        with Image.open(picture) as opened:
            assert opened.size == (int(image.get("width", "0")), int(image.get("height", "0"))), picture


def test_mime_file_declares_the_course_type_as_a_kind_of_markdown() -> None:
    info = etree.parse(str(contents.MIME_FILE)).getroot()
    assert info.tag == f"{MIME_NS}mime-info"
    (mime_type,) = info.findall(f"{MIME_NS}mime-type")
    assert mime_type.get("type") == contents.COURSE_MIME_TYPE
    assert [parent.get("type") for parent in mime_type.findall(f"{MIME_NS}sub-class-of")] == ["text/markdown"]
    assert {glob.get("pattern") for glob in mime_type.findall(f"{MIME_NS}glob")} == {"course.md", "*.course.md"}


def test_installed_mime_type_names_course_files_and_leaves_other_markdown_alone(tmp_path: Path) -> None:
    packages = tmp_path / "share" / "mime" / "packages"
    packages.mkdir(parents=True)
    (packages / contents.MIME_FILE.name).write_bytes(contents.MIME_FILE.read_bytes())
    built = run("update-mime-database", str(tmp_path / "share" / "mime"))
    assert built.returncode == 0, built.stderr
    # Qt's database is the one the editor's file dialogs use; it reads what update-mime-database wrote.
    probe = (
        "from PySide6.QtCore import QMimeDatabase\n"
        "db = QMimeDatabase()\n"
        "for name in ['course.md', 'safety.course.md', 'COURSE.MD', 'README.md', 'my-course.md']:\n"
        "    kind = db.mimeTypeForFile(name, QMimeDatabase.MatchMode.MatchExtension)\n"
        "    print(name, kind.name(), kind.inherits('text/markdown'))\n"
    )
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "share"), XDG_DATA_DIRS="/usr/share")
    result = run(sys.executable, "-c", probe, env=env)
    assert result.returncode == 0, result.stderr
    found = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    course = f"{contents.COURSE_MIME_TYPE} True"
    assert found == {"course.md": course, "safety.course.md": course, "COURSE.MD": course,
                     "README.md": "text/markdown True", "my-course.md": "text/markdown True"}
