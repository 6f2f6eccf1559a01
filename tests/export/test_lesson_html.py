"""Lesson Markdown becomes HTML with tables, fenced code and attribute lists, and nothing that can run."""

from __future__ import annotations

import pytest

from authoring.export.lesson_html import image_sources, plain_text, render_block, render_inline, sanitise


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
