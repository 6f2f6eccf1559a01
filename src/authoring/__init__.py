"""Write microlearning in Markdown; export SCORM packages, HTML and PDFs."""

# A literal, not importlib.metadata: that import alone costs the editor ~35 ms of its start-up.
# It must match pyproject.toml's version (tests/gui/test_window.py checks it).
__version__ = "0.1.0"
