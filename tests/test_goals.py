"""Goal services: progress, baseline, SMART check, achievability, forecast, status, tree."""

from __future__ import annotations

import datetime as dt

import pytest

from growthlog import i18n
from growthlog.models import CheckIn, Goal, Metric
from growthlog.services import goals as g

TODAY = dt.date(2026, 11, 20)


def day(offset: int) -> dt.date:
    """``offset`` days before TODAY (negative: after it)."""
    return TODAY - dt.timedelta(days=offset)


def define(store, key: str = "dau", direction: str = "up", unit: str = "") -> Metric:
    return store.define_metric(Metric(key=key, name=key.upper(), unit=unit, direction=direction))


def record(store, key: str, values: dict[int, float]) -> None:
    """Values by offset (days before TODAY)."""
    store.record_many([(key, day(offset).isoformat(), float(value), "", "import") for offset, value in values.items()])


def line(first: int, last: int, start: float, per_day: float) -> dict[int, float]:
    """Daily values from ``first`` days ago to ``last`` days ago, rising by ``per_day``."""
    return {offset: start + per_day * (first - offset) for offset in range(first, last - 1, -1)}


def goal(**values) -> Goal:
    values.setdefault("title", "A goal")
    return Goal(**values)


def add(store, **values) -> Goal:
    return store.add_goal(goal(**values))


def checkin(store, goal_id: int, offset: int, value: float | None, confidence: str = "on-track") -> None:
    store.add_checkin(CheckIn(goal_id=goal_id, day=day(offset), value=value, confidence=confidence))


def keys(report: g.SmartReport) -> list[str]:
    return [issue.key for issue in report.issues]


# Progress


def test_progress_of_an_up_metric(memory_store):
    define(memory_store)
    record(memory_store, "dau", {30: 100, 10: 130, 0: 150})
    item = add(memory_store, metric="dau", baseline=100, target=200, start=day(30), due=day(-30))
    assert g.goal_progress(item, memory_store, TODAY) == pytest.approx(0.5)
    # On an earlier day, the value then counts; before any value, there is none.
    assert g.goal_progress(item, memory_store, day(5)) == pytest.approx(0.3)
    assert g.goal_progress(item, memory_store, day(40)) is None


def test_progress_of_a_down_metric(memory_store):
    define(memory_store, "cac", "down")
    record(memory_store, "cac", {20: 30, 0: 25})
    item = add(memory_store, metric="cac", baseline=30, target=20, start=day(20))
    assert g.goal_progress(item, memory_store, TODAY) == pytest.approx(0.5)
    record(memory_store, "cac", {0: 33})
    assert g.goal_progress(item, memory_store, TODAY) == pytest.approx(-0.3)
    record(memory_store, "cac", {0: 18})
    assert g.goal_progress(item, memory_store, TODAY) == pytest.approx(1.2)


def test_progress_cannot_be_computed(memory_store):
    define(memory_store)
    record(memory_store, "dau", {0: 10})
    assert g.goal_progress(add(memory_store, metric="dau", baseline=5), memory_store, TODAY) is None
    assert g.goal_progress(add(memory_store, metric="dau", baseline=10, target=10), memory_store, TODAY) is None
    assert g.goal_progress(add(memory_store, title="no values", target=3), memory_store, TODAY) is None


def test_progress_of_a_goal_tracked_by_checkins(memory_store):
    item = add(memory_store, title="Sign 30 creators", target=30, start=day(20))
    checkin(memory_store, item.id, 15, 6)
    checkin(memory_store, item.id, 8, None, "at-risk")  # no value: does not count
    checkin(memory_store, item.id, 5, 12)
    checkin(memory_store, item.id, -3, 20)  # after the day asked about
    # Counted from 0 when no baseline is given.
    assert g.goal_progress(item, memory_store, TODAY) == pytest.approx(0.4)
    assert g.goal_progress(item, memory_store, day(10)) == pytest.approx(0.2)
    with_baseline = add(memory_store, title="NPS", baseline=30, target=40)
    checkin(memory_store, with_baseline.id, 1, 35)
    assert g.goal_progress(with_baseline, memory_store, TODAY) == pytest.approx(0.5)


def test_baseline_defaults_to_the_value_on_or_just_before_the_start(memory_store):
    define(memory_store)
    record(memory_store, "dau", {40: 80, 31: 90, 29: 95, 0: 110})
    on_start = add(memory_store, metric="dau", target=120, start=day(31))
    assert g.goal_baseline(on_start, memory_store, TODAY) == 90
    assert g.goal_progress(on_start, memory_store, TODAY) == pytest.approx(20 / 30)
    gap_on_start = add(memory_store, metric="dau", target=120, start=day(30))
    assert g.goal_baseline(gap_on_start, memory_store, TODAY) == 90
    before_any = add(memory_store, metric="dau", target=120, start=day(50))
    assert g.goal_baseline(before_any, memory_store, TODAY) == 80  # the first value after the start
    given = add(memory_store, metric="dau", baseline=100, target=120, start=day(31))
    assert g.goal_baseline(given, memory_store, TODAY) == 100


def test_without_a_start_the_creation_day_is_the_start(memory_store):
    define(memory_store)
    record(memory_store, "dau", {10: 50, 5: 60, 0: 70})
    created = dt.datetime.combine(day(5), dt.time(9))
    item = add(memory_store, metric="dau", target=80, created=created, updated=created)
    assert g.start_day(item) == day(5)
    assert g.goal_progress(item, memory_store, TODAY) == pytest.approx(0.5)


def test_baseline_is_none_without_any_value(memory_store):
    define(memory_store)
    item = add(memory_store, metric="dau", target=80, start=day(5))
    assert g.goal_baseline(item, memory_store, TODAY) is None
    assert g.goal_progress(item, memory_store, TODAY) is None


def test_long_term_goal_without_metric_takes_the_mean_of_its_children(memory_store):
    define(memory_store)
    record(memory_store, "dau", {10: 100, 0: 150})
    parent = add(memory_store, title="Grow", horizon="long")
    add(memory_store, metric="dau", baseline=100, target=200, parent_id=parent.id)  # 0.5
    add(memory_store, metric="dau", baseline=100, target=120, parent_id=parent.id)  # 2.5, counted as 1
    add(memory_store, metric="dau", baseline=100, target=125, parent_id=parent.id, status="dropped")
    assert g.goal_progress(parent, memory_store, TODAY) == pytest.approx(0.75)
    backwards = add(memory_store, metric="dau", baseline=200, target=300, parent_id=parent.id)  # -0.5 → 0
    assert g.goal_progress(backwards, memory_store, TODAY) == pytest.approx(-0.5)
    assert g.goal_progress(parent, memory_store, TODAY) == pytest.approx(0.5)
    done = add(memory_store, title="done by hand", parent_id=parent.id, status="achieved")  # no value: counts 1
    assert g.goal_progress(done, memory_store, TODAY) is None
    assert g.goal_progress(parent, memory_store, TODAY) == pytest.approx(2.5 / 4)
    assert g.goal_progress(add(memory_store, title="empty", horizon="long"), memory_store, TODAY) is None


def test_long_term_goal_with_its_own_metric_uses_it(memory_store):
    define(memory_store)
    record(memory_store, "dau", {10: 100, 0: 110})
    parent = add(memory_store, horizon="long", metric="dau", baseline=100, target=200)
    add(memory_store, metric="dau", baseline=100, target=110, parent_id=parent.id)
    assert g.goal_progress(parent, memory_store, TODAY) == pytest.approx(0.1)


def test_children_in_a_cycle_do_not_recurse_forever(memory_store):
    a = goal(id=1, title="a", horizon="long", parent_id=2)
    b = goal(id=2, title="b", horizon="long", parent_id=1)
    assert g.goal_progress(a, memory_store, TODAY, goals=[a, b]) is None
    assert g.forecast(a.model_copy(update={"due": day(-5)}), memory_store, TODAY, goals=[a, b]).status is None


def test_suggests_achieved_only_when_progress_reaches_one(memory_store):
    define(memory_store)
    record(memory_store, "dau", {0: 150})
    reached = add(memory_store, metric="dau", baseline=100, target=150)
    short = add(memory_store, metric="dau", baseline=100, target=151)
    assert g.suggest_status(reached, memory_store, TODAY) == "achieved"
    assert g.suggest_status(short, memory_store, TODAY) is None
    assert g.suggest_status(reached.model_copy(update={"status": "missed"}), memory_store, TODAY) is None
    # Only a suggestion: nothing changed.
    assert memory_store.get_goal(reached.id).status == "active"


def test_set_status(memory_store):
    item = add(memory_store, title="x")
    assert g.set_status(memory_store, item.id, "achieved").status == "achieved"
    assert memory_store.get_goal(item.id).status == "achieved"
    assert g.set_status(memory_store, item.id, "active").status == "active"
    with pytest.raises(g.GoalError, match="not a goal status"):
        g.set_status(memory_store, item.id, "done")
    with pytest.raises(g.GoalError, match="No goal with id 99"):
        g.set_status(memory_store, 99, "missed")
    i18n.set_language("zh")
    with pytest.raises(g.GoalError, match="没有编号为 99 的目标"):
        g.set_status(memory_store, 99, "missed")


# Tree


def test_goal_tree_holds_children_under_long_term_goals():
    long_a = goal(id=1, title="A", horizon="long")
    long_b = goal(id=2, title="B", horizon="long")
    a1 = goal(id=3, title="a1", parent_id=1)
    b1 = goal(id=4, title="b1", parent_id=2)
    a2 = goal(id=5, title="a2", parent_id=1)
    orphan = goal(id=6, title="orphan", parent_id=99)
    loose = goal(id=7, title="loose")
    tree = g.goal_tree([long_a, long_b, a1, b1, a2, orphan, loose])
    assert [(top.title, [c.title for c in children]) for top, children in tree] == [
        ("A", ["a1", "a2"]), ("B", ["b1"]), ("orphan", []), ("loose", []),
    ]


def test_goal_tree_keeps_deeper_goals_and_cycles():
    top = goal(id=1, title="top", horizon="long")
    middle = goal(id=2, title="middle", horizon="long", parent_id=1)
    deep = goal(id=3, title="deep", parent_id=2)
    x = goal(id=4, title="x", parent_id=5)
    y = goal(id=5, title="y", parent_id=4)
    tree = g.goal_tree([top, middle, deep, x, y])
    assert [(t.title, [c.title for c in children]) for t, children in tree] == [
        ("top", ["middle", "deep"]), ("x", []), ("y", []),
    ]
    assert sum(1 + len(children) for _, children in tree) == 5
    assert g.goal_tree([]) == []


# SMART check


def complete_goal(store, **changes) -> Goal:
    """A goal nothing is missing from, on a metric rising 1 a day for 90 days."""
    if store.get_metric("dau") is None:
        define(store)
        record(store, "dau", line(90, 0, 100, 1))
    values = dict(
        title="DAU 200", description="More daily users", metric="dau", target=205, start=TODAY, due=day(-30),
        why="Members come from active users",
    )
    values.update(changes)
    return add(store, **values)


def test_a_complete_goal_passes(memory_store):
    report = g.smart_check(complete_goal(memory_store), memory_store, TODAY)
    assert report.ok and report.issues == [] and g.describe_smart(report) == []
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
def test_smart_check_names_what_is_missing(memory_store, changes, key):
    report = g.smart_check(complete_goal(memory_store, **changes), memory_store, TODAY)
    assert key in keys(report)
    assert len(keys(report)) <= 2  # only what is wrong (a wrong date can also make it unknown)


def test_smart_check_down_metric_direction(memory_store):
    define(memory_store, "cac", "down", "元")
    record(memory_store, "cac", line(60, 0, 30, -0.1))
    base = dict(title="CAC", description="d", why="w", metric="cac", start=TODAY, due=day(-30))
    wrong = g.smart_check(add(memory_store, target=30, **base), memory_store, TODAY)
    assert keys(wrong) == ["goals.smart.not_beyond_down"]
    assert wrong.issues[0].params == {"metric": "CAC", "target": "30元", "baseline": "24元"}
    assert "lower CAC is better" in wrong.lines()[0]
    right = g.smart_check(add(memory_store, target=22, **base), memory_store, TODAY)
    assert right.ok


def test_smart_check_other_messages(memory_store):
    ghost = goal(title="ghost", description="d", why="w", metric="gone", target=3, due=day(-3))
    assert "goals.smart.unknown_metric" in keys(g.smart_check(ghost, memory_store, TODAY))
    define(memory_store)
    no_values = add(memory_store, title="t", description="d", why="w", metric="dau", target=3, due=day(-3), start=TODAY)
    assert keys(g.smart_check(no_values, memory_store, TODAY)) == ["goals.smart.no_baseline"]
    same = add(memory_store, title="t", description="d", why="w", baseline=5, target=5, due=day(-3))
    assert keys(g.smart_check(same, memory_store, TODAY)) == ["goals.smart.target_is_baseline"]
    # A long-term goal measured by its children needs no metric of its own.
    parent = add(memory_store, title="p", description="d", why="w", horizon="long", due=day(-30))
    assert "goals.smart.no_measure" in keys(g.smart_check(parent, memory_store, TODAY))
    add(memory_store, title="child", parent_id=parent.id)
    assert g.smart_check(parent, memory_store, TODAY).ok


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
    } | {f"goals.outlook.{s.replace('-', '_')}" for s in g.FORECAST_STATUSES} | {f"goals.status.{s}" for s in g.GOAL_STATUSES}
    assert sorted(produced - set(english)) == [] and sorted(produced - set(chinese)) == []


def test_smart_messages_in_chinese(memory_store):
    i18n.set_language("zh")
    report = g.smart_check(complete_goal(memory_store, description="", due=None), memory_store, TODAY)
    assert report.lines() == ["没有描述：具体要改变什么、针对谁？（明确 S）", "没有截止日期。（有时限 T）"]


# Achievability


def test_achievability_verdicts(memory_store):
    # The metric rose 1 a day for 90 days: its best 30-day change is +30.
    achievable = complete_goal(memory_store, target=220, due=day(-30))  # needs +30 per 30 days
    stretch = complete_goal(memory_store, target=250, due=day(-30))  # +60
    unrealistic = complete_goal(memory_store, target=280, due=day(-30))  # +90
    reached = complete_goal(memory_store, target=150, baseline=100, due=day(-30))
    found = g.achievability(achievable, memory_store, TODAY, metric=memory_store.get_metric("dau"))
    assert (found.verdict, found.needed, found.best, found.ratio) == ("achievable", pytest.approx(30), pytest.approx(30), pytest.approx(1))
    report = g.smart_check(stretch, memory_store, TODAY)
    assert report.achievability.verdict == "stretch" and keys(report) == ["goals.smart.stretch"]
    assert report.lines() == ["A stretch: needs 2.0× your best 30-day change so far (+60 per 30 days; best +30)."]
    report = g.smart_check(unrealistic, memory_store, TODAY)
    assert report.achievability.verdict == "unrealistic"
    assert "needs 3.0× your best 30-day change so far" in report.lines()[0]
    assert g.smart_check(reached, memory_store, TODAY).achievability.verdict == "achievable"


def test_achievability_of_a_down_metric(memory_store):
    define(memory_store, "churn", "down", "%")
    record(memory_store, "churn", line(90, 0, 9, -0.02))  # -0.6 pp per 30 days at best
    base = dict(title="churn", description="d", why="w", metric="churn", start=TODAY, due=day(-30))
    # Today 7.2: 6.7 in 30 days needs -0.5.
    fine = g.achievability(add(memory_store, target=6.7, **base), memory_store, TODAY, metric=memory_store.get_metric("churn"))
    assert fine.verdict == "achievable" and fine.needed == pytest.approx(-0.5)
    assert fine.best == pytest.approx(-0.6)
    hard = g.smart_check(add(memory_store, target=5, **base), memory_store, TODAY)
    assert hard.achievability.verdict == "unrealistic"
    assert hard.achievability.ratio == pytest.approx(2.2 / 0.6)
    assert hard.lines() == ["Unrealistic: needs 3.7× your best 30-day change so far (-2.2 pp per 30 days; best -0.6 pp)."]


def test_achievability_unknown_or_never_improved(memory_store):
    define(memory_store)
    record(memory_store, "dau", line(15, 0, 100, 1))  # 15 days only
    short = add(memory_store, title="t", description="d", why="w", metric="dau", target=200, due=day(-30))
    report = g.smart_check(short, memory_store, TODAY)
    assert report.achievability.verdict == "unknown" and report.ok
    assert "less than 30 days" in report.achievability.text
    define(memory_store, "flat")
    record(memory_store, "flat", line(60, 0, 100, -0.5))
    falling = add(memory_store, title="t", description="d", why="w", metric="flat", target=100, due=day(-30))
    report = g.smart_check(falling, memory_store, TODAY)
    assert report.achievability.verdict == "unrealistic" and keys(report) == ["goals.smart.never_improved"]


def test_best_change_reads_weekly_data():
    weekly = [(day(offset), 100 + (63 - offset)) for offset in range(63, -1, -7)]
    assert g.best_change(weekly, 1) == pytest.approx(30)
    assert g.best_change(weekly, -1) == pytest.approx(30)  # never down: the least bad up-move
    assert g.best_change(weekly[:3], 1) is None  # 14 days apart at most
    bumpy = [(day(60), 10.0), (day(30), 40.0), (day(0), 25.0)]
    assert g.best_change(bumpy, 1) == pytest.approx(30)
    assert g.best_change(bumpy, -1) == pytest.approx(-15)


# Forecast


def forecast_goal(store, target: float, *, values=None, key="dau", direction="up", **changes) -> Goal:
    if store.get_metric(key) is None:
        define(store, key, direction)
        record(store, key, values if values is not None else line(27, 0, 100, 1))  # 100 → 127 today
    return add(store, metric=key, baseline=changes.pop("baseline", 100), target=target, start=day(30),
               due=changes.pop("due", day(-13)), **changes)


@pytest.mark.parametrize(
    "target, status",
    [(140, "on-track"), (139, "on-track"), (140 / 0.8 - 25, "at-risk"), (145, "at-risk"), (151, "off-track"), (200, "off-track")],
)
def test_forecast_statuses(memory_store, target, status):
    # The line reaches 140 on the due date: 40 of the way from 100.
    result = g.forecast(forecast_goal(memory_store, target), memory_store, TODAY)
    assert result.projected == pytest.approx(140)
    assert result.slope_per_day == pytest.approx(1)
    assert result.status == status
    assert result.projected_progress == pytest.approx(40 / (target - 100))


def test_forecast_threshold_is_eighty_percent(memory_store):
    assert g.AT_RISK == 0.8
    assert g.status_for(0.8) == "at-risk" and g.status_for(0.79) == "off-track"
    assert g.status_for(1.0) == "on-track" and g.status_for(None) is None


def test_forecast_points_run_from_today_to_the_due_date(memory_store):
    result = g.forecast(forecast_goal(memory_store, 140), memory_store, TODAY)
    assert result.points[0] == (TODAY, pytest.approx(127))
    assert result.points[-1] == (day(-13), pytest.approx(140))
    assert len(result.points) == 14
    far = g.forecast(forecast_goal(memory_store, 1000, due=day(-1000)), memory_store, TODAY)
    assert len(far.points) <= g.MAX_CHART_POINTS + 1 and far.points[-1][0] == day(-1000)


def test_forecast_of_a_down_metric(memory_store):
    values = line(27, 0, 30, -0.2)  # 30 → 24.6 today, 22 in 13 days
    on_track = forecast_goal(memory_store, 22, values=values, key="cac", direction="down", baseline=30)
    assert g.forecast(on_track, memory_store, TODAY).status == "on-track"
    behind = forecast_goal(memory_store, 15, values=values, key="cac", direction="down", baseline=30)
    assert g.forecast(behind, memory_store, TODAY).status == "off-track"


def test_forecast_uses_only_the_window(memory_store):
    # A steep rise long ago, flat for the last four weeks: the recent trend goes nowhere.
    values = {**line(90, 30, 0, 1), **{offset: 60.0 for offset in range(29, -1, -1)}}
    item = forecast_goal(memory_store, 80, values=values, baseline=60)
    result = g.forecast(item, memory_store, TODAY)
    assert result.status == "off-track" and result.projected == pytest.approx(60)
    assert g.forecast(item, memory_store, TODAY, window_days=120).status == "on-track"


def test_forecast_needs_data_and_a_due_date(memory_store):
    few = forecast_goal(memory_store, 140, values={3: 100, 2: 101, 1: 102, 0: 103})
    result = g.forecast(few, memory_store, TODAY)
    assert (result.status, result.reason, result.points) == (None, "too_little_data", [])
    assert "at least 5 values" in result.text
    undated = add(memory_store, metric="dau", baseline=100, target=140)
    assert g.forecast(undated, memory_store, TODAY).reason == "no_due"
    untargeted = add(memory_store, metric="dau", due=day(-3))
    assert g.forecast(untargeted, memory_store, TODAY).reason == "no_target"
    assert g.describe_forecast(g.forecast(undated, memory_store, TODAY)) == "No due date: nothing to forecast to."


def test_forecast_after_the_due_date_uses_where_it_stood(memory_store):
    item = forecast_goal(memory_store, 120, due=day(10))  # 117 then
    result = g.forecast(item, memory_store, TODAY)
    assert (result.status, result.reason, result.projected) == ("at-risk", "due_passed", 117)
    reached = forecast_goal(memory_store, 115, due=day(10))
    assert g.forecast(reached, memory_store, TODAY).status == "on-track"


def test_forecast_of_a_goal_tracked_by_checkins(memory_store):
    item = add(memory_store, title="creators", target=30, start=day(28), due=day(-12))
    assert g.forecast(item, memory_store, TODAY).reason == "too_few_checkins"
    checkin(memory_store, item.id, 28, 0)
    assert g.forecast(item, memory_store, TODAY).reason == "too_few_checkins"
    checkin(memory_store, item.id, 0, 21)  # 0.75 a day: 30 in 12 days
    result = g.forecast(item, memory_store, TODAY)
    assert result.status == "on-track" and result.projected == pytest.approx(30)
    assert (result.source, result.used) == ("checkins", 2)
    assert result.text == f"The trend of the last 2 check-in values reaches 30 by {day(-12).isoformat()} (target 30): 100% of the way."
    # One value after the start: the start's baseline makes the second point.
    late = add(memory_store, title="late", target=30, start=day(10), due=day(-10))
    checkin(memory_store, late.id, 0, 10)
    assert g.forecast(late, memory_store, TODAY).projected == pytest.approx(20)
    assert g.forecast(late, memory_store, TODAY).status == "off-track"


def test_forecast_of_a_long_term_goal_from_its_children(memory_store):
    parent = add(memory_store, title="p", horizon="long", due=day(-30))
    assert g.forecast(parent, memory_store, TODAY).reason == "too_little_data"
    forecast_goal(memory_store, 140, parent_id=parent.id)  # on track: 1
    forecast_goal(memory_store, 160, parent_id=parent.id)  # 40/60
    add(memory_store, title="done", parent_id=parent.id, status="achieved")
    result = g.forecast(parent, memory_store, TODAY)
    assert result.reason == "from_children"
    assert result.projected_progress == pytest.approx((1 + 2 / 3 + 1) / 3)
    assert result.status == "at-risk"
    assert "89%" in result.text


def test_summaries_in_tree_order(memory_store):
    parent = add(memory_store, title="p", horizon="long")
    child = forecast_goal(memory_store, 120, parent_id=parent.id)
    loose = add(memory_store, title="loose")
    rows = g.summarize_goals(memory_store, TODAY)
    assert [(r.goal.id, r.depth) for r in rows] == [(parent.id, 0), (child.id, 1), (loose.id, 0)]
    assert rows[1].suggestion == "achieved" and rows[1].progress == pytest.approx(27 / 20)
    assert rows[1].forecast.status == "on-track"
