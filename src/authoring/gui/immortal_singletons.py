"""None, True and False kept alive for good under PySide6 6.12 on CPython 3.11.

Shiboken 6.12 returns None from every void method (``setText``, ``setFormat``, ``start``…) and True or
False from ``Signal.emit`` without taking the reference it hands back; on CPython 3.12 and later these
objects are immortal and nothing happens.  On 3.11 each call takes one from the object's count, and
a few thousand calls later (some hundreds of keystrokes in a lesson) the count reaches zero and the
interpreter aborts with "deallocating None": the editor vanishes mid-sentence.  Giving the three a
count no session can use up makes them as immortal as 3.12 does.
"""

from __future__ import annotations

import ctypes
import sys

_ENOUGH = 1 << 60
"""Far more references than any session takes back, far from the limit of a Py_ssize_t."""


def make_singletons_immortal() -> None:
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return  # immortal there already
    for singleton in (None, True, False):
        # CPython keeps an object's reference count in its first machine word.
        count = ctypes.c_ssize_t.from_address(id(singleton))
        if count.value < _ENOUGH:
            count.value += _ENOUGH
