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


def add_teammate(store) -> None:
    """A second member, 王芳, writes in the demo's current sprint and owns a goal."""
    import datetime as dt

    from growthlog.models import Entry, Goal

    def day(offset: int) -> dt.date:
        return FIXED_TODAY - dt.timedelta(days=offset)

    store.add_entries([
        Entry(day=day(2), kind="problem", title="推送退订率上升", author="王芳", tags=["push"], fields={"severity": "high"}),
        Entry(day=day(9), kind="problem", title="客服工单积压", author="王芳",
              fields={"severity": "medium", "status": "resolved", "resolved_on": day(1)}),
        Entry(day=day(1), kind="lesson", title="先灰度再全量", author="王芳", tags=["push"],
              fields={"outcome": "failure", "takeaway": "灰度 5%，看一周再全量"}),
        Entry(day=day(0), kind="note", title="和渠道对齐预算", author="王芳"),
    ])
    store.add_goal(Goal(title="推送退订率降到 1%", author="王芳", start=day(3), due=day(-30)))


@pytest.fixture
def team_app(store, tmp_path):
    fill_demo(store, FIXED_TODAY)
    add_teammate(store)
    return build_app(store, tmp_path, author="linxiao")


def test_review_of_a_team(snap_compare, team_app):
    """Two people wrote in the sprint: whose review it is, who wrote what, the goals' owners."""
    assert snap_compare(team_app, terminal_size=SIZE, run_before=run_then("escape", "5"))


def test_review_of_a_team_names_who_wrote_each_item(snap_compare, team_app):
    assert snap_compare(team_app, terminal_size=SIZE, run_before=run_then("escape", "5", "pagedown"))


def test_review_of_one_member(snap_compare, team_app):
    """w, w: 王芳's review (linxiao wrote most, so he comes first)."""
    assert snap_compare(team_app, terminal_size=SIZE, run_before=run_then("escape", "5", "w", "w"))
