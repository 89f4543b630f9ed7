"""One snapshot per screen and modal, at 120×35, on the demo data at the fixed date.

Regenerate after an intended change with ``pytest tests/test_snapshots.py --snapshot-update`` and
look at the report before committing.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from apphelpers import SIZE, build_app, settle
from conftest import FIXED_TODAY
from growthlog.models import Draft
from growthlog.demo import fill_demo


@pytest.fixture
def demo_app(store, tmp_path):
    fill_demo(store, FIXED_TODAY)
    return build_app(store, tmp_path)


def run_then(*keys: str, search: str | None = None):
    """A run_before that settles the app, presses ``keys`` and settles again."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        if search is not None:
            pilot.app.screen.query_one("#search", Input).value = search
            await pilot.pause(0.3)
            await settle(pilot)
        # Hide the blinking cursor's phase from the picture.
        focused = pilot.app.focused
        if isinstance(focused, Input):
            focused.cursor_blink = False

    return run_before


def test_today(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_then())


def test_journal(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_then("escape", "2", "down", "down"))


def test_journal_search(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_then("escape", "slash", search="留存"))


def test_editor_new_problem(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_then("escape", "p"))


def test_editor_existing_entry(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_then("escape", "2", "down", "e"))


def test_kind_picker(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_then("escape", "n"))


def test_confirm_delete(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_then("escape", "2", "d"))


def test_help(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_then("escape", "question_mark"))


def test_capture_box(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_then("escape", "2", "a"))


def test_drafts_offered_back(snap_compare, store, tmp_path):
    fill_demo(store, FIXED_TODAY)
    store.save_draft(
        Draft(
            key="new-1",
            data={"kind": "problem", "title": "周末活动转化不及预期", "body": "", "tags": "活动", "day": "2026-11-20", "fields": {}},
            saved_at="2026-11-20T09:30:00",
        )
    )
    assert snap_compare(build_app(store, tmp_path), terminal_size=SIZE, run_before=run_then())


# Metrics: the demo has no metric values yet, so these define five from the demo's own curves.
def fill_demo_metrics(store) -> None:
    import datetime as dt
    import random

    from growthlog.models import Goal, Metric
    from growthlog.demo import DAYS, trend

    rng = random.Random(11)
    defined = (
        ("dau", "日活跃用户", "", "up", "mean"),
        ("new_users", "New users", "", "up", "sum"),
        ("d7_retention", "七日留存率", "%", "up", "mean"),
        ("conversion_rate", "Conversion rate", "%", "up", "mean"),
        ("cac", "获客成本 CAC", "¥", "down", "mean"),
    )
    for number, (key, name, unit, direction, aggregation) in enumerate(defined):
        if store.get_metric(key) is None:
            created = dt.datetime(2026, 8, 28, 9, 0, number)
            store.define_metric(Metric(key=key, name=name, unit=unit, direction=direction, aggregation=aggregation, created=created))
        rows = [
            (key, (FIXED_TODAY - dt.timedelta(days=o)).isoformat(), round(trend(key, o) * (1 + rng.uniform(-0.015, 0.015)), 2), "", "import")
            for o in range(DAYS)
        ]
        store.record_many(rows)
    if not any(goal.metric == "d7_retention" for goal in store.list_goals()):
        store.add_goal(Goal(title="七日留存回到 22%", metric="d7_retention", target=22.0, due=FIXED_TODAY + dt.timedelta(days=40)))


@pytest.fixture
def metrics_app(store, tmp_path):
    fill_demo(store, FIXED_TODAY)
    fill_demo_metrics(store)
    return build_app(store, tmp_path)


def test_metrics(snap_compare, metrics_app):
    assert snap_compare(metrics_app, terminal_size=SIZE, run_before=run_then("escape", "4", "down", "down"))


def test_record_value(snap_compare, metrics_app):
    assert snap_compare(metrics_app, terminal_size=SIZE, run_before=run_then("escape", "4", "down", "m"))


def test_define_metric(snap_compare, metrics_app):
    assert snap_compare(metrics_app, terminal_size=SIZE, run_before=run_then("escape", "4", "d"))


def test_import_csv_checked(snap_compare, metrics_app, tmp_path, monkeypatch):
    """The dry run's summary, before confirming (a relative path: the picture must not show tmp_path)."""
    (tmp_path / "metrics.csv").write_text(
        "日期,dau,new_users,退款率\n" + "".join(f"2026-11-{d:02d},{130000 + d * 100},{3700 + d},{2.5 + d / 10}%\n" for d in range(1, 21)),
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)

    async def run_before(pilot) -> None:
        await run_then("escape", "4", "i")(pilot)
        pilot.app.screen.query_one("#import-path", Input).value = "metrics.csv"
        pilot.app.screen.query_one("#import-define").value = True
        pilot.app.screen.query_one("#import-path", Input).focus()
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(metrics_app, terminal_size=SIZE, run_before=run_before)


def test_goals(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_then("escape", "3"))


def test_goal_editor(snap_compare, demo_app):
    async def run_before(pilot) -> None:
        await run_then("escape", "3", "g")(pilot)
        # Tags typed: the demo's lessons with them are listed beside the form.
        pilot.app.screen.query_one("#goal-tags", Input).value = "留存 push 社群"
        await pilot.pause(0.5)
        await settle(pilot)
        pilot.app.focused.cursor_blink = False

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_before)


def test_goal_check_in(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_then("escape", "3", "down", "c"))


def test_goal_status_choice(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_then("escape", "3", "down", "t"))
