"""Lesson Markdown to the HTML learners see, sanitised.

Python-Markdown renders with tables, fenced code and attribute lists; nh3
(the Rust ``ammonia`` sanitiser) then keeps only an allow-list of tags and
attributes, so nothing an author pastes (``<script>``, ``onerror=``,
``javascript:`` links, iframes, forms) runs in the learner's browser.  The
player adds a Content-Security-Policy on top; this is the first line.
"""

from __future__ import annotations

import html
import re
import threading
from html.parser import HTMLParser

import markdown
import nh3

_EXTENSIONS = ["tables", "fenced_code", "attr_list", "sane_lists"]

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details",
    "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins",
    "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "var", "wbr",
}
# Removed together with their content: text inside them is code or markup, never prose.
_CLEAN_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math"}
_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "blockquote": {"cite"},
    "q": {"cite"},
}
_URL_SCHEMES = {"http", "https", "mailto", "tel", "data"}
# Author IDs from attribute lists get this prefix so they cannot clash with the player's own.
ID_PREFIX = "c-"


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    # data: URLs are allowed for inline images only, never as link targets.
    if value.strip().lower().startswith("data:") and not (tag == "img" and attribute == "src"):
        return None
    if tag == "img" and attribute == "src" and value.strip().lower().startswith("data:") and \
            not value.strip().lower().startswith("data:image/"):
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=_TAGS,
    clean_content_tags=_CLEAN_CONTENT,
    attributes=_ATTRIBUTES,
    attribute_filter=_attribute_filter,
    url_schemes=_URL_SCHEMES,
    link_rel="noopener noreferrer",
    id_prefix=ID_PREFIX,
)
"""Built once: building the allow-lists for every field was a tenth of a large export."""


def sanitise(fragment: str) -> str:
    """Only the allowed tags, attributes and URL schemes of ``fragment`` survive."""
    return _CLEANER.clean(fragment)


class _Parsers(threading.local):
    """One Markdown parser per thread, reset between fields.

    Building a parser (extensions, pattern registries) costs more than
    converting a short field; a course has thousands of fields.  A parser is
    not thread-safe, and the editor exports on a worker thread, hence one each.
    """

    def __init__(self) -> None:
        self.markdown = markdown.Markdown(extensions=_EXTENSIONS, output_format="html")


_PARSERS = _Parsers()


# One line of words and plain punctuation, starting with a letter: Markdown has nothing to do there (no
# emphasis, code, links, HTML, entities, escapes, lists or headings), so its HTML is the text itself.
# Most stems, choices, titles and feedback are like this; skipping the parser for them nearly halves
# a large export.  tests/export/test_lesson_html.py proves the two paths agree.
_PLAIN = re.compile(r"[^\W\d_](?:[^\W_]|[ ,.?!'’;:()/%\"-])*")


def is_plain(source: str) -> bool:
    """True when ``source`` renders to itself: Python-Markdown would only wrap it in a paragraph."""
    return _PLAIN.fullmatch(source) is not None and not source.endswith(" ")


def render_block(source: str) -> str:
    """HTML for a block field (a lesson body, an explanation, a reflection prompt)."""
    if not source.strip():
        return ""
    if is_plain(source):
        return f"<p>{source}</p>"
    # Headings in bodies start at '##' (h2) in the source, under the page's h1: keep them as they are.
    rendered = _PARSERS.markdown.reset().convert(source)
    return sanitise(rendered)


_PARAGRAPH = re.compile(r"\A<p>(.*)</p>\Z", re.DOTALL)


def render_inline(source: str) -> str:
    """HTML for a one-line field (a question stem, a choice text): no wrapping paragraph."""
    html_text = render_block(source)
    match = _PARAGRAPH.match(html_text)
    return match.group(1) if match else html_text


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.parts.append(dict(attrs).get("alt") or "")


def plain_text(source: str) -> str:
    """The words of a Markdown field on one line, for LMS fields that take text only."""
    return text_of(render_block(source))


def text_of(rendered_html: str) -> str:
    """The words of already rendered HTML on one line (images by their alt text)."""
    collector = _TextCollector()
    collector.feed(rendered_html)
    return " ".join("".join(collector.parts).split())


# nh3 writes every attribute value in double quotes, with '"' as '&quot;', so these patterns read its
# output exactly; they would not do for HTML from anywhere else.
_IMAGE_TAG = re.compile(r'<img((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*/?>')
_SRC = re.compile(r'\ssrc="([^"]*)"')


def image_sources(sanitised_html: str) -> list[str]:
    """The ``src`` of every image in HTML from :func:`sanitise`, in order, as written (URL-encoded)."""
    sources = []
    for tag in _IMAGE_TAG.finditer(sanitised_html):
        src = _SRC.search(tag.group(1))
        if src and src.group(1):
            sources.append(html.unescape(src.group(1)))
    return sources
