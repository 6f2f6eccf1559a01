"""Write microlearning in Markdown; export SCORM packages, HTML and PDFs."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("authoring")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"
