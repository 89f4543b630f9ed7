"""Today's side panel: metric cards (and, as they land, goals at a glance and attention items)."""

from __future__ import annotations

import datetime as dt

from growthlog.store.api import Store
from apphelpers import press, SIZE, build_app, settle, visible_text, wait_until
from conftest import FIXED_TODAY
from growthlog.models import Measurement, Metric


def fill_metrics(store):
    store.define_metric(Metric(key="dau", name="日活跃用户", unit=""))
    store.define_metric(Metric(key="churn_rate", name="流失率", unit="%", direction="down"))
    for i in range(30):
        day = FIXED_TODAY - dt.timedelta(days=29 - i)
        store.record(Measurement(metric="dau", day=day, value=100_000 + i * 1_000))
        store.record(Measurement(metric="churn_rate", day=day, value=5.0))


async def test_metric_cards_show_latest_value_change_and_sparkline(store, open_app):
    fill_metrics(store)
    async with open_app(store) as pilot:
        app = pilot.app
        text = visible_text(app)
        dau_line = next(line for line in text.splitlines() if "日活跃用户" in line)
        assert "129k" in dau_line  # latest value, compact
        assert "+7k" in dau_line  # this week's last value vs last week's (aggregation: last)
        assert any(block in dau_line for block in "▁▂▃▄▅▆▇█")
        churn_line = next(line for line in text.splitlines() if "流失率" in line)
        assert "5%" in churn_line


async def test_no_metrics_says_where_to_define_them(store, open_app):
    async with open_app(store) as pilot:
        app = pilot.app
        assert "No metrics yet" in visible_text(app)


async def test_recording_elsewhere_updates_the_cards_on_return(store, tmp_path):
    fill_metrics(store)
    app = build_app(store, tmp_path)
    elsewhere = Store.open(store.path)  # another process: the command line, a teammate
    try:
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await settle(pilot)
            await press(pilot, "escape", "2")
            elsewhere.record(Measurement(metric="dau", day=FIXED_TODAY, value=250_000))
            await pilot.pause(1.5)  # the app looks for others' writes once a second
            assert "250k" not in visible_text(app)  # on the Journal: Today is reloaded when shown
            await pilot.press("1")
            await wait_until(pilot, lambda: "250k" in visible_text(app))
    finally:
        elsewhere.close()


async def test_a_metric_moving_the_wrong_way_opens_a_linked_problem(store, open_app):
    from textual.widgets import Input, OptionList

    from growthlog.screens.editor import EditorScreen

    store.define_metric(Metric(key="cac", name="获客成本", unit="元", direction="down"))
    for i in range(14):
        store.record(Measurement(metric="cac", day=FIXED_TODAY - dt.timedelta(days=13 - i), value=20.0 + (i % 2) * 0.2))
    store.record(Measurement(metric="cac", day=FIXED_TODAY, value=30.0))
    async with open_app(store) as pilot:
        app = pilot.app
        assert "获客成本" in visible_text(app)
        attention = app.screen.query_one("#today-attention", OptionList)
        attention.focus()
        attention.highlighted = 0
        await press(pilot, "enter")
        editor = app.screen
        assert isinstance(editor, EditorScreen) and editor.kind == "problem"
        assert "获客成本" in editor.query_one("#title", Input).value
        await press(pilot, "ctrl+s")
        [entry] = store.entries_on(FIXED_TODAY)
        assert entry.kind == "problem"
        assert [link.model_dump() for link in entry.links] == [{"type": "metric", "ref": "cac"}]
