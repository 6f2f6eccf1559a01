"""A SCORM package: the learner player's web files plus ``imsmanifest.xml``, in one zip.

The course is checked first and a course with errors is refused.  The zip
is written atomically, so a failing export leaves the previous package as it
was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from authoring.core.model import Course
from authoring.export.registry import ExportError, ExportOptions, Progress
from authoring.export.scorm.manifest import LAUNCH, MANIFEST_NAME

ManifestWriter = Callable[[Course, Iterable[str]], bytes]

STEPS = 4


@dataclass
class ScormExporter:
    """One SCORM version: its registry name, the player runtime it uses and its manifest writer."""

    name: str
    title: str
    runtime: str
    """The ``web_package`` runtime: the player's API adapter for this version."""
    manifest: ManifestWriter
    suffix: str = ".zip"

    def export(self, course: Course, target: Path, options: ExportOptions) -> Iterator[Progress]:
        from authoring.export.web_package import checked_web_files, write_zip

        target = Path(target)
        files = yield from checked_web_files(course, options, self.runtime, STEPS)
        if LAUNCH not in files:
            raise ExportError(f"the player has no {LAUNCH}; this is a bug, please report it")
        yield Progress(2, STEPS, f"Writing {MANIFEST_NAME} for {len(files)} files")
        files = {**files, MANIFEST_NAME: self.manifest(course, files)}
        yield Progress(3, STEPS, f"Writing {target.name}")
        write_zip(files, target)
        yield Progress(STEPS, STEPS, f"Wrote {self.title} package {target.name}")

