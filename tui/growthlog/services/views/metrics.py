"""The Metrics view: every metric's summary (sparkline, latest value, change), and the chart of one
metric with its goals' targets and the strategy changes that aimed at it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from growthlog.i18n import t
from growthlog.services.metrics import MetricSummary, load_metric_summary
from growthlog.services.numbers import format_value
from growthlog.services.views.charts import ChartData, Marker, Target
from growthlog.store.entries import EntryFilter

if TYPE_CHECKING:
    from growthlog.models import Entry, Goal, Metric
    from growthlog.store.api import Store

PERIOD_DAYS = 7
"""The change column compares the last seven days with the seven before."""
STRATEGY_LIMIT = 2000
"""Newest strategy entries searched for markers (a metric's changes are a handful of them)."""


@dataclasses.dataclass(frozen=True)
class MetricsView:
    metrics: list[Metric]
    summaries: dict[str, MetricSummary]
    goals: list[Goal]
    strategies: list[Entry]


def load_metrics(store: Store, today: dt.date) -> MetricsView:
    with store.snapshot():
        metrics = store.list_metrics()
        return MetricsView(
            metrics=metrics,
            summaries={m.key: load_metric_summary(store, m, today, PERIOD_DAYS) for m in metrics},
            goals=store.list_goals(),
            strategies=store.list_entries(EntryFilter(kinds=("strategy",)), limit=STRATEGY_LIMIT),
        )


def effective_day(entry: Entry) -> dt.date | None:
    """The day a strategy took effect, whether stored as a date or as ISO text."""
    value = entry.fields.get("effective_on")
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def metric_chart(view: MetricsView, metric: Metric, series: list[tuple[dt.date, float]], today: dt.date) -> ChartData:
    """The metric's chart: the active goals' targets as lines, its strategy changes as markers."""
    targets = []
    for goal in view.goals:
        if goal.metric == metric.key and goal.target is not None and goal.status == "active":
            text = t("metrics_screen.target_legend", value=format_value(goal.target, metric.unit), goal=goal.title)
            if goal.due:
                text += " · " + t("metrics_screen.due", day=goal.due.isoformat())
            targets.append(Target(goal.target, text))
    markers = []
    for entry in view.strategies:
        day = effective_day(entry)
        if day is not None and entry.fields.get("metric") == metric.key:
            markers.append(Marker(day, f"{day.isoformat()}  {entry.title}"))
    markers.sort(key=lambda marker: marker.day)
    return ChartData(metric.name, series, unit=metric.unit, targets=targets, markers=markers, end=today)
