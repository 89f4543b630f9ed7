"""Type any period to review: START..END, or a word or form ``growthlog review --period`` takes.
Returns the :class:`Period`, or None; a period that cannot be read is said and the form stays."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from growthlog.i18n import t
from growthlog.screens.form_modal import FormModal
from growthlog.services.periods import Period, PeriodError, SprintRule, parse_period


class ReviewPeriodScreen(FormModal[Period | None]):
    ERROR_ID = "period-error"
    CSS_PATH = "review_period.tcss"

    def __init__(self, *, today: dt.date, sprint: SprintRule, current: Period | None = None) -> None:
        super().__init__()
        self.today = today
        self.sprint = sprint
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="review-period"):
            yield Static(t("reviewui.period_title"), id="period-title", markup=False)
            yield Input(self.current.key if self.current else "", id="period-input", placeholder="2026-11-01..2026-11-20")
            yield Static(t("reviewui.period_hint"), id="period-hint", markup=False)
            yield Static("", id="period-error", markup=False)
            with Horizontal(id="period-buttons"):
                yield Button(t("reviewui.period_open"), variant="primary", id="save")
                yield Button(t("reviewui.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#period-input", Input).focus()

    def action_save(self) -> None:
        text = self.query_one("#period-input", Input).value
        try:
            period = parse_period(text, self.today, self.sprint)
        except PeriodError as error:
            self.fail(str(error), "#period-input")
            return
        self.dismiss(period)
