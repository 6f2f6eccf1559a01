"""imsmanifest.xml for SCORM 1.2 and 2004: valid against the official XSDs, and right where XSDs cannot see."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree
from scorm_conformance import (
    ADLCP12,
    CP12,
    CP2004,
    IMSSS,
    manifest_pass_mark,
    manifest_problems,
    validate_manifest,
)

from authoring.core.course_file import load_course
from authoring.core.model import Choice, Course, Lesson, Question, Quiz
from authoring.export.scorm.manifest import manifest_scorm12, manifest_scorm2004

BUILD = {"1.2": manifest_scorm12, "2004": manifest_scorm2004}
CP = {"1.2": CP12, "2004": CP2004}
FILES = ["index.html", "player.js", "player.css", "assets/One in three.png", "assets/café.png"]
VERSIONS = ["1.2", "2004"]

SAMPLES = Path(__file__).resolve().parents[2] / "sample_courses"


def sample(name: str) -> Course:
    course = load_course(SAMPLES / name / "course.md").course
    assert course is not None
    return course


def quiz_course(title: str = "Course", pass_mark: int = 80, course_id: str | None = "course") -> Course:
    question = Question("Which?", choices=[Choice("Yes", correct=True), Choice("No")])
    return Course(title=title, pass_mark=pass_mark, id=course_id,
                  items=[Lesson("Intro", "Text."), Quiz("Check", questions=[question, question])])


def titles(manifest: bytes, version: str) -> list[str]:
    return [title.text or "" for title in etree.fromstring(manifest).iter(f"{{{CP[version]}}}title")]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("name", ["customer-focus", "feature-tour"])
def test_sample_manifests_validate_and_pass_every_check(name: str, version: str) -> None:
    manifest = BUILD[version](sample(name), FILES)
    assert validate_manifest(manifest, version) == []
    assert manifest_problems(manifest, version, set(FILES)) == []


ODD_TITLES = {
    "Q&A: <Less> is \"more\" & 'so' on": "Q&A: is \"more\" & 'so' on",
    "Q&A: 3 < 4 & \"quotes\" 'too'": "Q&A: 3 < 4 & \"quotes\" 'too'",
    "Café naïve – 日本語の研修 🎓": "Café naïve – 日本語の研修 🎓",
    "**Bold** and `code <b>`": "Bold and code <b>",
    "x" * 500: "x" * 199 + "…",
}


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(("title", "shown"), ODD_TITLES.items(), ids=range(len(ODD_TITLES)))
def test_odd_titles_are_escaped_plain_and_at_most_200_characters(title: str, shown: str, version: str) -> None:
    manifest = BUILD[version](quiz_course(title), ["index.html"])
    assert validate_manifest(manifest, version) == []
    assert manifest_problems(manifest, version, {"index.html"}) == []
    assert titles(manifest, version) == [shown, shown]


@pytest.mark.parametrize("version", VERSIONS)
def test_identifiers_come_from_the_course_id_so_a_reworded_course_keeps_its_tracking(version: str) -> None:
    first = etree.fromstring(BUILD[version](quiz_course("First title", course_id="safety-101"), ["index.html"]))
    second = etree.fromstring(BUILD[version](quiz_course("Reworded title", course_id="safety-101"), ["index.html"]))

    def identifiers(root: etree._Element) -> list[tuple[str, str]]:
        return [(etree.QName(e).localname, e.get("identifier") or "") for e in root.iter() if e.get("identifier")]

    assert identifiers(first) == identifiers(second)
    assert all(value.startswith("safety-101") for _, value in identifiers(first))
    derived = etree.fromstring(BUILD[version](quiz_course("Fire Safety!", course_id=None), ["index.html"]))
    assert derived.get("identifier") == "fire-safety-manifest"


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("pass_mark", [0, 1, 33, 50, 80, 100])
def test_the_pass_mark_reaches_the_lms(pass_mark: int, version: str) -> None:
    manifest = BUILD[version](quiz_course(pass_mark=pass_mark), ["index.html"])
    assert validate_manifest(manifest, version) == []
    assert manifest_pass_mark(manifest, version) == Decimal(pass_mark) / 100
    root = etree.fromstring(manifest)
    if version == "1.2":
        assert [e.text for e in root.iter(f"{{{ADLCP12}}}masteryscore")] == [str(pass_mark)]
    else:
        [objective] = root.iter(f"{{{IMSSS}}}primaryObjective")
        assert objective.get("satisfiedByMeasure") == "true"


@pytest.mark.parametrize("version", VERSIONS)
def test_a_course_without_questions_has_no_pass_mark_for_the_lms_to_apply(version: str) -> None:
    course = Course(title="Reading only", id="reading", pass_mark=80, items=[Lesson("One", "Text.")])
    manifest = BUILD[version](course, ["index.html"])
    assert validate_manifest(manifest, version) == []
    assert manifest_problems(manifest, version, {"index.html"}) == []
    assert manifest_pass_mark(manifest, version) is None


def test_2004_has_the_4th_edition_profile() -> None:
    root = etree.fromstring(manifest_scorm2004(quiz_course(), ["index.html"]))
    ns = {"cp": CP2004, "imsss": IMSSS}
    assert root.findtext("cp:metadata/cp:schemaversion", namespaces=ns) == "2004 4th Edition"
    [resource] = root.iterfind(".//cp:resource", ns)
    assert resource.get("{http://www.adlnet.org/xsd/adlcp_v1p3}scormType") == "sco"
    [controls] = root.iterfind(".//imsss:deliveryControls", ns)
    assert (controls.get("completionSetByContent"), controls.get("objectiveSetByContent")) == ("true", "true")
    assert root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation") is None


@pytest.mark.parametrize("version", VERSIONS)
def test_every_file_is_declared_once_with_its_exact_name(version: str) -> None:
    manifest = BUILD[version](quiz_course(), [*FILES, "imsmanifest.xml"])
    refs = [file.get("href") for file in etree.fromstring(manifest).iter(f"{{{CP[version]}}}file")]
    assert refs == sorted(refs)
    assert "assets/One%20in%20three.png" in refs and "assets/caf%C3%A9.png" in refs
    assert "imsmanifest.xml" not in refs
    assert manifest_problems(manifest, version, set(FILES)) == []
    assert manifest_problems(manifest, version, {*FILES, "assets/extra.png"}) == [
        "'assets/extra.png' is in the zip but declared by no <file>"]
    wrong_case = {name.replace("One", "one") for name in FILES}
    assert any("not in the zip (case matters)" in p for p in manifest_problems(manifest, version, wrong_case))


@pytest.mark.parametrize("version", VERSIONS)
def test_manifests_are_deterministic_and_a_long_version_still_validates(version: str) -> None:
    course = quiz_course()
    course.version = "2026.11 release candidate number three"
    manifest = BUILD[version](course, list(reversed(FILES)))
    assert manifest == BUILD[version](course, FILES)
    assert validate_manifest(manifest, version) == []


# The checks themselves must catch what they are for: the README's list of
# broken manifests that an XSD lets through (all but the duplicate ID), and
# manifests the XSD rejects.
BROKEN_MANIFESTS = {
    "2004": [
        (b'adlcp:scormType="sco"', b'adlcp:scormtype="sco"'),
        (b"</imsss:sequencing>", b'</imsss:sequencing><adlcp12:masteryscore xmlns:adlcp12="'
         + ADLCP12.encode() + b'">80</adlcp12:masteryscore>'),
        (b"<title>Course</title>\n        <imsss", b"<imsss"),
        (b'identifier="course-resource"', b'identifier="course-sco"'),
        (b'default="course-org"', b'default="elsewhere"'),
        (b' identifierref="course-resource"', b""),
        (b'<file href="player.js"/>', b'<file href="player.js"/><file href="missing.js"/>'),
        (b'completionSetByContent="true" ', b""),
    ],
    "1.2": [
        (b"<schemaversion>1.2</schemaversion>", b"<schemaversion>1.3</schemaversion>"),
        (b"<title>Course</title>\n        <adlcp", b"<adlcp"),
        (b'identifier="course-resource"', b'identifier="course-sco"'),
        (b'default="course-org"', b'default="elsewhere"'),
        (b' identifierref="course-resource"', b""),
        (b'<file href="player.js"/>', b'<file href="player.js"/><file href="missing.js"/>'),
        (b"<adlcp:masteryscore>80<", b"<adlcp:masteryscore>180<"),
        (b'<file href="player.js"/>', b'<file href="C:\\player.js"/>'),
    ],
}


@pytest.mark.parametrize(("version", "change"), [(v, c) for v, cs in BROKEN_MANIFESTS.items() for c in cs],
                         ids=lambda value: value if isinstance(value, str) else value[1][:30].decode())
def test_the_checks_catch_what_the_xsd_lets_through(version: str, change: tuple[bytes, bytes]) -> None:
    files = ["index.html", "player.js"]
    manifest = BUILD[version](quiz_course(), files)
    assert change[0] in manifest
    broken = manifest.replace(*change)
    assert manifest_problems(broken, version, set(files)) != []


@pytest.mark.parametrize("version", VERSIONS)
def test_the_xsd_validation_is_not_vacuous(version: str) -> None:
    manifest = BUILD[version](quiz_course(), ["index.html"])
    assert validate_manifest(manifest.replace(b"<organizations ", b"<organisations ", 1)
                             .replace(b"</organizations>", b"</organisations>"), version) != []
    misplaced = manifest.replace(b'type="webcontent"', b'type="webcontent" scormtype="sco"')
    assert validate_manifest(misplaced, version) != []


def test_the_manifest_module_never_reads_the_shared_schemas() -> None:
    source = Path(__file__).parents[2] / "src" / "authoring" / "export" / "scorm"
    for path in source.rglob("*.py"):
        assert "scorm-schemas" not in path.read_text(encoding="utf-8")
    assert not list(source.rglob("*.xsd"))
