"""What another member (or the command line) writes appears on open screens by itself, within two
seconds, without moving the cursor off its entry or touching what is being typed; nothing is
reloaded while nothing changes."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from apphelpers import press, visible_text, wait_until
from conftest import FIXED_TODAY
from growthlog.models import Entry
from growthlog.screens.journal import JournalScreen
from growthlog.store.api import Store
from growthlog.widgets.capture_line import CaptureLine
from growthlog.widgets.entry_list import EntryList


@pytest.fixture
def other(store):
    opened = Store.open(store.path, author="王芳")
    yield opened
    opened.close()


def add(store, title, days_ago=0):
    return store.add_entry(Entry(day=FIXED_TODAY - dt.timedelta(days=days_ago), title=title))


async def test_today_shows_a_colleagues_entry_without_touching_the_capture_line(store, other, open_app):
    add(store, "我早上写的")
    async with open_app(store, author="linxiao") as pilot:
        capture = pilot.app.screen.query_one(CaptureLine)
        await pilot.press(*"正在输入的半句")
        started = time.monotonic()
        other.add_entry(Entry(day=FIXED_TODAY, title="王芳：渠道复盘"))
        await wait_until(pilot, lambda: "王芳：渠道复盘" in visible_text(pilot.app), timeout=2.0)
        assert time.monotonic() - started < 2.0
        assert capture.value == "正在输入的半句" and capture.has_focus
        await press(pilot, "enter")
    assert "正在输入的半句" in [e.title for e in store.list_entries()]


async def test_the_journal_keeps_its_cursor_on_the_same_entry(store, other, open_app):
    for days_ago, title in ((3, "三天前"), (2, "两天前"), (1, "昨天")):
        add(store, title, days_ago)
    async with open_app(store) as pilot:
        await press(pilot, "escape", "2")
        assert isinstance(pilot.app.screen, JournalScreen)
        entries = pilot.app.screen.query_one(EntryList)
        await press(pilot, "down")
        assert entries.highlighted.title == "两天前"
        for title in ("王芳今天的第一条", "王芳今天的第二条"):
            other.add_entry(Entry(day=FIXED_TODAY, title=title))
        await wait_until(pilot, lambda: entries.total == 5, timeout=2.0)
        await wait_until(pilot, lambda: entries.highlighted is not None and entries.highlighted.title == "两天前")
        assert "王芳今天的第二条" in visible_text(pilot.app)
        other.delete_entry(entries.highlighted.id)  # gone under the cursor: the cursor stays on its row
        await wait_until(pilot, lambda: entries.total == 4, timeout=2.0)


async def test_nothing_is_reloaded_while_nothing_changes(store, other, open_app, monkeypatch):
    add(store, "一条")
    reloads = []
    original = JournalScreen.reload
    monkeypatch.setattr(JournalScreen, "reload", lambda self: (reloads.append(1), original(self)))
    async with open_app(store) as pilot:
        await press(pilot, "escape", "2")
        await pilot.pause(0.5)
        reloads.clear()  # whatever showing the screen loaded
        await pilot.pause(2.5)  # two and a half checks of the data version
        assert reloads == []
        other.add_entry(Entry(day=FIXED_TODAY, title="有人写了"))
        await wait_until(pilot, lambda: reloads, timeout=2.0)
        await wait_until(pilot, lambda: "有人写了" in visible_text(pilot.app))
