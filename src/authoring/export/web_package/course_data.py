"""The course as the player reads it: rendered, sanitised HTML plus the IDs the LMS sees.

Everything is rendered at export time, so the player needs no Markdown parser
and the package makes no request outside itself.  The images lessons link to
are collected on the way, with the course line that names each one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from authoring.core.ids import resolve_ids
from authoring.core.markdown_images import local_image_path
from authoring.core.model import Course, Lesson, Question, Quiz, Reflection
from authoring.export.lesson_html import image_sources, plain_text, render_block, render_inline, text_of
from authoring.export.registry import ExportError
from authoring.export.web_package import suspend_format

DATA_VERSION = 1
DESCRIPTION_LIMIT = 250
"""SCORM 2004 ``interactions.n.description`` is a localized string of at most 250 characters."""


@dataclass
class ImageRef:
    path: str
    """POSIX path inside the package, the same as relative to the course folder."""
    src: str
    line: int


@dataclass
class _Renderer:
    source_dir: Path
    images: dict[str, ImageRef] = field(default_factory=dict)

    def block(self, markdown: str, line: int) -> str:
        return self._collected(render_block(markdown), markdown, line)

    def inline(self, markdown: str, line: int) -> str:
        return self._collected(render_inline(markdown), markdown, line)

    def _collected(self, rendered: str, markdown: str, line: int) -> str:
        for src in image_sources(rendered):
            self._collect(src, markdown, line)
        return rendered

    def _collect(self, src: str, markdown: str, first_line: int) -> None:
        relative = local_image_path(src)
        if relative is None:
            return  # web and data: images are not files of the package (the checker warns about web ones)
        line = first_line + _line_offset(markdown, src)
        if not relative.parts or ".." in relative.parts:
            raise ExportError(f"image '{src}' is outside the course folder; copy it into assets/ beside the "
                              "course and link it from there", line=line)
        path = relative.as_posix()
        if path not in self.images:
            file = self.source_dir / path
            if not file.is_file():
                raise ExportError(f"image file '{src}' does not exist in {self.source_dir}; check the name "
                                  "(case matters) or add the file, then export again", line=line)
            self.images[path] = ImageRef(path, src, line)


def _line_offset(markdown: str, src: str) -> int:
    for number, text in enumerate(markdown.splitlines()):
        if src in text or unquote(src) in text:
            return number
    return 0


def course_data(course: Course, source_dir: Path, runtime: str) -> tuple[dict[str, Any], dict[str, ImageRef]]:
    """The JSON-ready course for the player, and the images it uses by package path."""
    renderer = _Renderer(source_dir)
    ids = resolve_ids(course)
    items: list[dict[str, Any]] = []
    for index, item in enumerate(course.items):
        title = renderer.inline(item.title, item.line)
        entry: dict[str, Any] = {"kind": item.kind, "id": ids.item(index), "title": title}
        if isinstance(item, Lesson):
            entry["html"] = renderer.block(item.body, item.body_line)
        elif isinstance(item, Reflection):
            entry["html"] = renderer.block(item.prompt, item.body_line)
            entry["text"] = _description(plain_text(item.prompt) or plain_text(item.title))
        elif isinstance(item, Quiz):
            entry["html"] = renderer.block(item.intro, item.body_line)
            entry["questions"] = [_question(question, ids.question(index, number), renderer)
                                  for number, question in enumerate(item.questions)]
        items.append(entry)
    data = {
        "version": DATA_VERSION,
        "runtime": runtime,
        "id": ids.course,
        "title": plain_text(course.title),
        "lang": course.language or "en",
        "passMark": course.pass_mark,
        "shuffle": course.shuffle_choices,
        "maxAttempts": course.max_attempts,
        "suspendLimit": suspend_format.SUSPEND_LIMITS[runtime],
        "reflectionLimit": max(suspend_format.reflection_budget(course, runtime), 0),
        "items": items,
    }
    return data, renderer.images


def _question(question: Question, question_id: str, renderer: _Renderer) -> dict[str, Any]:
    if len(question.choices) > len(suspend_format.CHOICE_LETTERS):
        raise ExportError(f"question '{question.stem}' has {len(question.choices)} choices; SCORM records at most "
                          f"{len(suspend_format.CHOICE_LETTERS)}, so split it", line=question.line)
    stem = renderer.inline(question.stem, question.line)
    return {
        "id": question_id,
        "stem": stem,
        "text": _description(text_of(stem)),
        "html": renderer.block(question.body, question.body_line),
        "multiple": question.multiple_response,
        "choices": [
            {"html": renderer.inline(choice.text, choice.line), "correct": choice.correct,
             "feedback": renderer.block(choice.feedback, choice.line)}
            for choice in question.choices
        ],
        "explanation": renderer.block(question.explanation, question.explanation_line),
    }


def _description(text: str) -> str:
    """Plain text an LMS accepts as a description: one line, at most 250 characters, not starting with '{'."""
    text = text.lstrip("{").strip()
    if suspend_format.utf16_length(text) <= DESCRIPTION_LIMIT:
        return text
    while suspend_format.utf16_length(text) > DESCRIPTION_LIMIT - 1:
        text = text[:-1]
    return text.rstrip() + "…"
