"""Helpers for driving the app in tests: build it, wait for it, read what the screen shows."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from rich.cells import cell_len
from textual.errors import NoWidget
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget

from growthlog.app import GrowthlogApp, make_app
from growthlog.config import load_settings
from growthlog.store.api import Store

from conftest import FIXED_TODAY

SIZE = (120, 35)


def build_app(store: Store, tmp_path: Path, **settings_values) -> GrowthlogApp:
    """The app on ``store`` at the fixed date, with no config file of the developer's."""
    settings = load_settings(db=store.path, language="en", environ={"GROWTHLOG_CONFIG": str(tmp_path / "none.toml"), "XDG_CONFIG_DIRS": str(tmp_path / "no-xdg")})
    if settings_values:
        settings = settings.model_copy(update=settings_values)
    return make_app(settings, store, today=FIXED_TODAY)


@contextlib.asynccontextmanager
async def running(store: Store, tmp_path: Path, *, size: tuple[int, int] = SIZE, **settings_values) -> AsyncIterator[Pilot]:
    """The app on ``store`` (see :func:`build_app`), started at ``size`` and settled: what the user
    sees once it has loaded. The ``open_app`` fixture hands this out with the test's folder."""
    app = build_app(store, tmp_path, **settings_values)
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        yield pilot


async def press(pilot: Pilot, *keys: str) -> None:
    """Press ``keys`` as the user would, then wait until what they started has finished."""
    await pilot.press(*keys)
    await settle(pilot)


async def settle(pilot, rounds: int = 3) -> None:
    """Let timers, workers and the messages they post run to the end."""
    for _ in range(rounds):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def wait_until(pilot, condition, timeout: float = 3.0) -> None:
    """Let the app run until ``condition()`` holds (it checks for other processes' writes once a
    second, so live updates take up to a second and a load)."""
    import time

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not true after {timeout} s: {condition}")
        await pilot.pause(0.1)
        await pilot.app.workers.wait_for_complete()


def _layer(widget) -> str:
    """The layer a widget is drawn on (its own, or the nearest ancestor's); "" for the default."""
    for node in widget.ancestors_with_self:
        if isinstance(node, Widget) and node.styles.layer:
            return node.styles.layer
    return ""


def visible_text(app: GrowthlogApp) -> str:
    """The screen as a person reads it: one line per terminal row, wide characters (Chinese) in
    two columns, dialogs over what is under them.

    Drawn through Textual's own API: each widget on screen renders its visible part
    (``Widget.render_lines``) where the screen placed it (``Screen.find_widget``), parents before
    their children and the overlay layers (menus, notifications) last, as the compositor does.
    """
    width, height = app.size
    grid = [[" "] * width for _ in range(height)]
    stack = list(app.screen_stack)
    base = max((i for i, screen in enumerate(stack) if not screen.is_modal), default=0)
    for screen in stack[base:]:
        widgets = list(screen.walk_children(with_self=True))
        order = {id(widget): i for i, widget in enumerate(widgets)}
        widgets.sort(key=lambda widget: (_layer(widget) != "", order[id(widget)]))
        for widget in widgets:
            if widget is screen and screen.is_modal:
                continue  # a dialog's see-through background: what is under it shows
            try:
                geometry = screen.find_widget(widget)
            except NoWidget:
                continue  # not on screen
            shown = geometry.visible_region.intersection(Region(0, 0, width, height))
            if not shown.area:
                continue
            crop = Region(shown.x - geometry.region.x, shown.y - geometry.region.y, shown.width, shown.height)
            for row, strip in enumerate(widget.render_lines(crop)):
                cells, x = grid[shown.y + row], shown.x
                for char in strip.text:
                    if x >= shown.right:
                        break
                    cells[x] = char
                    if cell_len(char) == 2 and x + 1 < width:
                        cells[x + 1] = ""
                    x += cell_len(char)
    return "\n".join("".join(line).rstrip() for line in grid)


def recording_notes(app: GrowthlogApp) -> list[str]:
    """Every notification the app shows from now on (toasts wrap, so read them here)."""
    notes: list[str] = []
    original = app.notify

    def notify(message, *args, **kwargs):
        notes.append(str(message))
        return original(message, *args, **kwargs)

    app.notify = notify
    return notes

