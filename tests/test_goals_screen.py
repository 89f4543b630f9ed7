"""The Goals mode driven with the Pilot: the tree, the detail, new goals, check-ins, status."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, OptionList, Select

from apphelpers import press, settle, visible_text
from conftest import FIXED_TODAY
from growthlog.models import Goal, Measurement, Metric
from growthlog.screens.checkin import CheckInScreen
from growthlog.screens.choice import ChoiceScreen
from growthlog.screens.goal_editor import GoalEditorScreen
from growthlog.screens.goals import GoalsScreen
from growthlog.widgets.metric_chart import MetricChart


def seed(store):
    store.define_metric(Metric(key="dau", name="日活", unit="人"))
    for i in range(40):
        store.record(Measurement(metric="dau", day=FIXED_TODAY - dt.timedelta(days=39 - i), value=100_000 + i * 500))
    parent = store.add_goal(Goal(title="年底 DAU 翻倍", horizon="long", metric="dau", baseline=100_000, target=200_000,
                                 start=FIXED_TODAY - dt.timedelta(days=39), due=FIXED_TODAY + dt.timedelta(days=40), why="增长"))
    child = store.add_goal(Goal(title="本月 DAU 到 12 万", metric="dau", baseline=100_000, target=120_000,
                                start=FIXED_TODAY - dt.timedelta(days=39), due=FIXED_TODAY + dt.timedelta(days=5), parent_id=parent.id, why="月度"))
    loose = store.add_goal(Goal(title="[bold]写清楚[/] 没有指标的目标"))
    return parent, child, loose


async def open_goals(pilot):
    await press(pilot, "escape", "3")
    assert isinstance(pilot.app.screen, GoalsScreen)
    return pilot.app.screen


async def test_tree_progress_forecast_and_smart_check(store, open_app):
    seed(store)
    async with open_app(store) as pilot:
        app = pilot.app
        await open_goals(pilot)
        text = visible_text(app)
        lines = text.splitlines()
        parent_line = next(line for line in lines if "年底 DAU 翻倍" in line)
        child_line = next(line for line in lines if "本月 DAU 到 12 万" in line)
        assert "◆" in parent_line and "·" in child_line
        assert child_line.index("本月") > parent_line.index("年底")  # indented under its parent
        assert "98%" in child_line  # (119,500 - 100,000) / (120,000 - 100,000)
        assert "[bold]写清楚[/] 没有指标的目标" in text  # user text, not markup
        await press(pilot, "end")
        detail = visible_text(app)
        assert "SMART check" in detail and "no forecast" in detail


async def test_new_goal_with_g(store, open_app):
    seed(store)
    async with open_app(store) as pilot:
        app = pilot.app
        await open_goals(pilot)
        await press(pilot, "g")
        editor = app.screen
        assert isinstance(editor, GoalEditorScreen)
        editor.query_one("#goal-title", Input).value = "D7 留存到 22%"
        editor.query_one("#goal-target", Input).value = "12万"
        editor.query_one("#goal-metric", Select).value = "dau"
        editor.query_one("#goal-due", Input).value = "2026-12-31"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, GoalsScreen)
        goal = next(g for g in store.list_goals() if g.title == "D7 留存到 22%")
        assert (goal.target, goal.metric, goal.due) == (120_000, "dau", dt.date(2026, 12, 31))
        assert "D7 留存到 22%" in visible_text(app)


async def test_a_bad_target_is_refused_and_nothing_stored(store, open_app):
    async with open_app(store) as pilot:
        app = pilot.app
        await press(pilot, "escape", "g")
        editor = app.screen
        editor.query_one("#goal-title", Input).value = "x"
        editor.query_one("#goal-target", Input).value = "lots"
        await press(pilot, "ctrl+s")
        assert app.screen is editor
        assert store.list_goals() == []
        assert "'lots' is not a number" in visible_text(app)


async def test_check_in_and_status_change(store, open_app):
    _, child, _ = seed(store)
    async with open_app(store) as pilot:
        app = pilot.app
        goals = await open_goals(pilot)
        goals.query_one(OptionList).highlighted = 1
        await settle(pilot)
        await press(pilot, "c")
        assert isinstance(app.screen, CheckInScreen)
        app.screen.query_one("#checkin-value", Input).value = "1.2万"
        app.screen.query_one("#checkin-confidence", Select).value = "at-risk"
        app.screen.query_one("#checkin-note", Input).value = "周末活动拉一把"
        await press(pilot, "ctrl+s")
        [checkin] = store.checkins(child.id)
        assert (checkin.value, checkin.confidence, checkin.note) == (12_000, "at-risk", "周末活动拉一把")
        assert "周末活动拉一把" in visible_text(app)
        await press(pilot, "t")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("enter")  # the first choice: achieved
        await settle(pilot)
        assert store.get_goal(child.id).status == "achieved"


async def test_the_detail_charts_the_metric_with_the_target_and_the_forecast(store, open_app):
    parent, _, _ = seed(store)
    async with open_app(store) as pilot:
        app = pilot.app
        goals = await open_goals(pilot)
        assert goals.selected.id == parent.id
        chart = goals.query_one("#goal-chart", MetricChart)
        assert chart.display and not chart.has_class("-empty")
        assert [target.value for target in chart.data.targets] == [200_000]
        assert "年底 DAU 翻倍" in chart.data.targets[0].text
        forecast = chart.data.forecast
        assert forecast[0][0] == FIXED_TODAY and forecast[-1][0] == parent.due
        # The series is the metric's, up to today; the range runs on to the due date.
        assert chart.data.series[-1] == (FIXED_TODAY, 119_500)
        assert chart.plotted[-1] == (FIXED_TODAY, 119_500)
        start, end = chart.plot.bounds
        assert end == parent.due
        assert chart.plot.plotted_forecast[-1][0] == (parent.due - start).days
        text = visible_text(app)
        assert f"forecast to {parent.due.isoformat()}" in text
        assert "target 200,000人" in text
        # The rest of the detail is still there under the chart.
        assert "SMART check" in text


async def test_a_goal_without_a_metric_plots_nothing(store, open_app):
    seed(store)
    async with open_app(store) as pilot:
        app = pilot.app
        goals = await open_goals(pilot)
        await press(pilot, "end")
        assert goals.selected.title == "[bold]写清楚[/] 没有指标的目标"
        chart = goals.query_one("#goal-chart", MetricChart)
        assert not chart.display
        assert chart.data is None and chart.plotted == [] and chart.plot.plotted_forecast == []
        assert "forecast to 20" not in visible_text(app)  # no legend line (the detail may say "nothing to forecast to")
