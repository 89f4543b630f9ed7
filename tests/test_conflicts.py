"""Two people saving one record: the store refuses the older save, the app shows what differs and
does what was chosen (keep mine, take theirs, keep both), and nothing typed is lost."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Input

from apphelpers import press, settle, visible_text, wait_until
from conftest import FIXED_TODAY
from growthlog.models import Entry
from growthlog.screens.conflict import ConflictScreen
from growthlog.screens.editor import EditorScreen
from growthlog.services.conflicts import ENTRY_FIELDS, as_copy, differences
from growthlog.store.api import Store


# --- what differs ---------------------------------------------------------------------------------


def entry(**values) -> Entry:
    return Entry(day=FIXED_TODAY, title=values.pop("title", "标题"), **values)


def test_differences_name_each_changed_field_in_order():
    mine = entry(title="我的标题", tags=["拉新"], kind="problem", fields={"severity": "high"})
    theirs = entry(title="他们的标题", tags=["拉新"], kind="problem", fields={"severity": "low"}, body="补充")
    found = differences(mine, theirs, ENTRY_FIELDS)
    assert [(d.label, d.mine, d.theirs) for d in found] == [
        ("Title", "我的标题", "他们的标题"), ("Body", "(empty)", "补充"), ("Severity", "high", "low"),
    ]
    assert differences(mine, mine, ENTRY_FIELDS) == []


def test_a_copy_is_a_new_record():
    stored = entry(id=7, uuid="u-1", revision=3, created=dt.datetime(2026, 1, 1))
    copy = as_copy(stored)
    assert (copy.id, copy.uuid, copy.revision) == (None, None, 0)
    assert copy.title == stored.title and copy.created > stored.created


# --- in the app, with another member writing through their own connection ------------------------


@pytest.fixture
def other(store):
    """王芳, writing to the same file through a connection of her own (as her process would)."""
    opened = Store.open(store.path, author="王芳")
    yield opened
    opened.close()


async def edit_title(pilot, entry_id: int, title: str) -> EditorScreen:
    app = pilot.app
    app.open_editor(entry=app.store.get_entry(entry_id))
    await wait_until(pilot, lambda: isinstance(app.screen, EditorScreen))
    await settle(pilot)
    editor = app.screen
    editor.query_one("#title", Input).value = title
    return editor


async def save_into_conflict(pilot) -> ConflictScreen:
    # Not press(): its settling would wait for the save, which waits for the answer.
    await pilot.press("ctrl+s")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConflictScreen))
    await wait_until(pilot, lambda: "while you were editing it" in visible_text(pilot.app))
    return pilot.app.screen


async def test_the_dialog_shows_who_changed_what(store, other, open_app):
    saved = store.add_entry(entry(title="渠道复盘", author="linxiao"))
    async with open_app(store, author="linxiao") as pilot:
        await edit_title(pilot, saved.id, "渠道复盘（我改的）")
        other.update_entry(other.get_entry(saved.id).model_copy(update={"title": "渠道复盘（王芳改的）", "body": "补充了数据"}))
        await save_into_conflict(pilot)
        text = visible_text(pilot.app)
        assert "王芳 (at " in text and "saved this entry while you were editing it" in text
        title_row = next(line for line in text.splitlines() if "Title" in line and "复盘" in line)
        assert "渠道复盘（我改的）" in title_row and "渠道复盘（王芳改的）" in title_row
        assert "补充了数据" in text
        assert store.get_entry(saved.id).title == "渠道复盘（王芳改的）"  # nothing written yet


async def test_keep_mine_saves_over_theirs(store, other, open_app):
    saved = store.add_entry(entry(title="原来的"))
    async with open_app(store) as pilot:
        await edit_title(pilot, saved.id, "我的版本")
        other.update_entry(other.get_entry(saved.id).model_copy(update={"title": "她的版本"}))
        await save_into_conflict(pilot)
        await press(pilot, "m")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, (ConflictScreen, EditorScreen)))
    assert [e.title for e in store.list_entries()] == ["我的版本"]
    assert store.list_drafts() == []


async def test_take_theirs_drops_my_changes(store, other, open_app):
    saved = store.add_entry(entry(title="原来的"))
    async with open_app(store) as pilot:
        await edit_title(pilot, saved.id, "我的版本")
        other.update_entry(other.get_entry(saved.id).model_copy(update={"title": "她的版本"}))
        await save_into_conflict(pilot)
        await press(pilot, "t")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, (ConflictScreen, EditorScreen)))
        assert "Kept their version" in visible_text(pilot.app)
    assert [e.title for e in store.list_entries()] == ["她的版本"]
    assert store.list_drafts() == []


async def test_keep_both_saves_mine_as_a_copy(store, other, open_app):
    saved = store.add_entry(entry(title="原来的", tags=["拉新"]))
    async with open_app(store) as pilot:
        await edit_title(pilot, saved.id, "我的版本")
        other.update_entry(other.get_entry(saved.id).model_copy(update={"title": "她的版本"}))
        await save_into_conflict(pilot)
        await press(pilot, "b")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, (ConflictScreen, EditorScreen)))
    stored = {e.title: e for e in store.list_entries()}
    assert set(stored) == {"我的版本", "她的版本"}
    assert stored["我的版本"].uuid != stored["她的版本"].uuid and stored["我的版本"].tags == ["拉新"]


async def test_escape_goes_back_to_editing_with_everything_typed(store, other, open_app):
    saved = store.add_entry(entry(title="原来的"))
    async with open_app(store) as pilot:
        editor = await edit_title(pilot, saved.id, "还没想好的标题")
        other.update_entry(other.get_entry(saved.id).model_copy(update={"title": "她的版本"}))
        await save_into_conflict(pilot)
        await press(pilot, "escape")
        assert pilot.app.screen is editor
        assert editor.query_one("#title", Input).value == "还没想好的标题"
        assert [d.data["title"] for d in store.list_drafts()] == ["还没想好的标题"]
    assert [e.title for e in store.list_entries()] == ["她的版本"]


@pytest.mark.parametrize(("key", "titles"), [("m", ["我的版本"]), ("t", [])])
async def test_an_entry_deleted_while_editing(store, other, open_app, key, titles):
    saved = store.add_entry(entry(title="原来的"))
    async with open_app(store) as pilot:
        await edit_title(pilot, saved.id, "我的版本")
        other.delete_entry(saved.id)
        await save_into_conflict(pilot)
        assert "deleted this entry while you were editing it" in visible_text(pilot.app)
        await press(pilot, key)
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, (ConflictScreen, EditorScreen)))
    assert [e.title for e in store.list_entries()] == titles
    assert store.list_drafts() == []


async def test_saving_twice_in_a_row_alone_is_no_conflict(store, open_app):
    saved = store.add_entry(entry(title="一"))
    async with open_app(store) as pilot:
        for title in ("二", "三"):
            await edit_title(pilot, saved.id, title)
            await press(pilot, "ctrl+s")
            await wait_until(pilot, lambda: not isinstance(pilot.app.screen, EditorScreen))
    assert [(e.title, e.revision) for e in store.list_entries()] == [("三", 2)]


# --- goals and reviews ----------------------------------------------------------------------------


async def test_a_goal_changed_by_someone_else_can_be_kept_as_both(store, other, open_app):
    from growthlog.models import Goal
    from growthlog.screens.goal_editor import GoalEditorScreen
    from growthlog.screens.goals import GoalsScreen

    goal = store.add_goal(Goal(title="D7 留存到 22%", author="linxiao"))
    async with open_app(store, author="linxiao") as pilot:
        await press(pilot, "escape", "3")
        assert isinstance(pilot.app.screen, GoalsScreen)
        await press(pilot, "e")
        assert isinstance(pilot.app.screen, GoalEditorScreen)
        pilot.app.screen.query_one("#goal-title", Input).value = "D7 留存到 23%"
        other.update_goal(other.get_goal(goal.id).model_copy(update={"title": "D7 留存到 25%"}))
        await save_into_conflict(pilot)
        text = visible_text(pilot.app)
        assert "王芳 (at " in text and "saved this goal" in text
        assert "D7 留存到 23%" in text and "D7 留存到 25%" in text
        await press(pilot, "b")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, GoalsScreen))
    assert sorted(g.title for g in store.list_goals()) == ["D7 留存到 23%", "D7 留存到 25%"]


async def test_two_people_writing_one_periods_review_can_keep_both(store, other, open_app):
    from growthlog.models import Review
    from growthlog.screens.review import ReviewScreen
    from growthlog.services.periods import period_of

    sprint = period_of("sprint", FIXED_TODAY)
    async with open_app(store, author="linxiao") as pilot:
        await press(pilot, "escape", "5")
        screen = pilot.app.screen
        assert isinstance(screen, ReviewScreen)
        area = screen.query_one("#written-summary")
        area.focus()
        await pilot.pause()
        await press(pilot, *"拉新达标")
        other.save_review(Review(period_kind="sprint", start=sprint.start, end=sprint.end, summary="留存没达标", report={}))
        await save_into_conflict(pilot)
        assert "saved this review while you were editing it" in visible_text(pilot.app)
        await press(pilot, "b")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ReviewScreen))
    saved = store.review_for(sprint.start, sprint.end)
    assert saved.summary == "留存没达标\n\n拉新达标" and saved.author == "王芳"
