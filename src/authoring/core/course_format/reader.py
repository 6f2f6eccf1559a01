"""Read course text into the model with a real Markdown tokenizer.

markdown-it-py finds the block structure (headings, lists, quotes) with line
numbers; the model then takes the author's own source lines for every body,
so nothing is re-rendered and nothing is lost.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from markdown_it.token import Token

from authoring.core.course_format.blocks import block_tokens
from authoring.core.course_format.escaping import Context, unescape
from authoring.core.course_format.front_matter import course_settings, read_front_matter
from authoring.core.course_format.headings import heading_text, split_pinned_id
from authoring.core.model import Choice, Course, Item, Lesson, Question, Quiz, Reflection
from authoring.core.problems import Problem, error

_ITEM_HEADING = re.compile(r"^(lesson|quiz|reflection)[ \t]*:[ \t]*(.*)$", re.IGNORECASE | re.DOTALL)
_TASK_MARKER = re.compile(r"^\[([ xX])\](?:[ \t]+|$)")
_EXPLANATION_LABEL = re.compile(r"^ {0,3}Explanation:[ \t]?")
_QUOTE_MARKER = re.compile(r"^[ \t]*>[ \t]?")
_FRONT_MATTER_FENCE = "---"


@dataclass
class ParseResult:
    course: Course
    problems: list[Problem] = field(default_factory=list)
    lossless: bool = True
    """False when some text had no place in the model: saving would drop it."""


def parse_course(text: str) -> ParseResult:
    """Read a course from its Markdown text (a ``str``; see course_file for bytes)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    problems: list[Problem] = []
    lossless = True
    settings: dict[str, object] = {}
    body_start = 0

    if lines and lines[0].rstrip() == _FRONT_MATTER_FENCE:
        closing = next(
            (i for i in range(1, len(lines)) if lines[i].rstrip() in (_FRONT_MATTER_FENCE, "...")), None
        )
        if closing is None:
            problems.append(
                error(1, "the front matter that starts here is never closed; add a line '---' after it")
            )
            return ParseResult(Course(title=""), problems, lossless=False)
        front = read_front_matter("\n".join(lines[1:closing]), first_line=2)
        problems += front.problems
        lossless = front.lossless
        settings = front.values
        body_start = closing + 1
        if front.readable and not str(settings.get("title", "")).strip():
            problems.append(error(1, "the course has no title; add 'title: …' to the front matter", field="title"))
    else:
        problems.append(
            error(1, "the file has no front matter; start it with '---', 'title: Your title', '---'", field="title")
        )

    reader = _BodyReader(lines, body_start)
    reader.read()
    problems += reader.problems
    course = Course(**course_settings(settings), items=reader.items)
    return ParseResult(course, problems, lossless and reader.lossless)


class _BodyReader:
    def __init__(self, lines: list[str], start: int) -> None:
        self.lines = lines
        self.start = start
        self.tokens = block_tokens("\n".join(lines[start:]))
        for token in self.tokens:
            if token.map:
                token.map = [token.map[0] + start, token.map[1] + start]
        self.positions = {id(token): index for index, token in enumerate(self.tokens)}
        # Top-level blocks in source order, with their first lines, so a question finds its own by bisection.
        self.top_blocks = [t for t in self.tokens if t.level == 0 and t.nesting >= 0 and t.map]
        self.top_lines = [t.map[0] for t in self.top_blocks if t.map]
        self.items: list[Item] = []
        self.problems: list[Problem] = []
        self.lossless = True

    # -- structure ---------------------------------------------------------

    def read(self) -> None:
        headings = [t for t in self.tokens if _is_heading(t, "#")]
        first = headings[0].map[0] if headings and headings[0].map else len(self.lines)
        stray = self._first_text_line(self.start, first)
        if stray is not None:
            hint = " (a heading needs a space after '#')" if self.lines[stray].lstrip().startswith("#") else ""
            self._lose(stray, "text before the first item; start the course with '# Lesson: …', "
                              f"'# Quiz: …' or '# Reflection: …'{hint}")
        self._check_unclosed_fences()
        for index, heading in enumerate(headings):
            assert heading.map
            end = _line_of(headings[index + 1]) if index + 1 < len(headings) else len(self.lines)
            self._read_item(heading.map[0], end)

    def _read_item(self, line: int, end: int) -> None:
        text = heading_text(self.lines[line])
        match = _ITEM_HEADING.match(text)
        if not match:
            self._lose(line, f"'{self.lines[line].strip()}' is a level-1 heading without 'Lesson:', 'Quiz:' "
                             "or 'Reflection:'; add one to start an item, or use '##' for a heading inside one")
            return
        keyword = match.group(1).lower()
        title, pinned = split_pinned_id(match.group(2))
        body, body_line = self._block(line + 1, end)
        number = line + 1
        if keyword == "lesson":
            self.items.append(Lesson(title, unescape(body, Context.LESSON), pinned, line=number,
                                     body_line=body_line))
        elif keyword == "reflection":
            self.items.append(Reflection(title, unescape(body, Context.LESSON), pinned, line=number,
                                         body_line=body_line))
        else:
            self._read_quiz(title, pinned, line, end)

    def _read_quiz(self, title: str, pinned: str | None, line: int, end: int) -> None:
        stems = [t for t in self._top_level(line + 1, end) if _is_heading(t, "##")]
        intro_end = stems[0].map[0] if stems and stems[0].map else end
        intro, intro_line = self._block(line + 1, intro_end)
        quiz = Quiz(title, unescape(intro, Context.QUIZ_INTRO), [], pinned, line=line + 1, body_line=intro_line)
        self.items.append(quiz)
        for index, stem in enumerate(stems):
            assert stem.map
            stop = _line_of(stems[index + 1]) if index + 1 < len(stems) else end
            quiz.questions.append(self._read_question(stem.map[0], stop))

    def _read_question(self, line: int, end: int) -> Question:
        stem, pinned = split_pinned_id(heading_text(self.lines[line]))
        question = Question(stem, id=pinned, line=line + 1)
        blocks = self._top_level(line + 1, end)
        choices_at, list_end = self._find_choices(blocks)
        label = next(
            (t.map[0] for t in blocks
             if t.type == "paragraph_open" and t.map and _EXPLANATION_LABEL.match(self.lines[t.map[0]])),
            None,
        )
        if choices_at is not None and (label is None or _line_of(choices_at[0]) < label):
            body_end = _line_of(choices_at[0])
            question.choices = [self._read_choice(item, question) for item in choices_at]
            label = None
            after = self._first_text_line(list_end, end)
            if after is not None:
                if _EXPLANATION_LABEL.match(self.lines[after]) and self._starts_paragraph(after, blocks):
                    label = after
                elif self.lines[after].lstrip().startswith(">"):
                    self._lose(after, "this quote is not under a choice; indent it by two spaces ('  > …') "
                                      "to make it the feedback of the choice above")
                else:
                    self._lose(after, f"text after the choices of '{stem}' must start with 'Explanation:'; "
                                      "put other text above the choices")
        else:
            body_end = label if label is not None else end
        body, question.body_line = self._block(line + 1, body_end)
        question.body = unescape(body, Context.QUESTION_BODY)
        if label is not None:
            first = _EXPLANATION_LABEL.sub("", self.lines[label], count=1)
            explanation = _trim_blank_lines([first, *self.lines[label + 1:end]])
            question.explanation = unescape(explanation, Context.EXPLANATION)
            question.explanation_line = label + 1
        return question

    def _find_choices(self, blocks: list[Token]) -> tuple[list[Token] | None, int]:
        """The list items that are choices: from the first task item of a top-level bullet list."""
        for block in blocks:
            if block.type != "bullet_list_open" or not block.map:
                continue
            items = [t for t in self._children(block)
                     if t.type == "list_item_open" and t.level == block.level + 1]
            for position, item in enumerate(items):
                if self._task_marker(item):
                    return items[position:], block.map[1]
        return None, 0

    def _read_choice(self, item: Token, question: Question) -> Choice:
        assert item.map
        number = item.map[0] + 1
        marker, text = self._task_marker(item) or ("", "")
        if not marker:
            self._lose(item.map[0], f"every choice of '{question.stem}' needs '[ ]' or '[x]' after the dash")
        choice = Choice(text, correct=marker in "xX" and marker != "", line=number)
        children = [t for t in self._children(item) if t.level == item.level + 1 and t.nesting >= 0]
        quotes = [t for t in children[1:] if t.type == "blockquote_open"]
        others = [t for t in children[1:] if t.type != "blockquote_open"]
        if others or len(quotes) > 1:
            self._lose(number - 1, "a choice can only have its text and one quoted ('  > …') feedback under it")
        if quotes and quotes[0].map:
            start, stop = quotes[0].map
            raw = [_QUOTE_MARKER.sub("", self.lines[i], count=1) if _QUOTE_MARKER.match(self.lines[i])
                   else self.lines[i].lstrip() for i in range(start, stop)]
            choice.feedback = _trim_blank_lines(raw)
        return choice

    # -- helpers -------------------------------------------------------------

    def _task_marker(self, item: Token) -> tuple[str, str] | None:
        children = self._children(item)
        if len(children) < 2 or children[0].type != "paragraph_open":
            return None
        match = _TASK_MARKER.match(children[1].content)
        if not match:
            return None
        text = children[1].content[match.end():]
        # Line ends keep their spaces: two or more make a hard line break in Markdown.
        return match.group(1), "\n".join(part.lstrip() for part in text.split("\n")).strip()

    def _children(self, opening: Token) -> list[Token]:
        """The tokens between ``opening`` and its closing token."""
        index = self.positions[id(opening)]
        depth, result = 0, []
        for position in range(index + 1, len(self.tokens)):
            token = self.tokens[position]
            depth += token.nesting
            if depth < 0:
                break
            result.append(token)
        return result

    def _top_level(self, start: int, end: int) -> list[Token]:
        return self.top_blocks[bisect.bisect_left(self.top_lines, start):bisect.bisect_left(self.top_lines, end)]

    def _starts_paragraph(self, line: int, blocks: list[Token]) -> bool:
        return any(t.type == "paragraph_open" and t.map and t.map[0] == line for t in blocks)

    def _block(self, start: int, end: int) -> tuple[str, int]:
        """The source lines from ``start`` to ``end`` without surrounding blank lines, and the first line."""
        first = self._first_text_line(start, end)
        return _trim_blank_lines(self.lines[start:end]), (first + 1 if first is not None else start + 1)

    def _first_text_line(self, start: int, end: int) -> int | None:
        return next((i for i in range(start, min(end, len(self.lines))) if self.lines[i].strip()), None)

    def _check_unclosed_fences(self) -> None:
        for token in self.tokens:
            if token.type != "fence" or token.level != 0 or not token.map:
                continue
            start, stop = token.map
            closer = self.lines[stop - 1].strip() if stop - start > 1 else ""
            if closer.startswith(token.markup) and set(closer) == {token.markup[0]}:
                continue
            swallowed = [line for line in self.lines[start + 1:stop]
                         if line.lstrip().startswith("#") and _ITEM_HEADING.match(heading_text(line))]
            if swallowed:
                self.problems.append(error(
                    start + 1,
                    f"this code block is never closed, so '{swallowed[0].strip()}' and everything after it "
                    f"is read as code; close it with a line '{token.markup}'",
                ))

    def _lose(self, line: int, message: str) -> None:
        self.problems.append(error(line + 1, message))
        self.lossless = False


def _line_of(token: Token) -> int:
    assert token.map is not None
    return token.map[0]


def _is_heading(token: Token, markup: str) -> bool:
    return token.type == "heading_open" and token.level == 0 and token.markup == markup


def _trim_blank_lines(lines: list[str]) -> str:
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return "\n".join(lines[start:end])
