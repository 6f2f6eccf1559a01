"""``--format scorm12``: a SCORM 1.2 package, the format nearly every LMS imports."""

from __future__ import annotations

from authoring.export.registry import register
from authoring.export.scorm.manifest import manifest_scorm12
from authoring.export.scorm.package import ScormExporter

register(ScormExporter(name="scorm12", title="SCORM 1.2", runtime="scorm12", manifest=manifest_scorm12))
