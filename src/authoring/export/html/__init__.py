"""``--format html``: the learner player as a folder (or zip) that opens from ``file://`` with no LMS.

Progress is kept in the browser's ``localStorage``.  The editor's learner
preview runs this exporter as a folder and opens ``index.html#<id>`` to show
the item or question selected in the outline.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from authoring.core.model import Course
from authoring.export.registry import ExportOptions, Progress, register

STEPS = 3


@dataclass
class HtmlExporter:
    name: str = "html"
    title: str = "HTML"
    suffix: str = ".zip"
    """A zip by default; with ``ExportOptions.zip`` false the target is a folder."""

    def writes_folder(self, options: ExportOptions) -> bool:
        return not options.zip

    def export(self, course: Course, target: Path, options: ExportOptions) -> Iterator[Progress]:
        from authoring.export.web_package import checked_web_files, write_folder, write_zip

        target = Path(target)
        files = yield from checked_web_files(course, options, "local", STEPS)
        yield Progress(2, STEPS, f"Writing {target.name}")
        if options.zip:
            write_zip(files, target)
        else:
            write_folder(files, target)
        yield Progress(STEPS, STEPS, f"Wrote the HTML course {target.name} ({len(files)} files)")


register(HtmlExporter())
