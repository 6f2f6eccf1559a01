"""The images a piece of Markdown shows, for the checker and for Save As, and the links it holds.

Both ``![alt](src)`` and raw HTML ``<img src alt>``: the player shows either, so
the checker has to look at both, as the exporter packages both.  Links likewise:
``[text](href)`` and ``<a href>``.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import PurePosixPath
from typing import NamedTuple
from urllib.parse import unquote, urlparse

from markdown_it import MarkdownIt
from markdown_it.token import Token

_parser = MarkdownIt("commonmark").enable("table")
# Every image is reported, even one a renderer refuses to link (file:, javascript:), so the checker names it.
_parser.validateLink = lambda _url: True  # type: ignore[method-assign,assignment]


class MarkdownImage(NamedTuple):
    line: int
    """0-based, within the Markdown given."""
    src: str
    alt: str


@lru_cache(maxsize=16)
def _blocks(markdown: str) -> list[Token]:
    """The parsed text, read but never changed: the checker asks for a text's images, then its links."""
    return _parser.parse(markdown)


_HTML = ("html_block", "html_inline")


def _tokens(markdown: str) -> Iterator[tuple[int, Token]]:
    """Each HTML block and each inline token, with the 0-based line its block starts on."""
    for block in _blocks(markdown):
        line = block.map[0] if block.map else 0
        if block.type == "html_block":
            yield line, block
        for token in block.children or []:
            yield line, token


def markdown_images(markdown: str) -> Iterator[MarkdownImage]:
    if "![" not in markdown and "<img" not in markdown.lower():  # most texts: no image, so no parse
        return
    for line, token in _tokens(markdown):
        if token.type == "image":
            yield MarkdownImage(line, str(token.attrs.get("src", "")), token.content)
        elif token.type in _HTML:
            yield from _html_images(token.content, line)


class MarkdownLink(NamedTuple):
    line: int
    """0-based, within the Markdown given."""
    href: str


def markdown_links(markdown: str) -> Iterator[MarkdownLink]:
    if "](" not in markdown and "]:" not in markdown and "<a" not in markdown.lower():  # no link: no parse
        return
    for line, token in _tokens(markdown):
        if token.type == "link_open":
            yield MarkdownLink(line, str(token.attrs.get("href", "")))
        elif token.type in _HTML:
            yield from _html_links(token.content, line)


def local_image_path(src: str) -> PurePosixPath | None:
    """The file an image ``src`` names, relative to the course file; ``None`` for an address on the web,
    inline ``data:`` and absolute paths, which name no file of the course."""
    url = urlparse(src)
    if not src or url.scheme or url.netloc or src.startswith(("/", "\\")):
        return None
    return PurePosixPath(unquote(url.path))


class _Tags(HTMLParser):
    """The images and links of raw HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.images: list[tuple[int, str, str]] = []
        self.links: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "img":
            self.images.append((self.getpos()[0] - 1, values.get("src") or "", values.get("alt") or ""))
        elif tag == "a" and "href" in values:
            self.links.append((self.getpos()[0] - 1, values["href"] or ""))


def _tags(html: str) -> _Tags:
    tags = _Tags()
    tags.feed(html)
    tags.close()
    return tags


def _html_images(html: str, first_line: int) -> Iterator[MarkdownImage]:
    for line, src, alt in _tags(html).images:
        yield MarkdownImage(first_line + line, src, alt)


def _html_links(html: str, first_line: int) -> Iterator[MarkdownLink]:
    for line, href in _tags(html).links:
        yield MarkdownLink(first_line + line, href)
