"""The Inno Setup script installs the spec's Windows programs and registers the course file type.

Inno Setup runs only on Windows, so this reads the script; packaging/README.md says how to build it.
"""

from __future__ import annotations

import re

import bundle_contents as contents

ISS = contents.PACKAGING / "windows" / "authoring.iss"


def defines() -> dict[str, str]:
    return dict(re.findall(r'^\s*#define (\w+) "([^"]*)"', ISS.read_text(), re.MULTILINE))


def section(name: str) -> list[str]:
    text = ISS.read_text()
    body = text.split(f"[{name}]\n", 1)[1].split("\n[", 1)[0]
    return [line for line in body.splitlines() if line.strip() and not line.startswith(";")]


def setup_value(key: str) -> str:
    (line,) = [line for line in section("Setup") if line.startswith(f"{key}=")]
    return line.split("=", 1)[1]


def test_names_and_version_agree_with_pyproject_and_the_spec() -> None:
    values = defines()
    project = contents.project()
    assert values["AppVersion"] == project.version, "bump AppVersion with pyproject.toml's version"
    assert values["AppId"] == contents.APP_ID
    assert values["AppName"] == contents.APP_NAME
    # The windowed program the spec builds on Windows; authoring-cli.exe is the console one.
    assert values["AppExe"] == f"{project.name}.exe"
    assert values["DistDir"] == r"..\..\dist" + "\\" + contents.bundle_folder(contents.REPO / "dist").name


def test_installs_the_whole_folder_with_the_app_icon() -> None:
    (files,) = section("Files")
    assert 'Source: "{#DistDir}\\*"' in files
    assert "recursesubdirs" in files and 'DestDir: "{app}"' in files
    icon = setup_value("SetupIconFile").replace("\\", "/")
    assert (ISS.parent / icon).resolve() == contents.ICON_ICO
    assert setup_value("UninstallDisplayIcon") == r"{app}\{#AppExe}"


def test_start_menu_entry_runs_the_editor() -> None:
    entries = section("Icons")
    assert any(line.startswith('Name: "{autoprograms}\\{#AppName}"') and 'Filename: "{app}\\{#AppExe}"' in line
               for line in entries)


def test_course_file_type_opens_with_the_editor_and_md_is_offered_not_taken() -> None:
    registry = section("Registry")
    assert setup_value("ChangesAssociations") == "yes"
    command = [line for line in registry if "{#CourseProgId}\\shell\\open\\command" in line]
    assert len(command) == 1 and 'ValueData: """{app}\\{#AppExe}"" ""%1"""' in command[0]
    open_with = [line for line in registry if ".md\\OpenWithProgids" in line]
    assert len(open_with) == 1 and 'ValueName: "{#CourseProgId}"' in open_with[0]
    default = [line for line in registry if 'Subkey: "Software\\Classes\\.md";' in line]
    assert len(default) == 1 and "Tasks: markdowndefault" in default[0], "the default for .md only when asked"
    (task,) = [line for line in section("Tasks") if 'Name: "markdowndefault"' in line]
    assert "Flags: unchecked" in task
