"""The Metrics mode with the Pilot, on a temporary store: the list, the chart's ranges, recording a
value (from here and from anywhere), defining a metric from a preset, importing a CSV file."""

from __future__ import annotations

import datetime as dt

import pytest
from rich.cells import cell_len
from textual.widgets import Button, Checkbox, DataTable, Input, Select

from apphelpers import press, recording_notes, settle, visible_text
from conftest import FIXED_TODAY
from growthlog import i18n
from growthlog.models import Entry, Goal, Metric
from growthlog.screens.define_metric import DefineMetricScreen
from growthlog.screens.import_csv import ImportCsvScreen, clean_path
from growthlog.screens.metrics import MetricsScreen
from growthlog.screens.record_value import RecordValueScreen
from growthlog.screens.today import TodayScreen
from growthlog.widgets.metric_chart import MetricChart


def day(offset: int) -> dt.date:
    return FIXED_TODAY - dt.timedelta(days=offset)


def fill(store) -> None:
    """Three metrics: DAU rising over 400 days (good), CAC rising over 60 days (bad, lower is
    better), conversion falling over 14 days (bad); a goal on DAU and a strategy change for it."""
    store.define_metric(Metric(key="dau", name="日活跃用户", direction="up", aggregation="mean"))
    store.define_metric(Metric(key="cac", name="获客成本", unit="¥", direction="down"))
    store.define_metric(Metric(key="conversion_rate", name="Conversion rate", unit="%", aggregation="mean"))
    rows = [("dau", day(o).isoformat(), 1000.0 + 2 * (399 - o), "", "import") for o in range(400)]
    rows += [("cac", day(o).isoformat(), round(20 + (59 - o) * 0.1, 2), "", "import") for o in range(60)]
    rows += [("conversion_rate", day(o).isoformat(), 4.0 + o * 0.05, "", "import") for o in range(14)]
    store.record_many(rows)
    store.add_goal(Goal(title="日活破两千", metric="dau", target=2000.0, due=day(-40)))
    store.add_entry(
        Entry(
            day=day(20),
            kind="strategy",
            title="预算转向短视频渠道",
            fields={"metric": "dau", "effective_on": day(18).isoformat(), "change": "budget"},
        )
    )


@pytest.fixture
def metrics_store(store):
    fill(store)
    return store



async def open_metrics(pilot) -> MetricsScreen:
    await settle(pilot)
    await press(pilot, "escape", "4")
    assert isinstance(pilot.app.screen, MetricsScreen)
    return pilot.app.screen


def measurements(store, key: str) -> list[tuple[dt.date, float]]:
    return store.series(key)


def everything(store) -> dict[str, list[tuple[dt.date, float]]]:
    return {metric.key: store.series(metric.key) for metric in store.list_metrics()}


async def select_metric(pilot, screen: MetricsScreen, key: str) -> None:
    table = screen.query_one(DataTable)
    table.move_cursor(row=table.get_row_index(key))
    await settle(pilot)
    assert screen.highlighted_metric_key == key


# The list


async def test_list_shows_every_metric_with_latest_value_and_change(metrics_store, open_app):
    async with open_app(metrics_store) as pilot:
        app = pilot.app
        screen = await open_metrics(pilot)
        text = visible_text(app)
        assert "4 Metrics" in text
        for name in ("日活跃用户", "获客成本", "Conversion rate"):
            assert name in text
        assert "1,798" in text and "¥25.9" in text and "4%" in text
        table = screen.query_one(DataTable)
        change = {key: table.get_cell(key, "change") for key in ("dau", "cac", "conversion_rate")}
        assert change["dau"].plain.startswith("+") and change["dau"].style == "green"
        # CAC went up: bad, because lower is better
        assert change["cac"].plain.startswith("+¥") and change["cac"].style == "red"
        assert change["conversion_rate"].plain.startswith("-") and change["conversion_rate"].style == "red"
        assert "pp" in change["conversion_rate"].plain  # a change of a % metric is in points
        assert screen.highlighted_metric_key == metrics_store.list_metrics()[0].key


async def test_chinese_names_line_up(metrics_store, open_app):
    i18n.set_language("zh")
    async with open_app(metrics_store, language="zh") as pilot:
        app = pilot.app
        await open_metrics(pilot)
        lines = visible_text(app).splitlines()
        columns = set()
        for name, value in (("日活跃用户", "1,798"), ("获客成本", "¥25.9"), ("Conversion rate", "4%")):
            [line] = [line for line in lines if name in line and value in line]
            # where the latest value ends, in terminal columns
            columns.add(cell_len(line[: line.index(value) + len(value)]))
        assert len(columns) == 1


async def test_ranges_change_the_charts_data(metrics_store, open_app):
    async with open_app(metrics_store) as pilot:
        screen = await open_metrics(pilot)
        await select_metric(pilot, screen, "dau")
        chart = screen.query_one(MetricChart)
        chart.plot.render()
        assert chart.chart_range == "90d"
        assert [d for d, _ in chart.plotted][0] >= day(89) and len(chart.plotted) == 90
        sizes = {}
        for expected in ("1y", "all", "30d"):
            await press(pilot, "r")
            chart.plot.render()
            assert chart.chart_range == expected
            sizes[expected] = (min(d for d, _ in chart.plotted), len(chart.plotted))
        assert sizes["30d"] == (day(29), 30)
        assert sizes["1y"][0] >= day(364)
        assert sizes["all"][0] == day(399)  # reduced to the plot's width, the first day kept
        assert sizes["all"][1] <= chart.plot.size.width
        legend = str(chart.query_one("#chart-legend").render())
        assert "日活破两千" in legend and "2,000" in legend


async def test_the_chart_follows_the_cursor_and_keeps_its_range(metrics_store, open_app):
    async with open_app(metrics_store) as pilot:
        screen = await open_metrics(pilot)
        await pilot.press("r", "r", "r")  # 30 days
        await select_metric(pilot, screen, "cac")
        chart = screen.query_one(MetricChart)
        chart.plot.render()
        assert chart.data.name == "获客成本" and chart.chart_range == "30d"
        assert len(chart.plotted) == 30
        assert "strategy" not in str(chart.query_one("#chart-legend").render())
        assert "预算转向短视频渠道" not in str(chart.query_one("#chart-legend").render())


async def test_strategy_changes_are_marked_on_their_metrics_chart(metrics_store, open_app):
    async with open_app(metrics_store) as pilot:
        screen = await open_metrics(pilot)
        await select_metric(pilot, screen, "dau")
        chart = screen.query_one(MetricChart)
        assert [m.day for m in chart.data.markers] == [day(18)]
        assert "预算转向短视频渠道" in str(chart.query_one("#chart-legend").render())


async def test_no_metrics_yet_says_what_to_do(store, open_app):
    async with open_app(store) as pilot:
        app = pilot.app
        screen = await open_metrics(pilot)
        assert screen.highlighted_metric_key is None
        assert "No metrics yet" in visible_text(app)


async def test_metric_names_are_never_markup(store, open_app):
    store.define_metric(Metric(key="odd", name="[bold]x[/] [@click=app.quit]y[/]"))
    store.define_metric(Metric(key="odd2", name="[/]"))
    async with open_app(store) as pilot:
        app = pilot.app
        await open_metrics(pilot)
        text = visible_text(app)
        assert "[bold]x[/] [@click=app.quit]y[/]" in text and "[/]" in text


# Recording a value


async def test_recording_a_value_stores_it_and_says_when_it_replaced_one(metrics_store, open_app):
    async with open_app(metrics_store) as pilot:
        app = pilot.app
        screen = await open_metrics(pilot)
        notes = recording_notes(app)
        await select_metric(pilot, screen, "cac")
        await press(pilot, "m")
        modal = app.screen
        assert isinstance(modal, RecordValueScreen)
        assert modal.query_one("#record-metric", Select).value == "cac"
        assert app.focused is modal.query_one("#record-number", Input)
        modal.query_one("#record-number", Input).value = "¥30"
        modal.query_one("#record-day", Input).value = "2026-09-01"
        modal.query_one("#record-note", Input).value = "渠道涨价"
        await press(pilot, "enter")
        assert app.screen is screen
        [stored] = metrics_store.measurements("cac", dt.date(2026, 9, 1), dt.date(2026, 9, 1))
        assert (stored.value, stored.note, stored.source) == (30.0, "渠道涨价", "manual")
        assert notes[-1] == "Recorded ¥30 for 获客成本 on 2026-09-01."
        # The same day again: replaced, and said so
        await pilot.press("enter")  # enter on a row records for it too
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, RecordValueScreen)
        modal.query_one("#record-number", Input).value = "31.5"
        modal.query_one("#record-day", Input).value = "2026-09-01"
        await press(pilot, "enter")
        assert dict(measurements(metrics_store, "cac"))[dt.date(2026, 9, 1)] == 31.5
        assert notes[-1] == "Recorded ¥31.5 for 获客成本 on 2026-09-01, replacing ¥30."
        assert len(measurements(metrics_store, "cac")) == 61
        # Today (the default day): the list shows the new latest value
        await press(pilot, "m")
        app.screen.query_one("#record-number", Input).value = "27"
        await press(pilot, "enter")
        assert notes[-1] == "Recorded ¥27 for 获客成本 on 2026-11-20, replacing ¥25.9."
        assert "¥27" in visible_text(app)


@pytest.mark.parametrize("typed", ["abc", "12,5", "", "1_000", "nan", "[/]"])
async def test_a_value_that_is_not_a_number_is_refused_and_nothing_stored(metrics_store, open_app, typed):
    before = everything(metrics_store)
    async with open_app(metrics_store) as pilot:
        app = pilot.app
        await open_metrics(pilot)
        await press(pilot, "m")
        modal = app.screen
        modal.query_one("#record-number", Input).value = typed
        await press(pilot, "enter")
        assert app.screen is modal  # still open, the text kept for fixing
        assert modal.query_one("#record-number", Input).value == typed
        error = str(modal.query_one("#record-error").render())
        assert "number" in error or "value" in error
        assert everything(metrics_store) == before


async def test_a_bad_day_is_refused_and_words_for_days_work(metrics_store, open_app):
    async with open_app(metrics_store) as pilot:
        app = pilot.app
        screen = await open_metrics(pilot)
        await select_metric(pilot, screen, "dau")
        await press(pilot, "m")
        modal = app.screen
        modal.query_one("#record-number", Input).value = "3.2万"
        modal.query_one("#record-day", Input).value = "someday"
        await press(pilot, "enter")
        assert app.screen is modal
        assert "someday" in str(modal.query_one("#record-error").render())
        modal.query_one("#record-day", Input).value = "2026-11-21"  # tomorrow
        await press(pilot, "enter")
        assert app.screen is modal
        assert "future" in str(modal.query_one("#record-error").render())
        modal.query_one("#record-day", Input).value = "昨天"
        await press(pilot, "enter")
        assert app.screen is not modal
        assert dict(measurements(metrics_store, "dau"))[day(1)] == 32000.0


async def test_m_records_from_any_screen_after_choosing_the_metric(metrics_store, open_app):
    async with open_app(metrics_store) as pilot:
        app = pilot.app
        await settle(pilot)
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)
        await press(pilot, "m")
        modal = app.screen
        assert isinstance(modal, RecordValueScreen)
        chooser = modal.query_one("#record-metric", Select)
        assert chooser.value is Select.NULL
        modal.query_one("#record-number", Input).value = "4.5%"
        modal.query_one("#record-number", Input).focus()
        await pilot.press("enter")  # no metric yet: refused
        await settle(pilot)
        assert app.screen is modal
        assert "Choose the metric" in str(modal.query_one("#record-error").render())
        chooser.value = "conversion_rate"
        await settle(pilot)
        assert str(modal.query_one("#record-unit").render()) == "%"
        modal.query_one("#record-number", Input).focus()
        await press(pilot, "enter")
        assert isinstance(app.screen, TodayScreen)
        assert metrics_store.latest("conversion_rate") == (FIXED_TODAY, 4.5)


async def test_m_without_metrics_says_to_define_one(store, open_app):
    async with open_app(store) as pilot:
        app = pilot.app
        await settle(pilot)
        notes = recording_notes(app)
        await press(pilot, "escape", "m")
        assert not isinstance(app.screen, RecordValueScreen)
        assert notes and "define one first" in notes[-1]


async def test_escape_records_nothing(metrics_store, open_app):
    before = everything(metrics_store)
    async with open_app(metrics_store) as pilot:
        app = pilot.app
        screen = await open_metrics(pilot)
        await press(pilot, "m")
        app.screen.query_one("#record-number", Input).value = "5"
        await press(pilot, "escape")
        assert app.screen is screen
        assert everything(metrics_store) == before


# Defining a metric


async def test_defining_a_metric_from_a_preset(metrics_store, open_app):
    async with open_app(metrics_store) as pilot:
        app = pilot.app
        screen = await open_metrics(pilot)
        notes = recording_notes(app)
        await press(pilot, "d")
        modal = app.screen
        assert isinstance(modal, DefineMetricScreen)
        modal.query_one("#define-preset", Select).value = "d7_retention"
        await settle(pilot)
        assert modal.query_one("#define-key", Input).value == "d7_retention"
        assert modal.query_one("#define-name", Input).value == "Day-7 retention"
        assert modal.query_one("#define-unit", Input).value == "%"
        assert modal.query_one("#define-aggregation", Select).value == "mean"
        modal.query_one("#define-name", Input).value = "七日留存率"
        await press(pilot, "ctrl+s")
        assert app.screen is screen
        metric = metrics_store.get_metric("d7_retention")
        assert (metric.name, metric.unit, metric.direction, metric.aggregation) == ("七日留存率", "%", "up", "mean")
        assert "Defined 七日留存率 (d7_retention)." in notes
        assert screen.highlighted_metric_key == "d7_retention"
        assert "七日留存率" in visible_text(app)


async def test_a_preset_already_defined_and_bad_keys_are_refused(metrics_store, open_app):
    async with open_app(metrics_store) as pilot:
        app = pilot.app
        await open_metrics(pilot)
        await press(pilot, "d")
        modal = app.screen
        modal.query_one("#define-preset", Select).value = "dau"
        await settle(pilot)
        assert "exists already" in str(modal.query_one("#define-error").render())
        await press(pilot, "ctrl+s")
        assert app.screen is modal
        for key in ("DAU 2", "2nd", "日活"):
            modal.query_one("#define-key", Input).value = key
            await press(pilot, "ctrl+s")
            assert app.screen is modal
            assert "cannot be a key" in str(modal.query_one("#define-error").render())
        modal.query_one("#define-key", Input).value = "dau_web"
        modal.query_one("#define-name", Input).value = ""
        await press(pilot, "ctrl+s")
        assert "name" in str(modal.query_one("#define-error").render())
        assert sorted(m.key for m in metrics_store.list_metrics()) == ["cac", "conversion_rate", "dau"]


async def test_defining_from_scratch(store, open_app):
    async with open_app(store) as pilot:
        app = pilot.app
        await open_metrics(pilot)
        await press(pilot, "d")
        modal = app.screen
        modal.query_one("#define-key", Input).value = "refund_rate"
        modal.query_one("#define-name", Input).value = "退款率"
        modal.query_one("#define-unit", Input).value = "%"
        modal.query_one("#define-direction", Select).value = "down"
        modal.query_one("#define-name", Input).focus()
        await press(pilot, "enter")
        metric = store.get_metric("refund_rate")
        assert (metric.name, metric.unit, metric.direction, metric.aggregation) == ("退款率", "%", "down", "last")


# Importing a CSV file


async def start_import(pilot, path) -> ImportCsvScreen:
    await press(pilot, "i")
    modal = pilot.app.screen
    assert isinstance(modal, ImportCsvScreen)
    modal.query_one("#import-path", Input).value = str(path)
    await press(pilot, "enter")
    return modal


async def test_a_bad_csv_file_changes_nothing(metrics_store, tmp_path, open_app):
    bad = tmp_path / "bad.csv"
    bad.write_text("date,dau,获客成本\n2026-11-21,2000,25\n2026-11-22,lots,26\n", encoding="utf-8")
    async with open_app(metrics_store) as pilot:
        app = pilot.app
        await open_metrics(pilot)
        modal = await start_import(pilot, bad)
        error = str(modal.query_one("#import-error").render())
        assert "line 3" in error and "lots" in error and "Nothing was imported" in error
        assert "\n" not in error.strip()
        assert modal.query_one("#import", Button).disabled
        assert len(measurements(metrics_store, "dau")) == 400 and len(measurements(metrics_store, "cac")) == 60
        # a path that is not there, and a folder
        for path in (tmp_path / "missing.csv", tmp_path):
            modal.query_one("#import-path", Input).value = str(path)
            await press(pilot, "enter")
            assert "Nothing was imported" in str(modal.query_one("#import-error").render())
            assert modal.query_one("#import", Button).disabled
        await press(pilot, "escape")
        assert isinstance(app.screen, MetricsScreen)
        assert len(measurements(metrics_store, "dau")) == 400


async def test_a_good_csv_file_is_checked_then_imported(metrics_store, tmp_path, open_app):
    good = tmp_path / "good.csv"
    good.write_text(
        "日期,指标,数值,备注\n"
        "2026-11-20,dau,\"1,850\",corrected\n"  # replaces today's 1,798
        "2025-01-01,dau,900,\n"
        "2026-06-01,获客成本,¥24,\n",
        encoding="utf-8",
    )
    async with open_app(metrics_store) as pilot:
        app = pilot.app
        screen = await open_metrics(pilot)
        notes = recording_notes(app)
        modal = await start_import(pilot, f"'{good}'")
        summary = str(modal.query_one("#import-summary").render())
        assert "3 values for 2 metrics: 2 new, 1 replacing" in summary
        assert "日活跃用户 (dau)" in summary and "获客成本 (cac)" in summary
        assert len(measurements(metrics_store, "dau")) == 400  # the check wrote nothing
        assert app.focused is modal.query_one("#import", Button)
        await press(pilot, "enter")
        assert app.screen is screen
        assert metrics_store.latest("dau") == (FIXED_TODAY, 1850.0)
        assert measurements(metrics_store, "dau")[0] == (dt.date(2025, 1, 1), 900.0)
        assert dict(measurements(metrics_store, "cac"))[dt.date(2026, 6, 1)] == 24.0
        assert notes[-1] == "Imported 3 values from good.csv (1 replaced)."
        assert "1,850" in visible_text(app)


async def test_unknown_metrics_are_defined_only_when_asked(metrics_store, tmp_path, open_app):
    wide = tmp_path / "wide.csv"
    wide.write_text("date,退款率,dau\n2026-11-18,3.5%,1900\n2026-11-19,3.1%,\n", encoding="utf-8")
    async with open_app(metrics_store) as pilot:
        app = pilot.app
        screen = await open_metrics(pilot)
        modal = await start_import(pilot, wide)
        assert "退款率" in str(modal.query_one("#import-error").render())
        modal.query_one("#import-define", Checkbox).value = True
        await settle(pilot)
        modal.query_one("#import-path", Input).focus()
        await press(pilot, "enter")
        summary = str(modal.query_one("#import-summary").render())
        assert "new metric" in summary
        await pilot.click("#import")
        await settle(pilot)
        assert app.screen is screen
        [new] = [m for m in metrics_store.list_metrics() if m.name == "退款率"]
        assert new.unit == "%" and len(measurements(metrics_store, new.key)) == 2
        assert "退款率" in visible_text(app)


async def test_a_changed_path_forgets_the_checked_plan(metrics_store, tmp_path, open_app):
    good = tmp_path / "good.csv"
    good.write_text("date,dau\n2026-11-21,1900\n", encoding="utf-8")
    async with open_app(metrics_store) as pilot:
        await open_metrics(pilot)
        modal = await start_import(pilot, good)
        assert not modal.query_one("#import", Button).disabled
        modal.query_one("#import-path", Input).value = str(tmp_path / "other.csv")
        await settle(pilot)
        assert modal.query_one("#import", Button).disabled
        assert modal.plan is None


async def test_a_large_file_imports_with_progress(metrics_store, tmp_path, open_app):
    big = tmp_path / "big.csv"
    lines = ["date,metric,value"] + [f"{(FIXED_TODAY - dt.timedelta(days=o)).isoformat()},m{n},{o}" for n in range(4) for o in range(5000)]
    big.write_text("\n".join(lines) + "\n", encoding="utf-8")
    async with open_app(metrics_store) as pilot:
        app = pilot.app
        await open_metrics(pilot)
        await press(pilot, "i")
        modal = app.screen
        modal.query_one("#import-path", Input).value = str(big)
        modal.query_one("#import-define", Checkbox).value = True
        seen: list[int] = []
        original = modal._progress
        modal._progress = lambda done: (seen.append(done), original(done))
        modal.query_one("#import-path", Input).focus()
        await press(pilot, "enter")
        assert "20,000 values for 4 metrics" in str(modal.query_one("#import-summary").render())
        assert seen and max(seen) == 20_000
        await press(pilot, "enter")
        assert sum(len(measurements(metrics_store, f"m{n}")) for n in range(4)) == 20_000


def test_pasted_paths_lose_their_quotes(tmp_path):
    assert clean_path(" '/tmp/a b.csv' ") == clean_path('"/tmp/a b.csv"') == clean_path("/tmp/a b.csv")
    assert str(clean_path("~/x.csv")).endswith("/x.csv") and "~" not in str(clean_path("~/x.csv"))
