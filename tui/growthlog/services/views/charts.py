"""What a metric chart shows, as plain data: loaded by a view, drawn by the chart widget.

Kept here rather than in the widget so that the loaders (:mod:`growthlog.services.views`) can build
it without importing anything of the interface.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

Point = tuple[dt.date, float]


@dataclasses.dataclass(frozen=True)
class Target:
    """A horizontal line: a goal's target. ``text`` is the legend line (may be Chinese)."""

    value: float
    text: str


@dataclasses.dataclass(frozen=True)
class Marker:
    """A vertical line: the day a strategy change took effect. ``text`` is its legend line."""

    day: dt.date
    text: str


@dataclasses.dataclass(frozen=True)
class ChartData:
    """Everything the chart shows; ``end`` is the last day of every range (usually today).

    ``forecast`` is a projected line (usually from ``end`` to a goal's due date, in day order); the
    range is stretched to its last day when that is after ``end``.
    """

    name: str
    series: Sequence[Point] = ()
    unit: str = ""
    targets: Sequence[Target] = ()
    markers: Sequence[Marker] = ()
    end: dt.date | None = None
    forecast: Sequence[Point] = ()
