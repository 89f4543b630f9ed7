"""Sparklines: a series as one line of block characters (▁▂▃▄▅▆▇█), exactly ``width`` cells wide.

:func:`sparkline` returns a :class:`rich.text.Text`, so it fits anywhere text does: a DataTable
cell, a card, a review. Colour is the caller's business (it knows whether the trend is good), given
as ``style``. Values that are not finite numbers are skipped rather than breaking the scale.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from rich.style import StyleType
from rich.text import Text
from textual.widgets import Static

BLOCKS = "▁▂▃▄▅▆▇█"


def resample(values: Sequence[float], width: int) -> list[float]:
    """``values`` as exactly ``width`` numbers: the mean of each slice when there are more values
    than cells, each value repeated over its share of the cells when there are fewer."""
    count = len(values)
    if width <= 0 or count == 0:
        return []
    if count == width:
        return list(values)
    if count > width:
        out = []
        for cell in range(width):
            start = cell * count // width
            end = max(start + 1, (cell + 1) * count // width)
            chunk = values[start:end]
            out.append(sum(chunk) / len(chunk))
        return out
    return [values[cell * count // width] for cell in range(width)]


def sparkline(values: Iterable[float], width: int, style: StyleType = "") -> Text:
    """``values`` drawn in ``width`` cells; blank when there is nothing to draw.

    The lowest value is ▁ and the highest █; a flat series sits in the middle (▄), so "no change"
    does not read as "at the bottom".
    """
    width = max(0, width)
    finite = [float(v) for v in values if v is not None and math.isfinite(v)]
    cells = resample(finite, width)
    if not cells:
        return Text(" " * width, style=style)
    low, high = min(cells), max(cells)
    top = len(BLOCKS) - 1
    if high == low:
        chars = BLOCKS[top // 2] * width
    else:
        scale = top / (high - low)
        chars = "".join(BLOCKS[round((v - low) * scale)] for v in cells)
    return Text(chars, style=style, no_wrap=True, overflow="crop")


class Sparkline(Static):
    """A sparkline as wide as the widget, redrawn on resize."""

    DEFAULT_CSS = """
    Sparkline { height: 1; }
    """

    def __init__(
        self,
        values: Iterable[float] = (),
        *,
        style: StyleType = "",
        name: str | None = None,
        id: str | None = None,  # noqa: A002 (Textual's name)
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._values = list(values)
        self._style = style

    @property
    def values(self) -> list[float]:
        return list(self._values)

    def set_values(self, values: Iterable[float], style: StyleType | None = None) -> None:
        self._values = list(values)
        if style is not None:
            self._style = style
        self.refresh()

    def render(self) -> Text:
        return sparkline(self._values, self.content_region.width or self.size.width, self._style)
