"""Snapshots of what a team sees: the conflict dialog (English and Chinese, 120×35 and 80×24) and
the Journal once two people write in the demo's log."""

from __future__ import annotations

import datetime as dt

import pytest

from apphelpers import SIZE, build_app, settle
from conftest import FIXED_TODAY
from growthlog import i18n
from growthlog.demo import fill_demo
from growthlog.models import Entry
from growthlog.screens.conflict import ConflictScreen
from growthlog.services.conflicts import ENTRY_FIELDS, differences


@pytest.fixture
def team_app(store, tmp_path):
    fill_demo(store, FIXED_TODAY)
    for days_ago, title, tags in ((0, "推送退订率上升：周末连发三条", ["推送"]), (1, "渠道复盘：小红书投放 ROI 1.8", ["投放"])):
        store.add_entry(Entry(day=FIXED_TODAY - dt.timedelta(days=days_ago), title=title, tags=tags, author="王芳"))
    return build_app(store, tmp_path)


def conflict_dialog():
    mine = Entry(day=FIXED_TODAY, title="双十二活动：主会场改版", tags=["活动"], kind="plan", body="先做 A/B")
    theirs = mine.model_copy(update={"title": "双十二活动：主会场和支付页改版", "tags": ["活动", "支付"], "body": ""})
    return ConflictScreen(what="entry", who="王芳 (at 14:05)", differences=differences(mine, theirs, ENTRY_FIELDS))


def push_conflict():
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("escape")
        pilot.app.push_screen(conflict_dialog())
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", [SIZE, (80, 24)], ids=["120x35", "80x24"])
def test_conflict_dialog(snap_compare, team_app, size):
    assert snap_compare(team_app, terminal_size=size, run_before=push_conflict())


def test_conflict_dialog_in_chinese(snap_compare, team_app):
    i18n.set_language("zh")
    assert snap_compare(team_app, terminal_size=SIZE, run_before=push_conflict())


def test_conflict_dialog_when_theirs_was_deleted(snap_compare, team_app):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("escape")
        pilot.app.push_screen(ConflictScreen(what="goal", who="", differences=None))
        await settle(pilot)

    assert snap_compare(team_app, terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("size", [SIZE, (80, 24)], ids=["120x35", "80x24"])
def test_journal_of_two_writers(snap_compare, team_app, size):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("escape", "2")
        await settle(pilot)

    assert snap_compare(team_app, terminal_size=size, run_before=run_before)
