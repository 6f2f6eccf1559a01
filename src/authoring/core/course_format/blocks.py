"""Markdown's block structure, which is all the course format reads.

Headings, task lists, quotes and fences are block-level, so the parser leaves
inline parsing out: an inline token keeps its raw ``content`` and gets no
``children``.  That is half the work of a full parse, on every open and save.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

_parser = MarkdownIt("commonmark").enable("table").disable("inline")


def block_tokens(text: str) -> list[Token]:
    return _parser.parse(text)
