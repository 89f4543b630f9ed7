"""Goals: progress, the SMART check, the forecast, status changes and the goal tree.

Pure functions over the models and the :class:`~growthlog.store.api.Store`; no textual, so the
command line, the app and the tests share them. Messages are translation keys with their
parameters kept apart (:class:`Message`), so that a screen can show user text (a title, a metric
name) without it ever being read as markup.

Definitions, in one place:

* **start** of a goal: its ``start``, else the day it was created.
* **baseline**: the goal's own, else the metric's value on ``start`` or the last one before it,
  else the first value after it (up to the day asked about). Goals tracked by check-ins count from
  0 when no baseline is given (they usually count things done: partners signed, lessons shipped).
* **current**: the metric's latest value on or before the day; for a goal without a metric, the
  latest check-in value up to that day.
* **progress** = (current − baseline) / (target − baseline): 0 at the baseline, 1 at the target,
  negative when the metric moved the wrong way. A long-term goal without a metric of its own and
  without check-in values takes the mean progress of its short-term goals (dropped ones left out,
  achieved ones counted as done; each counted between 0 and 1, so that one overshoot does not hide
  a laggard and one slide backwards does not undo the others). Its forecast is the mean of theirs,
  counted the same way.
* **forecast**: a least-squares line through the last ``window_days`` of the metric's values (at
  least :data:`MIN_TREND_VALUES` values spanning :data:`MIN_TREND_SPAN` days), or through the last
  :data:`CHECKIN_TREND_VALUES` check-in values, carried to the due date. On track when the line
  reaches the target, at risk when it gets at least :data:`AT_RISK` (80 %) of the way from the
  baseline, off track otherwise. Once the due date has passed, the same thresholds apply to where
  the goal actually stood.
* **achievability**: the change needed per 30 days (from the current value, by the due date)
  against the best change the metric ever made in 30 days in its good direction. Achievable up to
  1×, a stretch up to 2×, unrealistic beyond (or when it never improved over 30 days); unknown
  while the history has no two values 21–30 days apart (changes over 21+ days are scaled to 30, so
  weekly values count).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import math
from typing import TYPE_CHECKING, Any

from growthlog.i18n import t
from growthlog.services.numbers import format_number, format_percent, format_signed

if TYPE_CHECKING:
    from growthlog.models import Goal, Metric
    from growthlog.store.api import Store

GOAL_STATUSES = ("active", "achieved", "missed", "dropped")
FORECAST_STATUSES = ("on-track", "at-risk", "off-track")

AT_RISK = 0.8
"""A forecast reaching at least this share of the way from baseline to target is "at risk";
less is "off track"."""
WINDOW_DAYS = 28
MIN_TREND_VALUES = 5
MIN_TREND_SPAN = 7
"""A metric's trend needs this many values, this many days apart from first to last."""
CHECKIN_TREND_VALUES = 6
"""Check-ins are sparse: their trend is the line through the last six values."""
HISTORY_DAYS = 30
"""Achievability compares changes over this many days."""
MIN_PAIR_DAYS = 21
"""Two values at least this far apart (and at most 30 days) make one observed 30-day change,
scaled to 30 days, so that weekly data counts too."""
ACHIEVABLE_RATIO = 1.0
STRETCH_RATIO = 2.0
MAX_CHART_POINTS = 120


class GoalError(ValueError):
    """A goal operation that cannot be done; the message is translated and says why."""


@dataclasses.dataclass(frozen=True)
class Message:
    """A translation key and its parameters; ``text`` is the line in the current language."""

    key: str
    params: dict[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def text(self) -> str:
        return t(self.key, **self.params)


# ---------------------------------------------------------------------------------------------
# Progress


def start_day(goal: Goal) -> dt.date:
    """The goal's start, else the day it was created."""
    return goal.start or goal.created.date()


def _checkin_values(goal: Goal, store: Store, on: dt.date | None) -> list[tuple[dt.date, float]]:
    if goal.id is None:
        return []
    return [(c.day, c.value) for c in store.checkins(goal.id) if c.value is not None and (on is None or c.day <= on)]


def goal_baseline(goal: Goal, store: Store, on: dt.date | None = None) -> float | None:
    """Where progress counts from (see the module's definitions); None when the metric has no
    value around the start yet."""
    if goal.baseline is not None:
        return goal.baseline
    if goal.metric:
        start = start_day(goal)
        found = store.latest(goal.metric, start)
        if found is not None:
            return found[1]
        after = store.series(goal.metric, since=start, until=on)
        return after[0][1] if after else None
    return 0.0


def current_value(goal: Goal, store: Store, on: dt.date) -> tuple[dt.date, float] | None:
    """The latest (day, value) on or before ``on``: the metric's, or the last check-in value."""
    if goal.metric:
        return store.latest(goal.metric, on)
    values = _checkin_values(goal, store, on)
    return values[-1] if values else None


def _fraction(baseline: float | None, target: float | None, value: float | None) -> float | None:
    if baseline is None or target is None or value is None or target == baseline:
        return None
    return (value - baseline) / (target - baseline)


def _children(goal: Goal, store: Store, goals: list[Goal] | None) -> list[Goal]:
    pool = goals if goals is not None else store.list_goals()
    return [g for g in pool if g.parent_id == goal.id and g.id != goal.id and g.status != "dropped"]


def measured_by_children(goal: Goal, store: Store, on: dt.date) -> bool:
    """A long-term goal measured through its short-term goals: no metric, no check-in values."""
    return goal.horizon == "long" and not goal.metric and not _checkin_values(goal, store, on)


def goal_progress(
    goal: Goal, store: Store, on: dt.date, *, goals: list[Goal] | None = None, _seen: frozenset[int] = frozenset()
) -> float | None:
    """(current − baseline) / (target − baseline) on ``on``; None when it cannot be computed
    (no target, no value yet, target equal to the baseline). ``goals``: all goals, when the caller
    has them already (saves a query per long-term goal)."""
    if measured_by_children(goal, store, on):
        seen = _seen | {goal.id}
        shares = []
        for child in _children(goal, store, goals):
            if child.id in seen:
                continue
            share = goal_progress(child, store, on, goals=goals, _seen=seen)
            if child.status == "achieved":
                share = max(share if share is not None else 1.0, 1.0)
            if share is not None:
                shares.append(min(max(share, 0.0), 1.0))
        return sum(shares) / len(shares) if shares else None
    current = current_value(goal, store, on)
    if current is None:
        return None
    return _fraction(goal_baseline(goal, store, on), goal.target, current[1])


def suggest_status(goal: Goal, store: Store, on: dt.date, *, goals: list[Goal] | None = None) -> str | None:
    """"achieved" for an active goal whose progress has reached 1; None otherwise. Only a
    suggestion: the status changes when the user says so (:func:`set_status`)."""
    if goal.status != "active":
        return None
    progress = goal_progress(goal, store, on, goals=goals)
    return "achieved" if progress is not None and progress >= 1 else None


def set_status(store: Store, goal_id: int, status: str):
    """Mark a goal active, achieved, missed or dropped; returns the updated goal."""
    if status not in GOAL_STATUSES:
        raise GoalError(t("goals.error.bad_status", status=status, choices=", ".join(GOAL_STATUSES)))
    goal = store.get_goal(goal_id)
    if goal is None:
        raise GoalError(t("goals.error.not_found", id=goal_id))
    if goal.status == status:
        return goal
    return store.update_goal(goal.model_copy(update={"status": status}))


# ---------------------------------------------------------------------------------------------
# The tree


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


# ---------------------------------------------------------------------------------------------
# SMART check


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


def _direction_sign(goal: Goal, metric: Metric | None, baseline: float | None) -> int:
    if metric is not None:
        return 1 if metric.direction == "up" else -1
    if goal.target is not None and baseline is not None and goal.target < baseline:
        return -1
    return 1


def best_change(points: list[tuple[dt.date, float]], sign: int, days: int = HISTORY_DAYS) -> float | None:
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


def achievability(goal: Goal, store: Store, today: dt.date, *, metric: Metric | None = None) -> Achievability:
    """Whether the target can be reached by the due date at a pace the metric has shown before."""
    unit = metric.unit if metric else ""
    name = metric.name if metric else goal.title
    if goal.target is None or goal.due is None:
        return Achievability("unknown")
    if goal.metric:
        history = store.series(goal.metric, until=today)
    else:
        history = _checkin_values(goal, store, today)
    baseline = goal_baseline(goal, store, today)
    sign = _direction_sign(goal, metric, baseline)
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
    needed_text = format_signed(needed, unit)
    best = best_change(history, sign)
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


def smart_check(goal: Goal, store: Store, today: dt.date) -> SmartReport:
    """What the goal lacks, in SMART order, and whether its target is achievable."""
    issues: list[Message] = []
    metric = store.get_metric(goal.metric) if goal.metric else None
    # S
    if not goal.description.strip():
        issues.append(Message("goals.smart.no_description"))
    # M
    measured_by_children = goal.horizon == "long" and not goal.metric and goal.target is None and (
        goal.id is not None and _children(goal, store, None)
    )
    baseline = None
    if goal.metric and metric is None:
        issues.append(Message("goals.smart.unknown_metric", {"metric": goal.metric}))
    elif not goal.metric and goal.target is None:
        if not measured_by_children:
            issues.append(Message("goals.smart.no_measure"))
    elif goal.target is None:
        issues.append(Message("goals.smart.no_target", {"metric": metric.name}))
    else:
        baseline = goal_baseline(goal, store, today)
        unit = metric.unit if metric else ""
        if baseline is None:
            issues.append(Message("goals.smart.no_baseline", {"metric": metric.name, "start": start_day(goal).isoformat()}))
        elif metric is not None:
            sign = 1 if metric.direction == "up" else -1
            if sign * (goal.target - baseline) <= 0:
                issues.append(
                    Message(
                        f"goals.smart.not_beyond_{metric.direction}",
                        {"metric": metric.name, "target": format_number(goal.target, unit),
                         "baseline": format_number(baseline, unit)},
                    )
                )
        elif goal.target == baseline:
            issues.append(Message("goals.smart.target_is_baseline", {"target": format_number(goal.target)}))
    # A
    found = achievability(goal, store, today, metric=metric)
    if found.verdict in ("stretch", "unrealistic") and found.message is not None:
        issues.append(found.message)
    # R
    if not goal.why.strip():
        issues.append(Message("goals.smart.no_why"))
    # T
    if goal.due is None:
        issues.append(Message("goals.smart.no_due"))
    else:
        if goal.start is not None and goal.due < goal.start:
            issues.append(Message("goals.smart.due_before_start", {"due": goal.due.isoformat(), "start": goal.start.isoformat()}))
        if goal.status == "active" and goal.due < today:
            issues.append(Message("goals.smart.overdue", {"due": goal.due.isoformat(), "count": (today - goal.due).days}))
    return SmartReport(issues, found)


def describe_smart(report: SmartReport) -> list[str]:
    """The report's issues as lines in the current language; empty when nothing is missing."""
    return report.lines()


# ---------------------------------------------------------------------------------------------
# Forecast


@dataclasses.dataclass(frozen=True)
class Forecast:
    """The trend carried to the due date.

    ``status``: on-track, at-risk, off-track, or None when there is no forecast (``reason`` says
    why: no_due, no_target, no_baseline, too_little_data, too_few_checkins). ``reason`` is also set
    for a forecast made differently: due_passed (where the goal stood on its due date) and
    from_children (a long-term goal's mean over its short-term goals). ``points``: the line from
    today to the due date, for a chart (empty when there is no line).
    """

    status: str | None
    reason: str | None = None
    projected: float | None = None
    projected_progress: float | None = None
    slope_per_day: float | None = None
    points: list[tuple[dt.date, float]] = dataclasses.field(default_factory=list)
    target: float | None = None
    due: dt.date | None = None
    unit: str = ""
    window_days: int = WINDOW_DAYS
    source: str = "metric"
    """What the line was fitted to: ``metric`` values or ``checkins`` values."""
    used: int = 0
    """How many values the line was fitted to."""

    @property
    def message(self) -> Message | None:
        return _forecast_message(self)

    @property
    def text(self) -> str:
        message = self.message
        return message.text if message else ""


def status_for(fraction: float | None) -> str | None:
    """on-track from 1 (the target reached), at-risk from :data:`AT_RISK`, else off-track."""
    if fraction is None:
        return None
    if fraction >= 1 - 1e-9:
        return "on-track"
    if fraction >= AT_RISK:
        return "at-risk"
    return "off-track"


def fit_line(points: list[tuple[dt.date, float]], origin: dt.date) -> tuple[float, float] | None:
    """Least squares: (value at ``origin``, slope per day); None when all points share a day."""
    xs = [(day - origin).days for day, _ in points]
    ys = [value for _, value in points]
    n = len(xs)
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    var = sum((x - mean_x) ** 2 for x in xs)
    if var == 0:
        return None
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / var
    return mean_y - slope * mean_x, slope


def _line_points(intercept: float, slope: float, today: dt.date, due: dt.date) -> list[tuple[dt.date, float]]:
    days = (due - today).days
    step = max(1, math.ceil(days / MAX_CHART_POINTS))
    offsets = list(range(0, days, step)) + [days]
    return [(today + dt.timedelta(days=d), intercept + slope * d) for d in offsets]


def forecast(
    goal: Goal, store: Store, today: dt.date, window_days: int = WINDOW_DAYS, *, goals: list[Goal] | None = None,
    _seen: frozenset[int] = frozenset(),
) -> Forecast:
    """Project the recent trend to the due date (see the module's definitions)."""
    metric = store.get_metric(goal.metric) if goal.metric else None
    unit = metric.unit if metric else ""
    base = {"target": goal.target, "due": goal.due, "unit": unit, "window_days": window_days}
    if goal.due is None:
        return Forecast(None, "no_due", **base)
    if measured_by_children(goal, store, today):
        seen = _seen | {goal.id}
        shares = []
        for child in _children(goal, store, goals):
            if child.id in seen:
                continue
            if child.status == "achieved":
                shares.append(1.0)
                continue
            result = forecast(child, store, today, window_days, goals=goals, _seen=seen)
            if result.projected_progress is not None:
                shares.append(min(max(result.projected_progress, 0.0), 1.0))
        if not shares:
            return Forecast(None, "too_little_data", **base)
        mean = sum(shares) / len(shares)
        return Forecast(status_for(mean), "from_children", projected_progress=mean, **base)
    if goal.target is None:
        return Forecast(None, "no_target", **base)
    baseline = goal_baseline(goal, store, today)
    if baseline is None or baseline == goal.target:
        return Forecast(None, "no_baseline", **base)
    if goal.due <= today:
        current = current_value(goal, store, goal.due)
        if current is None:
            return Forecast(None, "too_little_data", **base)
        fraction = _fraction(baseline, goal.target, current[1])
        return Forecast(status_for(fraction), "due_passed", projected=current[1], projected_progress=fraction, **base)
    if goal.metric:
        since = today - dt.timedelta(days=window_days - 1)
        points = store.series(goal.metric, since=since, until=today)
        enough = len(points) >= MIN_TREND_VALUES and (points[-1][0] - points[0][0]).days >= MIN_TREND_SPAN
        if not enough:
            return Forecast(None, "too_little_data", **base)
    else:
        points = _checkin_values(goal, store, today)[-CHECKIN_TREND_VALUES:]
        start = start_day(goal)
        if len({day for day, _ in points}) < 2 and points and start < points[0][0]:
            points = [(start, baseline), *points]
        if len({day for day, _ in points}) < 2:
            return Forecast(None, "too_few_checkins", **base)
    line = fit_line(points, today)
    if line is None:
        return Forecast(None, "too_little_data", **base)
    intercept, slope = line
    projected = intercept + slope * (goal.due - today).days
    fraction = _fraction(baseline, goal.target, projected)
    return Forecast(
        status_for(fraction), None, projected=projected, projected_progress=fraction, slope_per_day=slope,
        points=_line_points(intercept, slope, today, goal.due), source="metric" if goal.metric else "checkins",
        used=len(points), **base,
    )


def _forecast_message(f: Forecast) -> Message | None:
    target = format_number(f.target, f.unit)
    due = f.due.isoformat() if f.due else ""
    percent = format_percent(f.projected_progress)
    if f.reason == "from_children":
        return Message("goals.fc.from_children", {"percent": percent})
    if f.reason == "due_passed" and f.status:
        return Message("goals.fc.due_passed", {"due": due, "value": format_number(f.projected, f.unit), "target": target, "percent": percent})
    if f.status and f.source == "checkins":
        return Message(
            "goals.fc.projected_checkins",
            {"count": f.used, "value": format_number(f.projected, f.unit), "due": due, "target": target, "percent": percent},
        )
    if f.status:
        return Message(
            "goals.fc.projected",
            {"days": f.window_days, "value": format_number(f.projected, f.unit), "due": due, "target": target, "percent": percent},
        )
    if f.reason == "too_little_data":
        return Message("goals.fc.too_little_data", {"count": MIN_TREND_VALUES, "span": MIN_TREND_SPAN, "days": f.window_days})
    if f.reason in ("no_due", "no_target", "no_baseline", "too_few_checkins"):
        return Message(f"goals.fc.{f.reason}")
    return None


def describe_forecast(prediction: Forecast) -> str:
    """The forecast in one sentence of the current language."""
    return prediction.text


# ---------------------------------------------------------------------------------------------
# Everything a list needs


@dataclasses.dataclass(frozen=True)
class GoalSummary:
    """One goal as a list shows it: its depth in the tree (0 or 1), progress, forecast and the
    suggested status (``"achieved"`` or None)."""

    goal: Goal
    depth: int
    progress: float | None
    forecast: Forecast
    suggestion: str | None


def summarize_goals(store: Store, today: dt.date, goals: list[Goal] | None = None) -> list[GoalSummary]:
    """Every goal in tree order (long-term goals, each followed by its short-term ones)."""
    goals = store.list_goals() if goals is None else goals
    rows: list[GoalSummary] = []
    for top, children in goal_tree(goals):
        for goal, depth in [(top, 0), *((child, 1) for child in children)]:
            progress = goal_progress(goal, store, today, goals=goals)
            suggestion = "achieved" if goal.status == "active" and progress is not None and progress >= 1 else None
            rows.append(GoalSummary(goal, depth, progress, forecast(goal, store, today, goals=goals), suggestion))
    return rows
