"""The Goals view: every goal in tree order with progress and forecast, and one goal's detail
(SMART check, forecast, check-ins, and a chart of its metric against the target)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from growthlog.i18n import t
from growthlog.services.goals import (
    GoalSummary, describe_forecast, describe_smart, forecast, goal_progress, smart_check, start_day, summarize_goals,
)
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
        prediction = forecast(goal, store, today)
        metric = store.get_metric(goal.metric) if goal.metric else None
        chart = None
        if metric is not None:
            since = min(start_day(goal), today - dt.timedelta(days=CHART_DAYS - 1))
            chart = goal_chart(goal, metric, store.series(metric.key, since=since, until=today), prediction.points, today)
        return GoalDetail(
            goal=goal,
            metric=metric,
            progress=goal_progress(goal, store, today),
            smart_lines=describe_smart(smart_check(goal, store, today)),
            forecast_line=describe_forecast(prediction),
            forecast_status=prediction.status,
            checkins=store.checkins(goal.id),
            chart=chart,
        )
