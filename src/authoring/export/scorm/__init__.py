"""What SCORM 1.2 and SCORM 2004 packages share: the manifest and the packaging steps.

The ``scorm12`` and ``scorm2004`` exporters are thin: the learner player's web
files (``authoring.export.web_package``) plus ``imsmanifest.xml`` at the zip
root, written atomically.
"""
