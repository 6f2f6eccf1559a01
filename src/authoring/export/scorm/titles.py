"""Titles as an LMS shows them: plain text, one line, at most 200 characters.

Course titles are inline Markdown in the source (``**Safety** first``); an
LMS listing shows text, so the markup is rendered and dropped, entities and
all, leaving what a learner reads in the player.
"""

from __future__ import annotations

import markdown
from lxml import html

MAX_TITLE = 200
"""SCORM 1.2's titleType allows 200 characters; 2004 LMSs cut at about the same."""


def manifest_title(inline_markdown: str) -> str:
    text = plain_text(inline_markdown)
    if len(text) > MAX_TITLE:
        text = text[: MAX_TITLE - 1].rstrip() + "…"
    return text or "Untitled course"


def plain_text(inline_markdown: str) -> str:
    """The text of inline Markdown with its markup removed and white space collapsed."""
    if not inline_markdown.strip():
        return ""
    rendered = markdown.markdown(inline_markdown)
    text = html.fragment_fromstring(rendered, create_parent="div").text_content()
    return " ".join(text.split())
