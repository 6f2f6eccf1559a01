"""How fast the reviewer PDF of a large course is made, against reportlab's own floor.

A generated course of 200 lessons and 1,000 questions (50 quizzes of 20, each
question with 4 choices, feedback and an explanation) is exported as the
reviewer edition.  The floor is raw reportlab in the same run: a
SimpleDocTemplate laying out the same text, in the same embedded fonts (as
reportlab's own TTFont, made from the same files), as plain Paragraphs, with
no contents, outline, boxes or tables.  The goal is a ratio of at most 1.5.
WeasyPrint, where installed, renders the same content as HTML for comparison;
it is not a dependency.

Run: .venv/bin/python bench/bench_pdf.py [--runs N]
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import io
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import markdown
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate

from authoring.core.course_file import load_course
from authoring.core.model import Course, Lesson, Quiz, Reflection
from authoring.export.pdf.fonts import escape, load_fonts
from authoring.export.pdf.text import course_characters
from authoring.export.registry import ExportOptions, get_exporter

LESSONS, QUIZZES, QUESTIONS_PER_QUIZ = 200, 50, 20
DATE = datetime.date(2026, 1, 15)
WORDS = [
    "customer", "focus", "means", "listening", "to", "feedback", "and", "adapting", "products", "messages",
    "and", "delivery", "so", "that", "every", "interaction", "counts", "because", "one", "bad", "experience",
    "is", "enough", "for", "a", "customer", "to", "move", "on",
]


def words(seed: int, count: int) -> str:
    return " ".join(WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(count))


def generate_course() -> str:
    lines = ["---", "title: A Large Generated Course", "author: Bench", "version: 1.0", "---", ""]
    quiz_every = LESSONS // QUIZZES
    question = 0
    for lesson in range(LESSONS):
        lines += [f"# Lesson: Lesson {lesson + 1} on {words(lesson, 4)}", "",
                  f"{words(lesson, 60).capitalize()}. **{words(lesson + 1, 5)}** and *{words(lesson + 2, 4)}*.", "",
                  f"## Part {lesson + 1}", "", f"{words(lesson + 3, 70).capitalize()}.", "",
                  f"- {words(lesson, 8)}", f"- {words(lesson + 1, 9)}", f"- {words(lesson + 2, 7)}", ""]
        if lesson % 10 == 0:
            lines += ["| Term | Meaning |", "|---|---|", f"| {words(lesson, 2)} | {words(lesson, 12)} |",
                      f"| {words(lesson + 1, 2)} | {words(lesson + 1, 12)} |", "",
                      "```python", f"def step_{lesson}(x: int) -> int:", "    return x * 2 + 1", "```", ""]
        if (lesson + 1) % quiz_every == 0:
            quiz = (lesson + 1) // quiz_every
            lines += [f"# Quiz: Quiz {quiz}", "", f"{words(quiz, 20).capitalize()}.", ""]
            for _ in range(QUESTIONS_PER_QUIZ):
                question += 1
                lines += [f"## Question {question}: {words(question, 12)}?", ""]
                for choice in range(4):
                    mark = "x" if choice == question % 4 else " "
                    lines += [f"- [{mark}] {words(question + choice, 8)}",
                              f"  > {words(question + choice + 5, 14).capitalize()}."]
                lines += ["", f"Explanation: {words(question + 9, 40).capitalize()}.", ""]
            lines += [f"# Reflection: Reflect on part {quiz}", "", f"{words(quiz, 30).capitalize()}?", ""]
    return "\n".join(lines)


def course_paragraphs(course: Course) -> list[str]:
    """The course's text as the floor lays it out: one plain paragraph per block."""
    texts: list[str] = []
    for item in course.items:
        texts.append(item.title)
        if isinstance(item, Lesson):
            texts += item.body.split("\n\n")
        elif isinstance(item, Reflection):
            texts.append(item.prompt)
        elif isinstance(item, Quiz):
            texts.append(item.intro)
            for question in item.questions:
                texts.append(question.stem)
                for choice in question.choices:
                    texts += [choice.text, choice.feedback]
                texts.append(question.explanation)
    return [text for text in texts if text.strip()]


def reportlab_font(name: str) -> str:
    """The exporter's font ``name``, registered again as reportlab's own ``TTFont`` from the same file.

    The exporter's fonts remember the widths of words (see ``authoring.export.pdf.fonts``); the floor
    is reportlab as it comes, so it measures every word as reportlab does.
    """
    path = getattr(pdfmetrics.getFont(name).face, "filename", None)
    if not isinstance(path, str) or not Path(path).is_file():
        return name  # a font made in memory (a CFF font turned TrueType): the exporter's own, then
    raw = f"{name}-reportlab"
    if raw not in pdfmetrics.getRegisteredFontNames():
        font = TTFont(raw, path)
        font.face.name += b"-reportlab"  # reportlab hands out the first font registered for a face name
        pdfmetrics.registerFont(font)
    return raw


def floor(course: Course) -> Callable[[], int]:
    fonts = load_fonts(course_characters(course), None, course.language)
    style = ParagraphStyle("body", fontName=reportlab_font(fonts.body.name), fontSize=10.5, leading=15,
                           spaceAfter=6)
    texts = course_paragraphs(course)

    def run() -> int:
        buffer = io.BytesIO()
        document = SimpleDocTemplate(buffer, pagesize=A4, invariant=1)
        document.build([Paragraph(escape(text), style) for text in texts])
        return int(document.page)
    return run


def ours(course: Course, source_dir: Path, target: Path) -> Callable[[], int]:
    exporter = get_exporter("pdf")
    assert exporter is not None
    options = ExportOptions(source_dir=source_dir, edition="reviewer", date=DATE)

    def run() -> int:
        steps = list(exporter.export(course, target, options))
        return int(next(step.message.split()[2] for step in steps if step.message.startswith("Laid out")))
    return run


def weasyprint(course_text: str) -> Callable[[], int] | None:
    try:
        weasy = importlib.import_module("weasyprint")
    except ImportError:
        return None
    body = markdown.markdown(course_text.split("---", 2)[2], extensions=["tables", "fenced_code"])
    html = f"<html><body>{body}</body></html>"

    def run() -> int:
        return len(weasy.HTML(string=html).render().pages)
    return run


def timed(runners: dict[str, Callable[[], int]], runs: int) -> dict[str, tuple[float, int, float]]:
    """Median time, pages, and the median of each round's ratio to the first runner.

    The runners take turns, round after round, so a busy machine slows them alike.
    """
    for run in runners.values():
        run()  # warm-up: fonts registered, caches filled, as in a long editor session
    times: dict[str, list[float]] = {name: [] for name in runners}
    pages: dict[str, int] = {}
    for _ in range(runs):
        for name, run in runners.items():
            start = time.perf_counter()
            pages[name] = run()
            times[name].append(time.perf_counter() - start)
    first = times[next(iter(runners))]
    return {name: (statistics.median(spent), pages[name],
                   statistics.median(mine / base for mine, base in zip(spent, first, strict=True)))
            for name, spent in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "course.md"
        text = generate_course()
        source.write_text(text, encoding="utf-8")
        course = load_course(source).course
        assert course is not None
        print(f"course: {len(course.lessons)} lessons, {len(course.questions)} questions, "
              f"{len(course.reflections)} reflections; {args.runs} rounds, taking turns; medians")
        runners = {"floor": floor(course), "ours": ours(course, source.parent, Path(folder) / "out.pdf")}
        weasy = weasyprint(text)
        if weasy is not None:
            runners["weasyprint"] = weasy
        results = timed(runners, args.runs)
        floor_time, floor_pages, _ = results["floor"]
        print(f"floor (SimpleDocTemplate, plain Paragraphs): {floor_time:.2f} s, {floor_pages} pages, "
              f"{floor_pages / floor_time:.0f} pages/s")
        our_time, our_pages, ratio = results["ours"]
        print(f"reviewer edition: {our_time:.2f} s, {our_pages} pages, {our_pages / our_time:.0f} pages/s")
        print(f"ratio to floor: {ratio:.2f}x (median of the rounds' ratios; goal <= 1.5x)")
        if "weasyprint" in results:
            weasy_time, weasy_pages, weasy_ratio = results["weasyprint"]
            print(f"WeasyPrint (same content as HTML): {weasy_time:.2f} s, {weasy_pages} pages, "
                  f"{weasy_ratio:.2f}x the floor")
        else:
            print("WeasyPrint: not installed")

if __name__ == "__main__":
    main()
