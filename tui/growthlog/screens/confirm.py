"""A yes/no question; returns True for yes."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from growthlog.i18n import t
from growthlog.keys import bindings
from growthlog.screens.modal import Modal


class ConfirmScreen(Modal[bool]):
    """Asks ``question``; the detail (may hold user text) is shown as plain text."""

    CSS_PATH = "confirm.tcss"
    BINDINGS = bindings("confirm")

    def __init__(self, question: str, detail: str = "", yes: str | None = None) -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.yes_label = yes or t("confirm.yes")

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(Text(self.question), id="confirm-question")
            if self.detail:
                yield Static(Text(self.detail), id="confirm-detail")
            with Horizontal(id="confirm-buttons"):
                yield Button(Text(self.yes_label), variant="error", id="yes")
                yield Button(Text(t("confirm.no")), id="no")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def action_close(self) -> None:
        self.dismiss(False)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")
