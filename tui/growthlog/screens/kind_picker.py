"""Choose the kind of a new entry; returns the kind id, or None on escape."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from growthlog.screens.modal import Modal
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from growthlog.i18n import kind_label, t
from growthlog.kinds import KINDS


class KindPickerScreen(Modal[str | None]):
    CSS_PATH = "kind_picker.tcss"

    def compose(self) -> ComposeResult:
        with Vertical(id="kind-picker"):
            yield Label(t("picker.title"), id="picker-title", markup=False)
            yield OptionList(
                *[Option(f"{kind_label(kind)}  ·  {t('kind.' + kind + '.hint')}", id=kind) for kind in KINDS],
                id="kind-options",
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
