"""Sparklines: a series as one line of block characters (▁▂▃▄▅▆▇█), exactly ``width`` cells wide.

:func:`sparkline` returns a :class:`rich.text.Text`, so it fits anywhere text does: a DataTable
cell, a card, a review. Colour is the caller's business (it knows whether the trend is good), given
as ``style``. Values that are not finite numbers are skipped rather than breaking the scale.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.style import StyleType
from rich.text import Text
from textual.widgets import Static

from growthlog.textutil import SPARK_BLOCKS, resample, spark_chars  # noqa: F401 (resample: re-exported)

BLOCKS = SPARK_BLOCKS


def sparkline(values: Iterable[float], width: int, style: StyleType = "") -> Text:
    """``values`` drawn in ``width`` cells (:func:`growthlog.textutil.spark_chars`); blank when
    there is nothing to draw."""
    return Text(spark_chars(list(values), width), style=style, no_wrap=True, overflow="crop")


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
