"""Sparklines and the metric chart: the drawing rules, the point reduction, and the chart widget's
ranges, lines and legend (in a bare app: the chart never needs the store)."""

from __future__ import annotations

import datetime as dt
import math
import random
import time

import pytest
from textual.app import App, ComposeResult

from growthlog import i18n
from growthlog.services.numbers import axis_label
from growthlog.services.views.charts import ChartData, Marker, Target
from growthlog.widgets.metric_chart import (
    RANGES,
    MetricChart,
    date_ticks,
    in_range,
    nice_ticks,
    range_bounds,
    reduce_series,
)
from growthlog.widgets.sparkline import BLOCKS, Sparkline, resample, sparkline

END = dt.date(2026, 11, 20)


def daily(count: int, end: dt.date = END, value=lambda i: float(i)) -> list[tuple[dt.date, float]]:
    return [(end - dt.timedelta(days=count - 1 - i), value(i)) for i in range(count)]


# Sparkline
def test_sparkline_spans_the_blocks_from_lowest_to_highest():
    text = sparkline(range(8), 8)
    assert text.plain == BLOCKS
    assert sparkline([5, 1, 9], 3).plain == "▅▁█"


def test_sparkline_is_exactly_the_width_asked():
    for count in (1, 3, 7, 30, 365, 3650):
        for width in (1, 5, 16, 40):
            assert len(sparkline(range(count), width).plain) == width


def test_sparkline_resamples_long_series_by_means_and_stretches_short_ones():
    assert resample([1, 3, 5, 7], 2) == [2, 6]
    assert resample([1, 2], 4) == [1, 1, 2, 2]
    assert resample([], 4) == []
    # a rising series stays rising after resampling either way
    assert sparkline(range(1000), 10).plain == "".join(sorted(sparkline(range(1000), 10).plain))


def test_flat_series_sits_in_the_middle_and_empty_is_blank():
    assert set(sparkline([3.5] * 10, 6).plain) == {BLOCKS[3]}
    assert sparkline([], 5).plain == " " * 5
    assert sparkline([7], 4).plain == BLOCKS[3] * 4
    assert sparkline([1, 2], 0).plain == ""


def test_sparkline_skips_values_that_are_not_numbers():
    assert sparkline([1, math.nan, None, 3, math.inf], 2).plain == "▁█"


def test_sparkline_takes_the_callers_style():
    text = sparkline([1, 2, 3], 3, style="green")
    assert str(text.style) == "green"


async def test_sparkline_widget_fills_its_width():
    class Bare(App):
        def compose(self) -> ComposeResult:
            yield Sparkline(range(100), style="red")

    async with Bare().run_test(size=(30, 3)) as pilot:
        widget = pilot.app.query_one(Sparkline)
        assert widget.render().plain == "".join(sorted(widget.render().plain))
        assert len(widget.render().plain) == 30
        widget.set_values([2, 2, 2])
        assert set(widget.render().plain) == {BLOCKS[3]}


# Point reduction
def test_short_series_are_not_reduced():
    series = daily(50)
    assert reduce_series(series, 100) == series


def test_ten_years_reduce_to_at_most_the_width_and_keep_the_extremes():
    rng = random.Random(3)
    series = daily(3650, value=lambda i: 1000 + 100 * math.sin(i / 50) + rng.uniform(-10, 10))
    series[1234] = (series[1234][0], 99_999.0)  # a one-day spike
    series[2345] = (series[2345][0], -5.0)  # and a one-day drop
    for width in (2, 3, 40, 97, 100, 200):
        reduced = reduce_series(series, width)
        assert 1 <= len(reduced) <= width
        days = [day for day, _ in reduced]
        assert days == sorted(days) and len(set(days)) == len(days)
        assert set(reduced) <= set(series)
        assert max(v for _, v in reduced) == 99_999.0
        assert min(v for _, v in reduced) == -5.0


def test_reduction_follows_time_not_positions():
    """A long gap stays a gap: the points on each side keep their days."""
    series = daily(300, end=dt.date(2020, 1, 1)) + daily(300, end=END)
    reduced = reduce_series(series, 60)
    assert len(reduced) <= 60
    assert any(day.year <= 2020 for day, _ in reduced) and any(day.year == 2026 for day, _ in reduced)


def test_ranges_cover_the_last_days_up_to_the_end():
    series = daily(1000)
    start, end = range_bounds(series, "30d", END)
    assert (start, end) == (END - dt.timedelta(days=29), END)
    assert len(in_range(series, start, end)) == 30
    assert len(in_range(series, *range_bounds(series, "90d", END))) == 90
    assert len(in_range(series, *range_bounds(series, "1y", END))) == 365
    assert len(in_range(series, *range_bounds(series, "all", END))) == 1000
    assert range_bounds([], "all", END) is None
    assert range_bounds(series, "30d", None) == (END - dt.timedelta(days=29), END)


def test_axis_labels_are_short_ascii():
    assert axis_label(250_000) == "250k"
    assert axis_label(1_500_000) == "1.5M"
    assert axis_label(2_000_000_000) == "2B"
    assert axis_label(3.25) == "3.25"
    assert axis_label(42) == "42"
    assert nice_ticks(0, 100, 5) == [0, 25, 50, 75, 100]
    assert nice_ticks(17.3, 21.9, 5) == [18, 19, 20, 21]
    assert nice_ticks(5, 5) == [5]
    for start, end in ((END - dt.timedelta(days=29), END), (END - dt.timedelta(days=364), END), (dt.date(2016, 11, 23), END)):
        ticks = date_ticks(start, end, 6)
        assert 2 <= len(ticks) <= 6
        assert all(start <= day <= end and label.isascii() for day, label in ticks)


# The widget
class ChartApp(App):
    def compose(self) -> ComposeResult:
        yield MetricChart()


def plot_text(chart: MetricChart) -> str:
    return chart.plot.render().plain


async def test_chart_ranges_change_what_is_plotted():
    series = daily(500, value=lambda i: 100.0 + i)
    async with ChartApp().run_test(size=(100, 30)) as pilot:
        chart = pilot.app.query_one(MetricChart)
        chart.show(ChartData("DAU", series, end=END), "30d")
        await pilot.pause()
        plot_text(chart)
        assert chart.plotted == series[-30:]
        assert chart.cycle_range() == "90d"
        await pilot.pause()
        plot_text(chart)
        assert chart.plotted == series[-90:]
        assert chart.cycle_range() == "1y"
        await pilot.pause()
        plot_text(chart)
        assert chart.plotted[0][0] >= END - dt.timedelta(days=364)
        assert len(chart.plotted) <= chart.plot.size.width
        chart.chart_range = "all"
        await pilot.pause()
        plot_text(chart)
        assert chart.plotted[0] == series[0] and chart.plotted[-1] == series[-1]
        assert chart.cycle_range() == RANGES[0]


async def test_chinese_stays_outside_the_plot():
    """The name, the range and the legend are around the plot; inside are numbers and dates."""
    i18n.set_language("zh")
    series = daily(120, value=lambda i: 20.0 + (i % 7))
    data = ChartData(
        "七日留存率",
        series,
        unit="%",
        targets=[Target(30.0, "目标 30% · 留存回到 30%")],
        markers=[Marker(END - dt.timedelta(days=20), "2026-10-31 调整新手引导")],
        end=END,
    )
    async with ChartApp().run_test(size=(100, 30)) as pilot:
        chart = pilot.app.query_one(MetricChart)
        chart.show(data, "90d")
        await pilot.pause()
        inside = plot_text(chart)
        assert inside.isascii() or all(ord(c) < 0x2E80 for c in inside)
        lines = inside.splitlines()
        assert len({len(line) for line in lines if line.strip()}) == 1  # the frame is straight
        title = chart.query_one("#chart-title").render().plain
        legend = chart.query_one("#chart-legend").render().plain
        assert "七日留存率" in title and "90 天" in title
        assert "留存回到 30%" in legend and "调整新手引导" in legend
        assert "30" in inside  # the target is within the y range


async def test_markers_outside_the_range_are_left_out_of_the_legend():
    series = daily(400)
    markers = [Marker(END - dt.timedelta(days=200), "old change"), Marker(END - dt.timedelta(days=10), "new change")]
    async with ChartApp().run_test(size=(100, 30)) as pilot:
        chart = pilot.app.query_one(MetricChart)
        chart.show(ChartData("x", series, markers=markers, end=END), "30d")
        await pilot.pause()
        legend = chart.query_one("#chart-legend").render().plain
        assert "new change" in legend and "old change" not in legend


async def test_empty_series_and_no_metric_say_so():
    async with ChartApp().run_test(size=(100, 30)) as pilot:
        chart = pilot.app.query_one(MetricChart)
        chart.show(None)
        await pilot.pause()
        assert chart.has_class("-empty")
        chart.show(ChartData("x", [], end=END))
        await pilot.pause()
        assert chart.query_one("#chart-empty").render().plain == i18n.t("charts.no_values")
        chart.show(ChartData("x", daily(10, end=END - dt.timedelta(days=100)), end=END), "30d")
        await pilot.pause()
        assert chart.query_one("#chart-empty").render().plain == i18n.t("charts.empty_range")
        chart.show(ChartData("x", daily(10), end=END), "30d")
        await pilot.pause()
        assert not chart.has_class("-empty")


def test_user_text_in_the_chart_is_never_markup():
    chart = MetricChart()
    data = ChartData("[bold]x[/]", daily(5), targets=[Target(1, "[@click=app.quit]t[/]")], markers=[Marker(END, "[/]")], end=END)
    assert "[bold]x[/]" in chart.title_text(data, (END - dt.timedelta(days=4), END)).plain
    assert "[@click=app.quit]t[/]" in chart.legend_text(data, (END - dt.timedelta(days=4), END)).plain


@pytest.mark.parametrize("range_name", RANGES)
def test_every_range_has_a_label(range_name):
    for language in i18n.LANGUAGES:
        assert f"charts.range.{range_name}" in i18n.catalog(language)


async def test_ten_years_of_daily_values_draw_quickly():
    """Not a benchmark (the number goes in the report), only a guard against losing the
    reduction: 3,650 values plotted as they are take several times longer."""
    series = daily(3650, value=lambda i: 100_000 + 30 * i + 5_000 * math.sin(i / 60))
    async with ChartApp().run_test(size=(120, 30)) as pilot:
        chart = pilot.app.query_one(MetricChart)
        chart.show(ChartData("DAU", series, end=END), "all")
        await pilot.pause()
        best = math.inf
        for _ in range(5):
            started = time.perf_counter()
            chart.show(ChartData("DAU", series, end=END), "all")
            plot_text(chart)
            best = min(best, time.perf_counter() - started)
        assert len(chart.plotted) <= chart.plot.size.width
        assert best < 0.5
