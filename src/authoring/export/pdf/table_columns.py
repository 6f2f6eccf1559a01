"""Column widths of a lesson's table: shared by how much each column holds, never narrower than a word.

reportlab breaks a word that does not fit its cell between any two letters ("Singapo re", "R-00 1").
Sharing the width by text length alone gave a column of short codes too little room for one of them.
"""

from __future__ import annotations

import re

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Table

CELL_PADDING = 12.0 + 1.0
"""reportlab's left and right cell padding (6 pt each), and a point spare against rounding."""
WIDEST_WORD_SHARE = 0.5
"""A column claims at most this share of the width for one long word (an address): it breaks instead."""
_WORDS = re.compile(r"[^\s\u2e80-\uffff]+")
"""Runs that break only at spaces; CJK and full-width text breaks between any two characters."""


def longest_word_width(text: str, font: str, size: float) -> float:
    """How wide the widest unbreakable run of ``text`` is, set in ``font``."""
    return max((stringWidth(word, font, size) for word in _WORDS.findall(text)), default=0.0)


def fit_columns(weights: list[float], minimums: list[float], width: float) -> list[float]:
    """Widths that share ``width`` by ``weights``, each at least its minimum where they all fit."""
    floors = [min(minimum + CELL_PADDING, width * WIDEST_WORD_SHARE) for minimum in minimums]
    if sum(floors) >= width:
        return [width * floor / sum(floors) for floor in floors]
    fixed: dict[int, float] = {}
    while True:
        free = width - sum(fixed.values())
        free_weight = sum(weight for column, weight in enumerate(weights) if column not in fixed)
        widths = [fixed.get(column, free * weight / free_weight) for column, weight in enumerate(weights)]
        short = [column for column, floor in enumerate(floors) if column not in fixed and widths[column] < floor]
        if not short:
            return widths
        fixed.update((column, floors[column]) for column in short)


class FittedTable(Table):
    """A table that sets its column widths for the width it is given: a lesson's, a quote's, a feedback's.

    The pieces of a table split across pages keep the widths of the whole (reportlab passes them on).
    """

    weights: list[float] | None = None
    minimums: list[float] | None = None
    _fitted_for = -1.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self.weights is not None and self.minimums is not None and self._fitted_for != availWidth:
            self._argW = self._colWidths = fit_columns(self.weights, self.minimums, availWidth)
            self._fitted_for = availWidth
        return super().wrap(availWidth, availHeight)
