"""The checker: what blocks export (errors) and what is worth a look (warnings).

It works on the model, so the editor can run it live on unsaved edits; lines
come from where each object was read, or 0 for objects not yet saved.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlparse

from authoring.core.ids import is_valid_id
from authoring.core.markdown_images import markdown_images, markdown_links
from authoring.core.model import Course, Item, Lesson, Question, Quiz, Reflection
from authoring.core.problems import Problem, error, warning
from authoring.core.suspend_budget import suspend_data_problems

WORDS_PER_MINUTE = 200
MAX_LESSON_MINUTES = 5
MAX_ATTEMPTS = 35
"""The player keeps each quiz's attempts in one base-36 digit of the learner's saved state."""
_WORD = re.compile(r"\w+")
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")
_HEADING_WITHOUT_SPACE = re.compile(r"^ {0,3}#(Lesson|Quiz|Reflection):", re.MULTILINE | re.IGNORECASE)


def check_course(course: Course, source_dir: Path | None = None) -> list[Problem]:
    """Every problem of ``course``; images are looked for relative to ``source_dir``."""
    problems = list(_check_settings(course))
    problems += _check_ids(course)
    for index, item in enumerate(course.items):
        problems += _check_item(item, index, source_dir)
    problems += suspend_data_problems(course)
    return sorted(problems, key=lambda problem: problem.line)


def reading_minutes(markdown: str) -> float:
    return len(_WORD.findall(markdown)) / WORDS_PER_MINUTE


def _check_settings(course: Course) -> Iterator[Problem]:
    if not 0 <= course.pass_mark <= 100:
        yield error(1, f"pass_mark is {course.pass_mark}; it must be from 0 to 100", field="pass_mark")
    if not 0 <= course.max_attempts <= MAX_ATTEMPTS:
        yield error(1, f"max_attempts is {course.max_attempts}; it must be from 0 (no limit) to {MAX_ATTEMPTS}",
                    field="max_attempts")
    if course.id is not None and not is_valid_id(course.id):
        yield error(1, f"the course id '{course.id}' must start with a letter and hold only letters, digits, "
                       "'-' and '_' (64 at most)", field="id")
    if course.language and not _LANGUAGE_TAG.fullmatch(course.language):
        yield warning(1, f"language '{course.language}' is not a language tag such as 'en' or 'pt-BR'",
                      field="language")
    if not course.items:
        yield warning(1, "the course has no items yet; add '# Lesson: …', '# Quiz: …' or '# Reflection: …'")


def _check_ids(course: Course) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for index, item in enumerate(course.items):
        pinned: list[tuple[str | None, int, int | None]] = [(item.id, item.line, None)]
        if isinstance(item, Quiz):
            pinned += [(q.id, q.line, number) for number, q in enumerate(item.questions)]
        for value, line, question in pinned:
            if value is None:
                continue
            where = {"item": index, "question": question, "field": "id"}
            if not is_valid_id(value):
                yield error(line, f"the ID '{value}' must start with a letter and hold only letters, digits, "
                                  "'-' and '_' (64 at most)", **where)
            if value in seen:
                yield error(line, f"the ID '{value}' is already used on line {seen[value]}; IDs must be unique",
                            **where)
            else:
                seen[value] = line


def _check_item(item: Item, index: int, source_dir: Path | None) -> Iterator[Problem]:
    where = {"item": index}
    body = item.intro if isinstance(item, Quiz) else item.prompt if isinstance(item, Reflection) else item.body
    for match in _HEADING_WITHOUT_SPACE.finditer(body):
        line = item.body_line + body.count("\n", 0, match.start())
        yield warning(line, f"'{match.group(0).strip()}' is text, not a new item: Markdown needs a space after "
                            f"'#', as in '# {match.group(1)}: …'", item=index)
    if not item.title.strip():
        yield warning(item.line, f"this {item.kind} has no title", field="title", **where)
    yield from _check_images_and_links(item.title, item.line, source_dir, field="title", item=index)
    if isinstance(item, Lesson):
        minutes = reading_minutes(item.body)
        if minutes > MAX_LESSON_MINUTES:
            yield warning(item.line, f"lesson '{item.title}' takes about {minutes:.0f} minutes to read; "
                                     f"microlearning lessons should stay under {MAX_LESSON_MINUTES}. "
                                     "Split it into two lessons", field="body", **where)
        yield from _check_images_and_links(item.body, item.body_line, source_dir, field="body", item=index)
    elif isinstance(item, Reflection):
        if not item.prompt.strip():
            yield warning(item.line, f"reflection '{item.title}' has no prompt; write the question the learner "
                                     "answers", field="prompt", **where)
        yield from _check_images_and_links(item.prompt, item.body_line, source_dir, field="prompt", item=index)
    else:
        if not item.questions:
            yield warning(item.line, f"quiz '{item.title}' has no questions; add one with '## Your question?'",
                          **where)
        elif len(item.questions) == 1:
            yield warning(item.line, f"quiz '{item.title}' has a single question; a quiz usually checks "
                                     "more than one point", **where)
        yield from _check_images_and_links(item.intro, item.body_line, source_dir, field="intro", item=index)
        for number, question in enumerate(item.questions):
            yield from _check_question(question, index, number, source_dir)


def _check_question(question: Question, item: int, number: int, source_dir: Path | None) -> Iterator[Problem]:
    where = {"item": item, "question": number}
    name = f"question '{question.stem}'"
    if len(question.choices) < 2:
        yield error(question.line, f"{name} has {len(question.choices)} choice(s); give it at least two as "
                                   "'- [ ] …' lines, with '[x]' on the correct ones", field="choices", **where)
    elif not any(choice.correct for choice in question.choices):
        yield error(question.line, f"{name} has no correct choice; mark the right one(s) with '[x]'",
                    field="choices", **where)
    if not question.explanation.strip():
        yield warning(question.line, f"{name} has no explanation; add a paragraph starting 'Explanation:' "
                                     "after the choices", field="explanation", **where)
    if not question.stem.strip():
        yield warning(question.line, "this question has no text after '##'", field="stem", **where)
    yield from _check_images_and_links(question.stem, question.line, source_dir, field="stem", **where)
    yield from _check_images_and_links(question.body, question.body_line, source_dir, field="body", **where)
    yield from _check_images_and_links(question.explanation, question.explanation_line, source_dir,
                             field="explanation", **where)
    for row, choice in enumerate(question.choices):
        yield from _check_images_and_links(choice.text, choice.line, source_dir, field="choices", choice=row,
                                           **where)
        yield from _check_images_and_links(choice.feedback, choice.line, source_dir, field="feedback",
                                           choice=row, **where)


def _check_images_and_links(markdown: str, first_line: int, source_dir: Path | None,
                            **where: int | str) -> Iterator[Problem]:
    for image in markdown_images(markdown):
        line = first_line + image.line
        if not image.alt.strip():
            yield warning(line, f"image '{image.src}' has no alt text; describe it inside ![…] for screen readers",
                          **where)
        yield from _check_image_file(image.src, line, source_dir, where)
    for link in markdown_links(markdown):
        yield from _check_link(link.href, first_line + link.line, where)


_WEB_SCHEMES = ("http", "https", "mailto", "tel")


def _check_link(href: str, line: int, where: dict[str, int | str]) -> Iterator[Problem]:
    """Learners get the course and its images only: a link to any other file of the author's is dead."""
    if not href.strip():
        yield warning(line, "a link has no address; put it between the brackets: [text](https://…)", **where)
        return
    url = urlparse(href)
    if href.startswith(("#", "//")) or url.scheme in _WEB_SCHEMES or (url.scheme and url.scheme != "file"
                                                                        and len(url.scheme) > 1):
        return
    yield warning(line, f"link '{href}' points to a file, which learners cannot open: a package holds only the "
                        "course and its images. Link to a web address, or put the content in a lesson", **where)


def _check_image_file(src: str, line: int, source_dir: Path | None, where: dict[str, int | str]) -> Iterator[Problem]:
    url = urlparse(src)
    if url.scheme in ("http", "https") or src.startswith("//"):
        yield warning(line, f"image '{src}' is on the web: the player shows only images packaged with the "
                            "course, so learners will not see it; save it in assets/ and link it from there",
                      **where)
        return
    if url.scheme == "data":
        return
    if url.scheme and len(url.scheme) > 1:  # one letter is a Windows drive: C:/…, reported below
        yield error(line, f"image '{src}' is neither in the course folder nor on the web; copy it into assets/ "
                          "beside the course and link it from there", **where)
        return
    if source_dir is None:
        return
    relative = Path(unquote(url.path))
    target = (source_dir / relative).resolve()
    if relative.is_absolute() or not target.is_relative_to(source_dir.resolve()):
        yield error(line, f"image '{src}' is outside the course folder; copy it into assets/ beside the course",
                    **where)
    elif not target.is_file():
        yield error(line, f"image file '{src}' does not exist; check the name (case matters) or add the file",
                    **where)
    elif not _looks_like_an_image(target):
        yield warning(line, f"'{src}' is not an image a browser shows (PNG, JPEG, GIF, WebP, AVIF or SVG); "
                            "learners would see a broken image. Save it again as one of those", **where)


# The first bytes of the image formats every browser shows (SVG is text: its tag comes early).
_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")


def _looks_like_an_image(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            head = file.read(1024)
    except OSError:
        return False
    return (head.startswith(_SIGNATURES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")
            or head[4:12] in (b"ftypavif", b"ftypavis") or b"<svg" in head)
