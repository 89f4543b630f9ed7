"""Today's attention items: each kind appears when its cause is there and goes when it goes."""

from __future__ import annotations

import datetime as dt

import pytest

from growthlog import i18n
from growthlog.models import Entry, Goal, Metric
from growthlog.services import attention as a
from growthlog.store import queries

TODAY = dt.date(2026, 11, 20)


def day(offset: int) -> dt.date:
    return TODAY - dt.timedelta(days=offset)


def metric(store, key="dau", direction="up", values=None, name=None, unit=""):
    store.define_metric(Metric(key=key, name=name or key.upper(), direction=direction, unit=unit))
    if values:
        record(store, key, values)


def record(store, key, values: dict[int, float]) -> None:
    store.record_many([(key, day(o).isoformat(), float(v), "", "import") for o, v in values.items()])


def week(value: float, wobble: float = 0.0) -> dict[int, float]:
    """Seven days before today (offsets 7..1), alternating ± wobble around ``value``."""
    return {o: value + (wobble if o % 2 else -wobble) for o in range(7, 0, -1)}


def problem(store, title="Paywall blank", severity="high", status="open", offset=1) -> int:
    entry = Entry(kind="problem", title=title, day=day(offset), fields={"severity": severity, "status": status})
    return store.add_entry(entry).id


def strategy(store, title="Move budget", review_on=TODAY, outcome="", metric_key="new_users") -> int:
    fields = {"metric": metric_key, "review_on": review_on, "outcome": outcome}
    return store.add_entry(Entry(kind="strategy", title=title, day=day(30), fields=fields)).id


def kinds(items) -> list[str]:
    return [item.kind for item in items]


def items(store):
    return a.attention_items(store, TODAY)


# Metrics


def test_a_sharp_drop_of_an_up_metric_appears_and_goes(memory_store):
    metric(memory_store, values={**week(100, 1), 0: 80})
    [item] = items(memory_store)
    assert (item.kind, item.metric, item.goal_id, item.entry_id) == ("metric", "dau", None, None)
    assert item.key == "goals.attention.metric"
    assert item.params == {"metric": "DAU", "value": "80", "change": "−20%", "mean": "100", "days": 7}
    assert item.text == "DAU moved the wrong way: 80, −20% against the previous 7 days' mean (100). Log a reflection?"
    record(memory_store, "dau", {0: 99})
    assert items(memory_store) == []


def series(values: dict[int, float]) -> list[tuple[dt.date, float]]:
    """(day, value) by offset, in day order."""
    return sorted((day(o), float(v)) for o, v in values.items())


def moves(*metrics: tuple[str, str, dict[int, float]]) -> list[tuple[str, float | None]]:
    """The moves found among (key, direction, values): each metric's key and share."""
    recent = [(Metric(key=key, name=key.upper(), direction=direction), series(values)) for key, direction, values in metrics]
    return [(found.key, move.share) for found, move in a.metric_moves(recent, TODAY)]


def test_a_move_in_the_good_direction_is_not_an_alarm():
    assert moves(("dau", "up", {**week(100), 0: 150}), ("cac", "down", {**week(30), 0: 20})) == []


def test_moves_go_the_bad_way_biggest_first():
    found = moves(("dau", "up", {**week(100, 1), 0: 80}), ("churn", "down", {**week(10), 0: 15}), ("quiet", "up", {}),
                  ("zero", "down", {**{o: 0.0 for o in range(7, 0, -1)}, 0: 1.0}))
    assert found == [("zero", None), ("churn", pytest.approx(0.5)), ("dau", pytest.approx(-0.2, abs=0.002))]  # no mean: first


def test_the_recent_days_and_the_week_before_are_read(memory_store, monkeypatch):
    metric(memory_store, values={**week(100, 1), 0: 80})
    metric(memory_store, "cac", "down", {**week(30), 0: 20})
    reads = []
    monkeypatch.setattr(memory_store, "series", lambda *args, _read=memory_store.series, **kwargs: reads.append((args, kwargs)) or _read(*args, **kwargs))
    assert kinds(items(memory_store)) == ["metric"]
    assert a.moves_since(TODAY) == day(9)
    assert sorted(reads) == [(("cac",), {"since": day(9), "until": TODAY}), (("dau",), {"since": day(9), "until": TODAY})]


def test_a_down_metric_rising_sharply_appears(memory_store):
    metric(memory_store, "cac", "down", {**week(22.5, 0.3), 0: 26.6}, name="获客成本", unit="元")
    [item] = items(memory_store)
    assert item.metric == "cac" and item.params["change"] == "+18%" and item.params["value"] == "26.6元"


def test_two_standard_deviations_count_from_five_percent():
    # A quiet metric (±0.5%): a 6% drop is far beyond 2σ and counts; 4% is beyond 2σ but too small.
    assert moves(("dau", "up", {**week(100, 0.5), 0: 94})) == [("dau", pytest.approx(-0.06, abs=0.001))]
    assert moves(("dau", "up", {**week(100, 0.5), 0: 96})) == []
    # A noisy metric (±8%): a 12% drop is within 2σ and under 15%.
    assert moves(("noisy", "up", {**week(100, 8), 0: 88})) == []


def test_sharp_move_rules():
    points = [(day(o), v) for o, v in week(100, 1).items()]
    move = a.sharp_move(points + [(TODAY, 84)], "up")
    assert (move.day, move.value, move.change) == (TODAY, 84, pytest.approx(84 - move.mean))
    assert move.mean == pytest.approx(100 + 1 / 7) and move.stdev == pytest.approx(1.0690, abs=1e-4)  # the sample deviation
    assert move.share == pytest.approx(-0.16, abs=0.002)
    assert a.sharp_move(points + [(TODAY, 86)], "up") is not None  # 2σ ≈ 2.1 and 14% ≥ 5%
    assert a.sharp_move(points + [(TODAY, 116)], "up") is None
    assert a.sharp_move(points[-2:] + [(TODAY, 50)], "up") is None  # too few days before
    zero = [(day(o), 0.0) for o in range(7, 0, -1)]
    assert a.sharp_move(zero + [(TODAY, 1.0)], "down").share is None
    assert a.sharp_move([], "up") is None


def test_an_old_latest_value_is_no_news():
    values = {o + 3: v for o, v in {**week(100), 0: 50}.items()}
    assert moves(("dau", "up", values)) == []
    assert [key for key, _ in moves(("dau", "up", {**values, 2: 50}))] == ["dau"]  # two days ago is recent enough


# Goals


def test_an_overdue_active_goal_appears_and_goes(memory_store):
    goal = memory_store.add_goal(Goal(title="D7 到 22%", due=day(3), start=day(60)))
    memory_store.add_goal(Goal(title="due today", due=TODAY))
    memory_store.add_goal(Goal(title="no due date"))
    [item] = items(memory_store)
    assert (item.kind, item.goal_id, item.params) == ("goal", goal.id, {"title": "D7 到 22%", "count": 3, "due": day(3).isoformat()})
    goal = memory_store.update_goal(goal.model_copy(update={"status": "missed"}))
    assert items(memory_store) == []
    memory_store.update_goal(goal.model_copy(update={"status": "active", "due": day(-3)}))
    assert items(memory_store) == []


# Problems


def test_open_high_and_critical_problems_appear_and_go(memory_store):
    high = problem(memory_store, "CAC spike", "high", "mitigating")
    critical = problem(memory_store, "Paywall blank", "critical", "open", offset=5)
    problem(memory_store, "FAQ outdated", "medium")
    problem(memory_store, "Duplicate reminders", "critical", "resolved")
    found = items(memory_store)
    assert [(i.kind, i.entry_id) for i in found] == [("problem", critical), ("problem", high)]
    assert found[0].text == "Problem (critical, open): Paywall blank"
    assert found[1].params == {"title": "CAC spike", "severity": "high", "status": "mitigating"}
    entry = memory_store.get_entry(critical)
    memory_store.update_entry(entry.model_copy(update={"fields": {**entry.fields, "status": "resolved"}}))
    assert [i.entry_id for i in items(memory_store)] == [high]
    entry = memory_store.get_entry(high)
    memory_store.update_entry(entry.model_copy(update={"fields": {**entry.fields, "severity": "medium"}}))
    assert items(memory_store) == []


# Strategies


def test_strategies_due_for_review_appear_and_go(memory_store):
    due_today = strategy(memory_store, "Budget moved")
    waiting = strategy(memory_store, "Frequency cap", review_on=day(4), metric_key="")
    strategy(memory_store, "Later", review_on=day(-3))
    strategy(memory_store, "Done", review_on=day(10), outcome="It worked: CAC ¥21.")
    strategy(memory_store, "No review day", review_on=None)
    found = items(memory_store)
    assert [(i.kind, i.entry_id, i.key) for i in found] == [
        ("strategy", waiting, "goals.attention.strategy"), ("strategy", due_today, "goals.attention.strategy_today"),
    ]
    assert found[0].metric is None and found[1].metric == "new_users"
    assert found[0].params == {"title": "Frequency cap", "count": 4, "due": day(4).isoformat()}
    entry = memory_store.get_entry(waiting)
    memory_store.update_entry(entry.model_copy(update={"fields": {**entry.fields, "outcome": "Opt-outs back to 0.4%"}}))
    assert [i.entry_id for i in items(memory_store)] == [due_today]
    entry = memory_store.get_entry(due_today)
    memory_store.update_entry(entry.model_copy(update={"fields": {**entry.fields, "outcome": "  "}}))
    assert [i.entry_id for i in items(memory_store)] == [due_today]  # blank is still empty


# Together


def test_order_by_importance(memory_store):
    strategy(memory_store)
    memory_store.add_goal(Goal(title="late", due=day(1)))
    high = problem(memory_store, "high one", "high")
    metric(memory_store, values={**week(100), 0: 50})
    critical = problem(memory_store, "critical one", "critical")
    found = items(memory_store)
    assert kinds(found) == ["problem", "metric", "problem", "goal", "strategy"]
    assert [found[0].entry_id, found[2].entry_id] == [critical, high]
    assert [i.importance for i in found] == sorted(i.importance for i in found)


def test_each_kind_is_capped(memory_store):
    for n in range(5):
        problem(memory_store, f"critical {n}", "critical", offset=n)
        problem(memory_store, f"high {n}", "high", offset=n)
        strategy(memory_store, f"s{n}", review_on=day(n))
    found = a.attention_items(memory_store, TODAY, limit_per_kind=2)
    assert [i.params["title"] for i in found] == ["critical 0", "critical 1", "high 0", "high 1", "s4", "s3"]


def test_user_text_stays_in_the_parameters(memory_store):
    problem(memory_store, "[bold]会员[/] 页白屏", "critical")
    [item] = items(memory_store)
    assert item.params["title"] == "[bold]会员[/] 页白屏"
    i18n.set_language("zh")
    assert item.text == "问题（严重，未解决）：[bold]会员[/] 页白屏"


def test_chinese_lines(memory_store):
    i18n.set_language("zh")
    memory_store.add_goal(Goal(title="本季度 D7 留存提到 22%", due=day(2)))
    strategy(memory_store, "渠道预算重新分配")
    assert [i.text for i in items(memory_store)] == [
        f"目标已逾期 2 天（截止 {day(2).isoformat()}）：本季度 D7 留存提到 22%",
        "策略今天该复盘：渠道预算重新分配。效果如何？",
    ]


def test_entry_queries_use_the_kind_index(memory_store):
    """Fast at 100,000 entries: each query reads one kind through the (kind, day) index."""
    problem(memory_store)
    strategy(memory_store)
    for sql in (
        "EXPLAIN QUERY PLAN SELECT id FROM entries WHERE kind = 'problem' AND json_extract(fields, '$.severity') IN ('high')",
        "EXPLAIN QUERY PLAN SELECT id FROM entries WHERE kind = 'strategy' AND json_extract(fields, '$.review_on') <= '2026'",
    ):
        with memory_store.db.read() as conn:
            plan = " ".join(row[-1] for row in conn.execute(sql))
        assert "idx_entries_kind_day" in plan, plan
    assert [p.title for p in queries.open_problems(memory_store.db, ("high",))] == ["Paywall blank"]
    assert [s.title for s in queries.strategies_due_for_review(memory_store.db, TODAY)] == ["Move budget"]
