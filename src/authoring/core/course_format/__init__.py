"""The course file format: one Markdown file with YAML front matter (docs/course-format.md)."""

from authoring.core.course_format.reader import ParseResult, parse_course
from authoring.core.course_format.writer import write_course

__all__ = ["ParseResult", "parse_course", "write_course"]
