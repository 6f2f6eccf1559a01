"""The e2e harness: a local HTTP server's contents, one launch of a package in the test LMS, and exporting.

Kept out of ``conftest.py`` so tests import it by a name no other folder uses.
"""

from __future__ import annotations

import shutil
import zipfile
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Frame, FrameLocator, Page

from authoring.core.course_file import load_course
from authoring.core.model import Course
from authoring.export.registry import ExportOptions, get_exporter
from authoring.export.web_package import build_web_files, write_folder

HERE = Path(__file__).resolve().parent
NODE_MODULES = HERE / "node_modules"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
VERSIONS = {"1.2": "scorm12", "2004": "scorm2004"}


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class Server:
    root: Path
    origin: str
    packages: int = 0

    def publish(self, files_dir: Path) -> str:
        """Serve the package folder ``files_dir``; returns its base URL (ending in '/')."""
        self.packages += 1
        name = f"p{self.packages}"
        shutil.copytree(files_dir, self.root / "pkg" / name)
        return f"{self.origin}/pkg/{name}/"


@dataclass
class Session:
    """One launch of a package in the test LMS, with everything it sent and requested."""

    page: Page
    version: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def course(self) -> FrameLocator:
        """The course's frame, for locating by role and label."""
        return self.page.frame_locator("#sco")

    @property
    def frame(self) -> Frame:
        """The course's frame, for running code inside it."""
        return self.page.main_frame.child_frames[0]

    def calls(self) -> list[dict[str, Any]]:
        calls: list[dict[str, Any]] = self.page.evaluate("window.calls")
        return calls

    def close_course(self) -> None:
        """The learner leaves: the LMS removes the course's frame, which fires its pagehide."""
        self.page.evaluate("window.closeCourse()")


def export_package(course_file: Path, runtime: str, target: Path, course: Course | None = None) -> Path:
    """The package folder for ``runtime``: the real SCORM exporter's zip, unpacked, where it exists."""
    loaded = load_course(course_file)
    course = course or loaded.course
    assert course is not None, loaded.problems
    options = ExportOptions(source_dir=course_file.parent)
    exporter = get_exporter(runtime)
    if exporter is not None:
        archive = target.with_suffix(".zip")
        list(exporter.export(course, archive, options))
        with zipfile.ZipFile(archive) as package:
            package.extractall(target)
    else:
        write_folder(build_web_files(course, options, runtime), target)
    return target


def launch(context: BrowserContext, server: Server, package_url: str, version: str, *,
           cmi: dict[str, Any] | None = None, fragment: str = "") -> Session:
    page = context.new_page()
    session = Session(page, version)
    page.on("request", lambda request: session.requests.append(request.url))
    page.on("pageerror", lambda error: session.errors.append(str(error)))
    page.on("console", lambda message: session.errors.append(message.text) if message.type == "error" else None)
    page.on("dialog", lambda dialog: (session.errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.goto(f"{server.origin}/lms/lms.html")
    page.evaluate("config => window.startLms(config)",
                  {"version": version, "src": package_url + "index.html" + fragment, "cmi": cmi})
    page.frame_locator("#sco").get_by_role("heading", level=1).wait_for()
    return session
