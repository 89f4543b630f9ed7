"""Snapshots of the Review mode and its modals, at 120×35, on the demo data at the fixed date (the
demo holds a saved review of the last finished sprint).

Regenerate after an intended change with ``pytest tests/test_snapshots_review.py --snapshot-update``
and look at the pictures before committing.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from apphelpers import SIZE, build_app, settle
from conftest import FIXED_TODAY
from growthlog.demo import fill_demo


@pytest.fixture
def demo_app(store, tmp_path):
    fill_demo(store, FIXED_TODAY)
    return build_app(store, tmp_path)


def run_then(*keys: str):
    """A run_before that settles the app, presses ``keys`` and settles again."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        focused = pilot.app.focused
        if isinstance(focused, Input):
            focused.cursor_blink = False

    return run_before


def test_review_current_sprint(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_then("escape", "5"))


def test_review_saved_sprint(snap_compare, demo_app):
    """The last finished sprint: its saved numbers and written part."""
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_then("escape", "5", "left"))


def test_review_custom_period(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_then("escape", "5", "c"))


def test_review_past_reviews(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_then("escape", "5", "L"))
