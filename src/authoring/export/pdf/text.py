"""All the text of a course, to know which glyphs the PDF needs before it is laid out."""

from __future__ import annotations

from authoring.core.model import Course, Lesson, Quiz, Reflection

# Labels the layout prints itself (kept here so their glyphs are looked up too).
LAYOUT_TEXT = "0123456789 ·…✓↪•◦▪�?–—:%/()[]"


def course_characters(course: Course) -> set[str]:
    parts = [course.title, course.author, course.description, course.version, course.language, LAYOUT_TEXT]
    for item in course.items:
        parts.append(item.title)
        if isinstance(item, Lesson):
            parts.append(item.body)
        elif isinstance(item, Reflection):
            parts.append(item.prompt)
        elif isinstance(item, Quiz):
            parts.append(item.intro)
            for question in item.questions:
                parts += [question.stem, question.body, question.explanation]
                parts += [text for choice in question.choices for text in (choice.text, choice.feedback)]
    characters: set[str] = set()
    for part in parts:
        characters.update(part)
    return characters
