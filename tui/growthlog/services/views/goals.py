"""The Goals view: every goal in tree order with progress and forecast, and one goal's detail
(SMART check, forecast, check-ins, and a chart of its metric against the target)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from growthlog.i18n import t
from growthlog.services.goals.data import between, start_day
from growthlog.services.goals.forecast import describe_forecast, forecast
from growthlog.services.goals.loader import load_goal, summarize_goals
from growthlog.services.goals.progress import goal_progress
from growthlog.services.goals.smart import describe_smart, smart_check
from growthlog.services.goals.summary import GoalSummary
from growthlog.services.numbers import format_number
from growthlog.services.views.charts import ChartData, Target

if TYPE_CHECKING:
    from growthlog.models import CheckIn, Goal, Metric
    from growthlog.store.api import Store

CHART_DAYS = 90
"""The chart shows the goal's metric from the goal's start, or from this many days back when the
goal started later, so that a new goal still shows the trend behind its forecast."""


@dataclasses.dataclass(frozen=True)
class GoalsView:
    rows: list[GoalSummary]
    """Long-term goals, each followed by its short-term ones."""


@dataclasses.dataclass(frozen=True)
class GoalDetail:
    goal: Goal
    metric: Metric | None
    progress: float | None
    smart_lines: list[str]
    forecast_line: str
    forecast_status: str | None
    checkins: list[CheckIn]
    chart: ChartData | None = None
    """The metric's values, the target line and the forecast line; None for a goal without a
    metric (or whose metric no longer exists)."""


def load_goals(store: Store, today: dt.date) -> GoalsView:
    with store.snapshot():
        return GoalsView(summarize_goals(store, today))


def goal_chart(goal: Goal, metric: Metric, series: list[tuple[dt.date, float]], forecast_points, today: dt.date) -> ChartData:
    """The goal's metric with its target line and the forecast dotted to the due date."""
    targets = []
    if goal.target is not None:
        text = t("metrics_screen.target_legend", value=format_number(goal.target, metric.unit), goal=goal.title)
        targets.append(Target(goal.target, text))
    return ChartData(metric.name, series, unit=metric.unit, targets=targets, end=today, forecast=forecast_points)


def load_goal_detail(store: Store, goal: Goal, today: dt.date) -> GoalDetail:
    with store.snapshot():
        data = load_goal(store, goal, today, history=True)
        checkins = store.checkins(goal.id)
    prediction = forecast(data, today)
    chart = None
    if data.metric is not None:
        since = min(start_day(goal), today - dt.timedelta(days=CHART_DAYS - 1))
        chart = goal_chart(goal, data.metric, between(data.history, since, today), prediction.points, today)
    return GoalDetail(
        goal=goal,
        metric=data.metric,
        progress=goal_progress(data, today),
        smart_lines=describe_smart(smart_check(data, today)),
        forecast_line=describe_forecast(prediction),
        forecast_status=prediction.status,
        checkins=checkins,
        chart=chart,
    )
