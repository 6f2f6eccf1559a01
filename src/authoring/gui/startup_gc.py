"""Python's cycle collector, held back while the editor starts.

Starting makes tens of thousands of objects that live as long as the editor does: modules,
classes, and the enums PySide6 creates for every Qt class it first meets. The collector, run
every 700 new objects, walked them some sixty times during each start (15 to 20 ms). It waits
until the window is up, then those objects are set aside for good (``gc.freeze``), so later
full collections no longer walk them either.
"""

from __future__ import annotations

import gc

_DEFAULT = gc.get_threshold()
STARTUP_THRESHOLD = 200_000


def hold_collections() -> None:
    if gc.get_threshold()[0] == _DEFAULT[0]:
        gc.set_threshold(STARTUP_THRESHOLD, *_DEFAULT[1:])


def resume_collections() -> None:
    """Called once the first window is shown."""
    if gc.get_threshold()[0] == STARTUP_THRESHOLD:
        gc.freeze()
        gc.set_threshold(*_DEFAULT)
