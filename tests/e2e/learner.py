"""What a learner does in the player, by roles and labels, and what the tests check on every screen."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from playwright.sync_api import Frame, FrameLocator, Page, expect

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"

# The sample course's questions, by the text of their correct choices.
RIGHT = {
    "john": ["He doesn't value every customer interaction."],
    "paper-form": ["A process that makes the change easy for the customer."],
    "behaviours": ["Studying feedback to understand what customers need.",
                   "Changing how a product is delivered after customers point out a problem.",
                   "Imagining how a customer feels when a call goes unanswered."],
    "expectations": ["About three in four (73%)"],
    "finished": ["Never: it is a continuing process."],
}
WRONG = {
    "john": ["He doesn't empathize with customers."],
    "paper-form": ["Friendlier staff on the phone."],
    "behaviours": ["Studying feedback to understand what customers need."],
    "expectations": ["About half"],
    "finished": ["When every process has been redesigned once."],
}
QUESTIONS = list(RIGHT)
LESSONS = ["What customer focus means", "Customer focus is more than friendliness"]
QUIZ = "Check your understanding"
REFLECTION = "Reflect on this"

Scope = FrameLocator | Page


def heading(scope: Scope) -> str:
    return scope.get_by_role("heading", level=1).inner_text()


def next_screen(scope: Scope) -> None:
    scope.get_by_role("button", name="Next", exact=True).or_(
        scope.get_by_role("button", name="Summary", exact=True)).click()


def answer(scope: Scope, choices: list[str], expect_correct: bool) -> None:
    for label in choices:
        scope.get_by_label(label, exact=True).check()
    scope.get_by_role("button", name="Check answer").click()
    expect(scope.get_by_role("heading", level=2, name="Correct" if expect_correct else "Incorrect",
                             exact=True)).to_be_visible()
    for label in choices:
        expect(scope.get_by_label(label, exact=True)).to_be_checked()
        expect(scope.get_by_label(label, exact=True)).to_be_disabled()


def go_outline(scope: Scope, title: str) -> None:
    scope.get_by_role("navigation", name="Course outline").get_by_role("link", name=re.compile(
        "^" + re.escape(title))).click()
    expect(scope.get_by_role("heading", level=1)).to_have_text(title)


def take_course(scope: Scope, picks: dict[str, list[str]], reflection: str, *,
                check_screen: Any = None) -> None:
    """From the first lesson to the summary: lessons, every question with ``picks``, the reflection."""
    def look(name: str) -> None:
        if check_screen:
            check_screen(name)

    for title in LESSONS:
        expect(scope.get_by_role("heading", level=1)).to_have_text(title)
        look("lesson")
        next_screen(scope)
    expect(scope.get_by_role("heading", level=1)).to_have_text(QUIZ)
    look("quiz")
    scope.get_by_role("button", name="Start the quiz").click()
    for number, question in enumerate(QUESTIONS):
        if number == 0:
            look("question before check")
        answer(scope, picks[question], picks[question] == RIGHT[question])
        if number == 2:
            look("question after check")
        next_screen(scope)
    expect(scope.get_by_role("heading", level=1)).to_have_text(REFLECTION)
    scope.get_by_label("Your answer").fill(reflection)
    scope.get_by_role("button", name="Save answer").click()
    look("reflection")
    next_screen(scope)
    expect(scope.get_by_role("heading", level=1)).to_have_text("Summary")
    look("summary")


def axe_violations(frame: Frame) -> list[str]:
    """axe-core's violations on the frame's current screen, every rule it runs by default."""
    if not frame.evaluate("typeof window.axe !== 'undefined'"):
        frame.evaluate(AXE.read_text(encoding="utf-8"))
    found: list[dict[str, Any]] = frame.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))}))")
    return [f"{v['id']}: {v['help']} at {v['nodes'][:3]}" for v in found]
