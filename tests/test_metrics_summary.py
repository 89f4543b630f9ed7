"""Presets, the metric summary and value formatting (services/metrics.py), and the store's helpers
behind them."""

from __future__ import annotations

import datetime as dt

import pytest

from growthlog import i18n
from growthlog.models import Metric
from growthlog.services.metrics import (
    PRESETS,
    MetricSummary,
    aggregate,
    find_preset,
    load_metric_summary,
    summarize_metric,
)

TODAY = dt.date(2026, 11, 20)


def record(store, key: str, values: dict[int, float]) -> None:
    """Values by days before TODAY (0 = today)."""
    store.record_many([(key, (TODAY - dt.timedelta(days=ago)).isoformat(), value, "", "manual") for ago, value in values.items()])


# Presets


def test_the_presets_of_the_design():
    assert list(PRESETS) == ["new_users", "dau", "mau", "d1_retention", "d7_retention", "d30_retention",
                             "conversion_rate", "revenue", "churn_rate"]
    assert PRESETS["churn_rate"].direction == "down"
    assert all(p.direction == "up" for key, p in PRESETS.items() if key != "churn_rate")
    assert PRESETS["revenue"].aggregation == "sum" and PRESETS["new_users"].aggregation == "sum"
    assert all(PRESETS[key].aggregation == "mean" for key in ("d1_retention", "d7_retention", "d30_retention", "conversion_rate", "churn_rate"))
    assert all(PRESETS[key].unit == "%" for key in ("d1_retention", "conversion_rate", "churn_rate"))


def test_presets_speak_both_languages():
    assert (PRESETS["d1_retention"].name, PRESETS["revenue"].unit) == ("Day-1 retention", "CNY")
    i18n.set_language("zh")
    assert (PRESETS["d1_retention"].name, PRESETS["revenue"].unit, PRESETS["dau"].unit) == ("次日留存率", "元", "人")
    assert PRESETS["dau"].metric().model_dump(include={"key", "name", "unit", "aggregation"}) == {
        "key": "dau", "name": "日活跃用户", "unit": "人", "aggregation": "mean"}


def test_a_preset_makes_a_metric_with_overrides():
    metric = PRESETS["revenue"].metric("gmv", unit="$", name=None)
    assert (metric.key, metric.name, metric.unit, metric.aggregation) == ("gmv", "Revenue", "$", "sum")


@pytest.mark.parametrize(
    ("text", "key"),
    [("dau", "dau"), ("DAU", "dau"), ("ＤＡＵ", "dau"), ("日活", "dau"), ("Daily active users", "dau"), ("日活跃用户", "dau"),
     ("次日留存率", "d1_retention"), ("次留", "d1_retention"), ("Day-1 retention", "d1_retention"), ("day_1 retention", "d1_retention"),
     ("churn", "churn_rate"), ("流失率", "churn_rate"), ("GMV", "revenue"), ("新增", "new_users")],
)
def test_find_preset(text, key):
    assert find_preset(text).key == key


def test_find_preset_finds_nothing_for_other_names():
    assert find_preset("visits") is None and find_preset("") is None


# Aggregation and summary


def points(values: dict[int, float]) -> list[tuple[dt.date, float]]:
    """(day, value) by days before TODAY, in day order."""
    return sorted((TODAY - dt.timedelta(days=ago), float(value)) for ago, value in values.items())


def summary(values: dict[int, float], period_days: int = 7, **metric) -> MetricSummary:
    metric.setdefault("key", "dau")
    metric.setdefault("name", metric["key"].upper())
    return summarize_metric(Metric(**metric), points(values), TODAY, period_days)


def test_aggregate():
    assert aggregate([], "sum") is None
    assert aggregate([1, 2, 6], "last") == 6
    assert aggregate([1, 2, 6], "sum") == 9
    assert aggregate([1, 2, 6], "mean") == 3


def test_summary_compares_this_period_with_the_previous_one():
    # This week (days 0-6): 10 + 20 = 30; the week before (7-13): 5 + 5 + 5 = 15; older: ignored.
    found = summary({0: 10, 3: 20, 7: 5, 10: 5, 13: 5, 14: 1000}, key="revenue", unit="元", aggregation="sum")
    assert (found.current, found.previous, found.change, found.relative_change) == (30, 15, 15, 1.0)
    assert found.change_is_good is True
    assert (found.latest_day, found.latest_value) == (TODAY, 10)
    assert found.spark == [1000, 5, 5, 5, 20, 10]
    assert found.spark_days[0] == dt.date(2026, 11, 6) and found.spark_days[-1] == TODAY
    assert found.current_range == (dt.date(2026, 11, 14), TODAY)
    assert found.previous_range == (dt.date(2026, 11, 7), dt.date(2026, 11, 13))


def test_summary_by_aggregation_and_direction():
    churn = summary({1: 4, 2: 6, 8: 4}, key="churn", unit="%", direction="down", aggregation="mean")
    assert (churn.current, churn.previous, churn.change, churn.change_is_good) == (5, 4, 1, False)
    mau = summary({2: 900, 5: 1000, 9: 800}, key="mau", aggregation="last")
    assert (mau.current, mau.previous, mau.change, mau.change_is_good) == (900, 800, 100, True)
    assert mau.relative_change == pytest.approx(0.125)


def test_summary_without_a_comparable_value():
    empty = summary({}, aggregation="mean")
    assert (empty.latest_day, empty.latest_value, empty.current, empty.change, empty.change_is_good, empty.spark) == (
        None, None, None, None, None, [])
    only_now = summary({0: 5}, aggregation="mean")
    assert (only_now.current, only_now.previous, only_now.change, only_now.relative_change, only_now.change_is_good) == (5, None, None, None, None)
    flat = summary({0: 5, 8: 5}, aggregation="mean")
    assert (flat.change, flat.relative_change, flat.change_is_good) == (0, 0, None)
    from_zero = summary({0: 5, 8: 0, 10: 0}, aggregation="mean")  # the previous period's mean is 0
    assert (from_zero.previous, from_zero.change, from_zero.relative_change) == (0, 5, None)


def test_summary_ignores_the_future_and_keeps_thirty_values_for_the_spark():
    # Values up to 30 days after today: the summary and the spark stop at today.
    values = {ago: 1 for ago in range(-30, 10)}
    found = summary(values, 7, aggregation="sum")
    assert found.latest_day == TODAY and len(found.spark) == 10
    assert (found.current, found.previous) == (7, 3)
    assert (summary(values, 3, aggregation="sum").current, summary(values, 3, aggregation="sum").previous) == (3, 3)
    month = summary({ago: 1 for ago in range(0, 100)}, 30, aggregation="sum")
    assert (month.current, month.previous, len(month.spark), month.spark_days[0]) == (30, 30, 30, TODAY - dt.timedelta(days=29))


def test_summary_of_a_bad_period():
    with pytest.raises(ValueError):
        summary({0: 1}, period_days=0)


def test_the_loader_reaches_back_past_the_spark_only_when_needed(store, monkeypatch):
    store.define_metric(Metric(key="many", name="Many", aggregation="sum"))
    record(store, "many", {ago: 1 for ago in range(-5, 100)})
    series = []
    monkeypatch.setattr(store, "series", lambda *args, _read=store.series: series.append(args) or _read(*args))
    week = load_metric_summary(store, "many", TODAY)
    assert (week.current, week.previous, len(week.spark), week.latest_day) == (7, 7, 30, TODAY)
    assert series == []  # the last 30 values cover both weeks
    # The last 30 values do not reach back over two 30-day periods: the window is read.
    month = load_metric_summary(store, store.get_metric("many"), TODAY, period_days=30)
    assert (month.current, month.previous, len(month.spark)) == (30, 30, 30)
    assert series == [("many", TODAY - dt.timedelta(days=59), TODAY)]
    assert month == summarize_metric(store.get_metric("many"), store.series("many"), TODAY, 30)


def test_the_loader_on_an_unknown_metric_or_a_bad_period(store):
    with pytest.raises(KeyError):
        load_metric_summary(store, "nope", TODAY)
    store.define_metric(Metric(key="dau", name="DAU"))
    with pytest.raises(ValueError):
        load_metric_summary(store, "dau", TODAY, period_days=0)
    assert load_metric_summary(store, "dau", TODAY).spark == []


def test_store_recent_and_ranges(store):
    store.define_metric(Metric(key="dau", name="DAU"))
    record(store, "dau", {0: 1, 1: 2, 2: 3, 5: 4})
    assert store.recent("dau", 2) == [(dt.date(2026, 11, 19), 2.0), (TODAY, 1.0)]
    assert store.recent("dau", 2, dt.date(2026, 11, 18)) == [(dt.date(2026, 11, 15), 4.0), (dt.date(2026, 11, 18), 3.0)]
    assert store.days_between("dau", "2026-11-15", "2026-11-19") == {"2026-11-15", "2026-11-18", "2026-11-19"}
    assert store.count_between("dau", "2026-11-16", "2026-11-20") == 3
