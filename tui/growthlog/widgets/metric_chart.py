"""The chart of one metric: its values over a range, goal targets as horizontal lines, strategy
changes as vertical lines, and (on the Goals screen) a goal's forecast as a dotted line carried to
its due date.

Data comes in through :meth:`MetricChart.show` (the screen loads it; this widget never reads
storage). Two rules shape the code:

* The series is reduced to at most as many points as the plot is wide before plotext sees it
  (:func:`reduce_series`): plotext's cost grows with the points, a terminal column cannot show more
  than one (two braille dots), and ten years of daily values must draw as fast as a month.
* Nothing inside the plot area is Chinese: plotext counts a wide character as one column and the
  frame breaks. The metric's name, the range and the legend (whose labels are user text, often
  Chinese) are Textual widgets around the plot; inside it are only numbers and ISO dates.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import Static
from textual_plotext import PlotextPlot

from growthlog.i18n import t
from growthlog.services.numbers import axis_label, format_number
from growthlog.services.views.charts import ChartData, Marker, Point, Target

RANGES = ("30d", "90d", "1y", "all")
RANGE_DAYS: dict[str, int | None] = {"30d": 30, "90d": 90, "1y": 365, "all": None}

# plotext colour names; the legend uses the same names as Rich styles (both are ANSI colours 1-6).
SERIES_COLOR = "cyan"
TARGET_COLOR = "green"
MARKER_COLOR = "magenta"
FORECAST_COLOR = "orange"
FORECAST_LEGEND_COLOR = "yellow"
"""ANSI colour 3 is "orange" to plotext and "yellow" to Rich."""
FORECAST_GAP = 3
"""The forecast is drawn as a point every this many columns: dotted, so that it reads as a
projection and not as recorded values."""
LEGEND_MARKERS = 3
"""Strategy markers named in the legend; more are counted ("+2 more")."""

def range_bounds(series: Sequence[Point], range_name: str, end: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day a range covers; None when there is nothing to show."""
    if end is None:
        if not series:
            return None
        end = series[-1][0]
    days = RANGE_DAYS[range_name]
    if days is None:
        if not series:
            return None
        start = min(series[0][0], end)
    else:
        start = end - dt.timedelta(days=days - 1)
    return start, end


def in_range(series: Sequence[Point], start: dt.date, end: dt.date) -> list[Point]:
    """The points from ``start`` to ``end`` inclusive (``series`` is in day order)."""
    return [(day, value) for day, value in series if start <= day <= end]


def with_forecast(bounds: tuple[dt.date, dt.date] | None, forecast: Sequence[Point]) -> tuple[dt.date, dt.date] | None:
    """``bounds`` stretched to the forecast's last day when that comes after them."""
    if bounds is None or not forecast:
        return bounds
    return bounds[0], max(bounds[1], forecast[-1][0])


def dotted_line(line: Sequence[Point], start: dt.date, days_per_dot: float) -> list[tuple[float, float]]:
    """(x, y) points along ``line`` (a polyline in day order) every ``days_per_dot`` days, x
    counted in days from ``start``; its first and last points are kept."""
    if not line:
        return []
    xs = [float((day - start).days) for day, _ in line]
    ys = [value for _, value in line]
    if len(line) == 1 or xs[-1] <= xs[0]:
        return [(xs[-1], ys[-1])]
    count = max(1, round((xs[-1] - xs[0]) / max(days_per_dot, 1e-9)))
    dots = []
    segment = 0
    for i in range(count + 1):
        x = xs[0] + (xs[-1] - xs[0]) * i / count
        while segment < len(xs) - 2 and xs[segment + 1] < x:
            segment += 1
        x0, x1 = xs[segment], xs[segment + 1]
        y0, y1 = ys[segment], ys[segment + 1]
        y = y0 if x1 == x0 else y0 + (y1 - y0) * (x - x0) / (x1 - x0)
        dots.append((x, y))
    return dots


def reduce_series(series: Sequence[Point], max_points: int) -> list[Point]:
    """At most ``max_points`` points that draw like ``series``.

    The days are cut into ``max_points // 2`` equal stretches of time, and each keeps its lowest and
    highest value, in day order. Unlike averaging, a one-day spike or drop survives the reduction,
    and the time axis stays true when days are missing.
    """
    count = len(series)
    if count <= max_points:
        return list(series)
    buckets = max(1, max_points // 2)
    first = series[0][0].toordinal()
    span = series[-1][0].toordinal() - first + 1
    reduced: list[Point] = []
    current = -1
    low = high = 0
    for index, (day, value) in enumerate(series):
        bucket = (day.toordinal() - first) * buckets // span
        if bucket != current:
            if current >= 0:
                reduced.extend(_low_high(series, low, high))
            current, low, high = bucket, index, index
        elif value < series[low][1]:
            low = index
        elif value > series[high][1]:
            high = index
    reduced.extend(_low_high(series, low, high))
    return reduced


def _low_high(series: Sequence[Point], low: int, high: int) -> list[Point]:
    if low == high:
        return [series[low]]
    return [series[low], series[high]] if low < high else [series[high], series[low]]


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round numbers (1, 2, 2.5 or 5 × 10ⁿ apart) covering ``low``..``high``."""
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low:
        return [low]
    raw = (high - low) / max(1, count - 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = min((m * magnitude for m in (1, 2, 2.5, 5, 10)), key=lambda step: abs(math.log(step / raw)))
    first = math.ceil(low / step - 1e-9) * step
    ticks = []
    value = first
    while value <= high + step * 1e-9:
        ticks.append(round(value, 12))
        value += step
    return ticks or [low]


def date_ticks(start: dt.date, end: dt.date, most: int) -> list[tuple[dt.date, str]]:
    """At most ``most`` x-axis ticks on calendar boundaries: days for a few months, first days of
    months up to two years, first days of years beyond."""
    span = (end - start).days
    most = max(2, most)
    if span <= 120:
        step = max(1, math.ceil(span / (most - 1)))
        return [(start + dt.timedelta(days=d), (start + dt.timedelta(days=d)).strftime("%m-%d")) for d in range(0, span + 1, step)]
    if span <= 800:
        months = [dt.date(y, m, 1) for y in range(start.year, end.year + 1) for m in range(1, 13)]
        months = [d for d in months if start <= d <= end]
        step = max(1, math.ceil(len(months) / most))
        return [(d, d.strftime("%Y-%m")) for d in months[::step]]
    years = [dt.date(y, 1, 1) for y in range(start.year + 1, end.year + 1)]
    step = max(1, math.ceil(len(years) / most))
    return [(d, str(d.year)) for d in years[::step]]


class SeriesPlot(PlotextPlot):
    """The plot area. Figures its points out when it is drawn, because only then is its width
    known; the work is cached until the data or the size changes."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(id=id)
        self.points: list[Point] = []
        self.bounds: tuple[dt.date, dt.date] | None = None
        self.targets: Sequence[Target] = ()
        self.markers: Sequence[Marker] = ()
        self.forecast: Sequence[Point] = ()
        self.plotted: list[Point] = []
        self.plotted_forecast: list[tuple[float, float]] = []
        """The forecast's dots last handed to plotext: (days from the range's start, value)."""
        self._prepared_for: tuple | None = None
        self._generation = 0

    def set_data(
        self,
        points: list[Point],
        bounds: tuple[dt.date, dt.date] | None,
        targets: Sequence[Target],
        markers: Sequence[Marker],
        forecast: Sequence[Point] = (),
    ) -> None:
        self.points, self.bounds, self.targets, self.markers = points, bounds, targets, markers
        self.forecast = forecast
        if not points or bounds is None:
            # A hidden chart is not drawn again: say at once that nothing is plotted.
            self.plotted, self.plotted_forecast = [], []
        self._generation += 1
        self.refresh()

    def prepare(self, width: int, height: int) -> None:
        """Give plotext the reduced series, the lines and the ticks for a ``width`` × ``height`` plot."""
        key = (self._generation, width, height)
        if key == self._prepared_for:
            return
        self._prepared_for = key
        plt = self.plt
        plt.clear_figure()
        if not self.points or self.bounds is None:
            self.plotted = []
            self.plotted_forecast = []
            return
        start, end = self.bounds
        span = max(1, (end - start).days)
        self.plotted = reduce_series(self.points, max(2, width))
        xs = [(day - start).days for day, _ in self.plotted]
        ys = [value for _, value in self.plotted]
        plt.plot(xs, ys, marker="hd", color=SERIES_COLOR)
        forecast = reduce_series([(day, value) for day, value in self.forecast if start <= day <= end], max(2, width))
        values = ys + [value for _, value in forecast] + [target.value for target in self.targets]
        low, high = min(values), max(values)
        pad = (high - low) * 0.08 or abs(high) * 0.05 or 1.0
        low, high = low - pad, high + pad
        y_ticks = nice_ticks(low, high, max(3, min(5, height // 4)))
        y_labels = [axis_label(v) for v in y_ticks]
        # The columns inside the frame: the widget's less the y labels, their tick and the frame.
        columns = max(1, width - max(map(len, y_labels)) - 3)
        self.plotted_forecast = dotted_line(forecast, start, FORECAST_GAP * span / columns)
        if self.plotted_forecast:
            plt.scatter(*zip(*self.plotted_forecast), marker="dot", color=FORECAST_COLOR)
        for target in self.targets:
            plt.hline(target.value, TARGET_COLOR)
        for marker in self.markers:
            if start <= marker.day <= end:
                plt.vline((marker.day - start).days, MARKER_COLOR)
        plt.xlim(0, span)
        plt.ylim(low, high)
        plt.yticks(y_ticks, y_labels)
        ticks = date_ticks(start, end, min(6, width // 12))
        plt.xticks([(day - start).days for day, _ in ticks], [label for _, label in ticks])

    def render(self):
        self.prepare(self.size.width, self.size.height)
        return super().render()


class MetricChart(Vertical):
    """One metric's chart with its title and legend. ``chart_range`` is one of :data:`RANGES`.

    ``ranges=False`` leaves the range names out of the title, for a screen that chooses the range
    itself (the Goals screen shows a goal's whole span and has no key to change it).
    """

    DEFAULT_CSS = """
    MetricChart { height: 1fr; }
    MetricChart > #chart-title { height: 1; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    MetricChart > SeriesPlot { height: 1fr; }
    MetricChart > #chart-empty { height: 1fr; content-align: center middle; color: $text-muted; display: none; }
    MetricChart.-empty > SeriesPlot { display: none; }
    MetricChart.-empty > #chart-empty { display: block; }
    MetricChart > #chart-legend { height: auto; max-height: 5; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    chart_range: reactive[str] = reactive("90d", init=False)

    def __init__(self, *, id: str | None = None, classes: str | None = None, ranges: bool = True) -> None:  # noqa: A002
        super().__init__(id=id, classes=classes)
        self.data: ChartData | None = None
        self.ranges = ranges

    def compose(self) -> ComposeResult:
        yield Static(id="chart-title", markup=False)
        yield SeriesPlot(id="chart-plot")
        yield Static(id="chart-empty", markup=False)
        yield Static(id="chart-legend", markup=False)

    def on_mount(self) -> None:
        self._redraw()

    @property
    def plot(self) -> SeriesPlot:
        return self.query_one(SeriesPlot)

    @property
    def plotted(self) -> list[Point]:
        """The points last handed to plotext (after the reduction)."""
        return self.plot.plotted

    def show(self, data: ChartData | None, range_name: str | None = None) -> None:
        """Show ``data`` (None: no metric chosen) in ``range_name`` (default: the current range)."""
        self.data = data
        if range_name is not None and range_name != self.chart_range:
            self.set_reactive(MetricChart.chart_range, range_name)
        self._redraw()

    def cycle_range(self, step: int = 1) -> str:
        """Move to the next (or previous) range; returns it."""
        self.chart_range = RANGES[(RANGES.index(self.chart_range) + step) % len(RANGES)]
        return self.chart_range

    def watch_chart_range(self) -> None:
        self._redraw()

    def _redraw(self) -> None:
        if not self.is_mounted:
            return
        data = self.data
        title = self.query_one("#chart-title", Static)
        legend = self.query_one("#chart-legend", Static)
        empty = self.query_one("#chart-empty", Static)
        if data is None:
            self.add_class("-empty")
            title.update("")
            legend.update("")
            empty.update(t("charts.no_metric"))
            self.plot.set_data([], None, (), ())
            return
        bounds = with_forecast(range_bounds(data.series, self.chart_range, data.end), data.forecast)
        points = in_range(data.series, *bounds) if bounds else []
        title.update(self.title_text(data, bounds))
        legend.update(self.legend_text(data, bounds))
        self.set_class(not points, "-empty")
        empty.update(t("charts.empty_range") if data.series else t("charts.no_values"))
        self.plot.set_data(points, bounds, data.targets, data.markers, data.forecast)

    def title_text(self, data: ChartData, bounds: tuple[dt.date, dt.date] | None) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(data.name, "bold")
        if data.unit:
            text.append(f" ({data.unit})", "dim")
        text.append("   " if self.ranges else "")
        for name in RANGES if self.ranges else ():
            style = "bold reverse" if name == self.chart_range else "dim"
            text.append(f" {t(f'charts.range.{name}')} ", style)
            text.append(" ")
        if bounds:
            text.append(f"  {bounds[0].isoformat()} – {bounds[1].isoformat()}", "dim")
        return text

    def legend_text(self, data: ChartData, bounds: tuple[dt.date, dt.date] | None) -> Text:
        lines: list[Text] = []
        for target in data.targets:
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append("── ", TARGET_COLOR)
            line.append(target.text)
            lines.append(line)
        if data.forecast and bounds and data.forecast[-1][0] >= bounds[0]:
            day, value = data.forecast[-1]
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append("•• ", FORECAST_LEGEND_COLOR)
            line.append(t("charts.forecast", day=day.isoformat(), value=format_number(value, data.unit)))
            lines.append(line)
        markers = [m for m in data.markers if bounds and bounds[0] <= m.day <= bounds[1]]
        for marker in markers[-LEGEND_MARKERS:]:
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append(" │  ", MARKER_COLOR)
            line.append(marker.text)
            lines.append(line)
        if len(markers) > LEGEND_MARKERS:
            lines.append(Text(t("charts.more_markers", count=len(markers) - LEGEND_MARKERS), "dim"))
        return Text("\n").join(lines)
