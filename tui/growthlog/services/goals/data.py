"""What a goal's numbers are computed from (:class:`GoalData`), and the values' look-ups.

The goal maths (:mod:`.progress`, :mod:`.smart`, :mod:`.forecast`, :mod:`.summary`) takes these
values and never the store: :mod:`.loader` reads them, once for every goal that shares a metric,
and a test builds them by hand.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from growthlog.i18n import t

if TYPE_CHECKING:
    from growthlog.models import Goal, Metric

Point = tuple[dt.date, float]
"""(day, value): a metric's value or a check-in's."""


@dataclasses.dataclass(frozen=True)
class Message:
    """A translation key and its parameters; ``text`` is the line in the current language."""

    key: str
    params: dict[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def text(self) -> str:
        return t(self.key, **self.params)


@dataclasses.dataclass(frozen=True)
class GoalData:
    """A goal and the values its progress, forecast and SMART check are computed from.

    The days asked about must lie inside what was read: ``values`` reach back to the earliest of
    them (the goal's start, the first day of the forecast's window, a past due date, the start of
    a reviewed period), :func:`growthlog.services.goals.loader.load_goal_data` sees to that.
    """

    goal: Goal
    metric: Metric | None = None
    """The goal's metric; None without one, or when its key names no metric (any more)."""
    values: Sequence[Point] = ()
    """The metric's values in day order, from the earliest day asked about up to the later of
    today and the goal's start (a baseline is read on the start)."""
    value_before: Point | None = None
    """The metric's last value before ``values`` (None when there is none, or when ``values``
    begin on the earliest day asked about, so that it cannot be needed)."""
    checkin_values: Sequence[Point] = ()
    """The goal's check-ins that carry a value, oldest first (all of them; the maths cuts them at
    the day asked about)."""
    history: Sequence[Point] | None = None
    """The metric's every value up to today, for achievability; None when it was not read."""
    children: Sequence[GoalData] = ()
    """For a long-term goal without a metric: its short-term goals (not dropped), each with its own
    data; a goal is never among its own descendants."""


def start_day(goal: Goal) -> dt.date:
    """The goal's start, else the day it was created."""
    return goal.start or goal.created.date()


def latest_on(points: Sequence[Point], day: dt.date) -> Point | None:
    """The last of ``points`` (day order) on or before ``day``."""
    index = bisect.bisect_right(points, day, key=lambda point: point[0])
    return points[index - 1] if index else None


def between(points: Sequence[Point], first: dt.date | None, last: dt.date) -> list[Point]:
    """The points from ``first`` (None: from the beginning) to ``last``, both included."""
    low = 0 if first is None else bisect.bisect_left(points, first, key=lambda point: point[0])
    high = bisect.bisect_right(points, last, key=lambda point: point[0])
    return list(points[low:high])


def metric_value_on(data: GoalData, day: dt.date) -> Point | None:
    """The metric's latest (day, value) on or before ``day``."""
    found = latest_on(data.values, day)
    if found is None and data.value_before is not None and data.value_before[0] <= day:
        return data.value_before
    return found


def checkins_until(data: GoalData, day: dt.date) -> list[Point]:
    """The check-in values up to ``day``, oldest first."""
    return [point for point in data.checkin_values if point[0] <= day]
