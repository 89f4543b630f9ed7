"""Record one metric value: which metric, the value as people write it, the day, a note.

The modal only validates and returns the :class:`Measurement` with dismiss() (None on escape);
:func:`start_recording` is the whole flow the app's ``m`` key runs from any screen: load the
metrics, ask, store, say what happened (including the value a second recording of a day replaced).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import TYPE_CHECKING

from pydantic import ValidationError
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from growthlog.i18n import t
from growthlog.screens.form_modal import FormModal
from growthlog.models import Measurement, Metric
from growthlog.services.dates import DateError, parse_date
from growthlog.services.values import ValueInputError, parse_value

from growthlog.screens.base import write
from growthlog.store.errors import StoreError

if TYPE_CHECKING:
    from textual.app import App

    from growthlog.store.api import Store


class RecordValueScreen(FormModal[Measurement | None]):
    ERROR_ID = "record-error"
    CSS_PATH = "record_value.tcss"

    def __init__(self, *, metrics: list[Metric], today: dt.date, metric: str | None = None) -> None:
        super().__init__()
        self.metrics = metrics
        self.today = today
        self.initial = metric if any(m.key == metric for m in metrics) else (metrics[0].key if len(metrics) == 1 else None)

    def compose(self) -> ComposeResult:
        with Vertical(id="record-value"):
            yield Static(t("metrics_screen.record_title"), id="record-title", markup=False)
            yield Label(t("metrics_screen.metric"), markup=False)
            yield Select(
                [(Text(f"{m.name} ({m.key})"), m.key) for m in self.metrics],
                value=self.initial if self.initial else Select.NULL,
                prompt=t("metrics_screen.choose_metric"),
                id="record-metric",
            )
            with Horizontal(classes="row"):
                with Vertical(id="record-value-column"):
                    yield Label(t("metrics_screen.value"), markup=False)
                    with Horizontal(id="record-value-line"):
                        yield Input(id="record-number", placeholder="1,234 · 12.5% · 3.2万")
                        yield Static(id="record-unit", markup=False)
                with Vertical(id="record-day-column"):
                    yield Label(t("metrics_screen.day"), markup=False)
                    yield Input(self.today.isoformat(), id="record-day", placeholder=t("metrics_screen.day_placeholder"))
            yield Label(t("metrics_screen.note"), markup=False, classes="spaced")
            yield Input(id="record-note", placeholder=t("metrics_screen.note_placeholder"))
            yield Static("", id="record-error", markup=False)
            with Horizontal(id="record-buttons"):
                yield Button(t("metrics_screen.record"), variant="primary", id="save")
                yield Button(t("metrics_screen.cancel"), id="cancel")

    def on_mount(self) -> None:
        self._show_unit()
        if self.initial:
            self.query_one("#record-number", Input).focus()
        else:
            self.query_one("#record-metric", Select).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        self._show_unit()

    def _show_unit(self) -> None:
        metric = self.chosen_metric()
        self.query_one("#record-unit", Static).update(metric.unit if metric else "")

    def chosen_metric(self) -> Metric | None:
        key = self.query_one("#record-metric", Select).value
        return next((m for m in self.metrics if m.key == key), None)

    def action_save(self) -> None:
        metric = self.chosen_metric()
        if metric is None:
            self.fail(t("metrics_screen.metric_missing"), "#record-metric")
            return
        try:
            value = parse_value(self.query_one("#record-number", Input).value)
        except ValueInputError as error:
            self.fail(str(error), "#record-number")
            return
        day_text = self.query_one("#record-day", Input).value.strip()
        try:
            day = parse_date(day_text, self.today) if day_text else self.today
        except DateError as error:
            self.fail(str(error), "#record-day")
            return
        if day > self.today:  # a value is measured, so its day has happened: a typo, most likely
            self.fail(t("metrics_screen.future_day", day=day.isoformat()), "#record-day")
            return
        try:
            measurement = Measurement(metric=metric.key, day=day, value=value, note=self.query_one("#record-note", Input).value)
        except ValidationError as error:
            self.fail(error.errors()[0]["msg"], "#record-note")
            return
        self.dismiss(measurement)


def start_recording(app: App, store: Store, today: dt.date, metric: str | None = None) -> None:
    """Ask for a value (``metric`` chosen already, when given) and store it; from any screen."""

    async def ask() -> None:
        metrics = await asyncio.to_thread(store.list_metrics)
        if not metrics:
            app.notify(t("metrics_screen.no_metrics"), severity="warning", markup=False)
            return
        app.push_screen(RecordValueScreen(metrics=metrics, today=today, metric=metric), lambda m: store_it(metrics, m))

    def store_it(metrics: list[Metric], measurement: Measurement | None) -> None:
        if measurement is not None:
            app.run_worker(store_value(metrics, measurement), group="write")

    async def store_value(metrics: list[Metric], measurement: Measurement) -> None:
        from growthlog.services.numbers import format_value

        metric = next(m for m in metrics if m.key == measurement.metric)
        try:
            old = await write(app, store.record, measurement)
        except StoreError as error:  # e.g. the database is locked: nothing was stored, say so
            app.notify(t("metrics_screen.record_failed", error=str(error)), severity="error", markup=False)
            return
        values = {"value": format_value(measurement.value, metric.unit), "metric": metric.name, "day": measurement.day.isoformat()}
        if old is None:
            app.notify(t("metrics_screen.recorded", **values), markup=False)
        else:
            app.notify(t("metrics_screen.recorded_replaced", old=format_value(old, metric.unit), **values), markup=False)

    app.run_worker(ask(), group="modal")
