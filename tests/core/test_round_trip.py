"""The writer and the reader are inverses: any course survives write → parse unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from authoring.core.course_format import parse_course, write_course
from authoring.core.model import Choice, Course, Lesson, Question, Quiz, Reflection

SAMPLES = Path(__file__).resolve().parents[2] / "sample_courses"

# Words chosen to collide with the format's own syntax.
_WORDS = [
    "customer", "focus", "*empathy*", "**value**", "`code`", "日本語", "Ελληνικά", "café", "&", "<b>", "\\",
    "#", "##", "{#pinned}", "\\{#x}", "Quiz:", "Lesson:", "Explanation:", "[x]", "[ ]", "-", ">", "C#",
    "'quoted'", '"double"', "25–95%", "🙂", ":", "---", "\\#", "|",
]
_RISKY_LINES = [
    "# Quiz: tips", "# Lesson: more", "# Summary", "## A question?", "### Deeper", "Explanation: not really",
    "- [x] looks like a choice", "- [ ] another", "\\# already escaped", "\\\\## twice escaped",
    "Explanation\\: escaped", "- \\[x] escaped choice", "  # indented heading", "#", "##",
    # Raw HTML that runs to its own end marker, past blank lines, and an author's escaped one.
    "<!-- draft", "<pre>", "<script>", "<?php", "<!DOCTYPE html", "<![CDATA[ raw", "\\<!-- shown as text",
    # A code fence left open, and an author's escaped one.
    "```python", "~~~~", "\\```",
]

one_line = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=6).map(" ".join)
pinned_id = st.none() | st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True)


def _paragraph() -> st.SearchStrategy[str]:
    line = one_line | st.sampled_from(_RISKY_LINES)
    return st.lists(line, min_size=1, max_size=3).map("\n".join)


_block = st.one_of(
    _paragraph(),
    st.sampled_from(_RISKY_LINES),
    st.lists(one_line, min_size=1, max_size=3).map(lambda xs: "\n".join(f"- {x}" for x in xs)),
    st.lists(one_line, min_size=1, max_size=3).map(lambda xs: "\n".join(f"> {x}" for x in xs)),
    st.lists(st.sampled_from(_RISKY_LINES), min_size=1, max_size=3).map(lambda xs: "```\n" + "\n".join(xs) + "\n```"),
    one_line.map(lambda x: f"| a | b |\n|---|---|\n| {x} | 1 |"),
    one_line.map(lambda x: f"## {x}"),
    st.just("---"),
)
block_text = st.lists(_block, max_size=4).map("\n\n".join)


@st.composite
def questions(draw: st.DrawFn) -> Question:
    choices = draw(st.lists(st.builds(Choice, one_line, st.booleans(), block_text), max_size=5))
    return Question(draw(one_line), draw(block_text), choices, draw(block_text), draw(pinned_id))


items = st.one_of(
    st.builds(Lesson, one_line | st.just(""), block_text, pinned_id),
    st.builds(Quiz, one_line, block_text, st.lists(questions(), max_size=3), pinned_id),
    st.builds(Reflection, one_line, block_text, pinned_id),
)

courses = st.builds(
    Course,
    title=one_line,
    author=st.just("") | one_line,
    language=st.sampled_from(["en", "de-CH", "ja"]),
    pass_mark=st.integers(0, 100),
    description=st.just("") | one_line | st.just("two\nlines"),
    version=st.sampled_from(["", "1.10", "2", "v3 beta"]),
    id=pinned_id,
    shuffle_choices=st.booleans(),
    max_attempts=st.integers(0, 5),
    items=st.lists(items, max_size=5),
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(courses)
def test_parse_of_write_gives_the_same_course(course: Course) -> None:
    text = write_course(course)
    result = parse_course(text)
    assert result.lossless, result.problems
    assert result.course == course
    assert write_course(result.course) == text


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*/course.md")), ids=lambda path: path.parent.name)
def test_canonical_text_is_written_back_byte_for_byte(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert write_course(parse_course(text).course) == text


_SYNTAX = st.sampled_from([
    "---\n", "title: T\n", "# Lesson: L\n", "# Quiz: Q\n", "## S?\n", "- [x] a\n", "- [ ] b\n", "  > fb\n",
    "> q\n", "Explanation: e\n", "```\n", "~~~\n", "{#id}", "\\", "\n", "    code\n", "<div>\n", "| a |\n",
    "<!--\n", "<pre>\n", "-->\n",
    "# Nope\n", "1. [x] n\n", "* [X] s\n", "---\n", "===\n", "\r\n", "\t", "🙂", "\ufeff",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_SYNTAX | st.text(max_size=8), max_size=40).map("".join))
def test_any_text_parses_without_crashing_and_lossless_text_survives_saves(text: str) -> None:
    result = parse_course(text)
    if result.lossless:
        saved = write_course(result.course)
        again = parse_course(saved)
        assert again.lossless
        assert again.course == result.course
        assert write_course(again.course) == saved


def test_a_comment_left_open_in_a_body_keeps_the_items_after_it() -> None:
    # Commenting out a draft and saving before closing the comment: the comment must not take in the
    # rest of the course when the file is read again.
    opened = "First example.\n\n<!-- TODO: add a second example\n# Quiz: not an item"
    course = Course("T", items=[
        Lesson("One", opened),
        Quiz("Check", opened, [Question("Why?", body=opened, choices=[Choice("a", True)], explanation=opened)]),
        Reflection("Think", opened),
        Lesson("Two", "The end."),
    ])
    text = write_course(course)
    assert "\n\\<!-- TODO: add a second example\n\\# Quiz: not an item\n" in text
    again = parse_course(text)
    assert again.lossless and again.problems == []
    assert again.course == course


def test_a_hard_line_break_in_a_choice_survives_saves() -> None:
    # Two spaces at a line's end are a line break in Markdown: the choice must not lose them on save.
    choice = Choice("Listen first,  \nthen act.", True)
    course = Course("T", items=[Quiz("Q", "", [Question("Which?", choices=[choice, Choice("b", False)])])])
    text = write_course(course)
    assert "- [x] Listen first,  \n  then act.\n" in text
    assert parse_course(text).course == course


@pytest.mark.parametrize("title", ["{#", "What does C# {# mean?", "a {#b", "a {#b {#c}", "a {#b}}"])
def test_a_title_with_an_unclosed_id_brace_keeps_its_text_and_pinned_id(title: str) -> None:
    # '{#' typed into a title, then an ID pinned after it: the ID must not swallow the title's end.
    course = Course(title="T", items=[Quiz("Q", "", [Question(stem=title, id="pinned")]), Lesson(title, id="l")])
    text = write_course(course)
    parsed = parse_course(text)
    assert parsed.lossless, parsed.problems
    assert parsed.course == course
    assert write_course(parsed.course) == text
