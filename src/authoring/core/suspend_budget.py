"""Whether a learner's progress fits in SCORM ``suspend_data``: the checker's warning.

SCORM 1.2 keeps at most 4,096 characters of ``suspend_data`` and strict LMSs
refuse more, so a course too big for it loses the learner's place and answers
on resume.  The player stores its state in a compact positional text (its
reference is ``authoring.export.web_package.suspend_format``, version 1):

    1|SEED|VISITED|ATTEMPTS|ANSWERS|REFLECTIONS

Everything but the reflection texts is bounded by the course's shape; what is
left of the limit is shared by the reflections.  This module sizes that here,
in the core, so the checker stays free of exporters; a test keeps the two in
step with the player's encoder.
"""

from __future__ import annotations

from authoring.core.model import Course, Reflection
from authoring.core.problems import Problem, warning

SUSPEND_LIMITS = {"SCORM 1.2": 4096, "SCORM 2004": 64000}
"""``suspend_data`` each SCORM version guarantees, in characters (UTF-16 code units)."""
MAX_REFLECTION = 4000
"""A reflection never holds more: SCORM 2004 ``long-fill-in`` stops at 4,000."""
MIN_USEFUL_REFLECTION = 200
"""Below this a reflection box is too cramped to ask for a real answer."""

_VERSION_DIGITS = 1
_SEED_DIGITS = 4
_SEPARATORS = 5


def fixed_length(course: Course) -> int:
    """The longest the resume state can be with every reflection empty."""
    questions = course.questions
    answers = sum(len(q.choices) if q.multiple_response else 1 for q in questions) + max(len(questions) - 1, 0)
    visited = (len(course.items) + 3) // 4  # one hex digit per four items
    attempts = len(course.quizzes)  # one base-36 digit per quiz
    empty_reflections = 2 * len(course.reflections)  # "0:" each
    return _VERSION_DIGITS + _SEED_DIGITS + visited + attempts + answers + empty_reflections + _SEPARATORS


def reflection_share(course: Course, limit: int) -> int:
    """Characters each reflection may hold within ``limit``; 0 without reflections, negative when nothing fits."""
    count = len(course.reflections)
    if not count:
        return 0
    room = limit - fixed_length(course)
    share = min(MAX_REFLECTION, room // count)
    # Each text carries its length in decimal; "0:" is already counted.
    while share > 0 and count * (share + len(str(share)) - 1) > room:
        share -= 1
    return share


def suspend_data_problems(course: Course) -> list[Problem]:
    """Warnings for a course whose progress cannot be kept, or whose reflections are cramped, in suspend_data."""
    needed = fixed_length(course)
    scorm12, scorm2004 = SUSPEND_LIMITS["SCORM 1.2"], SUSPEND_LIMITS["SCORM 2004"]
    if needed > scorm2004:
        return [warning(1, f"a learner's progress in this course takes up to {needed:,} characters, more than "
                           f"even SCORM 2004 keeps ({scorm2004:,}), so resuming would lose answers; split the "
                           "course into smaller ones")]
    if needed > scorm12:
        return [warning(1, f"a learner's progress in this course takes up to {needed:,} characters, more than "
                           f"SCORM 1.2 keeps ({scorm12:,}), so resuming in a SCORM 1.2 package may lose answers; "
                           "split the course into smaller ones, or export SCORM 2004")]
    reflections = [(index, item) for index, item in enumerate(course.items) if isinstance(item, Reflection)]
    share = reflection_share(course, scorm12)
    if not reflections or share >= MIN_USEFUL_REFLECTION:
        return []
    index, first = reflections[0]
    return [warning(first.line, f"under SCORM 1.2 each of the {len(reflections)} reflections can keep only "
                                f"{max(share, 0)} characters, because the answers and the reflections share the "
                                f"{scorm12:,} characters of suspend_data; remove a reflection, split the course, "
                                "or export SCORM 2004", item=index, field="prompt")]
