"""The strip at the top of every mode: which modes there are, which is active, and their keys as
they work now (remapped keys included)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from growthlog.i18n import t

# In the order shown; a mode appears once its screen exists (no placeholders).
MODES = ("today", "journal", "goals", "metrics", "review")


class ModeBar(Static):
    """``1 Today  2 Journal`` with the active mode highlighted; click a mode to switch."""

    DEFAULT_CSS = """
    ModeBar { height: 1; background: $panel; color: $text-muted; padding: 0 1; }
    """

    def __init__(self, active: str, *, extra: Text | None = None) -> None:
        super().__init__()
        self.active = active
        self.extra = extra

    def on_mount(self) -> None:
        self.update(self.bar_text())

    def mode_key(self, mode: str) -> str:
        """The key that switches to ``mode`` as it works now (the user's keymap applied): read
        from the screen's active bindings by the binding's id."""
        for _node, binding, _enabled, _tooltip in self.screen.active_bindings.values():
            if binding.id == f"mode.{mode}":
                return self.app.get_key_display(binding)
        return "?"

    def labels(self) -> list[tuple[str, Text]]:
        return [(mode, Text(f" {self.mode_key(mode)} {t('mode.' + mode)} ")) for mode in MODES]

    def bar_text(self) -> Text:
        bar = Text()
        bar.append("growthlog ", "bold")
        for mode, label in self.labels():
            label.stylize("bold reverse" if mode == self.active else "")
            bar.append_text(label)
            bar.append(" ")
        return bar

    def on_click(self, event) -> None:
        # Find which label was clicked by walking the same layout as bar_text().
        x = event.x - 1 - len("growthlog ")
        for mode, label in self.labels():
            width = label.cell_len + 1
            if 0 <= x < width:
                self.app.switch_mode(mode)
                return
            x -= width
