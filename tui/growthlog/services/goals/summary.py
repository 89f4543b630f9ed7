"""The goal tree and one line per goal, as a list shows them: depth, progress, forecast and the
suggested status, from the goals' :class:`~.data.GoalData`."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from growthlog.services.goals.data import GoalData
from growthlog.services.goals.forecast import Forecast, forecast
from growthlog.services.goals.progress import goal_progress, suggestion_for

if TYPE_CHECKING:
    from growthlog.models import Goal


def goal_tree(goals: list[Goal]) -> list[tuple[Goal, list[Goal]]]:
    """Top-level goals, each with the goals under it, in the order given.

    A goal whose parent is not in ``goals`` (an orphan) is listed at the top level. Deeper goals
    (a goal under a goal that is itself under another) join their top-level ancestor's list, so
    that nothing is lost in a two-level view; goals caught in a parent cycle go to the top level.
    """
    by_id = {g.id: g for g in goals}

    def top_of(goal: Goal) -> Goal | None:
        seen = {goal.id}
        current = goal
        while current.parent_id is not None and current.parent_id in by_id:
            current = by_id[current.parent_id]
            if current.id in seen:
                return None  # a cycle
            seen.add(current.id)
        return current

    tops: list[Goal] = []
    children: dict[int | None, list[Goal]] = {}
    for goal in goals:
        top = top_of(goal)
        if top is None or top is goal:
            tops.append(goal)
            children.setdefault(goal.id, [])
    placed = {id(g) for g in tops}
    for goal in goals:
        if id(goal) in placed:
            continue
        top = top_of(goal)
        children.setdefault(top.id, []).append(goal)
    return [(goal, children.get(goal.id, [])) for goal in tops]


@dataclasses.dataclass(frozen=True)
class GoalSummary:
    """One goal as a list shows it: its depth in the tree (0 or 1), progress, forecast and the
    suggested status (``"achieved"`` or None)."""

    goal: Goal
    depth: int
    progress: float | None
    forecast: Forecast
    suggestion: str | None


def summarize(data: Sequence[GoalData], today: dt.date) -> list[GoalSummary]:
    """Every goal of ``data`` in tree order (long-term goals, each followed by its short-term
    ones)."""
    by_goal = {id(item.goal): item for item in data}
    rows: list[GoalSummary] = []
    for top, children in goal_tree([item.goal for item in data]):
        for goal, depth in [(top, 0), *((child, 1) for child in children)]:
            item = by_goal[id(goal)]
            progress = goal_progress(item, today)
            rows.append(GoalSummary(goal, depth, progress, forecast(item, today), suggestion_for(goal.status, progress)))
    return rows
