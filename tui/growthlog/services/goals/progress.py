"""Baseline, current value and progress of a goal, from its :class:`~.data.GoalData` (the rules
are the package's definitions: :mod:`growthlog.services.goals`)."""

from __future__ import annotations

import datetime as dt
import statistics

from growthlog.services.goals.data import GoalData, Point, between, checkins_until, metric_value_on, start_day


def goal_baseline(data: GoalData, on: dt.date) -> float | None:
    """Where progress counts from; None when the metric has no value around the start yet."""
    goal = data.goal
    if goal.baseline is not None:
        return goal.baseline
    if not goal.metric:
        return 0.0
    start = start_day(goal)
    found = metric_value_on(data, start)
    if found is not None:
        return found[1]
    after = between(data.values, start, on)
    return after[0][1] if after else None


def current_value(data: GoalData, on: dt.date) -> Point | None:
    """The latest (day, value) on or before ``on``: the metric's, or the last check-in value."""
    if data.goal.metric:
        return metric_value_on(data, on)
    values = checkins_until(data, on)
    return values[-1] if values else None


def fraction(baseline: float | None, target: float | None, value: float | None) -> float | None:
    """How far ``value`` is from ``baseline`` towards ``target`` (1: there); None when it cannot
    be said."""
    if baseline is None or target is None or value is None or target == baseline:
        return None
    return (value - baseline) / (target - baseline)


def measured_by_children(data: GoalData, on: dt.date) -> bool:
    """A long-term goal measured through its short-term goals: no metric, no check-in values."""
    goal = data.goal
    return goal.horizon == "long" and not goal.metric and not checkins_until(data, on)


def counted_children(data: GoalData) -> list[GoalData]:
    """The short-term goals that count for a long-term one: dropped ones are left out."""
    return [child for child in data.children if child.goal.status != "dropped"]


def goal_progress(data: GoalData, on: dt.date) -> float | None:
    """(current − baseline) / (target − baseline) on ``on``; None when it cannot be computed
    (no target, no value yet, target equal to the baseline)."""
    if measured_by_children(data, on):
        return children_progress(data, on)
    current = current_value(data, on)
    if current is None:
        return None
    return fraction(goal_baseline(data, on), data.goal.target, current[1])


def children_progress(data: GoalData, on: dt.date) -> float | None:
    """The mean progress of the short-term goals, each counted between 0 and 1 (an achieved one as
    done); None when none of them has a progress."""
    shares = []
    for child in counted_children(data):
        share = goal_progress(child, on)
        if child.goal.status == "achieved":
            share = max(share if share is not None else 1.0, 1.0)
        if share is not None:
            shares.append(min(max(share, 0.0), 1.0))
    return statistics.fmean(shares) if shares else None


def suggest_status(data: GoalData, on: dt.date) -> str | None:
    """"achieved" for an active goal whose progress has reached 1; None otherwise. Only a
    suggestion: the status changes when the user says so
    (:func:`growthlog.services.goals.status.set_status`)."""
    return suggestion_for(data.goal.status, goal_progress(data, on))


def suggestion_for(status: str, progress: float | None) -> str | None:
    """The suggestion for a goal of this status at this progress (see :func:`suggest_status`)."""
    return "achieved" if status == "active" and progress is not None and progress >= 1 else None
