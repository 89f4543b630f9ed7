"""Reading what the goal maths needs, once: :func:`load_goal_data` gathers the values, the pure
functions compute (:mod:`.progress`, :mod:`.smart`, :mod:`.forecast`, :mod:`.summary`).

Each metric is read in one query for every goal that shares it (a second, cheap one only when the
values found start after the earliest day asked about and the value before them may be needed),
the check-ins once per goal tracked by them; a long-term goal without a metric gets its short-term
goals' data, found among all goals.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from growthlog.services.goals.data import GoalData, Point, between, start_day
from growthlog.services.goals.forecast import WINDOW_DAYS
from growthlog.services.goals.summary import GoalSummary, summarize

if TYPE_CHECKING:
    from growthlog.models import Goal
    from growthlog.store.api import Store


@dataclasses.dataclass(frozen=True)
class _MetricRead:
    """One metric's values as read for all its goals."""

    values: list[Point]
    before: Point | None
    history: list[Point] | None


def load_goal_data(
    store: Store, goals: Sequence[Goal], today: dt.date, *, history: bool = False, since: dt.date | None = None,
    window_days: int = WINDOW_DAYS, every: Sequence[Goal] | None = None,
) -> list[GoalData]:
    """The data of each of ``goals``, in their order, as the store stands for ``today``.

    ``history``: also read each metric's every value up to today (the SMART check judges
    achievability on it). ``since``: an earlier day the maths will be asked about too (the start
    of a reviewed period). ``window_days``: the forecast's window. ``every``: all goals, when the
    caller has them already (the short-term goals of long-term ones are found among them).
    """
    children_of = _children_index(store, goals, every)
    needed = _with_descendants(goals, children_of)
    reads = {
        key: _read_metric(store, key, group, today, since, window_days, history)
        for key, group in _by_metric(needed).items()
    }
    metrics = {metric.key: metric for metric in store.list_metrics()} if reads else {}
    checkins = {goal.id: _checkin_points(store, goal.id) for goal in needed if not goal.metric and goal.id is not None}

    def build(goal: Goal, path: frozenset[int]) -> GoalData:
        children: tuple[GoalData, ...] = ()
        if _measured_through_children(goal):
            inner = path | {goal.id}
            children = tuple(build(child, inner) for child in children_of.get(goal.id, ()) if child.id not in inner)
        read = reads.get(goal.metric) if goal.metric else None
        return GoalData(
            goal, metric=metrics.get(goal.metric) if goal.metric else None,
            values=read.values if read else (), value_before=read.before if read else None,
            checkin_values=checkins.get(goal.id, ()), history=read.history if read else None, children=children,
        )

    return [build(goal, frozenset()) for goal in goals]


def load_goal(store: Store, goal: Goal, today: dt.date, *, history: bool = False) -> GoalData:
    """One goal's data (see :func:`load_goal_data`)."""
    return load_goal_data(store, [goal], today, history=history)[0]


def summarize_goals(store: Store, today: dt.date) -> list[GoalSummary]:
    """Every goal in tree order (long-term goals, each followed by its short-term ones)."""
    goals = store.list_goals()
    return summarize(load_goal_data(store, goals, today, every=goals), today)


def _measured_through_children(goal: Goal) -> bool:
    """Whether the goal may be measured through its short-term goals (it then needs their data)."""
    return goal.horizon == "long" and not goal.metric and goal.id is not None


def _children_index(store: Store, goals: Sequence[Goal], every: Sequence[Goal] | None) -> dict[int, list[Goal]]:
    """Goals by their parent's id; all goals are read only when one of ``goals`` needs them."""
    if not any(_measured_through_children(goal) for goal in goals):
        return {}
    index: dict[int, list[Goal]] = {}
    for goal in store.list_goals() if every is None else every:
        if goal.parent_id is not None and goal.parent_id != goal.id:
            index.setdefault(goal.parent_id, []).append(goal)
    return index


def _with_descendants(goals: Iterable[Goal], children_of: dict[int, list[Goal]]) -> list[Goal]:
    """``goals`` and, under those measured through children, their children (at any depth)."""
    found: list[Goal] = []
    seen: set[int] = set()
    pending = list(goals)
    while pending:
        goal = pending.pop()
        found.append(goal)
        if _measured_through_children(goal) and goal.id not in seen:
            seen.add(goal.id)
            pending.extend(children_of.get(goal.id, ()))
    return found


def _by_metric(goals: Iterable[Goal]) -> dict[str, list[Goal]]:
    grouped: dict[str, list[Goal]] = {}
    for goal in goals:
        if goal.metric:
            grouped.setdefault(goal.metric, []).append(goal)
    return grouped


def _earliest_day(goal: Goal, today: dt.date, window_days: int) -> dt.date:
    """The earliest day the maths asks the metric about: the start (baseline), the forecast's
    window, a due date (where the goal stood then)."""
    days = [start_day(goal), today - dt.timedelta(days=window_days - 1)]
    if goal.due is not None:
        days.append(goal.due)
    return min(days)


def _read_metric(
    store: Store, key: str, goals: list[Goal], today: dt.date, since: dt.date | None, window_days: int, history: bool,
) -> _MetricRead:
    # Up to the latest start too: a goal starting after today takes its baseline on its start.
    last = max(today, *(start_day(goal) for goal in goals))
    if history:
        points = store.series(key, until=last)
        return _MetricRead(points, None, between(points, None, today))
    first = min(_earliest_day(goal, today, window_days) for goal in goals)
    if since is not None:
        first = min(first, since)
    points = store.series(key, first, last)
    # A value on the earliest day asked about makes the one before it unneeded.
    before = None if points and points[0][0] == first else store.latest(key, first - dt.timedelta(days=1))
    return _MetricRead(points, before, None)


def _checkin_points(store: Store, goal_id: int) -> list[Point]:
    return [(checkin.day, checkin.value) for checkin in store.checkins(goal_id) if checkin.value is not None]
