"""The metric chart's forecast line: a dotted projection that stretches the range to its last day
(a goal's due date), in the y range and the legend, and absent when there is none (the Metrics
screen's chart is unchanged). The rest of the chart is tested in test_charts.py."""

from __future__ import annotations

import datetime as dt

from textual.app import App, ComposeResult

from growthlog import i18n
from growthlog.services.views.charts import ChartData, Target
from growthlog.widgets.metric_chart import (
    RANGES,
    MetricChart,
    dotted_line,
    with_forecast,
)

END = dt.date(2026, 11, 20)
DUE = END + dt.timedelta(days=40)


def daily(count: int, value=lambda i: 100.0 + i) -> list[tuple[dt.date, float]]:
    return [(END - dt.timedelta(days=count - 1 - i), value(i)) for i in range(count)]


def line(first: float, per_day: float, end: dt.date = DUE) -> list[tuple[dt.date, float]]:
    return [(END + dt.timedelta(days=d), first + per_day * d) for d in range(0, (end - END).days + 1, 4)] + (
        [(end, first + per_day * (end - END).days)] if (end - END).days % 4 else []
    )


class ChartApp(App):
    def __init__(self, **chart) -> None:
        super().__init__()
        self.chart = chart

    def compose(self) -> ComposeResult:
        yield MetricChart(**self.chart)


def test_the_forecast_stretches_the_bounds_to_its_last_day():
    bounds = (END - dt.timedelta(days=29), END)
    assert with_forecast(bounds, line(100, 1)) == (bounds[0], DUE)
    assert with_forecast(bounds, []) == bounds
    assert with_forecast(None, line(100, 1)) is None
    early = [(END - dt.timedelta(days=10), 5.0), (END - dt.timedelta(days=5), 6.0)]
    assert with_forecast(bounds, early) == bounds  # never shrunk


def test_dotted_line_follows_the_line_from_end_to_end():
    start = END - dt.timedelta(days=10)
    dots = dotted_line([(END, 100.0), (DUE, 140.0)], start, 5)
    assert dots[0] == (10.0, 100.0) and dots[-1] == (50.0, 140.0)
    assert len(dots) == 9
    assert all(abs(y - (100 + (x - 10))) < 1e-9 for x, y in dots)  # on the line
    bent = dotted_line([(END, 0.0), (END + dt.timedelta(days=10), 10.0), (END + dt.timedelta(days=20), 0.0)], END, 5)
    assert bent == [(0.0, 0.0), (5.0, 5.0), (10.0, 10.0), (15.0, 5.0), (20.0, 0.0)]
    assert dotted_line([], END, 3) == []
    assert dotted_line([(END, 7.0)], END, 3) == [(0.0, 7.0)]


async def test_the_forecast_is_drawn_to_the_due_date_and_named_in_the_legend():
    series = daily(120)
    forecast = line(219, 10)  # from 219 today to 619 on the due date, far above the series
    data = ChartData("DAU", series, targets=[Target(400, "target 400")], forecast=forecast, end=END)
    async with ChartApp().run_test(size=(100, 30)) as pilot:
        chart = pilot.app.query_one(MetricChart)
        chart.show(data, "30d")
        await pilot.pause()
        inside = chart.plot.render().plain
        start, end = chart.plot.bounds
        assert (start, end) == (END - dt.timedelta(days=29), DUE)
        assert chart.plotted == series[-30:]  # the recorded values stop today
        dots = chart.plot.plotted_forecast
        assert dots[0] == (29.0, 219.0) and dots[-1] == ((DUE - start).days, 619.0)
        assert "•" in inside
        assert "600" in inside  # the y range reaches the forecast's end
        assert "12-" in inside  # the x axis runs on into December, past today
        legend = chart.query_one("#chart-legend").render().plain
        assert "forecast to 2026-12-30: 619" in legend
        title = chart.query_one("#chart-title").render().plain
        assert "2026-12-30" in title


async def test_without_a_forecast_the_chart_is_as_before():
    series = daily(120)
    async with ChartApp().run_test(size=(100, 30)) as pilot:
        chart = pilot.app.query_one(MetricChart)
        chart.show(ChartData("DAU", series, end=END), "30d")
        await pilot.pause()
        inside = chart.plot.render().plain
        assert chart.plot.bounds == (END - dt.timedelta(days=29), END)
        assert chart.plot.plotted_forecast == [] and "•" not in inside
        assert "forecast" not in chart.query_one("#chart-legend").render().plain


async def test_the_forecast_legend_is_translated_and_the_plot_stays_ascii():
    i18n.set_language("zh")
    data = ChartData("日活", daily(60, lambda i: 1000.0 + i), unit="人", forecast=line(1060, 5), end=END)
    async with ChartApp(ranges=False).run_test(size=(60, 20)) as pilot:
        chart = pilot.app.query_one(MetricChart)
        chart.show(data, "all")
        await pilot.pause()
        inside = chart.plot.render().plain
        assert all(ord(c) < 0x2E80 for c in inside)
        assert len({len(row) for row in inside.splitlines() if row.strip()}) == 1
        legend = chart.query_one("#chart-legend").render().plain
        assert "预计 2026-12-30 达到 1,260人" in legend
        title = chart.query_one("#chart-title").render().plain
        assert not any(i18n.t(f"charts.range.{name}") in title for name in RANGES)  # ranges=False
        assert "日活" in title


async def test_hiding_the_chart_forgets_what_it_plotted():
    async with ChartApp().run_test(size=(100, 30)) as pilot:
        chart = pilot.app.query_one(MetricChart)
        chart.show(ChartData("DAU", daily(30), forecast=line(130, 1), end=END), "all")
        await pilot.pause()
        chart.plot.render()
        assert chart.plotted and chart.plot.plotted_forecast
        chart.display = False
        chart.show(None)
        await pilot.pause()
        assert chart.plotted == [] and chart.plot.plotted_forecast == []
