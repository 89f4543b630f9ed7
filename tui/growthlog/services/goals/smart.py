"""The SMART check: what a goal lacks, and whether its target is achievable judged by the metric's
own history (the rules are the package's definitions: :mod:`growthlog.services.goals`)."""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from growthlog.services.goals.data import GoalData, Message, Point, checkins_until, start_day
from growthlog.services.goals.progress import counted_children, goal_baseline
from growthlog.services.numbers import format_number, format_signed

if TYPE_CHECKING:
    from growthlog.models import Goal, Metric

HISTORY_DAYS = 30
"""Achievability compares changes over this many days."""
MIN_PAIR_DAYS = 21
"""Two values at least this far apart (and at most 30 days) make one observed 30-day change,
scaled to 30 days, so that weekly data counts too."""
ACHIEVABLE_RATIO = 1.0
STRETCH_RATIO = 2.0


@dataclasses.dataclass(frozen=True)
class Achievability:
    """How the needed pace compares with the metric's own best.

    ``needed`` and ``best`` are changes per 30 days in the metric's own units, signed as the metric
    moves (a down-metric improves with negative changes); ``ratio`` is needed / best in the good
    direction. ``verdict``: achievable, stretch, unrealistic or unknown.
    """

    verdict: str
    needed: float | None = None
    best: float | None = None
    ratio: float | None = None
    message: Message | None = None

    @property
    def text(self) -> str:
        return self.message.text if self.message else ""


@dataclasses.dataclass(frozen=True)
class SmartReport:
    """What a goal lacks (``issues``, worst first in SMART order) and how achievable it is.
    Stretch and unrealistic targets are among the issues too."""

    issues: list[Message]
    achievability: Achievability

    @property
    def ok(self) -> bool:
        return not self.issues

    def lines(self) -> list[str]:
        return [issue.text for issue in self.issues]


def direction_sign(goal: Goal, metric: Metric | None, baseline: float | None) -> int:
    """1 when higher is better, -1 when lower is: the metric's direction, else the way from the
    baseline to the target."""
    if metric is not None:
        return 1 if metric.direction == "up" else -1
    if goal.target is not None and baseline is not None and goal.target < baseline:
        return -1
    return 1


def best_change(points: Sequence[Point], sign: int, days: int = HISTORY_DAYS) -> float | None:
    """The best change over ``days`` days in the good direction (``sign``) that ``points`` show,
    as a signed change in the metric's units; None when no two values are 21–30 days apart."""
    if len(points) < 2:
        return None
    ordinals = [day.toordinal() for day, _ in points]
    best: float | None = None
    for i, (day, value) in enumerate(points):
        j = bisect.bisect_right(ordinals, ordinals[i] + days) - 1
        gap = ordinals[j] - ordinals[i]
        if gap < MIN_PAIR_DAYS:
            continue
        change = (points[j][1] - value) * days / gap
        if best is None or sign * change > sign * best:
            best = change
    return best


def achievement_history(data: GoalData, today: dt.date) -> Sequence[Point]:
    """What achievability is judged on: the metric's values up to today, or the check-in values."""
    if not data.goal.metric:
        return checkins_until(data, today)
    if data.history is None:
        raise ValueError("achievability needs the metric's history: load the goal's data with history=True")
    return data.history


def achievability(data: GoalData, today: dt.date) -> Achievability:
    """Whether the target can be reached by the due date at a pace the metric has shown before."""
    goal, metric = data.goal, data.metric
    unit = metric.unit if metric else ""
    name = metric.name if metric else goal.title
    if goal.target is None or goal.due is None:
        return Achievability("unknown")
    history = achievement_history(data, today)
    baseline = goal_baseline(data, today)
    sign = direction_sign(goal, metric, baseline)
    current = history[-1][1] if history else baseline
    if current is None:
        return Achievability("unknown", message=Message("goals.smart.history_unknown", {"metric": name}))
    gap = sign * (goal.target - current)
    if gap <= 0:
        return Achievability("achievable", needed=0.0, message=Message("goals.smart.reached", {"metric": name}))
    days_left = (goal.due - max(today, start_day(goal))).days
    if days_left <= 0:
        return Achievability("unknown")
    needed = sign * gap * HISTORY_DAYS / days_left
    return judge_pace(needed, best_change(history, sign), sign, name, unit)


def judge_pace(needed: float, best: float | None, sign: int, name: str, unit: str) -> Achievability:
    """The verdict on a needed change per 30 days against the best one seen (None: none seen)."""
    needed_text = format_signed(needed, unit)
    if best is None:
        return Achievability(
            "unknown", needed=needed, message=Message("goals.smart.history_unknown", {"metric": name})
        )
    if sign * best <= 0:
        return Achievability(
            "unrealistic", needed=needed, best=best,
            message=Message("goals.smart.never_improved", {"metric": name, "needed": needed_text}),
        )
    ratio = abs(needed) / abs(best)
    params = {"needed": needed_text, "best": format_signed(best, unit), "ratio": f"{ratio:.1f}"}
    if ratio <= ACHIEVABLE_RATIO:
        verdict = "achievable"
    elif ratio <= STRETCH_RATIO:
        verdict = "stretch"
    else:
        verdict = "unrealistic"
    return Achievability(verdict, needed=needed, best=best, ratio=ratio, message=Message(f"goals.smart.{verdict}", params))


def smart_check(data: GoalData, today: dt.date) -> SmartReport:
    """What the goal lacks, in SMART order, and whether its target is achievable."""
    goal = data.goal
    issues: list[Message] = []
    # S
    if not goal.description.strip():
        issues.append(Message("goals.smart.no_description"))
    # M
    issues += measure_issues(data, today)
    # A
    found = achievability(data, today)
    if found.verdict in ("stretch", "unrealistic") and found.message is not None:
        issues.append(found.message)
    # R
    if not goal.why.strip():
        issues.append(Message("goals.smart.no_why"))
    # T
    issues += time_issues(goal, today)
    return SmartReport(issues, found)


def measure_issues(data: GoalData, today: dt.date) -> list[Message]:
    """What keeps the goal from being measured: no metric or target, no baseline, a target that is
    not beyond the baseline in the metric's good direction."""
    goal, metric = data.goal, data.metric
    if goal.metric and metric is None:
        return [Message("goals.smart.unknown_metric", {"metric": goal.metric})]
    if not goal.metric and goal.target is None:
        by_children = goal.horizon == "long" and goal.id is not None and bool(counted_children(data))
        return [] if by_children else [Message("goals.smart.no_measure")]
    if goal.target is None:
        return [Message("goals.smart.no_target", {"metric": metric.name})]
    baseline = goal_baseline(data, today)
    unit = metric.unit if metric else ""
    if baseline is None:
        return [Message("goals.smart.no_baseline", {"metric": metric.name, "start": start_day(goal).isoformat()})]
    if metric is not None:
        sign = 1 if metric.direction == "up" else -1
        if sign * (goal.target - baseline) <= 0:
            return [Message(
                f"goals.smart.not_beyond_{metric.direction}",
                {"metric": metric.name, "target": format_number(goal.target, unit), "baseline": format_number(baseline, unit)},
            )]
    elif goal.target == baseline:
        return [Message("goals.smart.target_is_baseline", {"target": format_number(goal.target)})]
    return []


def time_issues(goal: Goal, today: dt.date) -> list[Message]:
    """What is wrong with the goal's dates: none due, due before it starts, overdue."""
    if goal.due is None:
        return [Message("goals.smart.no_due")]
    issues = []
    if goal.start is not None and goal.due < goal.start:
        issues.append(Message("goals.smart.due_before_start", {"due": goal.due.isoformat(), "start": goal.start.isoformat()}))
    if goal.status == "active" and goal.due < today:
        issues.append(Message("goals.smart.overdue", {"due": goal.due.isoformat(), "count": (today - goal.due).days}))
    return issues


def describe_smart(report: SmartReport) -> list[str]:
    """The report's issues as lines in the current language; empty when nothing is missing."""
    return report.lines()
