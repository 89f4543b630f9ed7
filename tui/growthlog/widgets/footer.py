"""The footer: the screen's keys on one line, in the interface language, as remapped.

Why not Textual's Footer: it shows each binding's description, which Textual fixes when the class is
created (at import, before the language is known), and it rebuilds and restyles one widget per key
on every screen switch and focus change (~70 ms a switch here). This one draws a single line of
text, looks each binding's words up by its id in the key registry when it draws (so they follow the
language chosen at run time), and redraws only when the keys it would show change.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

from growthlog.keys import spec_for

GAP = 2
"""Spaces between two keys."""


class ShownKey(NamedTuple):
    key: str
    """The key to simulate when clicked."""
    display: str
    description: str
    enabled: bool


def describe(binding: Binding) -> str:
    """A binding's words in the current language (from the registry; Textual's own as given)."""
    spec = spec_for(binding.id)
    return spec.description if spec is not None else binding.description


class KeyFooter(Widget):
    """``a Capture  n New  p Problem …`` and, at the right, the command palette's key."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-footer--key", "key-footer--description", "key-footer--disabled"}
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    KeyFooter > .key-footer--key { color: $footer-key-foreground; background: $footer-key-background; text-style: bold; }
    KeyFooter > .key-footer--description { color: $footer-description-foreground; background: $footer-description-background; }
    KeyFooter > .key-footer--disabled { text-style: dim; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._keys: list[ShownKey] = []
        self._palette: ShownKey | None = None
        self._spans: list[tuple[int, int, str]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def _bindings_changed(self, screen: Screen) -> None:
        keys: list[ShownKey] = []
        actions: set[str] = set()
        palette = None
        for _node, binding, enabled, _tooltip in screen.active_bindings.values():
            shown = ShownKey(binding.key, self.app.get_key_display(binding), describe(binding), enabled)
            if binding.action in ("app.command_palette", "command_palette"):
                palette = shown
            elif binding.show and binding.action not in actions:
                # A binding under several keys shows once, with its first key.
                actions.add(binding.action)
                keys.append(shown)
        if (keys, palette) != (self._keys, self._palette):
            self._keys, self._palette = keys, palette
            self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-footer--key")
        words_style = self.get_component_rich_style("key-footer--description")
        dim = self.get_component_rich_style("key-footer--disabled")
        line = Text(" ", no_wrap=True, overflow="crop", end="")
        spans: list[tuple[int, int, str]] = []
        for shown in self._keys:
            start = line.cell_len
            line.append(shown.display, key_style if shown.enabled else key_style + dim)
            line.append(" " + shown.description, words_style if shown.enabled else words_style + dim)
            spans.append((start, line.cell_len, shown.key))
            line.append(" " * GAP)
        if self._palette is not None:
            right = Text.assemble("▏", (self._palette.display, key_style), (f" {self._palette.description} ", words_style))
            room = self.size.width - line.cell_len - right.cell_len
            if room >= 0:
                line.append(" " * room)
                start = line.cell_len
                line.append_text(right)
                spans.append((start + 1, line.cell_len, self._palette.key))
        self._spans = spans
        return line

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
