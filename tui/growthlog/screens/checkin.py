"""A check-in on a goal: today's value (optional), confidence, a note. Returns a CheckIn or None."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from growthlog.i18n import t
from growthlog.keys import bindings
from growthlog.screens.modal import Modal
from growthlog.models import CheckIn, Goal
from growthlog.screens.goal_editor import read_number
from growthlog.services.dates import DateError, parse_date

CONFIDENCES = ("on-track", "at-risk", "off-track")


class CheckInScreen(Modal[CheckIn | None]):
    CSS_PATH = "checkin.tcss"
    BINDINGS = bindings("form")

    def __init__(self, goal: Goal, today: dt.date) -> None:
        super().__init__()
        self.goal = goal
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(id="checkin"):
            yield Static(Text(t("checkin.title", title=self.goal.title)), id="checkin-title")
            with Horizontal(classes="row"):
                with Vertical():
                    yield Label(t("checkin.day"), markup=False)
                    yield Input(self.today.isoformat(), id="checkin-day")
                with Vertical():
                    yield Label(t("checkin.value"), markup=False)
                    yield Input(id="checkin-value", placeholder=t("checkin.value_placeholder"))
                with Vertical():
                    yield Label(t("checkin.confidence"), markup=False)
                    yield Select([(t(f"confidence.{c}"), c) for c in CONFIDENCES], value="on-track", allow_blank=False, id="checkin-confidence")
            yield Label(t("checkin.note"), markup=False)
            yield Input(id="checkin-note")
            yield Static("", id="checkin-error", markup=False)
            with Horizontal(id="checkin-buttons"):
                yield Button(t("goal_editor.save"), variant="primary", id="save")
                yield Button(t("goal_editor.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#checkin-value", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)

    def action_save(self) -> None:
        try:
            day_text = self.query_one("#checkin-day", Input).value.strip()
            checkin = CheckIn(
                goal_id=self.goal.id,
                day=parse_date(day_text, self.today) if day_text else self.today,
                value=read_number(self.query_one("#checkin-value", Input).value),
                confidence=self.query_one("#checkin-confidence", Select).value,
                note=self.query_one("#checkin-note", Input).value,
            )
        except (ValueError, DateError) as problem:
            message = str(problem).splitlines()[0]
            self.query_one("#checkin-error", Static).update(message)
            self.notify(message, severity="error", markup=False)
            return
        self.dismiss(checkin)
