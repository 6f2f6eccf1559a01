"""Stable identifiers for the course, its items and its questions.

An LMS keys its tracking data on these IDs, so they are derived
deterministically from titles (or pinned by the author with ``{#id}``) and
kept valid everywhere they go: XML ``xs:ID`` in the manifest, SCORM 1.2
``CMIIdentifier`` and SCORM 2004 interaction IDs.  That is the pattern below:
an ASCII letter, then letters, digits, ``-`` and ``_``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from authoring.core.model import Course, Item, Question

ID_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")
MAX_SLUG = 40


def is_valid_id(value: str) -> bool:
    return ID_PATTERN.fullmatch(value) is not None


def slug_id(text: str, fallback: str) -> str:
    """A valid ID from ``text``; ``fallback`` where the text has no usable letters."""
    from slugify import slugify  # imported on first use: opening a course whose IDs are pinned needs none

    slug = slugify(text, max_length=MAX_SLUG, word_boundary=True, save_order=True)
    if not slug:
        return fallback
    if not slug[0].isalpha():
        slug = f"{fallback.rstrip('0123456789-')}-{slug}"[:MAX_SLUG].rstrip("-")
    return slug


@dataclass(frozen=True)
class ResolvedIds:
    """The effective ID of the course, of every item and of every question.

    ``questions[i]`` lists the IDs of item ``i``'s questions (empty unless it
    is a quiz).  IDs are unique across the whole course.
    """

    course: str
    items: tuple[str, ...]
    questions: tuple[tuple[str, ...], ...]

    def item(self, index: int) -> str:
        return self.items[index]

    def question(self, item_index: int, question_index: int) -> str:
        return self.questions[item_index][question_index]


def course_id(course: Course) -> str:
    return course.id or slug_id(course.title, "course")


def resolve_ids(course: Course) -> ResolvedIds:
    """Give every item and question its ID.

    Pinned IDs are taken first so that a derived ID never steals one; a
    derived ID that is already taken gets ``-2``, ``-3``… appended.
    """
    taken: set[str] = set()
    for item in course.items:
        if item.id:
            taken.add(item.id)
        for question in _questions_of(item):
            if question.id:
                taken.add(question.id)

    def claim(pinned: str | None, text: str, fallback: str) -> str:
        if pinned:
            return pinned
        base = slug_id(text, fallback)
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        taken.add(candidate)
        return candidate

    item_ids: list[str] = []
    question_ids: list[tuple[str, ...]] = []
    question_number = 0
    for number, item in enumerate(course.items, start=1):
        item_ids.append(claim(item.id, item.title, f"{item.kind}-{number}"))
        ids: list[str] = []
        for question in _questions_of(item):
            question_number += 1
            ids.append(claim(question.id, question.stem, f"question-{question_number}"))
        question_ids.append(tuple(ids))
    return ResolvedIds(course_id(course), tuple(item_ids), tuple(question_ids))


def _questions_of(item: Item) -> list[Question]:
    return getattr(item, "questions", [])
