"""The desktop editor (PySide6).  It changes the course only through undoable commands."""
