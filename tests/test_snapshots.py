"""One snapshot per screen and modal, at 120×35, on the demo data at the fixed date.

Regenerate after an intended change with ``pytest tests/test_snapshots.py --snapshot-update`` and
look at the report before committing.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from apphelpers import SIZE, build_app, settle
from conftest import FIXED_TODAY
from growthlog.models import Draft
from growthlog.services.demo import fill_demo


@pytest.fixture
def demo_app(store, tmp_path):
    fill_demo(store, FIXED_TODAY)
    return build_app(store, tmp_path)


def run_then(*keys: str, search: str | None = None):
    """A run_before that settles the app, presses ``keys`` and settles again."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        if search is not None:
            pilot.app.screen.query_one("#search", Input).value = search
            await pilot.pause(0.3)
            await settle(pilot)
        # Hide the blinking cursor's phase from the picture.
        focused = pilot.app.focused
        if isinstance(focused, Input):
            focused.cursor_blink = False

    return run_before


def test_today(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_then())


def test_journal(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_then("escape", "2", "down", "down"))


def test_journal_search(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_then("escape", "slash", search="留存"))


def test_editor_new_problem(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_then("escape", "p"))


def test_editor_existing_entry(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_then("escape", "2", "down", "e"))


def test_kind_picker(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_then("escape", "n"))


def test_confirm_delete(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_then("escape", "2", "d"))


def test_help(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_then("escape", "question_mark"))


def test_capture_box(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run_then("escape", "2", "a"))


def test_drafts_offered_back(snap_compare, store, tmp_path):
    fill_demo(store, FIXED_TODAY)
    store.save_draft(
        Draft(
            key="new-1",
            data={"kind": "problem", "title": "周末活动转化不及预期", "body": "", "tags": "活动", "day": "2026-11-20", "fields": {}},
            saved_at="2026-11-20T09:30:00",
        )
    )
    assert snap_compare(build_app(store, tmp_path), terminal_size=SIZE, run_before=run_then())
