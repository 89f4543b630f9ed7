"""Import metric values from a CSV file: ask for the path, check the whole file without writing
(the dry run), show what it would add and replace, and import only once confirmed.

Returns the number of values written with dismiss() (None when nothing was imported). A file that
cannot be imported is refused whole, with one message naming the line and column; the database is
untouched. Large files show progress: the planner and the writer report every few thousand lines
from their thread, and a timer on this side moves the bar.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Button, Checkbox, Input, Label, ProgressBar, Static

from growthlog.i18n import t
from growthlog.services.metric_import import CsvImportError, CsvImportPlan, apply_csv_import, count_rows, plan_csv_import
from growthlog.screens.base import write
from growthlog.screens.modal import Modal
from growthlog.store.api import Store

SUMMARY_METRICS = 6
"""Metrics listed one per line in the summary; more are counted."""


def clean_path(text: str) -> Path:
    """The path as typed or pasted: surrounding quotes (file managers add them) and ~ handled."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]
    return Path(text).expanduser()


def plan_summary(plan: CsvImportPlan) -> Text:
    """What the import would do, in a few lines: totals first, then per metric."""
    values = len(plan.rows)
    text = Text()
    text.append(
        t("metrics_screen.import_totals", values=f"{values:,}", metrics=len(plan.metrics), added=f"{plan.added:,}", replaced=f"{plan.replaced:,}"),
        "bold",
    )
    text.append("\n")
    text.append(t("metrics_screen.import_layout", layout=t(f"metrics_screen.layout_{plan.layout}"), encoding=plan.encoding), "dim")
    for counts in list(plan.metrics.values())[:SUMMARY_METRICS]:
        text.append("\n  ")
        text.append(f"{counts.name} ({counts.key})")
        if counts.first_day:
            text.append(f"  {counts.first_day} – {counts.last_day}", "dim")
        text.append("  " + t("metrics_screen.import_metric_counts", added=f"{counts.added:,}", replaced=f"{counts.replaced:,}"))
        if counts.defined:
            text.append("  " + t("metrics_screen.import_defines"), "bold yellow")
    if len(plan.metrics) > SUMMARY_METRICS:
        text.append("\n  " + t("metrics_screen.import_more", count=len(plan.metrics) - SUMMARY_METRICS), "dim")
    if plan.replaced:
        text.append("\n")
        text.append(t("metrics_screen.import_replaces", replaced=f"{plan.replaced:,}"), "yellow")
    return text


class ImportCsvScreen(Modal[int | None]):
    CSS_PATH = "import_csv.tcss"

    def __init__(self, *, store: Store, path: str = "") -> None:
        super().__init__()
        self.store = store
        self.initial_path = path
        self.plan: CsvImportPlan | None = None
        self.busy = False
        self._done = 0
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="import-csv"):
            yield Static(t("metrics_screen.import_title"), id="import-title", markup=False)
            yield Label(t("metrics_screen.import_file"), markup=False)
            yield Input(self.initial_path, id="import-path", placeholder=t("metrics_screen.import_placeholder"))
            yield Static(t("metrics_screen.import_formats"), id="import-formats", markup=False)
            yield Checkbox(t("metrics_screen.import_define"), id="import-define")
            yield ProgressBar(id="import-progress", show_eta=False)
            yield Static("", id="import-summary", markup=False)
            yield Static("", id="import-error", markup=False)
            with Horizontal(id="import-buttons"):
                yield Button(t("metrics_screen.import_check"), variant="primary", id="check")
                yield Button(t("metrics_screen.import_confirm"), variant="success", id="import", disabled=True)
                yield Button(t("metrics_screen.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()

    # What was checked no longer holds once the path or the choice changes.
    def on_input_changed(self, event: Input.Changed) -> None:
        self.forget_plan()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self.forget_plan()

    def forget_plan(self) -> None:
        if self.busy:
            return
        self.plan = None
        self.query_one("#import", Button).disabled = True
        self.query_one("#import-summary", Static).update("")
        self.query_one("#import-error", Static).update("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.check()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "check":
            self.check()
        elif event.button.id == "import":
            self.run_import()
        else:
            self.action_close()

    def action_close(self) -> None:
        if not self.busy:  # a write under way finishes first: it is one transaction
            self.dismiss(None)

    # Progress, moved by a timer: the callbacks run on the worker's thread.
    def _progress(self, done: int) -> None:
        self._done = done

    def _start(self, total: int | None) -> None:
        self.busy = True
        self._done = 0
        bar = self.query_one(ProgressBar)
        bar.update(total=total or None, progress=0)
        bar.add_class("-shown")
        for button in self.query(Button):
            button.disabled = button.id != "cancel"
        self._timer = self.set_interval(0.1, lambda: bar.update(progress=self._done))

    def _stop(self) -> None:
        self.busy = False
        if self._timer is not None:
            self._timer.stop()
        self.query_one(ProgressBar).remove_class("-shown")
        self.query_one("#check", Button).disabled = False
        self.query_one("#import", Button).disabled = self.plan is None or not self.plan.rows

    def fail(self, message: str) -> None:
        self.query_one("#import-error", Static).update(message)
        self.notify(message, severity="error", markup=False)

    @work(group="import", exclusive=True)
    async def check(self) -> None:
        """The dry run: read and check the whole file; nothing is written."""
        if self.busy:
            return
        self.forget_plan()
        text = self.query_one("#import-path", Input).value
        if not text.strip():
            self.fail(t("metrics_screen.import_no_path"))
            return
        path = clean_path(text)
        define = self.query_one("#import-define", Checkbox).value
        self._start(await asyncio.to_thread(count_rows, path))
        try:
            plan = await asyncio.to_thread(plan_csv_import, path, self.store, define=define, progress=self._progress)
        except CsvImportError as error:
            self._stop()
            self.fail(str(error))
            return
        except Exception as error:  # the database locked, a file that vanished: say so, nothing changed
            self._stop()
            self.fail(t("metrics_screen.import_failed", error=str(error)))
            return
        self.plan = plan
        self._stop()
        summary = plan_summary(plan) if plan.rows else Text(t("metrics_screen.import_nothing"))
        self.query_one("#import-summary", Static).update(summary)
        if plan.rows:
            self.query_one("#import", Button).focus()

    @work(group="import", exclusive=True)
    async def run_import(self) -> None:
        plan = self.plan
        if plan is None or self.busy:
            return
        self._start(len(plan.rows))
        try:
            written = await write(self, apply_csv_import, plan, self.store, self._progress)
        except CsvImportError as error:
            self.plan = None
            self._stop()
            self.fail(str(error))
            return
        except Exception as error:
            self._stop()
            self.fail(t("metrics_screen.import_failed", error=str(error)))
            return
        self._stop()
        self.notify(
            t("metrics_screen.imported", values=f"{written:,}", replaced=f"{plan.replaced:,}", file=plan.path.name), markup=False
        )
        self.dismiss(written)
