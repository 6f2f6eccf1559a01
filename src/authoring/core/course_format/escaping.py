"""Escaping of body text that the course format would otherwise read as structure.

A body may hold any Markdown, but some lines mean something to the format: a
level-1 heading starts an item, a level-2 heading inside a quiz starts a
question, a task list in a question body would be read as its choices, and a
paragraph starting ``Explanation:`` as its explanation.  The writer puts one
backslash in front of such a line (``\\# Quiz: tips``, ``Explanation\\:``,
``- \\[x]``), and in front of any line that already carries such backslashes,
so the reader can take exactly one away again: ``parse(write(c)) == c``.

Lines inside code blocks and raw HTML are never touched: Markdown does not
read structure there.  A code fence, though, and some raw HTML run until their
own end marker, past blank lines: a fence (````` ``` `````), a comment
(``<!--``) or a ``<pre>`` left open would take in every item after it in the
file.  The line that opens such a block gets the backslash instead
(``\\<!-- draft``), so the block stays inside its field.
"""

from __future__ import annotations

import re
from enum import Enum

from authoring.core.course_format.blocks import block_tokens


class Context(Enum):
    LESSON = "lesson"
    """Lesson bodies and reflection prompts: only level-1 headings are structure."""
    QUIZ_INTRO = "quiz_intro"
    QUESTION_BODY = "question_body"
    EXPLANATION = "explanation"


_HEADING_1 = re.compile(r"^( {0,3})(\\*)(#)(?=[ \t]|$)")
_HEADING_1_2 = re.compile(r"^( {0,3})(\\*)(##?)(?=[ \t]|$)")
_EXPLANATION_LABEL = re.compile(r"^( {0,3}Explanation)(\\*)(:)")
_TASK_ITEM = re.compile(r"^( {0,3}[-*+][ \t]+)(\\*)(\[[ xX]\])")
# CommonMark's raw HTML blocks that end only at their own end marker (types 1 to 5), not at a blank line.
_HTML_OPENER = re.compile(r"^( {0,3})(\\*)(<(?:!--|\?|!\[CDATA\[|![A-Za-z]|(?:script|pre|style|textarea)(?=[ \t>]|$)))",
                          re.IGNORECASE)
_FENCE_OPENER = re.compile(r"^( {0,3})(\\*)(`{3,}|~{3,})")
_PAST_THE_END = "\n\n# end"
"""What follows a field in the file (a blank line, then more of the course), to see what would swallow it."""

# Patterns whose bare form (no backslash) is escaped only where Markdown reads
# it as a heading; the others are escaped wherever they occur.
_HEADING_PATTERNS = {
    Context.LESSON: _HEADING_1,
    Context.QUIZ_INTRO: _HEADING_1_2,
    Context.QUESTION_BODY: _HEADING_1_2,
    Context.EXPLANATION: _HEADING_1_2,
}
_ALWAYS_PATTERNS = {
    Context.LESSON: (),
    Context.QUIZ_INTRO: (),
    Context.QUESTION_BODY: (_EXPLANATION_LABEL, _TASK_ITEM),
    Context.EXPLANATION: (),
}


def escape(text: str, context: Context) -> str:
    lines = text.split("\n")
    openers, tokens = _open_blocks(lines)
    protected = _protected_lines(tokens)
    headings = _structural_heading_lines(tokens, context)
    heading_pattern = _HEADING_PATTERNS[context]
    for index, line in enumerate(lines):
        if index in protected:
            continue
        match = _opener(line)
        if match and (match.group(2) or index in openers):
            lines[index] = _insert_backslash(line, match)
            continue
        match = heading_pattern.match(line)
        if match and (match.group(2) or index in headings):
            lines[index] = _insert_backslash(line, match)
            continue
        for pattern in _ALWAYS_PATTERNS[context]:
            match = pattern.match(line)
            if match:
                lines[index] = _insert_backslash(line, match)
                break
    return "\n".join(lines)


def unescape(text: str, context: Context) -> str:
    lines = text.split("\n")
    patterns = (_HEADING_PATTERNS[context], *_ALWAYS_PATTERNS[context], _HTML_OPENER, _FENCE_OPENER)
    escaped: dict[int, int] = {}  # line -> where its backslashes start
    for index, line in enumerate(lines):
        for pattern in patterns:
            match = pattern.match(line)
            if match and match.group(2):
                escaped[index] = match.start(2)
                break
    if not escaped:
        return text  # most bodies: no need to parse them for code blocks
    protected = _protected_lines(block_tokens(text))
    for index, start in escaped.items():
        if index not in protected:
            lines[index] = lines[index][:start] + lines[index][start + 1 :]
    return "\n".join(lines)


def _open_blocks(lines: list[str]) -> tuple[set[int], list]:  # type: ignore[type-arg]
    """The lines that open a code fence or raw HTML running past the end of the text, and the block tokens
    once those lines are escaped (which may show another open block further on, hidden inside the first)."""
    openers: set[int] = set()
    while True:
        escaped = [_insert_backslash(line, match) if index in openers and (match := _opener(line))
                   else line for index, line in enumerate(lines)]
        tokens = block_tokens("\n".join(escaped) + _PAST_THE_END)
        runaway = next((token for token in tokens if token.type in ("html_block", "fence") and token.map
                        and token.map[1] > len(lines) and _opener(lines[token.map[0]])), None)
        if runaway is None or runaway.map is None:
            return openers, tokens
        openers.add(runaway.map[0])


def _opener(line: str) -> re.Match[str] | None:
    return _HTML_OPENER.match(line) or _FENCE_OPENER.match(line)


def _insert_backslash(line: str, match: re.Match[str]) -> str:
    start = match.start(2)
    return line[:start] + "\\" + line[start:]


def _protected_lines(tokens: list) -> set[int]:  # type: ignore[type-arg]
    protected: set[int] = set()
    for token in tokens:
        if token.type in ("fence", "code_block", "html_block") and token.map:
            protected.update(range(token.map[0], token.map[1]))
    return protected


def _structural_heading_lines(tokens: list, context: Context) -> set[int]:  # type: ignore[type-arg]
    levels = {"#"} if context is Context.LESSON else {"#", "##"}
    return {
        token.map[0]
        for token in tokens
        if token.type == "heading_open" and token.level == 0 and token.markup in levels and token.map
    }
