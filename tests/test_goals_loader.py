"""The goal services that reach the store: the loader reads the right values once (windows, the
value before them, check-ins, children, history), and status changes write."""

from __future__ import annotations

import collections
import datetime as dt

import pytest

from growthlog import i18n
from growthlog.models import CheckIn, Goal, Metric
from growthlog.services.goals.data import GoalData
from growthlog.services.goals.forecast import forecast
from growthlog.services.goals.loader import load_goal, load_goal_data, summarize_goals
from growthlog.services.goals.progress import goal_baseline, goal_progress
from growthlog.services.goals.smart import smart_check
from growthlog.services.goals.status import GoalError, set_status

TODAY = dt.date(2026, 11, 20)


def day(offset: int) -> dt.date:
    """``offset`` days before TODAY (negative: after it)."""
    return TODAY - dt.timedelta(days=offset)


def define(store, key: str = "dau", direction: str = "up") -> None:
    store.define_metric(Metric(key=key, name=key.upper(), direction=direction))


def record(store, key: str, values: dict[int, float]) -> None:
    """Values by offset (days before TODAY)."""
    store.record_many([(key, day(offset).isoformat(), float(value), "", "import") for offset, value in values.items()])


def add(store, **values) -> Goal:
    values.setdefault("title", "A goal")
    return store.add_goal(Goal(**values))


def checkin(store, goal_id: int, offset: int, value: float | None) -> None:
    store.add_checkin(CheckIn(goal_id=goal_id, day=day(offset), value=value, confidence="on-track"))


def counting(store, monkeypatch, *names: str) -> collections.Counter:
    """Count the calls of these store methods."""
    calls: collections.Counter = collections.Counter()
    for name in names:
        method = getattr(store, name)

        def counted(*args, _name=name, _method=method, **kwargs):
            calls[_name] += 1
            return _method(*args, **kwargs)

        monkeypatch.setattr(store, name, counted)
    return calls


def whole(store, goal: Goal, children=()) -> GoalData:
    """The goal with its metric's every value: what the loaded data must answer like."""
    series = store.series(goal.metric) if goal.metric else []
    checkins = [(c.day, c.value) for c in store.checkins(goal.id) if c.value is not None]
    return GoalData(goal, store.get_metric(goal.metric) if goal.metric else None, series, None, checkins,
                    [p for p in series if p[0] <= TODAY] if goal.metric else None, tuple(children))


def test_one_read_per_metric_for_every_goal_that_shares_it(memory_store, monkeypatch):
    define(memory_store)
    define(memory_store, "cac", "down")
    record(memory_store, "dau", {offset: 100 + (120 - offset) for offset in range(120, -1, -1)})
    record(memory_store, "cac", {offset: 30 - offset / 100 for offset in range(90, -1, -1)})
    goals = [
        add(memory_store, metric="dau", target=300, start=day(60), due=day(-30)),
        add(memory_store, metric="dau", target=250, start=day(10), due=day(-20)),
        add(memory_store, metric="dau", baseline=150, target=260, start=day(90), due=day(-40)),
        add(memory_store, metric="cac", target=20, start=day(5), due=day(-10)),
        add(memory_store, metric="cac", target=25, start=day(30), due=day(-10)),
    ]
    calls = counting(memory_store, monkeypatch, "series", "latest", "checkins", "get_metric")
    loaded = load_goal_data(memory_store, goals, TODAY)
    assert calls == {"series": 2}  # one read a metric; every window starts with a value
    dau = loaded[0]
    assert all(item.values is dau.values for item in loaded[:3])
    assert (dau.values[0][0], dau.values[-1][0], dau.value_before, dau.history) == (day(90), TODAY, None, None)
    assert loaded[3].values is loaded[4].values and loaded[3].values[0][0] == day(30)
    assert [item.metric.key for item in loaded] == ["dau"] * 3 + ["cac"] * 2
    for goal, item in zip(goals, loaded):
        reference = whole(memory_store, goal)
        assert goal_progress(item, TODAY) == goal_progress(reference, TODAY)
        assert forecast(item, TODAY) == forecast(reference, TODAY)


def test_the_window_reaches_the_start_the_forecast_and_a_past_due_date(memory_store, monkeypatch):
    define(memory_store)
    record(memory_store, "dau", {200: 50, 100: 80, 45: 90, 3: 110, 2: 112, 1: 113, 0: 115, -5: 140})
    later = add(memory_store, metric="dau", target=200, start=day(-10), due=day(-60))  # starts after today
    sparse = add(memory_store, metric="dau", target=150, start=day(40), due=day(-30))
    overdue = add(memory_store, metric="dau", target=100, start=day(30), due=day(150))  # due before its start
    calls = counting(memory_store, monkeypatch, "series", "latest")
    first, second, third = load_goal_data(memory_store, [later], TODAY), load_goal_data(memory_store, [sparse], TODAY), \
        load_goal_data(memory_store, [overdue], TODAY)
    # A goal starting later takes its baseline on its start: the values run up to it.
    assert first[0].values[-1] == (day(-5), 140) and goal_baseline(first[0], TODAY) == 140
    # The values start after the start: the value before them is read (one more cheap query).
    assert second[0].values[0][0] == day(3) and second[0].value_before == (day(45), 90)
    assert goal_baseline(second[0], TODAY) == 90
    # Due long ago: where it stood then is read.
    assert third[0].values[0][0] == day(100) and third[0].value_before == (day(200), 50) and forecast(third[0], TODAY).projected == 50
    assert calls == {"series": 3, "latest": 3}
    for goal, [item] in ((later, first), (sparse, second), (overdue, third)):
        reference = whole(memory_store, goal)
        assert goal_progress(item, TODAY) == goal_progress(reference, TODAY)
        assert forecast(item, TODAY) == forecast(reference, TODAY)


def test_an_earlier_day_asked_about_is_read_too(memory_store):
    define(memory_store)
    record(memory_store, "dau", {offset: 200 - offset for offset in range(100, -1, -1)})
    goal = add(memory_store, metric="dau", baseline=100, target=200, start=day(10), due=day(-10))
    [item] = load_goal_data(memory_store, [goal], TODAY, since=day(80))
    assert item.values[0][0] == day(80)
    assert goal_progress(item, day(80)) == goal_progress(whole(memory_store, goal), day(80)) == pytest.approx(0.2)


def test_history_is_read_in_the_same_query(memory_store, monkeypatch):
    define(memory_store)
    record(memory_store, "dau", {**{offset: 100 + (90 - offset) for offset in range(90, -1, -1)}, -3: 500})
    goal = add(memory_store, title="t", description="d", why="w", metric="dau", target=250, start=TODAY, due=day(-30))
    calls = counting(memory_store, monkeypatch, "series", "latest")
    item = load_goal(memory_store, goal, TODAY, history=True)
    assert calls == {"series": 1}
    assert item.history[0][0] == day(90) and item.history[-1][0] == TODAY  # not the value after today
    assert item.values[-1][0] == TODAY  # nor in the values: it starts today
    report = smart_check(item, TODAY)
    assert report.achievability.verdict == "stretch"
    assert report == smart_check(whole(memory_store, goal), TODAY)


def test_checkins_are_read_for_goals_without_a_metric(memory_store, monkeypatch):
    define(memory_store)
    record(memory_store, "dau", {0: 1})
    tracked = add(memory_store, title="Sign 30 creators", target=30, start=day(20))
    checkin(memory_store, tracked.id, 15, 6)
    checkin(memory_store, tracked.id, 8, None)  # no value: does not count
    checkin(memory_store, tracked.id, 5, 12)
    checkin(memory_store, tracked.id, -3, 20)  # after today: kept, the maths cuts at the day asked
    measured = add(memory_store, metric="dau", target=3)
    calls = counting(memory_store, monkeypatch, "checkins")
    by_checkins, by_metric = load_goal_data(memory_store, [tracked, measured], TODAY)
    assert calls == {"checkins": 1}
    assert by_checkins.checkin_values == [(day(15), 6), (day(5), 12), (day(-3), 20)]
    assert by_metric.checkin_values == ()
    assert goal_progress(by_checkins, TODAY) == pytest.approx(0.4)


def test_children_of_long_term_goals_without_a_metric(memory_store, monkeypatch):
    define(memory_store)
    record(memory_store, "dau", {10: 100, 0: 150})
    parent = add(memory_store, title="Grow", horizon="long")
    half = add(memory_store, metric="dau", baseline=100, target=200, parent_id=parent.id)
    middle = add(memory_store, title="middle", horizon="long", parent_id=parent.id)
    deep = add(memory_store, metric="dau", baseline=100, target=150, parent_id=middle.id)
    dropped = add(memory_store, metric="dau", baseline=100, target=125, parent_id=parent.id, status="dropped")
    with_metric = add(memory_store, horizon="long", metric="dau", baseline=100, target=200)
    add(memory_store, metric="dau", baseline=100, target=110, parent_id=with_metric.id)
    calls = counting(memory_store, monkeypatch, "series", "list_goals")
    top, own = load_goal_data(memory_store, [parent, with_metric], TODAY)
    assert calls == {"series": 1, "list_goals": 1}
    children = {c.goal.id: c for c in top.children}
    assert sorted(children) == [half.id, middle.id, dropped.id]  # the maths leaves the dropped out
    assert [c.goal.id for c in children[middle.id].children] == [deep.id]
    assert own.children == ()
    assert goal_progress(top, TODAY) == pytest.approx((0.5 + 1) / 2)
    assert goal_progress(own, TODAY) == pytest.approx(0.5)
    # All goals handed in are not read again.
    load_goal_data(memory_store, [parent], TODAY, every=memory_store.list_goals())
    assert calls["list_goals"] == 2


def test_children_in_a_cycle_do_not_recurse_forever(memory_store):
    a = Goal(id=1, title="a", horizon="long", parent_id=2, due=day(-5))
    b = Goal(id=2, title="b", horizon="long", parent_id=1)
    [item] = load_goal_data(memory_store, [a], TODAY, every=[a, b])
    assert [c.goal.id for c in item.children] == [2] and item.children[0].children == ()
    assert goal_progress(item, TODAY) is None
    assert forecast(item, TODAY).status is None
    selfish = Goal(id=3, title="c", horizon="long", parent_id=3)
    assert load_goal_data(memory_store, [selfish], TODAY, every=[selfish])[0].children == ()


def test_summaries_in_tree_order_and_only_a_suggestion(memory_store):
    define(memory_store)
    record(memory_store, "dau", {offset: 100 + (27 - offset) for offset in range(27, -1, -1)})
    parent = add(memory_store, title="p", horizon="long")
    child = add(memory_store, metric="dau", baseline=100, target=120, start=day(30), due=day(-13), parent_id=parent.id)
    loose = add(memory_store, title="loose")
    rows = summarize_goals(memory_store, TODAY)
    assert [(r.goal.id, r.depth) for r in rows] == [(parent.id, 0), (child.id, 1), (loose.id, 0)]
    assert rows[1].suggestion == "achieved" and rows[1].progress == pytest.approx(27 / 20)
    assert rows[1].forecast.status == "on-track"
    assert rows[0].progress == pytest.approx(1)  # through its child, counted as 1
    # Only a suggestion: nothing changed.
    assert memory_store.get_goal(child.id).status == "active"


def test_set_status(memory_store):
    item = add(memory_store, title="x")
    assert set_status(memory_store, item.id, "achieved").status == "achieved"
    assert memory_store.get_goal(item.id).status == "achieved"
    assert set_status(memory_store, item.id, "active").status == "active"
    with pytest.raises(GoalError, match="not a goal status"):
        set_status(memory_store, item.id, "done")
    with pytest.raises(GoalError, match="No goal with id 99"):
        set_status(memory_store, 99, "missed")
    i18n.set_language("zh")
    with pytest.raises(GoalError, match="没有编号为 99 的目标"):
        set_status(memory_store, 99, "missed")
