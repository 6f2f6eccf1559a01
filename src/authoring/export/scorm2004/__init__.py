"""``--format scorm2004``: a SCORM 2004 4th Edition package, with the pass mark in its sequencing."""

from __future__ import annotations

from authoring.export.registry import register
from authoring.export.scorm.manifest import manifest_scorm2004
from authoring.export.scorm.package import ScormExporter

register(ScormExporter(name="scorm2004", title="SCORM 2004 4th Edition", runtime="scorm2004",
                       manifest=manifest_scorm2004))
