"""Item and question headings: ``# Quiz: Title {#pinned-id}``.

Titles are inline Markdown on one line.  Two endings would be misread when the
heading is read back (a ``#`` closing sequence, or text that looks like an
``{#id}``); the writer escapes them with one backslash and the reader removes
it, the same scheme as the body text uses.
"""

from __future__ import annotations

import re

_ATX_OPENING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+|$)")
_ATX_CLOSING = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
_PINNED_ID = re.compile(r"[ \t]*(?<!\\)\{#([^{}]*)\}$")
_ESCAPABLE_END = re.compile(r"(^|[ \t])(\\*)(#+)$|(\\*)(\{#[^{}]*\})$")


def heading_text(line: str) -> str:
    """The text of an ATX heading line, without its opening and closing ``#`` marks."""
    text = _ATX_OPENING.sub("", line, count=1).rstrip()
    return _ATX_CLOSING.sub("", text)


def split_pinned_id(text: str) -> tuple[str, str | None]:
    """``"Title {#id}"`` → ``("Title", "id")``; the title comes back unescaped."""
    match = _PINNED_ID.search(text)
    pinned = None
    if match:
        pinned = match.group(1)
        text = text[: match.start()]
    return _unescape_end(text.strip()), pinned


def join_pinned_id(title: str, pinned: str | None) -> str:
    text = _escape_end(title)
    if pinned:
        text = f"{text} {{#{pinned}}}" if text else f"{{#{pinned}}}"
    return text


def _escape_end(title: str) -> str:
    match = _ESCAPABLE_END.search(title)
    if not match:
        return title
    start = match.start(2) if match.group(3) else match.start(4)
    return title[:start] + "\\" + title[start:]


def _unescape_end(title: str) -> str:
    match = _ESCAPABLE_END.search(title)
    if not match:
        return title
    slashes, start = (match.group(2), match.start(2)) if match.group(3) else (match.group(4), match.start(4))
    if not slashes:
        return title
    return title[:start] + title[start + 1 :]
