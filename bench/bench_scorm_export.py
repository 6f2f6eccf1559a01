"""SCORM export speed: a course of 200 lessons and 1,000 questions, to SCORM 1.2 and 2004.

Each figure is the median of several runs, next to a floor measured in the
same run on the same machine: Python-Markdown (one parser, reset between
fields) rendering the same Markdown the export renders (titles, lesson bodies,
quiz intros, question stems and bodies, choices, feedback, explanations,
reflection prompts) plus ``zipfile`` writing the very entries of the exported
package at the same compression level.  That is the issue's floor.  The
exporter passes fields of plain words through without parsing
(``lesson_html.is_plain``), so it can beat that floor; a second, stricter
floor leaves those fields out too, and its ratio is what checking the course,
sanitising and packing add to the Markdown that must be parsed.  Goal: export at most 1.3x the floor,
and time linear in course size (100 / 200 / 400 lessons, with 5 questions per
lesson).  It also prints the size of the learner player and of the sample
course's SCORM zips.

Run: ``.venv/bin/python bench/bench_scorm_export.py [--runs N] [--profile]``.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import statistics
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import markdown

from authoring.core.course_file import load_course
from authoring.core.model import Choice, Course, Lesson, Question, Quiz, Reflection
from authoring.core.validation import check_course
from authoring.export import web_package
from authoring.export.lesson_html import is_plain
from authoring.export.registry import ExportOptions, get_exporter

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "sample_courses" / "customer-focus" / "course.md"
IMAGE = SAMPLE.parent / "assets" / "one-in-three.png"
FORMATS = ("scorm12", "scorm2004")
LESSONS_PER_QUIZ = 4
QUESTIONS_PER_LESSON = 5
LESSONS_PER_REFLECTION = 20

LESSON = """Customer focus in practice, part {n}, is a **long-term commitment** to the experience of the
people you serve. It is not a campaign with an end date: it shapes how an organization *listens*,
decides and changes. Unit {n} looks at one more way to put it to work.

| Behaviour | What it looks like |
|---|---|
| Listening | Studying feedback and behaviour to learn what customers need |
| Empathy | Imagining how a customer thinks and feels at each step |
| Adapting | Changing products and delivery when feedback shows a gap |

## Listening, step {n}

According to one survey, **73%** of customers expect companies to understand their needs. Read the
feedback, watch how people use the product, and join the conversation where customers already talk.

1. Open a continuing dialogue with your customers.
2. Learn how they experience your service.
3. Redesign your processes around what you learn.

![Three customer figures: two stay, and one moves on](assets/one-in-three.png)

> Friendly words cannot make up for a process that makes customers do the work.

```text
feedback -> insight -> change ({n})
```
"""


def generated_course(lessons: int) -> Course:
    """``lessons`` lessons, a 20-question quiz after every 4 and a reflection every 20.

    Every Markdown text differs, so neither side gains from caching repeats.
    """
    items: list[Lesson | Quiz | Reflection] = []
    for n in range(1, lessons + 1):
        items.append(Lesson(f"Customer focus, unit {n}", LESSON.format(n=n).strip()))
        if n % LESSONS_PER_QUIZ == 0:
            items.append(_quiz(n))
        if n % LESSONS_PER_REFLECTION == 0:
            items.append(Reflection(f"Reflect on units {n - 19} to {n}",
                                    f"What will you change after unit {n}? Write **two or three** sentences."))
    return Course(title=f"Customer focus, {lessons} units", id=f"bench-{lessons}", items=items)


def _quiz(n: int) -> Quiz:
    questions = [
        Question(
            f"Unit {n}, question {q}: what is John missing?",
            f"John says a few **unresponsive days** will not hurt (case {n}.{q}).",
            [Choice("He doesn't empathize.", False, f"Not quite ({n}.{q}): *one contact* weighs more."),
             Choice("He doesn't value every interaction.", True, f"Correct ({n}.{q}): every contact counts."),
             Choice("He ignores feedback.", False, f"Nothing in story {n}.{q} says so."),
             Choice("He never calls back.", False, f"A symptom ({n}.{q}), not the cause.")],
            f"Every interaction is valuable ({n}.{q}): one bad experience is enough for **one in three** to leave.",
        )
        for q in range(1, LESSONS_PER_QUIZ * QUESTIONS_PER_LESSON + 1)
    ]
    return Quiz(f"Check units {n - 3} to {n}", "Answer each question, then read the feedback.", questions)


def markdown_sources(course: Course) -> Iterator[str]:
    for item in course.items:
        yield item.title
        if isinstance(item, Lesson):
            yield item.body
        elif isinstance(item, Reflection):
            yield item.prompt
        else:
            yield item.intro
            for question in item.questions:
                yield question.stem
                yield question.body
                yield question.explanation
                for choice in question.choices:
                    yield choice.text
                    yield choice.feedback


def seconds(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


class Bench:
    def __init__(self, folder: Path, runs: int) -> None:
        self.folder = folder
        self.runs = runs
        (folder / "assets").mkdir()
        shutil.copy(IMAGE, folder / "assets" / IMAGE.name)
        self.options = ExportOptions(source_dir=folder)

    def export(self, course: Course, name: str) -> Path:
        exporter = get_exporter(name)
        assert exporter is not None, f"no {name} exporter registered"
        target = self.folder / f"{name}.zip"
        for _ in exporter.export(course, target, self.options):
            pass
        return target

    def floor_action(self, course: Course, package: Path, *, strict: bool) -> Callable[[], None]:
        sources = [source for source in markdown_sources(course)
                   if source.strip() and not (strict and is_plain(source))]
        with zipfile.ZipFile(package) as archive:
            entries = [(info, archive.read(info)) for info in archive.infolist()]

        def render_and_zip() -> None:
            renderer = markdown.Markdown(extensions=["tables", "fenced_code", "attr_list", "sane_lists"])
            for source in sources:
                renderer.reset().convert(source)
            with zipfile.ZipFile(self.folder / "floor.zip", "w") as archive:
                for info, data in entries:
                    archive.writestr(info, data, compresslevel=9)  # the exporter's level

        return render_and_zip

    def measure(self, lessons: int) -> None:
        course = generated_course(lessons)
        questions = len(course.questions)
        for name in FORMATS:
            package = self.export(course, name)  # warm-up, and the package the floor rewrites
            floor_action = self.floor_action(course, package, strict=False)
            strict_action = self.floor_action(course, package, strict=True)
            # Export, floors and checker alternate, so a busy moment on a shared machine hits them all.
            exports, floors, stricts, checks = [], [], [], []
            for _ in range(self.runs):
                exports.append(seconds(lambda name=name: self.export(course, name)))  # type: ignore[misc]
                floors.append(seconds(floor_action))
                stricts.append(seconds(strict_action))
                checks.append(seconds(lambda: check_course(course, self.folder)))
            export, floor, strict, check = (statistics.median(times) for times in (exports, floors, stricts, checks))
            print(f"{name:9} {lessons:4} lessons, {questions:5} questions: export {export * 1000:5.0f} ms "
                  f"(median of {self.runs}, {export / lessons * 1000:4.2f} ms per lesson, "
                  f"zip {package.stat().st_size / 1024:.0f} KB); floor {floor * 1000:5.0f} ms, "
                  f"ratio {export / floor:4.2f}x (goal <= 1.3x); strict floor {strict * 1000:5.0f} ms, "
                  f"ratio {export / strict:4.2f}x; of the export, the checker takes {check * 1000:4.0f} ms")


def sizes(folder: Path) -> None:
    print(f"player's own HTML+CSS+JS: {web_package.player_size() / 1024:.1f} KB in "
          f"{len(web_package.PLAYER_FILES)} files (goal < 60 KB)")
    course = load_course(SAMPLE).course
    assert course is not None, f"cannot read {SAMPLE}"
    options = ExportOptions(source_dir=SAMPLE.parent, course_file=SAMPLE)
    for name in FORMATS:
        exporter = get_exporter(name)
        assert exporter is not None, f"no {name} exporter registered"
        target = folder / f"sample-{name}.zip"
        for _ in exporter.export(course, target, options):
            pass
        print(f"sample course {SAMPLE.parent.name} as {name}: {target.stat().st_size / 1024:.1f} KB "
              "(goal < 100 KB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="profile one 200-lesson SCORM 1.2 export")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        bench = Bench(Path(folder), args.runs)
        if args.profile:
            course = generated_course(200)
            cProfile.runctx("bench.export(course, 'scorm12')", globals(), {"bench": bench, "course": course},
                            str(Path(folder) / "profile"))
            pstats.Stats(str(Path(folder) / "profile")).sort_stats("cumulative").print_stats(30)
            return
        for lessons in (100, 200, 400):
            bench.measure(lessons)
        sizes(Path(folder))


if __name__ == "__main__":
    main()
