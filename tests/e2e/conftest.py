"""Browser tests: Debian's Chromium through Playwright, a local HTTP server, and a scorm-again "LMS" page.

One browser for the whole session; each test gets a fresh context (its own
storage).  The server serves the LMS page with scorm-again and axe-core from
``node_modules`` under ``/lms/``, and each exported package under
``/pkg/<name>/``, all from one origin so the package can reach the API in its
parent frame as it would in a real LMS.
"""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer

import pytest
from harness import CHROMIUM_ARGS, HERE, NODE_MODULES, QuietHandler, Server
from playwright.sync_api import Browser, BrowserContext, Playwright, sync_playwright


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("www")
    lms = root / "lms"
    shutil.copytree(HERE / "lms", lms)
    shutil.copy(NODE_MODULES / "scorm-again" / "dist" / "scorm12.js", lms)
    shutil.copy(NODE_MODULES / "scorm-again" / "dist" / "scorm2004.js", lms)
    (root / "pkg").mkdir()
    handler = functools.partial(QuietHandler, directory=str(root))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield Server(root, f"http://127.0.0.1:{httpd.server_address[1]}")
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    yield context
    context.close()
