"""The desktop editor (PySide6).  It changes the course only through undoable commands."""

# The engine is loaded here, before any module of the editor imports PySide6, on purpose. Once QtCore
# is loaded, PySide6 inspects every later import by reading the new module's source (to support
# `from __feature__ import ...`). Loading markdown-it, PyYAML and the engine first spares about a
# hundred modules that check, and takes about 20 ms off every start of the editor.
import authoring.core.commands
import authoring.core.course_file
import authoring.core.validation  # noqa: F401
