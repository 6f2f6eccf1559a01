"""How LMSs launch a package, and the limits a real LMS holds it to, for SCORM 1.2 and 2004.

The API is found through the parent chain (the course in a frame inside the
LMS's own frame) and through the opener (the course in a popup window); the
course ends with one Finish/Terminate on ``pagehide`` and never listens to
``unload``.  A 40-question course with reflections written to their limit keeps
its ``suspend_data`` within SCORM 1.2's 4,096 characters and resumes intact.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from harness import VERSIONS, Server, export_package, launch
from playwright.sync_api import BrowserContext, FrameLocator, Page, expect
from scorm_types import check_calls, interactions, last_values, uncommitted_answers

from authoring.core.model import Choice, Course, Lesson, Question, Quiz, Reflection
from authoring.export.web_package import suspend_format

pytestmark = pytest.mark.e2e

SAMPLE = Path(__file__).resolve().parents[2] / "sample_courses" / "customer-focus" / "course.md"

# Runs before any script of every page and frame: records which events the course listens to.
LISTENERS = """
(() => {
  const seen = [];
  window.listenedTo = seen;
  const add = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, ...rest) {
    if (this === window || this === document) { seen.push(String(type)); }
    return add.call(this, type, ...rest);
  };
})();
"""


def method_names(page: Page) -> list[str]:
    return [call["method"] for call in page.evaluate("window.calls")]


@pytest.mark.parametrize("version", ["1.2", "2004"])
@pytest.mark.parametrize("how", ["nested", "window"])
def test_the_api_is_found_through_parents_or_the_opener_and_finished_once_on_pagehide(
        context: BrowserContext, server: Server, tmp_path: Path, version: str, how: str) -> None:
    context.add_init_script(LISTENERS)
    url = server.publish(export_package(SAMPLE, VERSIONS[version], tmp_path / "sample"))
    page = context.new_page()
    page.goto(f"{server.origin}/lms/lms.html")
    config = {"version": version, "src": url + "index.html", "launch": how}
    course: Page | FrameLocator
    if how == "window":
        with page.expect_popup() as popup:
            page.evaluate("config => window.startLms(config)", config)
        course = popup.value
    else:
        page.evaluate("config => window.startLms(config)", config)
        course = page.frame_locator("#sco").frame_locator("#inner")
    expect(course.get_by_role("heading", level=1)).to_have_text("What customer focus means")
    course.get_by_role("button", name="Next", exact=True).click()
    expect(course.get_by_role("heading", level=1)).to_have_text("Customer focus is more than friendliness")

    initialize, finish = ("LMSInitialize", "LMSFinish") if version == "1.2" else ("Initialize", "Terminate")
    assert method_names(page)[0] == initialize
    assert finish not in method_names(page)
    if how == "window":
        assert isinstance(course, Page)
        listened = course.evaluate("[window.listenedTo, window.onunload, window.onbeforeunload]")
    else:
        frame = next(frame for frame in page.frames if frame.url.startswith(url))
        listened = frame.evaluate("[window.listenedTo, window.onunload, window.onbeforeunload]")
    events, onunload, onbeforeunload = listened
    assert "pagehide" in events
    assert not {"unload", "beforeunload"} & set(events) and onunload is None and onbeforeunload is None

    page.evaluate("window.closeCourse()")
    page.wait_for_function(f"window.calls.some(call => call.method === '{finish}')")
    page.wait_for_timeout(300)  # anything after Terminate would show up here
    names = method_names(page)
    assert names.count(initialize) == 1 and names.count(finish) == 1 and names[-1] == finish
    calls = page.evaluate("window.calls")
    values = last_values(calls, version)
    assert values["cmi.core.exit" if version == "1.2" else "cmi.exit"] == "suspend"
    location = values["cmi.core.lesson_location" if version == "1.2" else "cmi.location"]
    assert location == "customer-focus-is-more-than-friendliness"
    assert check_calls(calls, version) == []


QUESTIONS = 40
REFLECTIONS = 3


def crowded_course() -> Course:
    """40 four-choice multiple-response questions, every one answerable with all four, and 3 reflections."""
    questions = [Question(f"Question {n}: which of these apply?",
                          choices=[Choice("First", True), Choice("Second", True), Choice("Third"),
                                   Choice("Fourth", True)],
                          explanation="Three of them apply.")
                 for n in range(1, QUESTIONS + 1)]
    return Course("Crowded course", id="crowded-course",
                  items=[Lesson("Welcome", "Read this first."), Quiz("The long quiz", questions=questions),
                         *(Reflection(f"Reflection {n}", f"What will you change, part {n}?")
                           for n in range(1, REFLECTIONS + 1))])


def test_40_questions_and_reflections_at_their_limit_fit_scorm_12_suspend_data_and_resume(
        context: BrowserContext, server: Server, tmp_path: Path) -> None:
    model = crowded_course()
    budget = suspend_format.reflection_budget(model, "scorm12")
    assert 200 < budget < 4000
    url = server.publish(export_package(SAMPLE, "scorm12", tmp_path / "crowded", course=model))
    first = launch(context, server, url, "1.2")
    course = first.course
    course.get_by_role("link", name="The long quiz").click()
    course.get_by_role("button", name="Start the quiz").click()
    # Every box ticked on every question: the longest answers the course can store.
    first.frame.evaluate("""count => {
        for (let n = 0; n < count; n++) {
            document.querySelectorAll('fieldset input').forEach(input => input.click());
            [...document.querySelectorAll('button')].find(b => b.textContent === 'Check answer').click();
            document.getElementById('next').click();
        }
    }""", QUESTIONS)
    texts = []
    for n in range(1, REFLECTIONS + 1):
        expect(course.get_by_role("heading", level=1)).to_have_text(f"Reflection {n}")
        box = course.get_by_label("Your answer")
        expect(box).to_have_attribute("maxlength", str(budget))
        text = (f"Réflexion {n}: " + "the customer comes first, every time. " * 200)[:budget]
        box.fill(text + "and then some more that does not fit")
        expect(box).to_have_value(text)
        texts.append(text)
        course.get_by_role("button", name="Save answer").click()
        course.get_by_role("button", name="Next", exact=True).or_(
            course.get_by_role("button", name="Summary", exact=True)).click()
    expect(course.get_by_role("heading", level=1)).to_have_text("Summary")
    first.close_course()

    calls = first.calls()
    assert check_calls(calls, "1.2") == []  # every value accepted, suspend_data within 4,096 included
    assert uncommitted_answers(calls, "1.2") == []
    saved = last_values(calls, "1.2")["cmi.suspend_data"]
    assert len(saved) <= 4096
    state = suspend_format.decode(saved, model)
    assert state.answers == ["abcd"] * QUESTIONS and state.reflections == texts

    resumed: dict[str, Any] = {"core": {"entry": "resume", "lesson_status": "failed",
                                        "lesson_location": last_values(calls, "1.2")["cmi.core.lesson_location"]},
                               "suspend_data": saved}
    second = launch(context, server, url, "1.2", cmi=resumed)
    course = second.course
    expect(course.get_by_role("heading", level=1)).to_have_text("Summary")  # the bookmark
    expect(course.get_by_text("Your score: 0% (0 of 40 correct)", exact=False)).to_be_visible()
    for n, text in enumerate(texts, start=1):
        course.get_by_role("link", name=f"Reflection {n}").click()
        expect(course.get_by_label("Your answer")).to_have_value(text)
    assert check_calls(second.calls(), "1.2") == []


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_a_course_without_questions_completes_with_no_score_once_every_part_is_seen(
        context: BrowserContext, server: Server, tmp_path: Path, version: str) -> None:
    model = Course("Lessons only", id="lessons-only",
                   items=[Lesson("First", "One."), Lesson("Second", "Two."), Reflection("Think", "Why?")])
    url = server.publish(export_package(SAMPLE, VERSIONS[version], tmp_path / "lessons", course=model))
    session = launch(context, server, url, version)
    course = session.course
    for title in ("First", "Second", "Think"):
        expect(course.get_by_role("heading", level=1)).to_have_text(title)
        status = last_values(session.calls(), version)["cmi.core.lesson_status" if version == "1.2"
                                                       else "cmi.completion_status"]
        assert status == ("completed" if title == "Think" else "incomplete")  # done once every part is open
        course.get_by_role("button", name="Next", exact=True).or_(
            course.get_by_role("button", name="Summary", exact=True)).click()
    expect(course.get_by_text("You have seen every part of this course.")).to_be_visible()
    course.get_by_role("button", name="Finish").click()
    values = last_values(session.calls(), version)
    if version == "1.2":
        assert (values["cmi.core.lesson_status"], values["cmi.core.exit"]) == ("completed", "")
    else:
        assert (values["cmi.completion_status"], values["cmi.exit"]) == ("completed", "normal")
        assert "cmi.success_status" not in values
    assert not [element for element in values if ".score." in element]  # no score, so no LMS pass/fail
    assert check_calls(session.calls(), version) == []


SKEWED_CLOCK = "(() => { const now = Date.now; window.skew = 0; Date.now = () => now.call(Date) + window.skew; })();"


@pytest.mark.parametrize(("version", "pattern"), [("1.2", r"123:0[0-5]:[0-5][0-9](\.[0-9]{1,2})?"),
                                                  ("2004", r"PT123H[0-5]?[0-9]M[0-9]{1,2}(\.[0-9]{1,2})?S")])
def test_a_long_session_time_keeps_its_format(context: BrowserContext, server: Server, tmp_path: Path,
                                              version: str, pattern: str) -> None:
    context.add_init_script(SKEWED_CLOCK)
    url = server.publish(export_package(SAMPLE, VERSIONS[version], tmp_path / "sample"))
    session = launch(context, server, url, version)
    session.frame.evaluate("window.skew = 123 * 3600 * 1000 + 4567")  # the learner left it open for days
    session.close_course()
    values = last_values(session.calls(), version)
    sent = values["cmi.core.session_time" if version == "1.2" else "cmi.session_time"]
    assert re.fullmatch(pattern, sent), sent
    assert check_calls(session.calls(), version) == []


def test_a_reflection_reaches_a_scorm_2004_lms_as_one_line_and_never_splits_an_emoji(
        context: BrowserContext, server: Server, tmp_path: Path) -> None:
    # A localized string may not hold line breaks nor start with "{": scorm-again and Moodle refuse both.
    url = server.publish(export_package(SAMPLE, "scorm2004", tmp_path / "sample"))
    session = launch(context, server, url, "2004")
    course = session.course
    course.get_by_role("link", name="Reflect on this").click()
    course.get_by_label("Your answer").fill("First line.\n\nSecond line.")
    course.get_by_role("button", name="Save answer").click()
    text = "{" + "x" * 3988 + "😀" + "y" * 9  # with "{lang=en} " before it, the emoji straddles the 4,000th unit
    course.get_by_label("Your answer").fill(text)
    course.get_by_role("button", name="Save answer").click()
    responses = [record["learner_response"] for record in interactions(session.calls(), "2004")
                 if record["type"] == "long-fill-in"]
    assert responses == ["First line. / Second line.", "{lang=en} {" + "x" * 3988]
    session.close_course()
    saved = last_values(session.calls(), "2004")["cmi.suspend_data"]
    assert saved.endswith(f"{len(text) + 1}:{text}")  # the whole text in suspend_data; the emoji counts 2
    assert check_calls(session.calls(), "2004") == []
