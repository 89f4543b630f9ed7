"""Metrics: every metric with its sparkline, latest value and change, and the chart of the one under
the cursor (range, goal targets, strategy changes). Record a value (m, or enter on a row), define a
metric from a preset (d), import a CSV file (i).

Data is read in workers: the list (:func:`growthlog.services.views.metrics.load_metrics`: one
summary per metric, the goals and the strategy entries) when the data changed, the highlighted
metric's whole series when the cursor moves. The chart gets the whole series and cuts the range
itself, so changing the range costs no query.
"""

from __future__ import annotations

import asyncio
import datetime as dt

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from growthlog.i18n import t
from growthlog.keys import bindings
from growthlog.models import Metric
from growthlog.screens.base import ModeScreen, write
from growthlog.screens.record_value import start_recording
from growthlog.services.metrics import MetricSummary
from growthlog.services.numbers import format_change, format_value
from growthlog.services.views.metrics import PERIOD_DAYS, MetricsView, load_metrics, metric_chart
from growthlog.store.api import Store
from growthlog.store.errors import StoreError
from growthlog.widgets.footer import KeyFooter
from growthlog.widgets.metric_chart import MetricChart
from growthlog.widgets.mode_bar import ModeBar
from growthlog.widgets.sparkline import sparkline

SPARK_WIDTH = 16
COLUMNS = ("name", "trend", "latest", "day", "change")


def change_style(summary: MetricSummary) -> str:
    if summary.change_is_good is None:
        return "dim"
    return "green" if summary.change_is_good else "red"


def row_cells(summary: MetricSummary, today: dt.date) -> list[Text]:
    """One metric's row: user text as Text (never markup), numbers right-aligned."""
    metric = summary.metric
    style = change_style(summary)
    if summary.latest_value is None:
        latest = Text(t("metrics_screen.no_value"), style="dim", justify="right")
        day = Text("")
    else:
        latest = Text(format_value(summary.latest_value, metric.unit), justify="right")
        day = Text(t("metrics_screen.today") if summary.latest_day == today else summary.latest_day.isoformat(), style="dim")
    change = format_change(summary.change, summary.relative_change, metric.unit, compact=True)
    return [
        Text(metric.name, no_wrap=True, overflow="ellipsis"),
        sparkline(summary.spark, SPARK_WIDTH, "" if style == "dim" else style),
        latest,
        day,
        Text(change or "–", style=style, justify="right"),
    ]


class MetricsScreen(ModeScreen):
    CSS_PATH = "metrics.tcss"
    KEY_SCOPE = "metrics"
    BINDINGS = bindings(KEY_SCOPE)
    AUTO_FOCUS = "#metrics-table"

    def __init__(self, *, store: Store, today: dt.date) -> None:
        super().__init__()
        self.store = store
        self.today = today
        self.view = MetricsView([], {}, [], [])
        self.charted: str | None = None
        self._select_next: str | None = None
        """A metric to put the cursor on at the next load (one just defined)."""

    def compose(self) -> ComposeResult:
        yield ModeBar("metrics")
        with Vertical(id="metrics"):
            yield Static(id="metrics-status", markup=False)
            table: DataTable = DataTable(id="metrics-table", cursor_type="row", zebra_stripes=True)
            for column in COLUMNS:
                label = t("metrics_screen.col_change", days=PERIOD_DAYS) if column == "change" else t(f"metrics_screen.col_{column}")
                table.add_column(Text(label, justify="right" if column in ("latest", "change") else "left"), key=column)
            yield table
            yield MetricChart(id="metrics-chart")
        yield KeyFooter()

    @property
    def highlighted_metric_key(self) -> str | None:
        """The metric under the cursor (the app's record key preselects it)."""
        table = self.query_one(DataTable)
        if not self.metrics or table.row_count == 0:
            return None
        row = min(table.cursor_row, len(self.metrics) - 1)
        return self.metrics[row].key

    @property
    def metrics(self) -> list[Metric]:
        return self.view.metrics

    # Loading
    @work(group="load", exclusive=True)
    async def reload(self) -> None:
        """Read every metric's summary and refill the table, keeping the cursor on its metric
        (or moving it to one just defined)."""
        view = await asyncio.to_thread(load_metrics, self.store, self.today)
        keep = self._select_next or self.highlighted_metric_key
        self._select_next = None
        self.show(view, keep)

    def show(self, view: MetricsView, keep: str | None) -> None:
        self.view = view
        metrics, summaries = view.metrics, view.summaries
        table = self.query_one(DataTable)
        with self.prevent(DataTable.RowHighlighted):
            table.clear()
            for metric in metrics:
                table.add_row(*row_cells(summaries[metric.key], self.today), key=metric.key)
        self.query_one("#metrics-status", Static).update(
            t("metrics_screen.count", count=len(metrics), days=PERIOD_DAYS) if metrics else t("metrics_screen.empty")
        )
        if not metrics:
            self.charted = None
            self.query_one(MetricChart).show(None)
            return
        row = next((i for i, m in enumerate(metrics) if m.key == keep), 0)
        with self.prevent(DataTable.RowHighlighted):
            table.move_cursor(row=row, animate=False)
        self.load_chart(metrics[row].key)

    @on(DataTable.RowHighlighted, "#metrics-table")
    def row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        key = event.row_key.value if event.row_key else None
        if key and key != self.charted:
            self.load_chart(key)

    @work(group="chart", exclusive=True)
    async def load_chart(self, key: str) -> None:
        metric = next((m for m in self.metrics if m.key == key), None)
        if metric is None:
            return
        self.charted = key
        view = self.view
        series = await asyncio.to_thread(self.store.series, key)
        self.query_one(MetricChart).show(metric_chart(view, metric, series, self.today))

    # Actions
    def action_cycle_range(self) -> None:
        self.query_one(MetricChart).cycle_range()

    def action_record(self) -> None:
        start_recording(self.app, self.store, self.today, self.highlighted_metric_key)

    @on(DataTable.RowSelected, "#metrics-table")
    def row_selected(self) -> None:
        self.action_record()

    def action_define(self) -> None:
        from growthlog.screens.define_metric import DefineMetricScreen

        self.app.push_screen(DefineMetricScreen(existing={m.key for m in self.metrics}), self.define)

    @work(group="write")
    async def define(self, metric: Metric | None) -> None:
        if metric is None:
            return
        self._select_next = metric.key
        try:
            await write(self, self.store.define_metric, metric)
        except StoreError as error:  # the key taken meanwhile, the database locked: nothing changed
            self._select_next = None
            self.notify(t("metrics_screen.define_failed", error=str(error)), severity="error", markup=False)
            return
        self.notify(t("metrics_screen.defined", name=metric.name, key=metric.key), markup=False)

    def action_import_csv(self) -> None:
        from growthlog.screens.import_csv import ImportCsvScreen

        self.app.push_screen(ImportCsvScreen(store=self.store))
