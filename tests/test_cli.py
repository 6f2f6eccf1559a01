"""The command line, run as a user runs it: a real process, its output and exit code."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from authoring import __version__


def authoring(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "authoring", *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, check=False, timeout=120)


def test_check_passes_on_the_sample(sample_course: Path) -> None:
    result = authoring("check", str(sample_course))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == f"{sample_course}: no problems"


def test_check_lists_problems_and_exits_1_on_errors(tmp_path: Path) -> None:
    course = tmp_path / "course.md"
    course.write_text("---\ntitle: T\n---\n\n# Quiz: Q\n\n## One?\n\n- [x] only\n\n# Intro\n", encoding="utf-8")
    result = authoring("check", str(course))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"{course}:5: warning: quiz 'Q' has a single question; a quiz usually checks more than one point" in lines
    assert any(line.startswith(f"{course}:7: error: question 'One?' has 1 choice(s)") for line in lines)
    assert any(line.startswith(f"{course}:11: error: '# Intro' is a level-1 heading") for line in lines)
    assert "Traceback" not in result.stderr


def test_check_exits_0_with_only_warnings(tmp_path: Path) -> None:
    course = tmp_path / "course.md"
    course.write_text("---\ntitle: T\n---\n\n# Reflection: R\n", encoding="utf-8")
    result = authoring("check", str(course))
    assert result.returncode == 0
    assert ": warning: reflection 'R' has no prompt" in result.stdout


@pytest.mark.parametrize("junk", [b"\xff\xfe\x00junk", b"", b"---\ntitle: [\n---\n"])
def test_check_on_a_bad_file_gives_a_message_not_a_traceback(tmp_path: Path, junk: bytes) -> None:
    course = tmp_path / "course.md"
    course.write_bytes(junk)
    result = authoring("check", str(course))
    assert result.returncode == 1
    assert result.stdout.startswith(f"{course}:")
    assert "Traceback" not in result.stderr
    assert course.read_bytes() == junk


def test_new_writes_a_course_that_passes_the_check_without_warnings(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "folder" / "course.md"
    result = authoring("new", "Safety basics", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert target.read_text(encoding="utf-8").startswith("---\ntitle: Safety basics\n")
    check = authoring("check", str(target))
    assert (check.returncode, check.stdout.strip()) == (0, f"{target}: no problems")
    again = authoring("new", "Other", "-o", str(target))
    assert again.returncode == 1
    assert "exists already" in again.stderr
    assert "Safety basics" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize("title", ["two\nlines", "   "])
def test_new_refuses_a_title_that_is_not_one_line(tmp_path: Path, title: str) -> None:
    # It would write a course that its own check then refuses.
    result = authoring("new", title, "-o", str(tmp_path / "course.md"))
    assert result.returncode == 2 and "one line of text" in result.stderr
    assert not (tmp_path / "course.md").exists()


def test_new_under_a_file_or_onto_a_folder_says_so_plainly(tmp_path: Path) -> None:
    (tmp_path / "notes").write_text("mine", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    under = authoring("new", "T", "-o", "notes/course.md", cwd=tmp_path)
    assert (under.returncode, under.stderr.splitlines()) == (1, [
        "notes/course.md: error: notes is a file, not a folder, so nothing can be written inside it; choose a path "
        "in a folder"])
    onto = authoring("new", "T", "-o", "folder", "--force", cwd=tmp_path)
    assert (onto.returncode, onto.stderr.splitlines()) == (1, [
        "folder: error: this is a folder; give the name of the course file to write, such as folder/course.md"])
    assert (tmp_path / "notes").read_text(encoding="utf-8") == "mine" and not any((tmp_path / "folder").iterdir())


def test_export_refuses_a_course_with_errors_and_names_them(tmp_path: Path) -> None:
    course = tmp_path / "course.md"
    course.write_text("---\ntitle: T\n---\n\n# Lesson: L\n\n![Chart](assets/gone.png)\n", encoding="utf-8")
    out = tmp_path / "out.zip"
    result = authoring("export", str(course), "--format", "scorm12", "-o", str(out))
    assert result.returncode == 1
    assert f"{course}:7: error: image file 'assets/gone.png' does not exist" in result.stderr
    assert "not exported, because of 1 error(s)" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


@pytest.mark.parametrize(("name", "title"), [("scorm12", "SCORM 1.2"), ("scorm2004", "SCORM 2004 4th Edition")])
def test_export_writes_a_scorm_package_of_the_sample(sample_course: Path, tmp_path: Path, name: str,
                                                      title: str) -> None:
    result = authoring("export", str(sample_course), "--format", name, "-o", "x.zip", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1] == f"Exported {title} to x.zip"
    assert "[4/4]" in result.stdout
    with zipfile.ZipFile(tmp_path / "x.zip") as package:
        names = package.namelist()
        assert "imsmanifest.xml" in names and "index.html" in names
        assert "assets/one-in-three.png" in names


def test_export_with_an_unknown_format_is_a_usage_error(sample_course: Path, tmp_path: Path) -> None:
    result = authoring("export", str(sample_course), "--format", "docx", "-o", str(tmp_path / "x"))
    assert result.returncode == 2
    assert "unknown format 'docx'; available formats:" in result.stderr


def test_version_and_help_at_every_level() -> None:
    assert authoring("--version").stdout.strip() == f"authoring {__version__}"
    top = authoring("--help")
    assert top.returncode == 0
    for command in ("check", "new", "export"):
        assert command in top.stdout
        sub = authoring(command, "--help")
        assert sub.returncode == 0 and f"usage: authoring {command}" in sub.stdout
    assert "--edition" in authoring("export", "--help").stdout


def test_usage_errors_exit_2() -> None:
    assert authoring("check").returncode == 2
    assert authoring("export", "x.md").returncode == 2
    assert authoring("a.md", "b.md").returncode == 2


# -- the output never costs the user a file -------------------------------------------------------------------

@pytest.mark.parametrize("flags", [["--format", "scorm12"], ["--format", "scorm2004"], ["--format", "pdf"],
                                   ["--format", "html"], ["--format", "html", "--folder"]])
def test_export_refuses_to_write_over_the_course_file(sample_course: Path, flags: list[str]) -> None:
    before = sample_course.read_bytes()
    result = authoring("export", str(sample_course), *flags, "-o", str(sample_course))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{sample_course}: error: this is the course file; ")
    assert "would replace it. Choose another output, such as " in result.stderr
    assert "Traceback" not in result.stderr
    assert sample_course.read_bytes() == before


def test_export_refuses_to_write_over_an_image_of_the_course(sample_course: Path) -> None:
    image = sample_course.parent / "assets" / "one-in-three.png"
    before = image.read_bytes()
    result = authoring("export", "course.md", "--format", "scorm12", "-o", "assets/one-in-three.png",
                       cwd=sample_course.parent)
    assert result.returncode == 1
    assert result.stderr.startswith("assets/one-in-three.png: error: this is the image 'assets/one-in-three.png' "
                                    "the course shows on line ")
    assert image.read_bytes() == before


def test_folder_export_refuses_the_course_folder_even_with_an_index_html(sample_course: Path) -> None:
    folder = sample_course.parent
    (folder / "index.html").write_text("<p>old</p>", encoding="utf-8")
    before = sorted(path.name for path in folder.iterdir())
    result = authoring("export", "course.md", "--format", "html", "--folder", "-o", ".", cwd=folder)
    assert result.returncode == 1
    assert result.stderr.startswith(f".: error: this folder holds the course file ({folder / 'course.md'}); ")
    assert sorted(path.name for path in folder.iterdir()) == before
    assert (folder / "index.html").read_text(encoding="utf-8") == "<p>old</p>"


def test_folder_export_refuses_a_folder_that_holds_the_course_deeper_down(samples: Path) -> None:
    (samples / "index.html").write_text("<p>old</p>", encoding="utf-8")
    result = authoring("export", "customer-focus/course.md", "--format", "html", "--folder", "-o", ".", cwd=samples)
    assert result.returncode == 1
    assert "this folder holds the course file" in result.stderr
    assert (samples / "customer-focus" / "course.md").is_file() and (samples / "feature-tour").is_dir()


def test_folder_export_replaces_an_earlier_export_but_never_the_users_files(sample_course: Path,
                                                                            tmp_path: Path) -> None:
    site = tmp_path / "site"
    for _ in range(2):  # the second export replaces the first
        result = authoring("export", str(sample_course), "--format", "html", "--folder", "-o", str(site))
        assert result.returncode == 0, result.stderr
    (site / ".DS_Store").write_bytes(b"finder")  # a file manager's leftovers are not the user's work
    assert authoring("export", str(sample_course), "--format", "html", "--folder", "-o", str(site)).returncode == 0
    (site / "notes.txt").write_text("mine", encoding="utf-8")
    result = authoring("export", str(sample_course), "--format", "html", "--folder", "-o", str(site))
    assert result.returncode == 1
    assert f"{site}: error: this folder holds files that no earlier HTML export wrote (notes.txt)" in result.stderr
    assert (site / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (site / "assets" / "one-in-three.png").is_file()


# -- plain messages for the output path and the font ------------------------------------------------------------

def test_an_error_on_a_course_line_names_the_course_not_the_output(tmp_path: Path) -> None:
    # The checker does not catch this one; the exporter does, and names the course line.
    (tmp_path / "player.js").write_bytes((Path(__file__).parent.parent / "sample_courses" / "customer-focus" /
                                          "assets" / "one-in-three.png").read_bytes())
    (tmp_path / "c.md").write_text("---\ntitle: T\n---\n\n# Lesson: L\n\n![Chart](player.js)\n", encoding="utf-8")
    result = authoring("export", "c.md", "--format", "scorm12", "-o", "out.zip", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["c.md:7: error: image 'player.js' has the name of a player file; "
                                          "move it into assets/"]


@pytest.mark.parametrize("name", ["scorm12", "pdf"])
def test_export_creates_a_missing_folder_for_every_format(sample_course: Path, tmp_path: Path, name: str) -> None:
    target = tmp_path / "new" / "deeper" / f"course.{name}"
    result = authoring("export", str(sample_course), "--format", name, "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert target.is_file()


def test_export_under_a_file_or_to_a_folder_says_so_plainly(sample_course: Path, tmp_path: Path) -> None:
    tmp_path = tmp_path / "work"
    (tmp_path / "adir").mkdir(parents=True)
    (tmp_path / "notes").write_text("x", encoding="utf-8")
    under = authoring("export", str(sample_course), "--format", "pdf", "-o", "notes/out.pdf", cwd=tmp_path)
    assert under.returncode == 1
    assert under.stderr.splitlines() == ["notes/out.pdf: error: notes is a file, not a folder, so nothing can be "
                                         "written inside it; choose an output in a folder"]
    for name, suffix in (("pdf", ".pdf"), ("scorm12", ".zip")):
        folder = authoring("export", str(sample_course), "--format", name, "-o", "adir", cwd=tmp_path)
        assert folder.returncode == 1
        assert folder.stderr.splitlines() == [f"adir: error: this is a folder; give the name of the "
                                              f"{'PDF' if name == 'pdf' else 'SCORM 1.2'} file to write, such as "
                                              f"adir/course{suffix}"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["adir", "notes"]
    assert list((tmp_path / "adir").iterdir()) == []


def test_a_folder_that_cannot_be_written_is_an_error_line_not_a_traceback(sample_course: Path) -> None:
    # Even root cannot create files in /proc.
    result = authoring("export", str(sample_course), "--format", "pdf", "-o", "/proc/out.pdf")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1].startswith("/proc/out.pdf: error: cannot write the export (")


def test_a_failed_export_leaves_no_folder_it_created(sample_course: Path, tmp_path: Path) -> None:
    (tmp_path / "c.md").write_text("---\ntitle: T\n---\n\n# Lesson: L\n\n![Chart](player.js)\n", encoding="utf-8")
    (tmp_path / "player.js").write_bytes(b"\x89PNG")
    result = authoring("export", "c.md", "--format", "scorm12", "-o", "new/deeper/out.zip", cwd=tmp_path)
    assert result.returncode == 1
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize(("font", "problem"), [
    ("bad.ttf", "this file is damaged or is not a TrueType or OpenType font (Not a recognized TrueType font"),
    ("truncated.ttf", "this file is damaged or is not a TrueType or OpenType font ("),
    ("missing/none.ttf", "font file not found; check the path"),
])
def test_a_bad_font_file_is_one_line_naming_it(sample_course: Path, tmp_path: Path, font: str, problem: str) -> None:
    (tmp_path / "bad.ttf").write_text("garbage\n", encoding="utf-8")
    real = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").read_bytes()
    (tmp_path / "truncated.ttf").write_bytes(real[:20_000])
    result = authoring("export", str(sample_course), "--format", "pdf", "--font", font, "-o", "f.pdf", cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{font}: error: {problem}"), result.stderr
    assert not (tmp_path / "f.pdf").exists()


def test_an_internal_error_is_named_as_ours_and_leaves_the_output_as_it_was(
        sample_course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from authoring.cli import EXIT_INTERNAL_ERROR, main
    from authoring.export.pdf import editions

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug in the layout")
    monkeypatch.setattr(editions.StoryBuilder, "story", broken)
    target = tmp_path / "out.pdf"
    target.write_bytes(b"the reviewer's copy")
    code = main(["export", str(sample_course), "--format", "pdf", "-o", str(target)])
    err = capsys.readouterr().err
    assert code == EXIT_INTERNAL_ERROR
    assert "RuntimeError: a bug in the layout" in err  # the details, for a report
    assert err.splitlines()[-1].startswith("authoring export: internal error (the details are above); no file of "
                                           "yours was changed")
    assert target.read_bytes() == b"the reviewer's copy"
