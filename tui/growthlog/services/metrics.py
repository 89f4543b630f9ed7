"""Metrics for people: presets to define common KPIs from, a summary of where a metric stands, and
values formatted for reading.

**Presets** (:data:`PRESETS`) are offered when defining a metric and never created unasked. Each
has a translated name and description (catalog keys ``metrics.preset.<key>.name`` and
``.description``), a unit, which way is better and how a period's values combine: counts of new
users and revenue add up over a period (``sum``), daily actives and rates are averaged (``mean``),
monthly actives are a level that is read at the period's end (``last``); churn is better down.

**Summary** (:func:`summarize_metric`, over values; :func:`load_metric_summary` reads them):
"this period" is the ``period_days`` days ending on ``today``
(inclusive); "the previous period" is the same number of days just before it. Each period's value
is the metric's own aggregation over the values recorded in it (the last value, their sum or their
mean; days without a value are skipped, so a sum over a period with gaps is a sum of what was
recorded). The change is this period's value minus the previous one's, relative to the previous
one's magnitude; it is None when either period has no value. Whether the change is good follows
the metric's direction, and is None when there is no change.

Values are written for reading by :mod:`growthlog.services.numbers`.

Import-light: no pydantic until a preset is turned into a Metric.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
import statistics
from collections.abc import Sequence
from typing import TYPE_CHECKING

from growthlog.i18n import catalog, t

if TYPE_CHECKING:
    from growthlog.models import Metric
    from growthlog.store.api import Store

SPARK_VALUES = 30
"""A summary's sparkline shows the last this many values."""

Point = tuple[dt.date, float]


@dataclasses.dataclass(frozen=True)
class Preset:
    """A common KPI to define a metric from."""

    key: str
    direction: str
    aggregation: str
    unit_kind: str
    """``count`` (people: users/人), ``percent`` (%) or ``money`` (CNY/元): the unit is translated."""
    aliases: tuple[str, ...] = ()
    """Other ways the metric is commonly named (日活, DAU, 次留…), matched case-insensitively."""

    @property
    def name(self) -> str:
        return t(f"metrics.preset.{self.key}.name")

    @property
    def description(self) -> str:
        return t(f"metrics.preset.{self.key}.description")

    @property
    def unit(self) -> str:
        return "%" if self.unit_kind == "percent" else t(f"metrics.unit.{self.unit_kind}")

    def names(self) -> tuple[str, ...]:
        """Every name this preset answers to: its key, its names in every language, its aliases."""
        from growthlog.i18n import LANGUAGES

        names = [self.key, *(catalog(language)[f"metrics.preset.{self.key}.name"] for language in LANGUAGES)]
        return tuple(dict.fromkeys([*names, *self.aliases]))

    def metric(self, key: str | None = None, **overrides: object) -> "Metric":
        """A Metric filled from this preset (name, unit, description in the current language);
        ``overrides`` replace any of its fields."""
        from growthlog.models import Metric

        values: dict[str, object] = {
            "key": key or self.key, "name": self.name, "unit": self.unit, "direction": self.direction,
            "aggregation": self.aggregation, "description": self.description,
        }
        values.update({name: value for name, value in overrides.items() if value is not None})
        return Metric(**values)


PRESETS: dict[str, Preset] = {
    preset.key: preset
    for preset in (
        Preset("new_users", "up", "sum", "count", ("新增", "新用户", "新增用户数", "新用户数", "new user", "signups")),
        Preset("dau", "up", "mean", "count", ("DAU", "日活", "日活跃", "日活用户", "日活跃用户数")),
        Preset("mau", "up", "last", "count", ("MAU", "月活", "月活跃", "月活用户", "月活跃用户数")),
        Preset("d1_retention", "up", "mean", "percent", ("次留", "次日留存", "D1 retention", "day 1 retention")),
        Preset("d7_retention", "up", "mean", "percent", ("7日留存", "七日留存", "七日留存率", "D7 retention", "day 7 retention")),
        Preset("d30_retention", "up", "mean", "percent", ("30日留存", "三十日留存率", "D30 retention", "day 30 retention")),
        Preset("conversion_rate", "up", "mean", "percent", ("转化", "conversion", "CVR")),
        Preset("revenue", "up", "sum", "money", ("营收", "营业收入", "销售额", "流水", "GMV")),
        Preset("churn_rate", "down", "mean", "percent", ("流失", "churn")),
    )
}


def _fold(text: str) -> str:
    """Case, width and spacing folded, so that 'Day-1 Retention', 'ＤＡＵ' and 'dau' compare equal."""
    import unicodedata

    return re.sub(r"[\s_\-]+", "", unicodedata.normalize("NFKC", text).casefold())


_PRESET_INDEX: dict[str, Preset] | None = None


def find_preset(text: str) -> Preset | None:
    """The preset named ``text``: by key, by its English or Chinese name, or by a common alias."""
    global _PRESET_INDEX
    if _PRESET_INDEX is None:
        _PRESET_INDEX = {_fold(name): preset for preset in PRESETS.values() for name in preset.names()}
    return _PRESET_INDEX.get(_fold(text))


# Summary


def aggregate(values: list[float], aggregation: str) -> float | None:
    """A period's value: the last of ``values`` (in day order), their sum or their mean; None when
    there are none."""
    if not values:
        return None
    if aggregation == "sum":
        return float(sum(values))
    if aggregation == "mean":
        return statistics.fmean(values)
    return values[-1]


@dataclasses.dataclass(frozen=True)
class MetricSummary:
    """Where a metric stands on ``today``: see the module's docstring for the periods compared."""

    metric: "Metric"
    today: dt.date
    period_days: int
    latest_day: dt.date | None
    """The most recent day with a value, on or before today (None: no value yet)."""
    latest_value: float | None
    current: float | None
    """The aggregate of the values of the ``period_days`` days ending on today."""
    previous: float | None
    """The aggregate of the ``period_days`` days before those."""
    change: float | None
    """``current - previous``; None when either is None."""
    relative_change: float | None
    """``change / |previous|`` (0.05 is +5 %); None when there is no change or previous is 0."""
    change_is_good: bool | None
    """True when the change goes the metric's better way; None when there is no change (or none
    measurable)."""
    spark: list[float]
    """The last (up to) 30 values recorded on or before today, oldest first: a sparkline's points."""
    spark_days: list[dt.date] = dataclasses.field(default_factory=list)

    @property
    def current_range(self) -> tuple[dt.date, dt.date]:
        return self.today - dt.timedelta(days=self.period_days - 1), self.today

    @property
    def previous_range(self) -> tuple[dt.date, dt.date]:
        start = self.today - dt.timedelta(days=2 * self.period_days - 1)
        return start, start + dt.timedelta(days=self.period_days - 1)


def summarize_metric(metric: "Metric", points: Sequence[Point], today: dt.date, period_days: int = 7) -> MetricSummary:
    """Summarise a metric as of ``today`` from its values (day order): those of both periods, or
    at least its last :data:`SPARK_VALUES` values up to today when they reach back further (what
    :func:`summary_points` reads). Values after today are left out.

    Raises :class:`ValueError` for a period under one day.
    """
    if period_days < 1:
        raise ValueError("period_days must be at least 1")
    known = points[: bisect.bisect_right(points, today, key=lambda point: point[0])]
    recent = known[-SPARK_VALUES:]
    since, boundary = period_starts(today, period_days)
    window = known[bisect.bisect_left(known, since, key=lambda point: point[0]):]
    current = aggregate([value for day, value in window if day >= boundary], metric.aggregation)
    previous = aggregate([value for day, value in window if day < boundary], metric.aggregation)
    change = current - previous if current is not None and previous is not None else None
    relative = change / abs(previous) if change is not None and previous else None
    good = None if not change else (change > 0) == (metric.direction == "up")
    latest_day, latest_value = recent[-1] if recent else (None, None)
    return MetricSummary(
        metric=metric, today=today, period_days=period_days, latest_day=latest_day, latest_value=latest_value,
        current=current, previous=previous, change=change, relative_change=relative, change_is_good=good,
        spark=[value for _, value in recent], spark_days=[day for day, _ in recent],
    )


def period_starts(today: dt.date, period_days: int) -> tuple[dt.date, dt.date]:
    """The first day of the previous period and of this one."""
    return today - dt.timedelta(days=2 * period_days - 1), today - dt.timedelta(days=period_days - 1)


def summary_points(store: "Store", key: str, today: dt.date, period_days: int) -> list[Point]:
    """What :func:`summarize_metric` needs: the last :data:`SPARK_VALUES` values up to today, or
    every value of both periods when those do not reach back over them."""
    recent = store.recent(key, SPARK_VALUES, today)
    since, _ = period_starts(today, period_days)
    # The recent values often cover both periods already; only reach back when they do not.
    if len(recent) == SPARK_VALUES and recent[0][0] > since:
        return store.series(key, since, today)
    return recent


def load_metric_summary(store: "Store", key: "str | Metric", today: dt.date, period_days: int = 7) -> MetricSummary:
    """Summarise a metric (by key, or the Metric itself to save a query) as of ``today``.

    Raises :class:`KeyError` for an unknown key and :class:`ValueError` for a period under one day.
    """
    if period_days < 1:
        raise ValueError("period_days must be at least 1")
    metric = store.get_metric(key) if isinstance(key, str) else key
    if metric is None:
        raise KeyError(key)
    return summarize_metric(metric, summary_points(store, metric.key, today, period_days), today, period_days)
