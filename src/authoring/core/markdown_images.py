"""The images a piece of Markdown shows, for the checker and for Save As."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from markdown_it import MarkdownIt

_parser = MarkdownIt("commonmark").enable("table")


class MarkdownImage(NamedTuple):
    line: int
    """0-based, within the Markdown given."""
    src: str
    alt: str


def markdown_images(markdown: str) -> Iterator[MarkdownImage]:
    if "![" not in markdown:  # most texts: no image syntax, so no parse
        return
    for block in _parser.parse(markdown):
        for token in block.children or []:
            if token.type == "image":
                yield MarkdownImage(block.map[0] if block.map else 0, str(token.attrs.get("src", "")), token.content)
