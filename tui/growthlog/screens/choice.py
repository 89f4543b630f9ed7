"""Pick one of a few labelled values; returns the value, or None on escape."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from growthlog.screens.modal import Modal


class ChoiceScreen(Modal[str | None]):
    CSS_PATH = "choice.tcss"

    def __init__(self, title: str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(id="choice"):
            yield Static(Text(self.title_text), id="choice-title")
            yield OptionList(*[Option(Text(label), id=value) for label, value in self.choices], id="choice-options")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
