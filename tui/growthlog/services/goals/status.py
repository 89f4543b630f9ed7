"""Changing a goal's status: the one goal operation here that writes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from growthlog.i18n import t

if TYPE_CHECKING:
    from growthlog.models import Goal
    from growthlog.store.api import Store

GOAL_STATUSES = ("active", "achieved", "missed", "dropped")


class GoalError(ValueError):
    """A goal operation that cannot be done; the message is translated and says why."""


def set_status(store: Store, goal_id: int, status: str) -> Goal:
    """Mark a goal active, achieved, missed or dropped; returns the updated goal."""
    if status not in GOAL_STATUSES:
        raise GoalError(t("goals.error.bad_status", status=status, choices=", ".join(GOAL_STATUSES)))
    goal = store.get_goal(goal_id)
    if goal is None:
        raise GoalError(t("goals.error.not_found", id=goal_id))
    if goal.status == status:
        return goal
    return store.update_goal(goal.model_copy(update={"status": status}))
