"""The forecast: a goal's recent trend carried to its due date (the rules are the package's
definitions: :mod:`growthlog.services.goals`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import statistics
from collections.abc import Sequence

from growthlog.services.goals.data import GoalData, Message, Point, between, checkins_until, start_day
from growthlog.services.goals.progress import counted_children, current_value, fraction, goal_baseline, measured_by_children
from growthlog.services.numbers import format_number, format_percent

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
MAX_CHART_POINTS = 120


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
    points: list[Point] = dataclasses.field(default_factory=list)
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


def status_for(share: float | None) -> str | None:
    """on-track from 1 (the target reached), at-risk from :data:`AT_RISK`, else off-track."""
    if share is None:
        return None
    if share >= 1 - 1e-9:
        return "on-track"
    if share >= AT_RISK:
        return "at-risk"
    return "off-track"


def fit_line(points: Sequence[Point], origin: dt.date) -> tuple[float, float] | None:
    """Least squares: (value at ``origin``, slope per day); None when all points share a day."""
    xs = [(day - origin).days for day, _ in points]
    try:
        line = statistics.linear_regression(xs, [value for _, value in points])
    except statistics.StatisticsError:  # fewer than two points, or all on one day
        return None
    return line.intercept, line.slope


def _line_points(intercept: float, slope: float, today: dt.date, due: dt.date) -> list[Point]:
    days = (due - today).days
    step = max(1, math.ceil(days / MAX_CHART_POINTS))
    offsets = list(range(0, days, step)) + [days]
    origin = today.toordinal()  # days by ordinal: a few times faster than adding timedeltas
    return [(dt.date.fromordinal(origin + d), intercept + slope * d) for d in offsets]


def forecast(data: GoalData, today: dt.date, window_days: int = WINDOW_DAYS) -> Forecast:
    """Project the recent trend to the due date (see the package's definitions)."""
    goal = data.goal
    unit = data.metric.unit if data.metric else ""
    base = {"target": goal.target, "due": goal.due, "unit": unit, "window_days": window_days}
    if goal.due is None:
        return Forecast(None, "no_due", **base)
    if measured_by_children(data, today):
        return _children_forecast(data, today, window_days, base)
    if goal.target is None:
        return Forecast(None, "no_target", **base)
    baseline = goal_baseline(data, today)
    if baseline is None or baseline == goal.target:
        return Forecast(None, "no_baseline", **base)
    if goal.due <= today:
        current = current_value(data, goal.due)
        if current is None:
            return Forecast(None, "too_little_data", **base)
        share = fraction(baseline, goal.target, current[1])
        return Forecast(status_for(share), "due_passed", projected=current[1], projected_progress=share, **base)
    points, shortage = trend_points(data, today, window_days, baseline)
    if shortage is not None:
        return Forecast(None, shortage, **base)
    line = fit_line(points, today)
    if line is None:
        return Forecast(None, "too_little_data", **base)
    intercept, slope = line
    projected = intercept + slope * (goal.due - today).days
    share = fraction(baseline, goal.target, projected)
    return Forecast(
        status_for(share), None, projected=projected, projected_progress=share, slope_per_day=slope,
        points=_line_points(intercept, slope, today, goal.due), source="metric" if goal.metric else "checkins",
        used=len(points), **base,
    )


def trend_points(data: GoalData, today: dt.date, window_days: int, baseline: float) -> tuple[list[Point], str | None]:
    """The values the trend line goes through: the metric's in the window, or the last check-in
    values (with the baseline on the start day when one value alone follows it); and the reason
    there is no line when they are too few (None: enough)."""
    if data.goal.metric:
        points = between(data.values, today - dt.timedelta(days=window_days - 1), today)
        enough = len(points) >= MIN_TREND_VALUES and (points[-1][0] - points[0][0]).days >= MIN_TREND_SPAN
        return points, None if enough else "too_little_data"
    points = checkins_until(data, today)[-CHECKIN_TREND_VALUES:]
    start = start_day(data.goal)
    if len({day for day, _ in points}) < 2 and points and start < points[0][0]:
        points = [(start, baseline), *points]
    return points, None if len({day for day, _ in points}) >= 2 else "too_few_checkins"


def _children_forecast(data: GoalData, today: dt.date, window_days: int, base: dict) -> Forecast:
    """A long-term goal's forecast: the mean of its short-term goals' projected progress, each
    counted between 0 and 1 (an achieved one as done)."""
    shares = []
    for child in counted_children(data):
        if child.goal.status == "achieved":
            shares.append(1.0)
            continue
        result = forecast(child, today, window_days)
        if result.projected_progress is not None:
            shares.append(min(max(result.projected_progress, 0.0), 1.0))
    if not shares:
        return Forecast(None, "too_little_data", **base)
    mean = statistics.fmean(shares)
    return Forecast(status_for(mean), "from_children", projected_progress=mean, **base)


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
