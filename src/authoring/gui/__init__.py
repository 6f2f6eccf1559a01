"""The desktop editor (PySide6).  It changes the course only through undoable commands."""

from authoring.gui.immortal_singletons import make_singletons_immortal
from authoring.gui.startup_gc import hold_collections

make_singletons_immortal()  # before any PySide6 call: see the module for the Shiboken bug it guards against
hold_collections()

# The engine is loaded here, before any module of the editor imports PySide6, on purpose. Once QtCore
# is loaded, PySide6 inspects every later import by reading the new module's source (to support
# `from __feature__ import ...`). Loading markdown-it, PyYAML and the engine first spares about a
# hundred modules that check, and takes about 20 ms off every start of the editor.
import authoring.core.commands  # noqa: E402  (after the collector is held)
import authoring.core.course_file  # noqa: E402
import authoring.core.validation  # noqa: E402, F401
