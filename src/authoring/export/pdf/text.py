"""All the text of a course, to know which glyphs the PDF needs before it is laid out."""

from __future__ import annotations

from authoring.core.model import Course

# Labels the layout prints itself (kept here so their glyphs are looked up too).
LAYOUT_TEXT = "0123456789 ·…✓↪•◦▪�?–—:%/()[]"


def course_characters(course: Course) -> set[str]:
    parts = [course.title, course.author, course.description, course.version, course.language, LAYOUT_TEXT]
    parts += [text for text, _line in course.markdown_texts()]
    characters: set[str] = set()
    for part in parts:
        characters.update(part)
    return characters
