"""Hostile lesson Markdown runs nothing in the learner's browser, even with the page's CSP switched off."""

from __future__ import annotations

import pytest
from harness import Server
from playwright.sync_api import Browser, expect

from authoring.core.course_file import load_course
from authoring.export.registry import ExportOptions
from authoring.export.web_package import build_web_files, write_folder

pytestmark = pytest.mark.e2e

HOSTILE = """---
title: Hostile lesson
---

# Lesson: Tricks

<script>window.top.pwned = "script"; alert("script")</script>

<img src="data:image/png;base64,broken" onerror="window.top.pwned = 'onerror'; alert('onerror')">

[Click me](javascript:window.top.pwned='link';alert('link'))

<a href="javascript:window.top.pwned='raw link'">Raw link</a>

<iframe src="javascript:window.top.pwned='iframe'"></iframe>

[Handler](#){onclick="window.top.pwned='attribute'"}

<svg onload="window.top.pwned='svg'"></svg>

<details open ontoggle="window.top.pwned='toggle'"><summary>More</summary>Hidden.</details>

<form action="https://example.com/steal"><button>Send</button></form>

After the tricks.
"""

LINKS = ["Click me", "Raw link", "Handler"]


@pytest.fixture(scope="module")
def hostile_url(server: Server, tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "course.md").write_text(HOSTILE, encoding="utf-8")
    course = load_course(folder / "course.md").course
    assert course is not None
    write_folder(build_web_files(course, ExportOptions(source_dir=folder), "local"), folder / "package")
    return server.publish(folder / "package") + "index.html"


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "sanitiser-alone"])
def test_scripts_handlers_and_javascript_links_do_nothing(browser: Browser, hostile_url: str,
                                                          bypass_csp: bool) -> None:
    context = browser.new_context(bypass_csp=bypass_csp)
    page = context.new_page()
    dialogs: list[str] = []
    requests: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(hostile_url)
    expect(page.get_by_text("After the tricks.")).to_be_visible()
    for name in LINKS:
        page.get_by_text(name, exact=True).click()
    page.get_by_text("More", exact=True).click()
    page.wait_for_timeout(300)
    assert page.evaluate("window.pwned") is None
    assert dialogs == []
    assert page.locator("script:not([src]):not([type='application/json'])").count() == 0
    assert page.locator("iframe, svg, form").count() == 0
    assert all(url.startswith(hostile_url.rsplit("/", 1)[0]) for url in requests), requests

    if bypass_csp:
        # The detector works: the same handler, put in without the sanitiser, does run here.
        page.evaluate("document.body.insertAdjacentHTML('beforeend', "
                      "'<img src=\"data:image/png;base64,broken\" onerror=\"window.top.pwned = 1\">')")
        page.wait_for_function("window.pwned === 1")
    context.close()
