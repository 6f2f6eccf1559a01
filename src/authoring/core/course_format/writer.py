"""Write the model as canonical course text.

One layout for every course: front matter, then each item's heading, a blank
line, its body; questions the same way; choices as a tight task list with
their feedback quoted under them.  Text already in this form is written back
byte for byte, so a course kept in git only shows the author's real changes.
"""

from __future__ import annotations

from authoring.core.course_format.blocks import block_tokens
from authoring.core.course_format.escaping import Context, escape
from authoring.core.course_format.front_matter import write_front_matter
from authoring.core.course_format.headings import join_pinned_id
from authoring.core.model import Choice, Course, Item, Lesson, Question, Quiz

_KEYWORDS = {"lesson": "Lesson", "quiz": "Quiz", "reflection": "Reflection"}


def write_course(course: Course) -> str:
    parts = [write_front_matter(course)]
    for item in course.items:
        parts += _item_parts(item)
    return "\n\n".join(parts) + "\n"


def _item_parts(item: Item) -> list[str]:
    heading = f"{_KEYWORDS[item.kind]}:"
    title = join_pinned_id(item.title, item.id)
    parts = [f"# {heading} {title}" if title else f"# {heading}"]
    if isinstance(item, Quiz):
        parts += _body(item.intro, Context.QUIZ_INTRO)
        for question in item.questions:
            parts += _question_parts(question)
    else:
        text = item.body if isinstance(item, Lesson) else item.prompt
        parts += _body(text, Context.LESSON)
    return parts


def _question_parts(question: Question) -> list[str]:
    stem = join_pinned_id(question.stem, question.id)
    parts = [f"## {stem}" if stem else "##"]
    parts += _body(question.body, Context.QUESTION_BODY)
    if question.choices:
        parts.append("\n".join(_choice_lines(choice) for choice in question.choices))
    if question.explanation:
        parts.append(_explanation(question.explanation))
    return parts


def _choice_lines(choice: Choice) -> str:
    first, *rest = choice.text.split("\n")
    marker = "[x]" if choice.correct else "[ ]"
    lines = [f"- {marker} {first}" if first else f"- {marker}"]
    lines += [f"  {line}" for line in rest]
    if choice.feedback:
        lines += [f"  > {line}" if line else "  >" for line in choice.feedback.split("\n")]
    return "\n".join(lines)


def _explanation(explanation: str) -> str:
    text = escape(explanation, Context.EXPLANATION)
    tokens = block_tokens(text)
    starts_with_paragraph = bool(tokens) and tokens[0].type == "paragraph_open" and (tokens[0].map or [1])[0] == 0
    if starts_with_paragraph and not text[:1].isspace():
        return f"Explanation: {text}"
    return f"Explanation:\n\n{text}"


def _body(text: str, context: Context) -> list[str]:
    if not text:
        return []
    return [escape(text, context)]
