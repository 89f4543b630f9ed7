"""The review's numbers from values, without the store: which goals count and where they stood,
a metric's line, a strategy's before/after verdict, the longest run of logged days (the rules are
the package's definitions: :mod:`growthlog.services.review`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import statistics
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from growthlog.services.goals.data import GoalData, Point, start_day
from growthlog.services.goals.forecast import forecast
from growthlog.services.goals.progress import goal_progress
from growthlog.services.review.report import GoalLine, MetricLine, Verdict
from growthlog.services.review.report import Point as ReportPoint

if TYPE_CHECKING:
    from growthlog.models import Goal, Metric
    from growthlog.services.periods import Period

STRATEGY_WINDOW = 14
"""Days compared on each side of a strategy's ``effective_on``."""
MIN_AFTER_DAYS = 3
"""Days that must have passed since ``effective_on`` before judging a strategy."""
FLAT_SHARE = 0.02
"""A before/after change smaller than this share of the before-mean is "flat"."""
SPARK_POINTS = 24
"""Points kept for a metric's sparkline in a report (reports are stored; they stay small)."""


# Goals


def goals_in_period(goals: Iterable[Goal], period: Period) -> list[Goal]:
    """Goals that were being pursued at some point of the period (see the package's definitions)."""
    return [
        goal for goal in goals
        if goal.status != "dropped"
        and start_day(goal) <= period.end
        and (goal.due is None or goal.due >= period.start)
    ]


def goal_line(data: GoalData, before: dt.date, as_of: dt.date) -> GoalLine:
    """A goal's line: progress on ``before`` (the period's start) and on ``as_of``, achieved, and
    the outlook of an active goal not achieved yet. ``data`` reaches back to ``before``."""
    goal = data.goal
    start = goal_progress(data, before)
    end = goal_progress(data, as_of)
    marked = goal.status == "achieved" and goal.updated.date() <= as_of
    achieved = marked or (end is not None and end >= 1)
    outlook = forecast(data, as_of).status if goal.status == "active" and not achieved else None
    return GoalLine(
        id=goal.id, title=goal.title, horizon=goal.horizon, status=goal.status, owner=goal.author, metric=goal.metric,
        unit=data.metric.unit if data.metric else "", target=goal.target, due=goal.due,
        progress_start=start, progress_end=end, forecast=outlook, achieved=achieved,
        at_risk=outlook in ("at-risk", "off-track"),
    )


# Data


def metric_line(metric: Metric, series: Sequence[Point]) -> MetricLine:
    """One metric's line from its values in the period (in day order, at least one)."""
    from growthlog.textutil import resample

    up = metric.direction == "up"
    highest = max(series, key=lambda point: point[1])
    lowest = min(series, key=lambda point: point[1])
    best, worst = (highest, lowest) if up else (lowest, highest)
    values = [value for _, value in series]
    return MetricLine(
        key=metric.key, name=metric.name, unit=metric.unit, direction=metric.direction,
        first=ReportPoint(day=series[0][0], value=series[0][1]), last=ReportPoint(day=series[-1][0], value=series[-1][1]),
        best=ReportPoint(day=best[0], value=best[1]), worst=ReportPoint(day=worst[0], value=worst[1]),
        count=len(series), spark=[round(v, 6) for v in resample(values, min(len(values), SPARK_POINTS))],
    )


# Strategy adjustments


@dataclasses.dataclass(frozen=True)
class StrategyVerdict:
    """Whether a strategy worked: its metric's mean over ``window_days`` days from ``effective_on``
    (``after``) against the same number of days before (``before``)."""

    verdict: Verdict
    window_days: int
    before: float | None = None
    after: float | None = None


def comparison_days(days_passed: int) -> int | None:
    """Days compared on each side of ``effective_on``, ``days_passed`` days having passed since
    (counting it); None while it is too early to judge."""
    return None if days_passed < MIN_AFTER_DAYS else min(STRATEGY_WINDOW, days_passed)


def strategy_verdict(
    before_points: Sequence[Point], after_points: Sequence[Point], direction: str, days_passed: int,
) -> StrategyVerdict:
    """The verdict on the values of the :func:`comparison_days` days before ``effective_on`` and
    from it; ``direction`` is the metric's good one."""
    window = comparison_days(days_passed)
    if window is None:
        return StrategyVerdict("too_early", max(days_passed, 0))
    before = statistics.fmean(value for _, value in before_points) if before_points else None
    after = statistics.fmean(value for _, value in after_points) if after_points else None
    if before is None or after is None:
        return StrategyVerdict("no_data", window, before, after)
    change = after - before
    if abs(change) <= FLAT_SHARE * abs(before) or change == 0:
        verdict: Verdict = "flat"
    else:
        verdict = "worked" if (change > 0) == (direction == "up") else "backfired"
    return StrategyVerdict(verdict, window, before, after)


# Activity


def longest_run(per_day: Mapping[dt.date, int], start: dt.date, end: dt.date) -> int:
    """The longest run of consecutive days with entries from ``start`` to ``end``."""
    longest = run = 0
    day = start
    while day <= end:
        run = run + 1 if per_day.get(day) else 0
        longest = max(longest, run)
        day += dt.timedelta(days=1)
    return longest
