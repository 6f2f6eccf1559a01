"""The player's resume state: the compact text it keeps in ``cmi.suspend_data``.

SCORM 1.2 allows 4,096 characters of ``suspend_data`` and strict LMSs reject
more, so the state is a short positional text, not JSON.  ``player.js``
(``encodeState``/``decodeState``) writes and reads exactly this format; this
module is its reference in Python, used to size each reflection's share of the
budget at export time, by the checker to warn when a course cannot fit, and by
the tests to read what the player stored.

Format, version 1 (fields joined by ``|``; lengths are in UTF-16 code units,
which is what JavaScript's ``String.length``, ``<textarea maxlength>`` and the
LMS limits count)::

    1|SEED|VISITED|ATTEMPTS|ANSWERS|REFLECTIONS

``SEED``
    base-36 integer (at most 4 digits) that seeds the learner's choice shuffle,
    so a resumed question shows its choices in the same order.
``VISITED``
    hexadecimal bit set of the items opened so far; item 0 is the high bit of
    the first digit (one digit per four items).
``ATTEMPTS``
    one base-36 digit per quiz, in course order: attempts started (at most 35).
``ANSWERS``
    one entry per question of the course, in course order, joined by ``.``:
    the letters of the checked choices in the author's order (``a`` is the
    first choice, then ``b`` … ``z``, ``0`` … ``9``), or empty when the
    question has not been checked in the current attempt.
``REFLECTIONS``
    one entry per reflection, in course order, each ``LENGTH:TEXT`` with
    ``LENGTH`` in decimal; entries follow each other with nothing between.
    Being last and length-prefixed, the text needs no escaping.

The fixed part (everything but the reflection texts) is bounded by the course
shape alone; what is left of the limit is shared equally by the reflections,
and the player's text box stops the learner at that share
(:func:`reflection_budget`).  A 40-question course with three reflections
keeps about 1,300 characters for each under SCORM 1.2.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from authoring.core.model import Course
from authoring.core.suspend_budget import MAX_REFLECTION, MIN_USEFUL_REFLECTION, fixed_length, reflection_share
from authoring.core.validation import MAX_ATTEMPTS

__all__ = ["CHOICE_LETTERS", "MAX_ATTEMPTS_STORED", "MAX_REFLECTION", "MIN_USEFUL_REFLECTION", "SUSPEND_LIMITS",
           "ResumeState", "decode", "encode", "fixed_length", "reflection_budget", "utf16_length"]

VERSION = "1"
SUSPEND_LIMITS = {"scorm12": 4096, "scorm2004": 64000, "local": 64000}
"""The ``suspend_data`` size each runtime guarantees, in characters."""
CHOICE_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789"
"""Choice identifiers, by the author's order; SCORM 1.2 allows single characters only."""
MAX_ATTEMPTS_STORED = MAX_ATTEMPTS  # one base-36 digit per quiz
_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"


@dataclass
class ResumeState:
    seed: int = 0
    visited: list[bool] = field(default_factory=list)
    attempts: list[int] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)
    reflections: list[str] = field(default_factory=list)


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def reflection_budget(course: Course, runtime: str) -> int:
    """How many characters each reflection may hold under ``runtime``'s ``suspend_data`` limit.

    0 when the course has no reflections; negative when even the answers do not fit.  The sizing
    lives in the core (:mod:`authoring.core.suspend_budget`) so the checker warns by the same rule.
    """
    return reflection_share(course, SUSPEND_LIMITS[runtime])


def encode(state: ResumeState) -> str:
    visited_bits = "".join("1" if seen else "0" for seen in state.visited)
    visited_bits += "0" * (-len(visited_bits) % 4)
    visited = "".join(f"{int(visited_bits[i:i + 4], 2):x}" for i in range(0, len(visited_bits), 4))
    attempts = "".join(_BASE36[min(n, MAX_ATTEMPTS_STORED)] for n in state.attempts)
    answers = ".".join(state.answers)
    reflections = "".join(f"{utf16_length(text)}:{text}" for text in state.reflections)
    return "|".join([VERSION, _base36(state.seed), visited, attempts, answers, reflections])


def decode(text: str, course: Course) -> ResumeState:
    """The state in ``text``; raises ``ValueError`` when it is not this format."""
    parts = text.split("|", 5)
    if len(parts) != 6 or parts[0] != VERSION:
        raise ValueError(f"not resume state version {VERSION}: {text[:40]!r}")
    _, seed, visited_hex, attempts, answers, reflections = parts
    bits = "".join(f"{int(digit, 16):04b}" for digit in visited_hex)
    state = ResumeState(
        seed=int(seed, 36) if seed else 0,
        visited=[bit == "1" for bit in bits[:len(course.items)]],
        attempts=[int(digit, 36) for digit in attempts],
        answers=answers.split(".") if course.questions else [],
    )
    units = reflections.encode("utf-16-le")
    position = 0  # in UTF-16 code units
    while position * 2 < len(units):
        colon = units.index(":".encode("utf-16-le"), position * 2)
        while colon % 2:
            colon = units.index(":".encode("utf-16-le"), colon + 1)
        length = int(units[position * 2:colon].decode("utf-16-le"))
        start = colon // 2 + 1
        state.reflections.append(units[start * 2:(start + length) * 2].decode("utf-16-le"))
        position = start + length
    return state


def _base36(number: int) -> str:
    digits = ""
    while True:
        number, rest = divmod(number, 36)
        digits = _BASE36[rest] + digits
        if not number:
            return digits
