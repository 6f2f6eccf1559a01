"""The HTML export from file://, with no LMS: progress in localStorage, deep links, retries and shuffling."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from learner import QUIZ, REFLECTION, RIGHT, WRONG, answer, axe_violations, go_outline
from playwright.sync_api import Browser, BrowserContext, Page, expect

from authoring.core.course_file import load_course
from authoring.export.registry import ExportOptions, get_exporter

pytestmark = pytest.mark.e2e

SAMPLES = Path(__file__).resolve().parents[2] / "sample_courses"


def export_html(course_file: Path, target: Path) -> Path:
    course = load_course(course_file).course
    assert course is not None
    exporter = get_exporter("html")
    assert exporter is not None
    list(exporter.export(course, target, ExportOptions(source_dir=course_file.parent, zip=False)))
    return target


@pytest.fixture(scope="module")
def sample_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return export_html(SAMPLES / "customer-focus" / "course.md", tmp_path_factory.mktemp("html") / "sample")


@pytest.fixture(scope="module")
def tour_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return export_html(SAMPLES / "feature-tour" / "course.md", tmp_path_factory.mktemp("html") / "tour")


def open_page(context: BrowserContext, folder: Path, fragment: str = "") -> tuple[Page, list[str]]:
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((folder / "index.html").as_uri() + fragment)
    page.get_by_role("heading", level=1).wait_for()
    page.errors = errors  # type: ignore[attr-defined]
    return page, requests


def test_progress_answers_and_reflections_survive_a_reload_from_file(context: BrowserContext,
                                                                      sample_folder: Path) -> None:
    page, requests = open_page(context, sample_folder)
    expect(page.get_by_role("heading", level=1)).to_have_text("What customer focus means")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    go_outline(page, QUIZ)
    page.get_by_role("button", name="Start the quiz").click()
    answer(page, RIGHT["john"], expect_correct=True)
    # The focus moves to the result's heading, which reads it out; the live region does not say it again.
    expect(page.get_by_role("heading", level=2, name="Correct")).to_be_focused()
    expect(page.get_by_role("status")).to_have_text("")
    page.get_by_role("button", name="Next").click()
    answer(page, WRONG["paper-form"], expect_correct=False)
    expect(page.get_by_role("heading", level=2, name="Incorrect")).to_be_focused()
    go_outline(page, REFLECTION)
    page.get_by_label("Your answer").fill("Kept in this browser.")
    page.get_by_role("button", name="Save answer").click()
    expect(page.get_by_role("status")).to_have_text("Your answer is saved.")

    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text(REFLECTION)
    expect(page.get_by_label("Your answer")).to_have_value("Kept in this browser.")
    expect(page.get_by_role("link", name=re.compile(r"^Check your understanding.*2 of 5 answered"))).to_be_visible()
    expect(page.get_by_text("progress is kept in this browser only")).to_have_count(0)  # local by design
    page.goto((sample_folder / "index.html").as_uri() + "#paper-form")
    expect(page.get_by_label(WRONG["paper-form"][0], exact=True)).to_be_checked()
    expect(page.get_by_role("heading", level=2, name="Incorrect")).to_be_visible()
    assert all(url.startswith(sample_folder.as_uri() + "/") for url in requests), requests
    assert page.errors == []  # type: ignore[attr-defined]


def test_deep_links_open_items_and_questions_as_the_editor_preview_does(context: BrowserContext,
                                                                        sample_folder: Path) -> None:
    page, _ = open_page(context, sample_folder, "#expectations")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "According to Salesforce, how many customers expect companies to understand their needs?")
    page.evaluate("location.hash = 'reflect-on-this'")  # the preview follows the outline selection
    expect(page.get_by_role("heading", level=1)).to_have_text(REFLECTION)
    page.evaluate("location.hash = 'no-such-id'")
    expect(page.get_by_role("heading", level=1)).to_have_text(REFLECTION)


def choice_order(page: Page) -> list[str]:
    return page.get_by_role("group").get_by_role("checkbox").evaluate_all(
        "boxes => boxes.map(b => b.labels[0].textContent)")


def test_a_failed_quiz_can_be_retried_until_the_attempts_run_out(context: BrowserContext, tour_folder: Path) -> None:
    page, _ = open_page(context, tour_folder, "#markdown")
    for attempt in (1, 2):
        expect(page.get_by_role("heading", level=1)).to_have_text("Which of these are Markdown? Select all that apply.")
        answer(page, ["<blink>"], expect_correct=False)
        page.get_by_role("button", name="Next").click()
        answer(page, ["The question's position in the quiz"], expect_correct=False)
        go_outline(page, "Summary")
        expect(page.get_by_text("Failed", exact=True)).to_be_visible()
        retry = page.get_by_role("button", name="Retry Two questions, choices shuffled")
        if attempt == 1:
            violations = axe_violations(page.main_frame)
            assert violations == []
            retry.click()
        else:
            expect(retry).to_have_count(0)  # max_attempts: 2
            expect(page.get_by_text("Every attempt allowed has been used.", exact=False)).to_be_visible()
    go_outline(page, "Two questions, choices shuffled")
    expect(page.get_by_text("2 questions · pass mark 50% · attempts used: 2 of 2")).to_be_visible()


def test_choices_are_shuffled_per_learner_and_kept_on_resume(browser: Browser, tour_folder: Path) -> None:
    orders = []
    for _ in range(6):
        context = browser.new_context()
        page, _ = open_page(context, tour_folder, "#markdown")
        order = choice_order(page)
        assert sorted(order) == sorted(["**bold**", "# Heading", "<blink>"])
        page.reload()
        assert choice_order(page) == order
        # The first answer checked starts the attempt: the choices stay where the learner saw them.
        page.get_by_label(order[0], exact=True).check()
        page.get_by_role("button", name="Check answer").click()
        expect(page.get_by_role("heading", level=2)).to_have_text(re.compile("^(Correct|Incorrect)$"))
        assert choice_order(page) == order
        orders.append(tuple(order))
        context.close()
    assert len(set(orders)) > 1


def test_the_sample_course_without_shuffling_keeps_the_authors_order(context: BrowserContext,
                                                                      sample_folder: Path) -> None:
    page, _ = open_page(context, sample_folder, "#behaviours")
    assert choice_order(page) == [
        "Studying feedback to understand what customers need.",
        "Changing how a product is delivered after customers point out a problem.",
        "Promising every customer whatever they ask for.",
        "Imagining how a customer feels when a call goes unanswered."]


def test_printing_shows_the_content_and_feedback_without_the_controls(context: BrowserContext,
                                                                        sample_folder: Path) -> None:
    page, _ = open_page(context, sample_folder, "#john")
    answer(page, WRONG["john"], expect_correct=False)
    assert axe_violations(page.main_frame) == []  # a wrong answer's colours too
    page.emulate_media(media="print")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Incorrect")).to_be_visible()
    expect(page.get_by_role("heading", level=3, name="Explanation")).to_be_visible()
    expect(page.get_by_label(WRONG["john"][0], exact=True)).to_be_visible()
    for hidden in (page.get_by_role("navigation", name="Course outline"),
                   page.get_by_role("navigation", name="Previous and next"),
                   page.get_by_role("button", name="Outline"), page.get_by_text("Progress:")):
        expect(hidden).to_be_hidden()
    page.emulate_media(media="screen")
    expect(page.get_by_role("navigation", name="Previous and next")).to_be_visible()


@pytest.mark.parametrize(("motion", "transition", "scrolling"), [("reduce", "0s", "auto"),
                                                                  ("no-preference", "0.3s", "smooth")])
def test_motion_only_when_the_learner_has_not_asked_for_less(browser: Browser, sample_folder: Path, motion: str,
                                                             transition: str, scrolling: str) -> None:
    context = browser.new_context(reduced_motion=motion)  # type: ignore[arg-type]
    page, _ = open_page(context, sample_folder)
    styles = page.evaluate("[getComputedStyle(document.getElementById('progress-fill')).transitionDuration,"
                           " getComputedStyle(document.documentElement).scrollBehavior]")
    assert styles == [transition, scrolling]
    context.close()


def test_the_answer_hint_is_said_once(context: BrowserContext, sample_folder: Path) -> None:
    page, _ = open_page(context, sample_folder, "#behaviours")  # its text already ends "Select all that apply."
    expect(page.get_by_role("group", name="Which of these show customer focus? Select all that apply.",
                            exact=True)).to_be_visible()
    box = page.get_by_text("Select all that apply.", exact=True).bounding_box()
    assert box is not None and box["width"] <= 1  # kept for the fieldset, shown only by the heading
    page.goto((sample_folder / "index.html").as_uri() + "#john")
    expect(page.get_by_text("Choose one answer.", exact=True)).to_be_visible()
    expect(page.get_by_role("group", name=re.compile(r"\? Choose one answer\.$"))).to_be_visible()


def test_on_a_desktop_the_outline_and_pager_reach_the_bottom_of_a_short_screen(browser: Browser,
                                                                                sample_folder: Path) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page, _ = open_page(context, sample_folder, "#summary")
    outline = page.get_by_role("navigation", name="Course outline").bounding_box()
    pager = page.get_by_role("navigation", name="Previous and next").bounding_box()
    assert outline is not None and pager is not None
    assert outline["y"] + outline["height"] == pytest.approx(800, abs=1)
    assert pager["y"] + pager["height"] == pytest.approx(800, abs=1)
    context.close()


def test_on_a_phone_escape_closes_the_outline_and_returns_to_its_button(browser: Browser,
                                                                       sample_folder: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page, _ = open_page(context, sample_folder)
    toggle = page.get_by_role("button", name="Outline")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.get_by_role("navigation", name="Course outline").get_by_role("link").first.focus()
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()
    context.close()
