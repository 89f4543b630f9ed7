"""The goal maths on values (no store): progress, baseline, SMART check, achievability, forecast,
the tree and the summaries, each on a GoalData built by hand. Status changes and the loader's
reads are in tests/test_goals_loader.py."""

from __future__ import annotations

import datetime as dt

import pytest

from growthlog import i18n
from growthlog.models import Goal, Metric
from growthlog.services.goals.data import GoalData, between, latest_on, start_day
from growthlog.services.goals.forecast import (
    AT_RISK,
    FORECAST_STATUSES,
    MAX_CHART_POINTS,
    describe_forecast,
    fit_line,
    forecast,
    status_for,
)
from growthlog.services.goals.progress import goal_baseline, goal_progress, suggest_status
from growthlog.services.goals.smart import SmartReport, achievability, best_change, describe_smart, smart_check
from growthlog.services.goals.status import GOAL_STATUSES
from growthlog.services.goals.summary import goal_tree, summarize

TODAY = dt.date(2026, 11, 20)


def day(offset: int) -> dt.date:
    """``offset`` days before TODAY (negative: after it)."""
    return TODAY - dt.timedelta(days=offset)


def points(values: dict[int, float | None]) -> list[tuple[dt.date, float]]:
    """(day, value) by offset (days before TODAY), in day order."""
    return sorted((day(offset), float(value)) for offset, value in values.items())


def line(first: int, last: int, start: float, per_day: float) -> dict[int, float]:
    """Daily values from ``first`` days ago to ``last`` days ago, rising by ``per_day``."""
    return {offset: start + per_day * (first - offset) for offset in range(first, last - 1, -1)}


def goal(**values) -> Goal:
    values.setdefault("title", "A goal")
    return Goal(**values)


def data(item: Goal, values: dict[int, float] | None = None, *, direction: str = "up", unit: str = "",
         known: bool = True, checkins: dict[int, float] | None = None, children=()) -> GoalData:
    """The goal with its metric's whole history (``values``; the metric is named after its key in
    capitals, or unknown with ``known=False``) and its check-in values."""
    metric = Metric(key=item.metric, name=item.metric.upper(), unit=unit, direction=direction) if item.metric and known else None
    series = points(values or {})
    history = [point for point in series if point[0] <= TODAY] if item.metric else None
    return GoalData(item, metric=metric, values=series, checkin_values=points(checkins or {}), history=history,
                    children=tuple(children))


def keys(report: SmartReport) -> list[str]:
    return [issue.key for issue in report.issues]


# Look-ups


def test_latest_on_and_between():
    series = points({10: 1, 5: 2, 0: 3})
    assert latest_on(series, day(5)) == (day(5), 2) and latest_on(series, day(6)) == (day(10), 1)
    assert latest_on(series, day(11)) is None and latest_on([], TODAY) is None
    assert between(series, day(7), TODAY) == [(day(5), 2), (TODAY, 3)]
    assert between(series, None, day(5)) == [(day(10), 1), (day(5), 2)]
    assert between(series, day(4), day(1)) == []


# Progress


def test_progress_of_an_up_metric():
    item = data(goal(metric="dau", baseline=100, target=200, start=day(30), due=day(-30)), {30: 100, 10: 130, 0: 150})
    assert goal_progress(item, TODAY) == pytest.approx(0.5)
    # On an earlier day, the value then counts; before any value, there is none.
    assert goal_progress(item, day(5)) == pytest.approx(0.3)
    assert goal_progress(item, day(40)) is None


def test_progress_of_a_down_metric():
    cac = goal(metric="cac", baseline=30, target=20, start=day(20))
    assert goal_progress(data(cac, {20: 30, 0: 25}, direction="down"), TODAY) == pytest.approx(0.5)
    assert goal_progress(data(cac, {20: 30, 0: 33}, direction="down"), TODAY) == pytest.approx(-0.3)
    assert goal_progress(data(cac, {20: 30, 0: 18}, direction="down"), TODAY) == pytest.approx(1.2)


def test_progress_cannot_be_computed():
    assert goal_progress(data(goal(metric="dau", baseline=5), {0: 10}), TODAY) is None
    assert goal_progress(data(goal(metric="dau", baseline=10, target=10), {0: 10}), TODAY) is None
    assert goal_progress(data(goal(title="no values", target=3)), TODAY) is None


def test_progress_of_a_goal_tracked_by_checkins():
    item = data(goal(title="Sign 30 creators", target=30, start=day(20)), checkins={15: 6, 5: 12, -3: 20})  # -3: after the day asked about
    # Counted from 0 when no baseline is given.
    assert goal_progress(item, TODAY) == pytest.approx(0.4)
    assert goal_progress(item, day(10)) == pytest.approx(0.2)
    with_baseline = data(goal(title="NPS", baseline=30, target=40), checkins={1: 35})
    assert goal_progress(with_baseline, TODAY) == pytest.approx(0.5)


def test_baseline_defaults_to_the_value_on_or_just_before_the_start():
    values = {40: 80, 31: 90, 29: 95, 0: 110}
    on_start = data(goal(metric="dau", target=120, start=day(31)), values)
    assert goal_baseline(on_start, TODAY) == 90
    assert goal_progress(on_start, TODAY) == pytest.approx(20 / 30)
    assert goal_baseline(data(goal(metric="dau", target=120, start=day(30)), values), TODAY) == 90  # a gap on the start
    before_any = data(goal(metric="dau", target=120, start=day(50)), values)
    assert goal_baseline(before_any, TODAY) == 80  # the first value after the start
    assert goal_baseline(before_any, day(45)) is None  # ... up to the day asked about
    given = data(goal(metric="dau", baseline=100, target=120, start=day(31)), values)
    assert goal_baseline(given, TODAY) == 100


def test_the_value_before_what_was_read_counts_on_the_start_and_later():
    item = GoalData(goal(metric="dau", target=120, start=day(20)), values=points({3: 110}), value_before=(day(50), 90.0))
    assert goal_baseline(item, TODAY) == 90
    assert goal_progress(item, TODAY) == pytest.approx(20 / 30)
    assert goal_progress(item, day(10)) == 0  # still the value before
    assert goal_progress(item, day(60)) is None  # before the value before: nothing known


def test_without_a_start_the_creation_day_is_the_start():
    created = dt.datetime.combine(day(5), dt.time(9))
    item = goal(metric="dau", target=80, created=created, updated=created)
    assert start_day(item) == day(5)
    assert goal_progress(data(item, {10: 50, 5: 60, 0: 70}), TODAY) == pytest.approx(0.5)


def test_baseline_is_none_without_any_value():
    item = data(goal(metric="dau", target=80, start=day(5)))
    assert goal_baseline(item, TODAY) is None
    assert goal_progress(item, TODAY) is None


def child(**values) -> GoalData:
    """A short-term goal on DAU, which stands at 150 today (100 ten days ago)."""
    return data(goal(metric="dau", **values), {10: 100, 0: 150})


def test_long_term_goal_without_metric_takes_the_mean_of_its_children():
    half = child(baseline=100, target=200)  # 0.5
    over = child(baseline=100, target=120)  # 2.5, counted as 1
    dropped = child(baseline=100, target=125, status="dropped")
    parent = goal(title="Grow", horizon="long")
    assert goal_progress(data(parent, children=[half, over, dropped]), TODAY) == pytest.approx(0.75)
    backwards = child(baseline=200, target=300)  # -0.5 → 0
    assert goal_progress(backwards, TODAY) == pytest.approx(-0.5)
    assert goal_progress(data(parent, children=[half, over, dropped, backwards]), TODAY) == pytest.approx(0.5)
    done = data(goal(title="done by hand", status="achieved"))  # no value: counts 1
    assert goal_progress(done, TODAY) is None
    assert goal_progress(data(parent, children=[half, over, dropped, backwards, done]), TODAY) == pytest.approx(2.5 / 4)
    assert goal_progress(data(goal(title="empty", horizon="long")), TODAY) is None


def test_long_term_goal_with_its_own_metric_or_checkin_values_uses_them():
    parent = data(goal(horizon="long", metric="dau", baseline=100, target=200), {10: 100, 0: 110},
                  children=[data(goal(metric="dau", baseline=100, target=110), {10: 100, 0: 110})])
    assert goal_progress(parent, TODAY) == pytest.approx(0.1)
    by_checkins = data(goal(horizon="long", target=10), checkins={3: 4}, children=[child(baseline=100, target=150)])
    assert goal_progress(by_checkins, TODAY) == pytest.approx(0.4)
    assert goal_progress(by_checkins, day(5)) == 0  # no check-in value yet: its child counts (at 100 then)


def test_suggests_achieved_only_when_progress_reaches_one():
    assert suggest_status(child(baseline=100, target=150), TODAY) == "achieved"
    assert suggest_status(child(baseline=100, target=151), TODAY) is None
    assert suggest_status(child(baseline=100, target=150, status="missed"), TODAY) is None


# Tree


def test_goal_tree_holds_children_under_long_term_goals():
    long_a = goal(id=1, title="A", horizon="long")
    long_b = goal(id=2, title="B", horizon="long")
    a1 = goal(id=3, title="a1", parent_id=1)
    b1 = goal(id=4, title="b1", parent_id=2)
    a2 = goal(id=5, title="a2", parent_id=1)
    orphan = goal(id=6, title="orphan", parent_id=99)
    loose = goal(id=7, title="loose")
    tree = goal_tree([long_a, long_b, a1, b1, a2, orphan, loose])
    assert [(top.title, [c.title for c in children]) for top, children in tree] == [
        ("A", ["a1", "a2"]), ("B", ["b1"]), ("orphan", []), ("loose", []),
    ]


def test_goal_tree_keeps_deeper_goals_and_cycles():
    top = goal(id=1, title="top", horizon="long")
    middle = goal(id=2, title="middle", horizon="long", parent_id=1)
    deep = goal(id=3, title="deep", parent_id=2)
    x = goal(id=4, title="x", parent_id=5)
    y = goal(id=5, title="y", parent_id=4)
    tree = goal_tree([top, middle, deep, x, y])
    assert [(t.title, [c.title for c in children]) for t, children in tree] == [
        ("top", ["middle", "deep"]), ("x", []), ("y", []),
    ]
    assert sum(1 + len(children) for _, children in tree) == 5
    assert goal_tree([]) == []


# SMART check

RISING = line(90, 0, 100, 1)
"""A metric rising 1 a day for 90 days: 190 today."""


def complete(**changes) -> GoalData:
    """A goal nothing is missing from, on a metric rising 1 a day for 90 days."""
    values = dict(
        title="DAU 200", description="More daily users", metric="dau", target=205, start=TODAY, due=day(-30),
        why="Members come from active users",
    )
    values.update(changes)
    return data(goal(**values), RISING)


def test_a_complete_goal_passes():
    report = smart_check(complete(), TODAY)
    assert report.ok and report.issues == [] and describe_smart(report) == []
    assert report.achievability.verdict == "achievable"


@pytest.mark.parametrize(
    "changes, key",
    [
        ({"description": ""}, "goals.smart.no_description"),
        ({"why": "  "}, "goals.smart.no_why"),
        ({"due": None}, "goals.smart.no_due"),
        ({"target": None}, "goals.smart.no_target"),
        ({"metric": None, "target": None}, "goals.smart.no_measure"),
        ({"target": 150}, "goals.smart.not_beyond_up"),
        ({"target": 190}, "goals.smart.not_beyond_up"),  # equal to the baseline
        ({"start": day(10), "due": day(20)}, "goals.smart.due_before_start"),
        ({"start": day(60), "due": day(3)}, "goals.smart.overdue"),
    ],
)
def test_smart_check_names_what_is_missing(changes, key):
    report = smart_check(complete(**changes), TODAY)
    assert key in keys(report)
    assert len(keys(report)) <= 2  # only what is wrong (a wrong date can also make it unknown)


def test_smart_check_down_metric_direction():
    base = dict(title="CAC", description="d", why="w", metric="cac", start=TODAY, due=day(-30))
    values = line(60, 0, 30, -0.1)
    wrong = smart_check(data(goal(target=30, **base), values, direction="down", unit="元"), TODAY)
    assert keys(wrong) == ["goals.smart.not_beyond_down"]
    assert wrong.issues[0].params == {"metric": "CAC", "target": "30元", "baseline": "24元"}
    assert "lower CAC is better" in wrong.lines()[0]
    assert smart_check(data(goal(target=22, **base), values, direction="down", unit="元"), TODAY).ok


def test_smart_check_other_messages():
    ghost = goal(title="ghost", description="d", why="w", metric="gone", target=3, due=day(-3))
    assert "goals.smart.unknown_metric" in keys(smart_check(data(ghost, known=False), TODAY))
    no_values = goal(title="t", description="d", why="w", metric="dau", target=3, due=day(-3), start=TODAY)
    assert keys(smart_check(data(no_values), TODAY)) == ["goals.smart.no_baseline"]
    same = goal(title="t", description="d", why="w", baseline=5, target=5, due=day(-3))
    assert keys(smart_check(data(same), TODAY)) == ["goals.smart.target_is_baseline"]
    # A long-term goal measured by its children needs no metric of its own (dropped ones do not count).
    parent = goal(id=1, title="p", description="d", why="w", horizon="long", due=day(-30))
    assert "goals.smart.no_measure" in keys(smart_check(data(parent), TODAY))
    dropped = data(goal(title="child", parent_id=1, status="dropped"))
    assert "goals.smart.no_measure" in keys(smart_check(data(parent, children=[dropped]), TODAY))
    assert smart_check(data(parent, children=[data(goal(title="child", parent_id=1))]), TODAY).ok


def test_every_smart_and_forecast_message_exists_in_both_languages():
    english, chinese = i18n.catalog("en"), i18n.catalog("zh")
    produced = {
        "goals.smart." + name
        for name in (
            "no_description", "no_measure", "no_target", "unknown_metric", "no_baseline", "not_beyond_up",
            "not_beyond_down", "target_is_baseline", "no_why", "no_due", "due_before_start", "overdue",
            "achievable", "stretch", "unrealistic", "never_improved", "history_unknown", "reached",
        )
    } | {
        "goals.fc." + name
        for name in ("projected", "projected_checkins", "due_passed", "from_children", "too_little_data", "too_few_checkins", "no_due",
                     "no_target", "no_baseline")
    } | {f"goals.outlook.{s.replace('-', '_')}" for s in FORECAST_STATUSES} | {f"goals.status.{s}" for s in GOAL_STATUSES}
    assert sorted(produced - set(english)) == [] and sorted(produced - set(chinese)) == []


def test_smart_messages_in_chinese():
    i18n.set_language("zh")
    report = smart_check(complete(description="", due=None), TODAY)
    assert report.lines() == ["没有描述：具体要改变什么、针对谁？（明确 S）", "没有截止日期。（有时限 T）"]


# Achievability


def test_achievability_verdicts():
    # The metric rose 1 a day for 90 days: its best 30-day change is +30.
    found = achievability(complete(target=220, due=day(-30)), TODAY)  # needs +30 per 30 days
    assert (found.verdict, found.needed, found.best, found.ratio) == ("achievable", pytest.approx(30), pytest.approx(30), pytest.approx(1))
    report = smart_check(complete(target=250, due=day(-30)), TODAY)  # +60
    assert report.achievability.verdict == "stretch" and keys(report) == ["goals.smart.stretch"]
    assert report.lines() == ["A stretch: needs 2.0× your best 30-day change so far (+60 per 30 days; best +30)."]
    report = smart_check(complete(target=280, due=day(-30)), TODAY)  # +90
    assert report.achievability.verdict == "unrealistic"
    assert "needs 3.0× your best 30-day change so far" in report.lines()[0]
    assert smart_check(complete(target=150, baseline=100, due=day(-30)), TODAY).achievability.verdict == "achievable"


def test_achievability_of_a_down_metric():
    values = line(90, 0, 9, -0.02)  # -0.6 pp per 30 days at best
    base = dict(title="churn", description="d", why="w", metric="churn", start=TODAY, due=day(-30))
    # Today 7.2: 6.7 in 30 days needs -0.5.
    fine = achievability(data(goal(target=6.7, **base), values, direction="down", unit="%"), TODAY)
    assert fine.verdict == "achievable" and fine.needed == pytest.approx(-0.5)
    assert fine.best == pytest.approx(-0.6)
    hard = smart_check(data(goal(target=5, **base), values, direction="down", unit="%"), TODAY)
    assert hard.achievability.verdict == "unrealistic"
    assert hard.achievability.ratio == pytest.approx(2.2 / 0.6)
    assert hard.lines() == ["Unrealistic: needs 3.7× your best 30-day change so far (-2.2 pp per 30 days; best -0.6 pp)."]


def test_achievability_unknown_or_never_improved():
    short = goal(title="t", description="d", why="w", metric="dau", target=200, due=day(-30))
    report = smart_check(data(short, line(15, 0, 100, 1)), TODAY)  # 15 days only
    assert report.achievability.verdict == "unknown" and report.ok
    assert "less than 30 days" in report.achievability.text
    falling = goal(title="t", description="d", why="w", metric="flat", target=100, due=day(-30))
    report = smart_check(data(falling, line(60, 0, 100, -0.5)), TODAY)
    assert report.achievability.verdict == "unrealistic" and keys(report) == ["goals.smart.never_improved"]


def test_achievability_is_judged_on_the_history_and_needs_it():
    item = complete(target=250)
    assert achievability(GoalData(item.goal, item.metric, values=item.values, history=item.values), TODAY).verdict == "stretch"
    # The same values, a history that never rose: the history decides.
    flat = points({offset: 190.0 for offset in range(90, -1, -1)})
    assert achievability(GoalData(item.goal, item.metric, values=item.values, history=flat), TODAY).verdict == "unrealistic"
    with pytest.raises(ValueError, match="history"):
        achievability(GoalData(item.goal, item.metric, values=item.values), TODAY)
    by_checkins = goal(title="creators", target=30, start=day(60), due=day(-30))
    assert achievability(data(by_checkins, checkins={60: 0, 30: 10, 0: 20}), TODAY).verdict == "achievable"


def test_best_change_reads_weekly_data():
    weekly = [(day(offset), 100 + (63 - offset)) for offset in range(63, -1, -7)]
    assert best_change(weekly, 1) == pytest.approx(30)
    assert best_change(weekly, -1) == pytest.approx(30)  # never down: the least bad up-move
    assert best_change(weekly[:3], 1) is None  # 14 days apart at most
    bumpy = [(day(60), 10.0), (day(30), 40.0), (day(0), 25.0)]
    assert best_change(bumpy, 1) == pytest.approx(30)
    assert best_change(bumpy, -1) == pytest.approx(-15)


# Forecast

CLIMB = line(27, 0, 100, 1)
"""100 → 127 today."""


def trending(target: float, *, values=CLIMB, direction="up", **changes) -> GoalData:
    values_of_goal = dict(metric="dau", baseline=100, target=target, start=day(30), due=day(-13))
    values_of_goal.update(changes)
    return data(goal(**values_of_goal), values, direction=direction)


@pytest.mark.parametrize(
    "target, status",
    [(140, "on-track"), (139, "on-track"), (140 / 0.8 - 25, "at-risk"), (145, "at-risk"), (151, "off-track"), (200, "off-track")],
)
def test_forecast_statuses(target, status):
    # The line reaches 140 on the due date: 40 of the way from 100.
    result = forecast(trending(target), TODAY)
    assert result.projected == pytest.approx(140)
    assert result.slope_per_day == pytest.approx(1)
    assert result.status == status
    assert result.projected_progress == pytest.approx(40 / (target - 100))


def test_forecast_threshold_is_eighty_percent():
    assert AT_RISK == 0.8
    assert status_for(0.8) == "at-risk" and status_for(0.79) == "off-track"
    assert status_for(1.0) == "on-track" and status_for(None) is None


def test_fit_line_is_least_squares_and_needs_two_days():
    intercept, slope = fit_line([(day(2), 1.0), (day(1), 2.0), (TODAY, 6.0)], TODAY)
    assert (intercept, slope) == (pytest.approx(5.5), pytest.approx(2.5))
    assert fit_line([(TODAY, 1.0), (TODAY, 3.0)], TODAY) is None
    assert fit_line([(TODAY, 1.0)], TODAY) is None


def test_forecast_points_run_from_today_to_the_due_date():
    result = forecast(trending(140), TODAY)
    assert result.points[0] == (TODAY, pytest.approx(127))
    assert result.points[-1] == (day(-13), pytest.approx(140))
    assert len(result.points) == 14
    far = forecast(trending(1000, due=day(-1000)), TODAY)
    assert len(far.points) <= MAX_CHART_POINTS + 1 and far.points[-1][0] == day(-1000)


def test_forecast_of_a_down_metric():
    values = line(27, 0, 30, -0.2)  # 30 → 24.6 today, 22 in 13 days
    assert forecast(trending(22, values=values, direction="down", metric="cac", baseline=30), TODAY).status == "on-track"
    assert forecast(trending(15, values=values, direction="down", metric="cac", baseline=30), TODAY).status == "off-track"


def test_forecast_uses_only_the_window():
    # A steep rise long ago, flat for the last four weeks: the recent trend goes nowhere.
    item = trending(80, values={**line(90, 30, 0, 1), **{offset: 60.0 for offset in range(29, -1, -1)}}, baseline=60)
    result = forecast(item, TODAY)
    assert result.status == "off-track" and result.projected == pytest.approx(60)
    assert forecast(item, TODAY, window_days=120).status == "on-track"


def test_forecast_ignores_values_after_today():
    item = trending(140, values={**CLIMB, -3: 500})
    assert forecast(item, TODAY) == forecast(trending(140), TODAY)


def test_forecast_needs_data_and_a_due_date():
    result = forecast(trending(140, values={3: 100, 2: 101, 1: 102, 0: 103}), TODAY)
    assert (result.status, result.reason, result.points) == (None, "too_little_data", [])
    assert "at least 5 values" in result.text
    undated = trending(140, due=None)
    assert forecast(undated, TODAY).reason == "no_due"
    assert forecast(trending(None, due=day(-3), baseline=None), TODAY).reason == "no_target"
    assert forecast(trending(100), TODAY).reason == "no_baseline"  # the target is the baseline
    assert describe_forecast(forecast(undated, TODAY)) == "No due date: nothing to forecast to."


def test_forecast_after_the_due_date_uses_where_it_stood():
    result = forecast(trending(120, due=day(10)), TODAY)  # 117 then
    assert (result.status, result.reason, result.projected) == ("at-risk", "due_passed", 117)
    assert forecast(trending(115, due=day(10)), TODAY).status == "on-track"
    assert forecast(trending(115, due=day(40)), TODAY).reason == "too_little_data"  # no value by then


def test_forecast_of_a_goal_tracked_by_checkins():
    item = goal(title="creators", target=30, start=day(28), due=day(-12))
    assert forecast(data(item), TODAY).reason == "too_few_checkins"
    assert forecast(data(item, checkins={28: 0}), TODAY).reason == "too_few_checkins"
    result = forecast(data(item, checkins={28: 0, 0: 21}), TODAY)  # 0.75 a day: 30 in 12 days
    assert result.status == "on-track" and result.projected == pytest.approx(30)
    assert (result.source, result.used) == ("checkins", 2)
    assert result.text == f"The trend of the last 2 check-in values reaches 30 by {day(-12).isoformat()} (target 30): 100% of the way."
    # One value after the start: the start's baseline makes the second point.
    late = data(goal(title="late", target=30, start=day(10), due=day(-10)), checkins={0: 10})
    assert forecast(late, TODAY).projected == pytest.approx(20)
    assert forecast(late, TODAY).status == "off-track"
    # Only the last six values count.
    many = data(item, checkins={**{offset: 100.0 for offset in range(20, 10, -1)}, **{offset: 30 - offset for offset in range(5, -1, -1)}})
    assert forecast(many, TODAY).used == 6 and forecast(many, TODAY).slope_per_day == pytest.approx(1)


def test_forecast_of_a_long_term_goal_from_its_children():
    parent = goal(title="p", horizon="long", due=day(-30))
    assert forecast(data(parent), TODAY).reason == "too_little_data"
    children = [trending(140), trending(160), data(goal(title="done", status="achieved")),
                trending(300, status="dropped")]  # on track: 1; 40/60; done: 1; dropped: left out
    result = forecast(data(parent, children=children), TODAY)
    assert result.reason == "from_children"
    assert result.projected_progress == pytest.approx((1 + 2 / 3 + 1) / 3)
    assert result.status == "at-risk"
    assert "89%" in result.text


# Summaries


def test_summaries_in_tree_order():
    parent = data(goal(id=1, title="p", horizon="long"))
    child_data = trending(120, id=2, parent_id=1)
    loose = data(goal(id=3, title="loose"))
    rows = summarize([loose, child_data, parent], TODAY)
    assert [(r.goal.id, r.depth) for r in rows] == [(3, 0), (1, 0), (2, 1)]  # the child follows its parent
    rows = summarize([parent, child_data, loose], TODAY)
    assert [(r.goal.id, r.depth) for r in rows] == [(1, 0), (2, 1), (3, 0)]
    assert rows[1].suggestion == "achieved" and rows[1].progress == pytest.approx(27 / 20)
    assert rows[1].forecast.status == "on-track"
    assert rows[0].suggestion is None and rows[0].progress is None
