"""Python's cycle collector, paused while a PDF is laid out.

Laying out a course makes hundreds of thousands of short-lived objects (fragments, words, lines,
canvas states). The collector runs after every 700 new ones, and with a whole course's flowables
alive each run had more to walk: for 1,000 questions some 270 runs, two or three of them over every
object in the process, about 0.35 s of a 4 s export. Paused, what reference counting leaves behind
is swept once at the end, by one run over the objects made meanwhile.

The collector is the process's: an export in the editor's worker thread pauses it for the window too,
until the last of any overlapping exports ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class _Pauses:
    """How many exports have paused the collector, and whether it ran before the first did."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.count = 0
        self.was_enabled = False


_PAUSES = _Pauses()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pauses automatic collection for the block. Keep a generator's ``yield`` out of it: a generator
    its caller leaves unfinished would leave the collector paused."""
    pauses = _PAUSES
    with pauses.lock:
        if pauses.count == 0:
            pauses.was_enabled = gc.isenabled()
            gc.disable()
        pauses.count += 1
    try:
        yield
    finally:
        with pauses.lock:
            pauses.count -= 1
            resume = pauses.count == 0 and pauses.was_enabled
            if resume:
                gc.enable()
        if resume:
            gc.collect(0)  # everything made while paused is still in the youngest generation
