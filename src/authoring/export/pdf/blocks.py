"""An indented block of flowables: a choice with its box and feedback, a shaded quote or explanation.

reportlab's one-cell ``Table`` does this too, but it wraps every cell two or
three times; with a thousand questions that was most of the export time.  A
block wraps its content once per width, draws its decoration, and splits
between (or inside) its flowables when a page ends.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import cast

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

Marker = Callable[[Canvas, float], None]
"""Draws the block's marker (an answer box, a letter) given the top of the content."""


@dataclass(frozen=True)
class BlockLook:
    indent: float = 0.0
    padding: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    """Left, right, top and bottom padding inside the background."""
    background: Color | None = None
    bar: Color | None = None
    bar_width: float = 2.5
    keep_whole_below: float = 160.0
    """A block shorter than this moves to the next page whole rather than split."""
    space_before: float = 0.0
    space_after: float = 0.0


class Block(Flowable):
    def __init__(self, flowables: Sequence[Flowable], look: BlockLook, marker: Marker | None = None) -> None:
        super().__init__()
        self.flowables = list(flowables)
        self.look, self.marker = look, marker
        self._wrapped_at = -1.0
        self._heights: list[float] = []
        self._slack: list[float] = []
        self._gaps: list[float] = []

    def _inner_width(self, width: float) -> float:
        left, right, _, _ = self.look.padding
        return width - self.look.indent - left - right

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self._wrapped_at != available_width:
            inner = self._inner_width(available_width)
            self._heights, self._slack, self._gaps = [], [], []
            previous_after = 0.0
            canvas = self._canvas()
            for index, flowable in enumerate(self.flowables):
                width, height = flowable.wrapOn(canvas, inner, 1e9)
                self._heights.append(height)
                self._slack.append(inner - width)
                self._gaps.append(previous_after + flowable.getSpaceBefore() if index else 0.0)
                previous_after = flowable.getSpaceAfter()
            _, _, top, bottom = self.look.padding
            self.width = available_width
            self.height = top + bottom + sum(self._heights) + sum(self._gaps)
            self._wrapped_at = available_width
        return self.width, self.height

    def _canvas(self) -> Canvas:
        # reportlab's packers lend a flowable the canvas while it wraps or splits (wrapOn, splitOn);
        # containers among the children (lists) wrap their own children on it in turn.  A group
        # measured apart from the page (KeepWithNext) lends None, which reportlab accepts too.
        return cast(Canvas, getattr(self, "canv", None))

    def getSpaceBefore(self) -> float:
        return self.look.space_before

    def getSpaceAfter(self) -> float:
        return self.look.space_after

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        self.wrap(available_width, available_height)
        # A child's failed split may drop its layout (reportlab's Paragraph does): wrap again before drawing.
        self._wrapped_at = -1.0
        if self.height < self.look.keep_whole_below or len(self.flowables) == 0:
            return []
        _, _, top, bottom = self.look.padding
        room = available_height - top - bottom
        used = 0.0
        first: list[Flowable] = []
        rest: list[Flowable] = []
        for index, flowable in enumerate(self.flowables):
            needed = self._gaps[index] + self._heights[index]
            if used + needed <= room:
                first.append(flowable)
                used += needed
                continue
            parts = flowable.splitOn(self._canvas(), self._inner_width(available_width),
                                     room - used - self._gaps[index])
            if len(parts) > 1:
                first.append(parts[0])
                rest = [*parts[1:], *self.flowables[index + 1:]]
            else:
                rest = self.flowables[index:]
            break
        if not first or not rest:
            return []
        tail_look = replace(self.look, space_before=0.0)
        return [Block(first, replace(self.look, space_after=0.0), self.marker), Block(rest, tail_look)]

    def draw(self) -> None:
        canvas, look = self.canv, self.look
        left, _, top, _ = look.padding
        if look.background is not None or look.bar is not None:
            canvas.saveState()
            if look.background is not None:
                canvas.setFillColor(look.background)
                canvas.rect(look.indent, 0, self.width - look.indent, self.height, stroke=0, fill=1)
            if look.bar is not None:
                canvas.setFillColor(look.bar)
                canvas.rect(look.indent, 0, look.bar_width, self.height, stroke=0, fill=1)
            canvas.restoreState()
        y = self.height - top
        if self.marker is not None:
            self.marker(canvas, y)
        x = look.indent + left
        for flowable, height, gap, slack in zip(self.flowables, self._heights, self._gaps, self._slack, strict=True):
            y -= gap + height
            flowable.drawOn(canvas, x + _align(flowable, slack), y)


def _align(flowable: Flowable, slack: float) -> float:
    """How far right a child narrower than the block starts, by its hAlign (images are centred)."""
    align = str(getattr(flowable, "hAlign", "LEFT")).upper()
    return slack / 2 if align in ("CENTER", "CENTRE") else slack if align == "RIGHT" else 0.0
