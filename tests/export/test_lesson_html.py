"""Lesson Markdown becomes HTML with tables, fenced code and attribute lists, and nothing that can run."""

from __future__ import annotations

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from authoring.export import lesson_html
from authoring.export.lesson_html import image_sources, is_plain, plain_text, render_block, render_inline, sanitise


def test_tables_fenced_code_and_attribute_lists_render() -> None:
    html = render_block("## Steps {#steps .note}\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```python\nx = '<&>'\n```\n")
    assert '<h2 class="note" id="c-steps">Steps</h2>' in html
    assert "<table>" in html and "<td>1</td>" in html
    assert '<pre><code class="language-python">x = \'&lt;&amp;&gt;\'\n</code></pre>' in html


@pytest.mark.parametrize("markdown", [
    "<script>alert(1)</script>",
    '<img src="x.png" onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<iframe src="https://example.com"></iframe>',
    '<svg onload="alert(1)"><circle/></svg>',
    "[x](#){onclick=\"alert(1)\"}",
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<form action="https://example.com"><input name="q"></form>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
])
def test_nothing_executable_survives(markdown: str) -> None:
    html = render_block(f"Before\n\n{markdown}\n\nAfter").lower()
    for forbidden in ("<script", "onerror", "onload", "onclick", "javascript:", "<iframe", "<svg", "<object",
                      "<embed", "<form", "<input", "style=", "data:text"):
        assert forbidden not in html
    assert "before" in html


def test_script_content_is_dropped_not_shown_as_text() -> None:
    assert "alert" not in render_block("<script>alert(1)</script>")


def test_safe_links_and_images_are_kept() -> None:
    html = render_block("[docs](https://example.com/a?b=1) and ![A chart](assets/chart%201.png)")
    assert 'href="https://example.com/a?b=1"' in html and 'rel="noopener noreferrer"' in html
    assert 'src="assets/chart%201.png"' in html and 'alt="A chart"' in html


def test_inline_images_as_data_urls_are_kept_only_for_images() -> None:
    assert 'src="data:image/png;base64,AAAA"' in render_block("![dot](data:image/png;base64,AAAA)")
    assert "data:" not in render_block("[x](data:image/png;base64,AAAA)")


def test_inline_fields_have_no_wrapping_paragraph() -> None:
    assert render_inline("Use `code` *now*") == "Use <code>code</code> <em>now</em>"
    assert render_inline("") == ""


def test_plain_text_for_lms_descriptions() -> None:
    assert plain_text("What is **5 < 6** & `x`?\n\nMore") == "What is 5 < 6 & x? More"


def test_image_sources_in_order() -> None:
    assert image_sources(render_block("![a](one.png)\n\n![b](two%20x.png)")) == ["one.png", "two%20x.png"]


def test_sanitise_keeps_author_ids_apart_from_the_players() -> None:
    assert sanitise('<p id="content">x</p>') == '<p id="c-content">x</p>'


def test_image_sources_unescape_and_ignore_other_attributes() -> None:
    rendered = render_block('![a > "b"](x%20y.png "t src=no.png") and ![](data:image/png;base64,AA) '
                            '<img alt="z" src="a&amp;b.png">')
    assert image_sources(rendered) == ["x%20y.png", "data:image/png;base64,AA", "a&b.png"]


def parsed(source: str) -> str:
    """What the full path (Python-Markdown, then nh3) gives, without the plain-text shortcut."""
    return sanitise(markdown.markdown(source, extensions=lesson_html._EXTENSIONS, output_format="html"))


@pytest.mark.parametrize("source", ["What is John missing?", "He doesn't \"empathize\" (yet): 73% - or 1/3.",
                                    "Élan vital, 東京 and Ωμέγα", "Unit 12.5, question 3"])
def test_plain_lines_skip_markdown_and_render_the_same(source: str) -> None:
    assert is_plain(source)
    assert render_block(source) == parsed(source) == f"<p>{source}</p>"


@pytest.mark.parametrize("source", ["1. one", "- item", "# Title", "a *b*", "a_b_", "use `x`", "a & b", "a <b>",
                                    "[x](y)", "a\\b", "two\nlines", "ends with two  ", " leading", "http://x.org"])
def test_markdown_or_html_takes_the_full_path(source: str) -> None:
    assert not is_plain(source) or render_block(source) == parsed(source)


@settings(max_examples=300, deadline=None)
@given(st.one_of(
    st.from_regex(lesson_html._PLAIN, fullmatch=True),
    st.text(alphabet=st.one_of(st.characters(categories=["L", "N", "P", "S", "Zs"]),
                               st.sampled_from(list(" ,.?!'’;:()/%\"-*_`#<>&"))), max_size=40)))
def test_the_shortcut_never_changes_the_html(source: str) -> None:
    if is_plain(source):
        assert render_block(source) == parsed(source)
