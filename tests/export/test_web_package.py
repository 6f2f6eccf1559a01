"""The player's web files: what goes in, deterministic zips, atomic folders, and the resume-state budget."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from authoring.core.course_file import load_course
from authoring.core.model import Choice, Course, Lesson, Question, Quiz, Reflection
from authoring.export.registry import ExportError, ExportOptions, get_exporter
from authoring.export.web_package import RUNTIMES, build_web_files, player_size, suspend_format, write_folder, write_zip
from authoring.export.web_package.suspend_format import ResumeState


def load(path: Path) -> Course:
    loaded = load_course(path)
    assert loaded.course is not None
    return loaded.course


def course_json(files: dict[str, bytes]) -> dict[str, object]:
    page = files["index.html"].decode("utf-8")
    match = re.search(r'<script type="application/json" id="course-data">(.*?)</script>', page, re.DOTALL)
    assert match, "the course data is in index.html"
    data: dict[str, object] = json.loads(match.group(1))
    return data


def test_the_sample_has_the_player_its_data_and_only_the_images_it_uses(sample_course: Path) -> None:
    (sample_course.parent / "assets" / "unused.png").write_bytes(b"not used")
    files = build_web_files(load(sample_course), ExportOptions(source_dir=sample_course.parent), "scorm12")
    assert sorted(files) == ["assets/one-in-three.png", "index.html", "player.css", "player.js"]
    assert files["assets/one-in-three.png"] == (sample_course.parent / "assets" / "one-in-three.png").read_bytes()
    data = course_json(files)
    assert data["runtime"] == "scorm12" and data["passMark"] == 80 and data["id"] == "customer-focus"
    page = files["index.html"].decode()
    assert '<html lang="en" dir="ltr">' in page and "<title>What Is Customer Focus?</title>" in page


@pytest.mark.parametrize("runtime", RUNTIMES)
def test_the_runtime_is_embedded(sample_course: Path, runtime: str) -> None:
    files = build_web_files(load(sample_course), ExportOptions(source_dir=sample_course.parent), runtime)
    assert course_json(files)["runtime"] == runtime


def test_an_unknown_runtime_is_refused(sample_course: Path) -> None:
    with pytest.raises(ExportError, match="unknown player runtime 'scorm3'"):
        build_web_files(load(sample_course), ExportOptions(source_dir=sample_course.parent), "scorm3")


def test_question_data_carries_lms_ids_and_short_descriptions(sample_course: Path) -> None:
    course = load(sample_course)
    course.questions[0].stem = "Why " + "very " * 80 + "long?"
    data = course_json(build_web_files(course, ExportOptions(source_dir=sample_course.parent), "scorm2004"))
    quiz = next(item for item in data["items"] if item["kind"] == "quiz")  # type: ignore[attr-defined]
    ids = [question["id"] for question in quiz["questions"]]
    assert ids == ["john", "paper-form", "behaviours", "expectations", "finished"]
    assert 240 < len(quiz["questions"][0]["text"]) <= 250 and quiz["questions"][0]["text"].endswith("…")
    assert [c["correct"] for c in quiz["questions"][2]["choices"]] == [True, True, False, True]
    assert quiz["questions"][2]["multiple"] is True


def test_a_missing_image_names_the_file_and_line(sample_course: Path) -> None:
    (sample_course.parent / "assets" / "one-in-three.png").unlink()
    line = sample_course.read_text().splitlines().index(next(
        text for text in sample_course.read_text().splitlines() if "one-in-three.png" in text)) + 1
    with pytest.raises(ExportError, match=rf"line {line}: image file 'assets/one-in-three.png' does not exist") as e:
        build_web_files(load(sample_course), ExportOptions(source_dir=sample_course.parent), "local")
    # The line is kept apart, so the command line names it as course.md:LINE like the checker, not the output.
    assert e.value.line == line and e.value.message.startswith("image file 'assets/one-in-three.png'")


def test_an_image_outside_the_course_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.png").write_bytes(b"x")
    folder = tmp_path / "course"
    folder.mkdir()
    course = Course("T", items=[Lesson("L", "![x](../secret.png)", body_line=7)])
    with pytest.raises(ExportError, match=re.escape("line 7: image '../secret.png' is outside the course folder")) as e:
        build_web_files(course, ExportOptions(source_dir=folder), "local")
    assert e.value.line == 7 and e.value.message.startswith("image '../secret.png'")


def test_images_in_titles_stems_and_choices_are_packaged(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    for name in ("title", "stem", "choice"):
        (tmp_path / "assets" / f"{name}.png").write_bytes(name.encode())
    question = Question("Which one? ![s](assets/stem.png)", choices=[Choice("![c](assets/choice.png)", True),
                                                                     Choice("b", False)])
    course = Course("T", items=[Quiz("See ![t](assets/title.png)", "", [question])])
    files = build_web_files(course, ExportOptions(source_dir=tmp_path), "local")
    assert {name: files[f"assets/{name}.png"] for name in ("title", "stem", "choice")} == {
        "title": b"title", "stem": b"stem", "choice": b"choice"}


def test_author_text_cannot_close_the_data_script(tmp_path: Path) -> None:
    course = Course("A </script><script>alert(1)</script> & co", language="pt-BR",
                    items=[Lesson("</script>", "`</script><!--` \u2028")])
    files = build_web_files(course, ExportOptions(source_dir=tmp_path), "local")
    page = files["index.html"].decode()
    assert page.count("</script>") == 2  # the data block's and player.js's, nothing of the author's
    assert course_json(files)["title"] == "A & co"  # the title is plain text; its tags were never text
    assert '<html lang="pt-BR" dir="ltr">' in page


def test_right_to_left_languages_set_dir(tmp_path: Path) -> None:
    page = build_web_files(Course("T", language="ar"), ExportOptions(source_dir=tmp_path), "local")["index.html"]
    assert b'<html lang="ar" dir="rtl">' in page


def test_zips_are_deterministic_sorted_and_dated_1980(sample_course: Path, tmp_path: Path) -> None:
    course = load(sample_course)
    options = ExportOptions(source_dir=sample_course.parent)
    write_zip(build_web_files(course, options, "scorm12"), tmp_path / "a.zip")
    write_zip(build_web_files(load(sample_course), options, "scorm12"), tmp_path / "b.zip")
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert archive.testzip() is None


def test_write_zip_refuses_unsafe_paths(tmp_path: Path) -> None:
    for name in ("../evil.txt", "/abs.txt", "a\\b.txt"):
        with pytest.raises(ExportError):
            write_zip({name: b"x"}, tmp_path / "x.zip")
    assert not (tmp_path / "x.zip").exists()


def test_a_failed_zip_leaves_the_old_one(tmp_path: Path) -> None:
    target = tmp_path / "course.zip"
    write_zip({"index.html": b"old"}, target)
    before = target.read_bytes()
    with pytest.raises(ExportError):
        write_zip({"index.html": b"new", "../x": b"bad"}, target)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["course.zip"]


def test_write_folder_replaces_an_earlier_export_atomically(sample_course: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    tmp_path = tmp_path / "exports"
    target = tmp_path / "out"
    write_folder(build_web_files(load(sample_course), ExportOptions(source_dir=sample_course.parent), "local"), target)
    assert (target / "assets" / "one-in-three.png").is_file()
    write_folder(build_web_files(Course("Two"), ExportOptions(source_dir=tmp_path), "local"), target)
    two = (target / "index.html").read_bytes()
    assert b"Two" in two and not (target / "assets").exists()

    def fail(self: Path, other: Path) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(Path, "rename", fail)
    with pytest.raises(OSError, match="disk full"):
        write_folder({"index.html": b"three"}, target)
    monkeypatch.undo()
    assert (target / "index.html").read_bytes() == two
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_write_folder_never_replaces_a_folder_of_other_files(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.docx").write_bytes(b"precious")
    with pytest.raises(ExportError, match=r"holds files that no earlier HTML export wrote \(thesis.docx\)"):
        write_folder({"index.html": b"x"}, tmp_path / "mine")
    assert (tmp_path / "mine" / "thesis.docx").read_bytes() == b"precious"


def test_write_folder_replaces_only_what_an_earlier_export_wrote(sample_course: Path, tmp_path: Path) -> None:
    # "It has an index.html" is no proof: any site has one, and replacing the folder deletes all it holds.
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>my home page</p>", encoding="utf-8")
    files = build_web_files(load(sample_course), ExportOptions(source_dir=sample_course.parent), "local")
    with pytest.raises(ExportError, match=r"\(index.html\)"):
        write_folder(files, site)
    assert (site / "index.html").read_text(encoding="utf-8") == "<p>my home page</p>"

    export = tmp_path / "export"
    write_folder(files, export)
    (export / "assets" / "draft.png").write_bytes(b"mine")
    (export / "assets" / "pictures").symlink_to(tmp_path)
    (export / "Thumbs.db").write_bytes(b"")
    with pytest.raises(ExportError, match=r"\(assets/draft.png, assets/pictures\)"):
        write_folder(files, export)
    (export / "assets" / "draft.png").unlink()
    (export / "assets" / "pictures").unlink()
    write_folder(files, export)  # the player's files, the images it shows and a file manager's leftovers
    assert sorted(path.relative_to(export).as_posix() for path in export.rglob("*")) == [
        "assets", "assets/one-in-three.png", "index.html", "player.css", "player.js"]


def test_the_html_exporter_writes_a_folder_or_a_zip(sample_course: Path, tmp_path: Path) -> None:
    exporter = get_exporter("html")
    assert exporter is not None and exporter.title == "HTML"
    course = load(sample_course)
    list(exporter.export(course, tmp_path / "folder", ExportOptions(source_dir=sample_course.parent, zip=False)))
    assert (tmp_path / "folder" / "index.html").is_file()
    assert (tmp_path / "folder" / "assets" / "one-in-three.png").is_file()
    list(exporter.export(course, tmp_path / "c.zip", ExportOptions(source_dir=sample_course.parent)))
    with zipfile.ZipFile(tmp_path / "c.zip") as archive:
        assert "index.html" in archive.namelist()
        assert b'"runtime":"local"' in archive.read("index.html")


def test_the_html_exporter_refuses_a_course_with_errors(sample_course: Path, tmp_path: Path) -> None:
    course = load(sample_course)
    course.questions[0].choices = course.questions[0].choices[:1]
    exporter = get_exporter("html")
    assert exporter is not None
    with pytest.raises(ExportError, match="1 error"):
        list(exporter.export(course, tmp_path / "c.zip", ExportOptions(source_dir=sample_course.parent)))
    assert not (tmp_path / "c.zip").exists()


def test_player_and_sample_stay_small(sample_course: Path, tmp_path: Path) -> None:
    assert player_size() < 60 * 1024
    write_zip(build_web_files(load(sample_course), ExportOptions(source_dir=sample_course.parent), "scorm2004"),
              tmp_path / "s.zip")
    assert (tmp_path / "s.zip").stat().st_size < 100 * 1024


# -- the resume state ------------------------------------------------------------------------------------------

def big_course(questions: int = 40, reflections: int = 3) -> Course:
    quiz = Quiz("Q", questions=[Question(f"Q{n}?", choices=[Choice("a", True), Choice("b", True), Choice("c"),
                                                             Choice("d", True)]) for n in range(questions)])
    return Course("Big", items=[*(Lesson(f"L{n}") for n in range(10)), quiz,
                                *(Reflection(f"R{n}", "Why?") for n in range(reflections))])


def full_state(course: Course, text: str) -> ResumeState:
    return ResumeState(seed=36**4 - 1, visited=[True] * len(course.items), attempts=[35] * len(course.quizzes),
                       answers=["abd"] * len(course.questions), reflections=[text] * len(course.reflections))


@pytest.mark.parametrize("character", ["x", "é", "😀"])
def test_40_questions_with_reflections_at_their_budget_fit_scorm_12(character: str) -> None:
    course = big_course()
    budget = suspend_format.reflection_budget(course, "scorm12")
    assert budget > 1000
    text = (character * budget)[:budget] if character != "😀" else character * (budget // 2)
    encoded = suspend_format.encode(full_state(course, text))
    assert suspend_format.utf16_length(encoded) <= 4096
    assert suspend_format.decode(encoded, course) == full_state(course, text)


def test_budget_is_capped_at_the_2004_long_fill_in_limit() -> None:
    assert suspend_format.reflection_budget(big_course(), "scorm2004") == 4000
    assert suspend_format.reflection_budget(big_course(reflections=0), "scorm12") == 0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=30), min_size=3, max_size=3), st.integers(0, 36**4 - 1),
       st.lists(st.booleans(), min_size=14, max_size=14))
def test_encode_decode_round_trip(texts: list[str], seed: int, visited: list[bool]) -> None:
    course = big_course()
    state = ResumeState(seed=seed, visited=visited, attempts=[3], answers=["", "a", "abd"] + ["c"] * 37,
                        reflections=texts)
    assert suspend_format.decode(suspend_format.encode(state), course) == state
