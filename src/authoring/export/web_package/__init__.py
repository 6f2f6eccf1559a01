"""The learner player's web files for one course: what every browser-based export ships.

The SCORM 1.2 and 2004 exporters add ``imsmanifest.xml`` to these files; the
HTML exporter writes them as they are.  ``runtime`` picks how the player keeps
progress: through the SCORM 1.2 ``API``, the SCORM 2004 ``API_1484_11``, or the
browser's ``localStorage``.
"""

from __future__ import annotations

from authoring.export.web_package.archive import write_folder, write_zip
from authoring.export.web_package.build import PLAYER_FILES, RUNTIMES, build_web_files, checked_web_files, player_size

__all__ = ["PLAYER_FILES", "RUNTIMES", "build_web_files", "checked_web_files", "player_size", "write_folder",
           "write_zip"]
