"""Every key, by where it works, with the keymap applied: read from the key registry, so it is
always true."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from growthlog.i18n import t
from growthlog.keys import KEYS, SCOPES, bindings, effective_keys
from growthlog.screens.modal import Modal


def key_label(keys: str) -> str:
    """How a key list reads: 'question_mark' as '?', 'slash' as '/'."""
    names = {"question_mark": "?", "slash": "/", "escape": "esc", "delete": "del"}
    return ", ".join(names.get(key.strip(), key.strip()) for key in keys.split(","))


class HelpScreen(Modal[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = bindings("help")

    def __init__(self, keymap: dict[str, str] | None = None) -> None:
        super().__init__()
        self.keymap = keymap or {}

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static(t("help.title"), id="help-title", markup=False)
            table: DataTable = DataTable(id="help-keys", cursor_type="row", zebra_stripes=True)
            # Labels as Text: "[keymap]" in a label would otherwise be read as markup.
            table.add_columns(*(Text(t(key)) for key in ("help.where", "help.keys", "help.action", "help.id")))
            for scope in SCOPES:
                for spec in KEYS:
                    if spec.scope == scope:
                        table.add_row(
                            Text(t(f"scope.{scope}")),
                            Text(key_label(effective_keys(spec, self.keymap)), style="bold"),
                            Text(spec.help),
                            Text(spec.id, style="dim"),
                        )
            yield table
            yield Static(t("help.capture_hint"), id="help-hint", markup=False)
