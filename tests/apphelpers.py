"""Helpers for driving the app in tests: build it, wait for it, read what the screen shows."""

from __future__ import annotations

import html
import re

from rich.cells import cell_len
from pathlib import Path

from growthlog.app import GrowthlogApp, make_app
from growthlog.config import load_settings
from growthlog.store.api import Store

from conftest import FIXED_TODAY

SIZE = (120, 35)
# Width of one terminal cell in Textual's SVG screenshots.
CELL_WIDTH = 12.2


def build_app(store: Store, tmp_path: Path, **settings_values) -> GrowthlogApp:
    """The app on ``store`` at the fixed date, with no config file of the developer's."""
    settings = load_settings(db=store.path, language="en", environ={"GROWTHLOG_CONFIG": str(tmp_path / "none.toml")})
    if settings_values:
        settings = settings.model_copy(update=settings_values)
    return make_app(settings, store, today=FIXED_TODAY)


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


def visible_text(app: GrowthlogApp) -> str:
    """The screen as a person reads it: the current frame as text, one line per terminal row.

    Built from the SVG screenshot, placing each run of text at its column (wide characters such as
    Chinese take two), so it shows exactly what a terminal would.
    """
    svg = app.export_screenshot()
    width, height = app.size
    grid = [[" "] * (width + 2) for _ in range(height)]
    pattern = r'<text[^>]*x="([\d.]+)"[^>]*clip-path="url\(#[^)]*-line-(\d+)\)"[^>]*>(.*?)</text>'
    for match in re.finditer(pattern, svg, re.S):
        column = round(float(match[1]) / CELL_WIDTH) - 1
        row = int(match[2])
        text = html.unescape(re.sub(r"<[^>]+>", "", match[3])).replace("\xa0", " ")
        for char in text:
            if 0 <= column < width and row < height:
                grid[row][column] = char
                if cell_len(char) == 2:
                    grid[row][column + 1] = ""
            column += cell_len(char)
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

