"""The app in a log several people write: who wrote what, mine / everyone's, today's team."""

from __future__ import annotations

import datetime as dt

from apphelpers import press, visible_text
from conftest import FIXED_TODAY
from growthlog.models import Entry
from growthlog.screens.journal import JournalScreen
from growthlog.widgets.entry_list import EntryList


def add(store, title, author, *, days_ago=0):
    return store.add_entry(Entry(day=FIXED_TODAY - dt.timedelta(days=days_ago), title=title, author=author))


def team_log(store):
    add(store, "我的渠道复盘", "linxiao")
    add(store, "王芳：推送退订率上升", "王芳")
    add(store, "王芳的第二条", "王芳")
    add(store, "上周的笔记", "linxiao", days_ago=3)


async def test_a_single_writers_lists_name_nobody(store, open_app):
    add(store, "只有我", "linxiao")
    async with open_app(store, author="linxiao") as pilot:
        text = visible_text(pilot.app)
        assert "Today's entries (1)" in text and "·" not in text.split("Today's entries (1)")[1].split("\n")[0]
        assert pilot.app.screen.query_one(EntryList).show_author is False
        assert "linxiao" not in text.split("Today's entries")[1].split("\n")[1]


async def test_today_says_who_logged_what_and_lists_show_authors(store, open_app):
    team_log(store)
    async with open_app(store, author="linxiao") as pilot:
        text = visible_text(pilot.app)
        assert "Today's entries (3) · 王芳 2, linxiao 1" in text
        row = next(line for line in text.splitlines() if "推送退订率上升" in line)
        assert "王芳" in row.split("王芳：")[0]  # the author column, before the title


async def test_journal_toggles_between_mine_and_everyones(store, open_app):
    team_log(store)
    async with open_app(store, author="linxiao") as pilot:
        await press(pilot, "escape", "2")
        assert isinstance(pilot.app.screen, JournalScreen)
        text = visible_text(pilot.app)
        assert "4 entries" in text and "王芳的第二条" in text
        await press(pilot, "w")
        text = visible_text(pilot.app)
        assert "2 entries match · only yours (linxiao)" in text
        assert "王芳" not in text.split("only yours")[1]
        assert "我的渠道复盘" in text and "上周的笔记" in text
        await press(pilot, "w")
        text = visible_text(pilot.app)
        assert "4 entries" in text and "王芳的第二条" in text and "only yours" not in text


async def test_what_the_app_saves_is_signed_with_the_settings_author(store, open_app):
    async with open_app(store, author="王芳") as pilot:
        await pilot.press(*"新的想法 #拉新")
        await press(pilot, "enter")
    [entry] = store.list_entries()
    assert (entry.title, entry.author) == ("新的想法", "王芳")
