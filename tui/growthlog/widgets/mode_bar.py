"""The strip at the top of every mode: which modes there are, which is active, and their keys."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from growthlog.i18n import t

# In the order shown; a mode appears once its screen exists (no placeholders).
MODES = ("today", "journal", "goals", "metrics", "review")


def mode_number(mode: str) -> str:
    """The key that switches to ``mode``, from the key registry (so it stays true when a mode is
    missing or remapped in the default keys)."""
    from growthlog.keys import KEYS

    spec = next((spec for spec in KEYS if spec.id == f"mode.{mode}"), None)
    return spec.keys.split(",")[0] if spec else "?"


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

    def bar_text(self) -> Text:
        bar = Text()
        bar.append("growthlog ", "bold")
        for mode in MODES:
            label = f" {mode_number(mode)} {t('mode.' + mode)} "
            style = "bold reverse" if mode == self.active else ""
            bar.append(label, style)
            bar.append(" ")
        return bar

    def on_click(self, event) -> None:
        # Find which label was clicked by walking the same layout as bar_text().
        x = event.x - 1 - len("growthlog ")
        for mode in MODES:
            width = Text(f" {mode_number(mode)} {t('mode.' + mode)} ").cell_len + 1
            if 0 <= x < width:
                self.app.switch_mode(mode)
                return
            x -= width
