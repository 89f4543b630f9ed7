"""The footer, rebuilt only when what it would show changes."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class SteadyFooter(Footer):
    """Textual's Footer rebuilds every key widget whenever bindings may have changed: on every
    screen switch and every focus change. Each rebuilt key is restyled, which made switching modes
    cost ~70 ms here. This one rebuilds only when the keys it shows actually differ."""

    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple | None = None

    def bindings_changed(self, screen: Screen) -> None:
        shown = tuple(
            (binding.key, binding.action, binding.description, enabled)
            for (_, binding, enabled, _) in screen.active_bindings.values()
            if binding.show
        )
        if shown == self._shown:
            return
        self._shown = shown
        super().bindings_changed(screen)
