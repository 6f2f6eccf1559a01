"""The sample course in a real browser against scorm-again, for SCORM 1.2 and SCORM 2004.

Every test clicks through as a learner (roles and labels), then checks the raw
calls the player made against the strict data types, that Finish/Terminate
ran exactly once, and that no request left the package.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from harness import VERSIONS, Server, Session, export_package, launch
from learner import QUESTIONS, QUIZ, REFLECTION, RIGHT, WRONG, answer, axe_violations, go_outline, take_course
from playwright.sync_api import BrowserContext, expect
from scorm_types import check_calls, interactions, last_values, uncommitted_answers

from authoring.core.course_file import load_course
from authoring.export.web_package import suspend_format

pytestmark = pytest.mark.e2e

SAMPLE = Path(__file__).resolve().parents[2] / "sample_courses" / "customer-focus" / "course.md"
REFLECTION_TEXT = ("Keeping the customers we have would come first: answering every call the same day, "
                   "and fixing the processes that make customers do the work. ") * 3


@pytest.fixture(scope="module", params=["1.2", "2004"])
def version(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def package_url(version: str, server: Server, tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = export_package(SAMPLE, VERSIONS[version], tmp_path_factory.mktemp("package") / "sample")
    return server.publish(folder)


def course_state(session: Session) -> suspend_format.ResumeState:
    course = load_course(SAMPLE).course
    assert course is not None
    return suspend_format.decode(last_values(session.calls(), session.version)["cmi.suspend_data"], course)


def finishes(session: Session) -> int:
    name = "LMSFinish" if session.version == "1.2" else "Terminate"
    return [call["method"] for call in session.calls()].count(name)


def assert_clean(session: Session, package_url: str, server: Server) -> None:
    """Strict values, no errors in the page, and no request outside the package and the LMS page."""
    assert check_calls(session.calls(), session.version) == []
    assert session.errors == []
    outside = [url for url in session.requests
               if not (url.startswith((package_url, f"{server.origin}/lms/")))]
    assert outside == []


def resume_cmi(values: dict[str, str], version: str) -> dict[str, Any]:
    """What an LMS hands the next launch after a suspended session."""
    if version == "1.2":
        return {"core": {"entry": "resume", "lesson_location": values["cmi.core.lesson_location"],
                         "lesson_status": values.get("cmi.core.lesson_status", "incomplete")},
                "suspend_data": values["cmi.suspend_data"]}
    return {"entry": "resume", "location": values["cmi.location"], "suspend_data": values["cmi.suspend_data"],
            "completion_status": values.get("cmi.completion_status", "incomplete")}


def test_all_correct_passes_with_100_and_stores_the_reflection(
        context: BrowserContext, server: Server, package_url: str, version: str) -> None:
    session = launch(context, server, package_url, version)
    course = session.course
    violations: dict[str, list[str]] = {}

    def check_screen(name: str) -> None:
        violations[name] = axe_violations(session.frame)

    take_course(course, RIGHT, REFLECTION_TEXT, check_screen=check_screen)
    assert violations == {key: [] for key in violations}
    assert set(violations) == {"lesson", "quiz", "question before check", "question after check", "reflection",
                               "summary"}
    expect(course.get_by_text("Passed", exact=True)).to_be_visible()
    expect(course.get_by_text("Your score: 100%", exact=False)).to_be_visible()
    assert finishes(session) == 0
    course.get_by_role("button", name="Finish").click()
    expect(course.get_by_text("You have finished")).to_be_visible()
    assert finishes(session) == 1
    session.close_course()  # pagehide after Finish must not finish again
    assert finishes(session) == 1

    values = last_values(session.calls(), version)
    records = interactions(session.calls(), version)
    choices = [record for record in records if record["type"] == "choice"]
    assert [record["id"] for record in choices] == QUESTIONS
    assert {record["result"] for record in choices} == {"correct"}
    assert uncommitted_answers(session.calls(), version) == []  # committed after every answer
    behaviours = choices[2]
    if version == "1.2":
        assert values["cmi.core.score.raw"] == "100"
        assert values["cmi.core.lesson_status"] == "passed"
        assert values["cmi.core.exit"] == ""
        assert behaviours["student_response"] == behaviours["correct_responses.0.pattern"] == "a,b,d"
        # Never in a 255-character student_response: 1.2 keeps the reflection in cmi.comments.
        assert values["cmi.comments"] == "[reflect-on-this] " + REFLECTION_TEXT
        assert [record for record in records if record["type"] != "choice"] == []
    else:
        assert values["cmi.score.scaled"] == "1"
        assert values["cmi.score.raw"] == "100"
        assert values["cmi.success_status"] == "passed"
        assert values["cmi.completion_status"] == "completed"
        assert values["cmi.exit"] == "normal"
        assert behaviours["learner_response"] == behaviours["correct_responses.0.pattern"] == "a[,]b[,]d"
        assert behaviours["description"] == "Which of these show customer focus? Select all that apply."
        [reflection] = [record for record in records if record["type"] == "long-fill-in"]
        assert reflection["learner_response"] == REFLECTION_TEXT
        assert reflection["id"] == "reflect-on-this" and reflection["result"] == "neutral"
    assert course_state(session).reflections == [REFLECTION_TEXT]
    assert course_state(session).answers == ["b", "b", "abd", "c", "c"]
    assert_clean(session, package_url, server)


def test_wrong_answers_fail_with_the_expected_score(
        context: BrowserContext, server: Server, package_url: str, version: str) -> None:
    session = launch(context, server, package_url, version)
    picks = {**RIGHT, "john": WRONG["john"], "behaviours": WRONG["behaviours"]}
    take_course(session.course, picks, "Short.")
    expect(session.course.get_by_text("Failed", exact=True)).to_be_visible()
    expect(session.course.get_by_text("Your score: 60%", exact=False)).to_be_visible()
    session.course.get_by_role("button", name="Finish").click()
    values = last_values(session.calls(), version)
    results = [record["result"] for record in interactions(session.calls(), version) if record["type"] == "choice"]
    wrong = "wrong" if version == "1.2" else "incorrect"
    assert results == [wrong, "correct", wrong, "correct", "correct"]
    if version == "1.2":
        assert (values["cmi.core.score.raw"], values["cmi.core.lesson_status"]) == ("60", "failed")
    else:
        assert (values["cmi.score.scaled"], values["cmi.success_status"]) == ("0.6", "failed")
        assert values["cmi.completion_status"] == "completed"
    assert finishes(session) == 1
    assert_clean(session, package_url, server)


def test_the_lms_pass_mark_wins_over_the_course(
        context: BrowserContext, server: Server, package_url: str, version: str) -> None:
    cmi = {"student_data": {"mastery_score": "50"}} if version == "1.2" else {"scaled_passing_score": "0.5"}
    session = launch(context, server, package_url, version, cmi=cmi)
    picks = {**RIGHT, "john": WRONG["john"], "behaviours": WRONG["behaviours"]}
    take_course(session.course, picks, "Short.")
    expect(session.course.get_by_text("Passed", exact=True)).to_be_visible()
    expect(session.course.get_by_text("The pass mark is 50%", exact=False)).to_be_visible()
    values = last_values(session.calls(), version)
    assert values["cmi.core.lesson_status" if version == "1.2" else "cmi.success_status"] == "passed"
    assert_clean(session, package_url, server)


def test_leaving_midway_suspends_and_the_next_launch_resumes(
        context: BrowserContext, server: Server, package_url: str, version: str) -> None:
    first = launch(context, server, package_url, version)
    course = first.course
    go_outline(course, QUIZ)
    course.get_by_role("button", name="Start the quiz").click()
    answer(course, RIGHT["john"], expect_correct=True)
    course.get_by_role("button", name="Next").click()
    answer(course, WRONG["paper-form"], expect_correct=False)
    go_outline(course, REFLECTION)
    course.get_by_label("Your answer").fill("Written before leaving.")
    go_outline(course, QUIZ)  # the reflection is kept on leaving its screen, without pressing Save
    first.close_course()
    assert finishes(first) == 1
    values = last_values(first.calls(), version)
    if version == "1.2":
        assert values["cmi.core.exit"] == "suspend"
        assert values["cmi.core.lesson_status"] == "incomplete"
        assert "cmi.core.score.raw" not in values  # no score until the quiz is done
    else:
        assert values["cmi.exit"] == "suspend"
        assert values["cmi.completion_status"] == "incomplete"
    assert_clean(first, package_url, server)

    second = launch(context, server, package_url, version, cmi=resume_cmi(values, version))
    course = second.course
    expect(course.get_by_role("heading", level=1)).to_have_text(QUIZ)
    course.get_by_role("button", name="Continue the quiz").click()
    expect(course.get_by_role("heading", level=1)).to_have_text(
        "Which of these show customer focus? Select all that apply.")
    course.get_by_role("button", name="Previous").click()
    expect(course.get_by_label(WRONG["paper-form"][0], exact=True)).to_be_checked()
    expect(course.get_by_role("heading", level=2, name="Incorrect")).to_be_visible()
    course.get_by_role("button", name="Previous").click()
    expect(course.get_by_label(RIGHT["john"][0], exact=True)).to_be_checked()
    expect(course.get_by_role("heading", level=2, name="Correct")).to_be_visible()
    go_outline(course, REFLECTION)
    expect(course.get_by_label("Your answer")).to_have_value("Written before leaving.")
    go_outline(course, QUIZ)
    second.close_course()
    assert finishes(second) == 1
    calls = second.calls()
    # The first session reported the reflection; passing by it again reports nothing new.
    reflection_sets = [call for call in calls if call["method"] in ("LMSSetValue", "SetValue") and (
        call["args"][0] == "cmi.comments" or call["args"][0].startswith("cmi.interactions."))]
    assert reflection_sets == []
    location = "cmi.core.lesson_location" if version == "1.2" else "cmi.location"
    reads = [call["args"][0] for call in calls if call["method"] in ("LMSGetValue", "GetValue")]
    assert location in reads and "cmi.suspend_data" in reads
    assert_clean(second, package_url, server)


def test_after_finish_nothing_more_is_offered_since_nothing_would_be_recorded(
        context: BrowserContext, server: Server, package_url: str, version: str) -> None:
    session = launch(context, server, package_url, version)
    course = session.course
    go_outline(course, "Summary")
    course.get_by_role("button", name="Finish").click()
    expect(course.get_by_text("You have finished")).to_be_visible()
    calls_at_finish = len(session.calls())
    expect(course.locator("#outline-list a")).to_have_count(0)  # the outline shows progress, links nothing
    entry = course.locator("#outline-list li > *").first
    assert entry.evaluate("e => getComputedStyle(e).display") == "flex"  # laid out as the links were
    expect(course.get_by_role("button")).to_have_count(0)
    session.frame.evaluate("window.location.hash = '#john'")
    expect(course.get_by_role("heading", level=1)).to_have_text("Summary")
    assert len(session.calls()) == calls_at_finish
    assert_clean(session, package_url, server)


def test_keyboard_alone_completes_the_course(
        context: BrowserContext, server: Server, package_url: str, version: str) -> None:
    session = launch(context, server, package_url, version)
    page = session.page
    frame = session.frame

    def focused() -> str:
        text: str = frame.evaluate(
            "() => { const e = document.activeElement; if (!e) return '';"
            " const label = e.labels && e.labels[0]; return (label ? label.textContent : e.textContent).trim(); }")
        return text

    def tab_to(name: str) -> None:
        for _ in range(60):
            page.keyboard.press("Tab")
            if focused() == name:
                return
        raise AssertionError(f"Tab never reached {name!r}")

    def press(name: str) -> None:
        tab_to(name)
        page.keyboard.press("Enter")

    def choose(name: str) -> None:
        """Checkboxes: Tab to the box, Space.  Radios: Tab into the group, arrows to the choice."""
        for _ in range(60):
            page.keyboard.press("Tab")
            if frame.evaluate("document.activeElement.type") in ("radio", "checkbox"):
                break
        if frame.evaluate("document.activeElement.type") == "checkbox":
            while focused() != name:
                page.keyboard.press("Tab")
            page.keyboard.press("Space")
            return
        for _ in range(10):
            if focused() == name:
                page.keyboard.press("Space")
                return
            page.keyboard.press("ArrowDown")
        raise AssertionError(f"the arrows never reached {name!r}")

    for _ in range(2):
        press("Next")
    press("Start the quiz")
    assert frame.evaluate("document.activeElement.tagName") == "H1"  # focus moved to the new heading
    for question in QUESTIONS:
        for choice in RIGHT[question]:
            choose(choice)
        press("Check answer")
        assert frame.evaluate("document.activeElement.textContent") == "Correct"
        press("Next")
    tab_to("Your answer")
    page.keyboard.type("Typed with the keyboard.")
    press("Summary")
    assert frame.evaluate("document.activeElement.textContent") == "Summary"
    press("Finish")
    expect(session.course.get_by_text("You have finished")).to_be_visible()
    assert finishes(session) == 1
    assert course_state(session).reflections == ["Typed with the keyboard."]
    status = "cmi.core.lesson_status" if version == "1.2" else "cmi.success_status"
    assert last_values(session.calls(), version)[status] == "passed"
    assert_clean(session, package_url, server)
