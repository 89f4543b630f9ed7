"""The app driven as a person would, with the Pilot: what they see and what gets stored."""

from __future__ import annotations

import datetime as dt
import sys

import pytest
from textual import events
from textual.widgets import Input, Select, TextArea

from apphelpers import press, SIZE, build_app, settle, visible_text
from conftest import FIXED_TODAY
from growthlog.keys import KEYS
from growthlog.models import Entry
from growthlog.screens.capture import CaptureScreen
from growthlog.screens.confirm import ConfirmScreen
from growthlog.screens.drafts import DraftsScreen
from growthlog.screens.editor import EditorScreen
from growthlog.screens.help import HelpScreen
from growthlog.screens.journal import JournalScreen
from growthlog.screens.kind_picker import KindPickerScreen
from growthlog.screens.today import TodayScreen
from growthlog.store.entries import EntryFilter
from growthlog.widgets.capture_line import CaptureLine
from growthlog.widgets.entry_list import MAX_PAGES, PAGE_SIZE, EntryList
from growthlog.widgets.footer import KeyFooter
from growthlog.widgets.mode_bar import ModeBar


def add(store, title, *, days_ago=0, kind="note", tags=(), body="", fields=None):
    return store.add_entry(
        Entry(day=FIXED_TODAY - dt.timedelta(days=days_ago), title=title, kind=kind, tags=list(tags), body=body, fields=fields or {})
    )


async def open_journal(pilot):
    await press(pilot, "escape", "2")
    assert isinstance(pilot.app.screen, JournalScreen)
    return pilot.app.screen


# Today and quick capture


async def test_today_shows_date_streak_and_todays_entries(store, open_app):
    add(store, "昨天的复盘", days_ago=1)
    add(store, "拉新活动上线", tags=["拉新"])
    add(store, "older", days_ago=5)
    async with open_app(store) as pilot:
        app = pilot.app
        text = visible_text(app)
        assert "2026-11-20  Friday" in text
        assert "Logging streak: 2 days" in text
        assert "Today's entries (1)" in text
        assert "拉新活动上线" in text
        assert "older" not in text


async def test_capture_line_stores_kind_title_and_tags(store, open_app):
    async with open_app(store) as pilot:
        app = pilot.app
        capture = app.screen.query_one(CaptureLine)
        assert app.focused is capture
        capture.value = "问题：留存率下降#留存 #DAU"
        await press(pilot, "enter")
        [entry] = store.entries_on(FIXED_TODAY)
        assert (entry.kind, entry.title, entry.tags) == ("problem", "留存率下降", ["留存", "dau"])
        assert entry.fields["status"] == "open"
        assert capture.value == ""
        assert "留存率下降" in visible_text(app)


async def test_capture_typed_key_by_key_in_chinese(store, open_app):
    async with open_app(store) as pilot:
        await press(pilot, *"拉新#渠道", "enter")
        [entry] = store.entries_on(FIXED_TODAY)
        assert (entry.title, entry.tags) == ("拉新", ["渠道"])


async def test_capture_without_title_keeps_the_text_and_stores_nothing(store, open_app):
    async with open_app(store) as pilot:
        app = pilot.app
        capture = app.screen.query_one(CaptureLine)
        capture.value = "#only-a-tag"
        await press(pilot, "enter")
        assert store.count_entries() == 0
        assert capture.value == "#only-a-tag"
        assert "The title is empty" in visible_text(app)


async def test_pasting_several_lines_into_capture_opens_them_whole_in_the_editor(store, open_app):
    async with open_app(store) as pilot:
        app = pilot.app
        capture = app.screen.query_one(CaptureLine)
        capture.post_message(events.Paste("策略：暂停夜间推送 #push\n第二行细节\n第三行"))
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        assert editor.kind == "strategy"
        assert editor.query_one("#title", Input).value == "暂停夜间推送"
        assert editor.query_one("#body", TextArea).text == "第二行细节\n第三行"
        assert editor.query_one("#tags", Input).value == "push"


async def test_user_text_is_never_markup(store, open_app):
    add(store, "[bold]加粗[/] [@click=app.quit]退出[/]", tags=["x"], body="[/] stray close", kind="problem", fields={"cause": "[red]原因[/red]"})
    async with open_app(store) as pilot:
        app = pilot.app
        await pilot.press("escape")
        await pilot.click(EntryList, offset=(5, 0))
        await settle(pilot)
        text = visible_text(app)
        assert app.is_running
        assert "[bold]加粗[/] [@click=app.quit]退出[/]" in text
        assert "[red]原因[/red]" in text
        assert "[/] stray close" in text


async def test_escape_sequences_in_titles_are_shown_harmlessly(store, open_app):
    add(store, "bell\x07 and \x1b[31mred\x1b[0m title")
    async with open_app(store) as pilot:
        app = pilot.app
        text = visible_text(app)
        assert "bell and red title" in text
        assert "\x1b" not in text


# Journal


async def test_journal_lists_newest_first_and_shows_the_detail(store, open_app):
    add(store, "old entry", days_ago=3, body="# 旧的标题\n\n正文内容")
    add(store, "new entry", days_ago=0)
    async with open_app(store) as pilot:
        app = pilot.app
        journal = await open_journal(pilot)
        entry_list = journal.query_one(EntryList)
        assert [e.title for e in entry_list.loaded_entries()] == ["new entry", "old entry"]
        await press(pilot, "down")
        text = visible_text(app)
        assert "2 entries" in text
        assert "旧的标题" in text and "正文内容" in text


async def test_journal_never_loads_every_row(store, tmp_path):
    store.add_entries([Entry(day=FIXED_TODAY - dt.timedelta(days=i // 5), title=f"entry {i}") for i in range(3000)])
    app = build_app(store, tmp_path)
    messages = []
    async with app.run_test(size=SIZE, notifications=True, message_hook=messages.append) as pilot:
        await settle(pilot)
        journal = await open_journal(pilot)
        entry_list = journal.query_one(EntryList)
        assert entry_list.total == 3000
        assert len(entry_list.loaded_entries()) <= 2 * PAGE_SIZE
        await press(pilot, "end")
        assert entry_list.highlighted.title == "entry 2995"  # oldest day, first written
        assert len(entry_list.loaded_entries()) <= MAX_PAGES * PAGE_SIZE
        wanted = [m for m in messages if isinstance(m, EntryList.PagesWanted)]
        asked = sorted({offset for m in wanted for offset in m.offsets})
        assert len(asked) < 3000 // PAGE_SIZE
        assert "entry 2995" in visible_text(app)


async def test_search_as_you_type_finds_short_chinese_queries(store, open_app):
    add(store, "留存率下降", days_ago=1)
    add(store, "拉新活动", body="提升留存")
    add(store, "unrelated")
    async with open_app(store) as pilot:
        app = pilot.app
        await press(pilot, "escape", "slash")
        assert isinstance(app.screen, JournalScreen)
        assert app.focused is app.screen.query_one("#search", Input)
        await pilot.press(*"留存")
        await pilot.pause(0.3)
        await settle(pilot)
        titles = [e.title for e in app.screen.query_one(EntryList).loaded_entries()]
        assert sorted(titles) == ["拉新活动", "留存率下降"]
        assert "2 results for “留存”" in visible_text(app)


async def test_search_with_operators_and_quotes_does_not_break(store, open_app):
    add(store, 'say "hi" (now) * -x')
    async with open_app(store) as pilot:
        app = pilot.app
        journal = await open_journal(pilot)
        search = journal.query_one("#search", Input)
        for query in ['"', '"hi"', "(now)", "* -x", "AND OR NOT", "[/]"]:
            search.value = query
            await pilot.pause(0.3)
            await settle(pilot)
            assert app.is_running
        search.value = '"hi"'
        await pilot.pause(0.3)
        await settle(pilot)
        assert [e.title for e in journal.query_one(EntryList).loaded_entries()] == ['say "hi" (now) * -x']


async def test_journal_filters_by_kind_tag_and_dates(store, open_app):
    add(store, "p1", kind="problem", tags=["留存"], days_ago=1)
    add(store, "p2", kind="problem", days_ago=10)
    add(store, "n1", tags=["留存"], days_ago=2)
    async with open_app(store) as pilot:
        journal = await open_journal(pilot)
        entry_list = journal.query_one(EntryList)
        journal.query_one("#kind-filter", Select).value = "problem"
        await settle(pilot)
        assert [e.title for e in entry_list.loaded_entries()] == ["p1", "p2"]
        journal.query_one("#tag-filter", Select).value = "留存"
        await settle(pilot)
        assert [e.title for e in entry_list.loaded_entries()] == ["p1"]
        journal.query_one("#kind-filter", Select).clear()
        await settle(pilot)
        assert [e.title for e in entry_list.loaded_entries()] == ["p1", "n1"]
        since = journal.query_one("#since", Input)
        since.focus()
        since.value = "-1d"
        await press(pilot, "enter")
        assert since.value == "2026-11-19"
        assert [e.title for e in entry_list.loaded_entries()] == ["p1"]


async def test_a_bad_filter_date_is_refused_and_changes_nothing(store, open_app):
    add(store, "kept", days_ago=1)
    async with open_app(store) as pilot:
        app = pilot.app
        journal = await open_journal(pilot)
        until = journal.query_one("#until", Input)
        until.focus()
        until.value = "someday"
        await press(pilot, "enter")
        assert until.has_class("invalid")
        assert journal.filter == EntryFilter()
        assert "'someday' is not a date" in visible_text(app)


async def test_delete_asks_first_and_undo_brings_it_back(store, open_app):
    entry = add(store, "删除我", tags=["t"])
    async with open_app(store) as pilot:
        app = pilot.app
        await open_journal(pilot)
        await press(pilot, "d")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "escape")
        assert store.count_entries() == 1
        await press(pilot, "d")
        await press(pilot, "y")
        assert store.count_entries() == 0
        assert "Deleted “删除我”. Press u to undo." in visible_text(app)
        await press(pilot, "u")
        restored = store.get_entry(entry.id)
        assert restored is not None and restored.tags == ["t"]
        assert [e.id for e in store.search("删除我")] == [entry.id]


# Editor


async def test_new_problem_with_its_fields(store, open_app):
    async with open_app(store) as pilot:
        app = pilot.app
        await press(pilot, "escape", "p")
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        assert "## Cause" in editor.query_one("#body", TextArea).text
        editor.query_one("#title", Input).value = "D7 留存跌到 18%"
        editor.query_one("#tags", Input).value = "留存, onboarding"
        editor.query_one("#field-cause", TextArea).load_text("新手引导改版")
        editor.query_one("#field-severity", Select).value = "high"
        editor.query_one("#field-resolved_on", Input).value = "昨天"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, TodayScreen)
        [entry] = store.entries_on(FIXED_TODAY)
        assert entry.kind == "problem" and entry.title == "D7 留存跌到 18%"
        assert entry.tags == ["留存", "onboarding"]
        assert entry.fields["cause"] == "新手引导改版"
        assert entry.fields["severity"] == "high"
        assert entry.fields["resolved_on"] == "2026-11-19"
        assert entry.body == ""  # the untouched template sections are not stored
        assert store.list_drafts() == []


async def test_kind_picker_then_editor(store, open_app):
    async with open_app(store) as pilot:
        app = pilot.app
        await press(pilot, "escape", "n")
        assert isinstance(app.screen, KindPickerScreen)
        await pilot.press("down", "down", "down", "enter")  # note, problem, strategy, lesson
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen) and app.screen.kind == "lesson"


async def test_changing_kind_swaps_fields_and_an_untouched_template(store, open_app):
    async with open_app(store) as pilot:
        app = pilot.app
        await press(pilot, "escape", "p")
        editor = app.screen
        editor.query_one("#kind", Select).value = "plan"
        await settle(pilot)
        assert editor.query("#field-due") and not editor.query("#field-cause")
        assert "## Steps" in editor.query_one("#body", TextArea).text
        editor.query_one("#body", TextArea).load_text("my own text")
        editor.query_one("#kind", Select).value = "lesson"
        await settle(pilot)
        assert editor.query_one("#body", TextArea).text == "my own text"


@pytest.mark.parametrize(
    ("title", "day", "message"),
    [("", "today", "The title is empty"), ("ok", "someday", "'someday' is not a date")],
)
async def test_invalid_input_keeps_the_editor_open_and_stores_nothing(store, open_app, title, day, message):
    async with open_app(store) as pilot:
        app = pilot.app
        await press(pilot, "escape", "n")
        await press(pilot, "enter")
        editor = app.screen
        editor.query_one("#title", Input).value = title
        editor.query_one("#day", Input).value = day
        await press(pilot, "ctrl+s")
        assert app.screen is editor
        assert store.count_entries() == 0
        assert message in visible_text(app)


async def test_edit_an_entry_from_the_journal(store, open_app):
    entry = add(store, "旧标题", tags=["a"])
    async with open_app(store) as pilot:
        app = pilot.app
        await open_journal(pilot)
        await press(pilot, "e")
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        title = editor.query_one("#title", Input)
        assert title.value == "旧标题"
        title.value = "新标题 #b"
        await press(pilot, "ctrl+s")
        updated = store.get_entry(entry.id)
        assert (updated.title, updated.tags) == ("新标题", ["a", "b"])
        assert updated.created == entry.created and updated.updated >= entry.updated
        assert "新标题" in visible_text(app)


async def test_external_editor_edits_the_body(store, tmp_path, open_app):
    script = tmp_path / "fake_editor.py"
    script.write_text("import sys\nopen(sys.argv[1], 'a', encoding='utf-8').write('由外部编辑器追加\\n')\n")
    async with open_app(store, editor=f"{sys.executable} {script}") as pilot:
        app = pilot.app
        await press(pilot, "escape", "n")
        await press(pilot, "enter")
        body = app.screen.query_one("#body", TextArea)
        body.load_text("first line\n")
        await press(pilot, "ctrl+e")
        assert body.text == "first line\n由外部编辑器追加\n"


# Drafts: nothing typed is lost


async def test_closing_unsaved_keeps_a_draft_offered_at_next_start(store, tmp_path, open_app):
    async with open_app(store) as pilot:
        app = pilot.app
        await press(pilot, "escape", "p")
        app.screen.query_one("#title", Input).value = "没写完的反思"
        await press(pilot, "escape")
        assert isinstance(app.screen, TodayScreen)
    [draft] = store.list_drafts()
    assert draft.data["title"] == "没写完的反思" and draft.data["kind"] == "problem"

    again = build_app(store, tmp_path)
    async with again.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, DraftsScreen)
        assert "没写完的反思" in visible_text(again)
        await press(pilot, "r")
        editor = again.screen
        assert isinstance(editor, EditorScreen) and editor.kind == "problem"
        assert editor.query_one("#title", Input).value == "没写完的反思"
        await press(pilot, "ctrl+s")
    assert [e.title for e in store.list_entries()] == ["没写完的反思"]
    assert store.list_drafts() == []


async def test_closing_an_untouched_editor_leaves_no_draft(store, open_app):
    async with open_app(store) as pilot:
        await press(pilot, "escape", "s")
        await press(pilot, "escape")
    assert store.list_drafts() == []


async def test_drafts_are_saved_while_typing_without_closing(store, open_app):
    async with open_app(store, draft_interval=0.2) as pilot:
        app = pilot.app
        await press(pilot, "escape", "l")
        app.screen.query_one("#title", Input).value = "正在写的经验"
        await pilot.pause(0.5)
        await settle(pilot)
        [draft] = store.list_drafts()
        assert draft.data["title"] == "正在写的经验"
        assert isinstance(app.screen, EditorScreen)


async def test_hang_up_keeps_open_editors_as_drafts(store, open_app):
    async with open_app(store) as pilot:
        app = pilot.app
        await press(pilot, "escape", "p")
        app.screen.query_one("#title", Input).value = "断线前写的"
        app.hang_up()
        await pilot.pause()
    assert app.return_code == 129
    assert [d.data["title"] for d in store.list_drafts()] == ["断线前写的"]


async def test_discarding_a_draft(store, open_app):
    from growthlog.models import Draft

    store.save_draft(Draft(key="new-1", data={"kind": "note", "title": "丢掉", "body": "", "tags": "", "day": "", "fields": {}}))
    async with open_app(store) as pilot:
        app = pilot.app
        assert isinstance(app.screen, DraftsScreen)
        await press(pilot, "x")
        assert isinstance(app.screen, TodayScreen)
    assert store.list_drafts() == []


# Keys, help, palette


async def test_number_keys_switch_modes(store, open_app):
    async with open_app(store) as pilot:
        app = pilot.app
        await press(pilot, "escape", "2")
        assert app.current_mode == "journal" and highlighted_mode(app) == "2 Journal"
        await press(pilot, "1")
        assert app.current_mode == "today" and highlighted_mode(app) == "1 Today"


def highlighted_mode(app) -> str:
    """The mode bar's label drawn highlighted (reverse video): the mode the user is in."""
    bar = app.screen.query_one(ModeBar).bar_text()
    return "".join(bar.plain[span.start : span.end] for span in bar.spans if "reverse" in str(span.style)).strip()


async def test_capture_from_the_journal_opens_the_capture_box(store, open_app):
    async with open_app(store) as pilot:
        app = pilot.app
        await open_journal(pilot)
        await press(pilot, "a")
        assert isinstance(app.screen, CaptureScreen)
        app.screen.query_one(CaptureLine).value = "经验：小步快跑#迭代"
        await press(pilot, "enter")
        assert isinstance(app.screen, JournalScreen)
        [entry] = store.list_entries()
        assert (entry.kind, entry.title, entry.tags) == ("lesson", "小步快跑", ["迭代"])
        assert "小步快跑" in visible_text(app)


async def test_help_lists_every_key(store, open_app):
    async with open_app(store) as pilot:
        app = pilot.app
        await press(pilot, "escape", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#help-keys")
        assert table.row_count == len(KEYS)
        rows = [" ".join(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]
        for spec in KEYS:
            assert any(spec.help in row for row in rows), spec.id
        assert "Id (for [keymap])" in visible_text(app)  # our own brackets are text too


async def test_keymap_in_the_config_remaps_keys(store, open_app):
    async with open_app(store, keymap={"capture": "c", "mode.journal": "f2"}) as pilot:
        app = pilot.app
        await press(pilot, "escape", "f2")
        assert isinstance(app.screen, JournalScreen)
        # The mode bar and the footer show the keys as remapped.
        assert highlighted_mode(app) == "f2 Journal"
        assert " f2 Journal " in app.screen.query_one(ModeBar).bar_text().plain
        assert "c Capture" in footer_text(app) and "a Capture" not in footer_text(app)
        await press(pilot, "a")
        assert isinstance(app.screen, JournalScreen)
        await press(pilot, "c")
        assert isinstance(app.screen, CaptureScreen)
        await press(pilot, "escape", "question_mark")
        help_rows = [str(app.screen.query_one("#help-keys").get_row_at(i)[1]) for i in range(len(KEYS))]
        assert "c" in help_rows and "f2" in help_rows


async def test_keymap_remaps_dialog_and_list_keys_too(store, open_app):
    for title in ("第一条", "第二条"):
        add(store, title)
    async with open_app(store, keymap={"modal.close": "ctrl+w", "list.down": "ctrl+n"}) as pilot:
        app = pilot.app
        journal = await open_journal(pilot)
        entry_list = journal.query_one(EntryList)
        assert entry_list.cursor == 0
        await pilot.press("ctrl+n")
        assert entry_list.cursor == 1
        await press(pilot, "n")
        assert isinstance(app.screen, KindPickerScreen)
        await pilot.press("escape")  # no longer the dialog's close key
        await settle(pilot)
        assert isinstance(app.screen, KindPickerScreen)
        await press(pilot, "ctrl+w")
        assert isinstance(app.screen, JournalScreen)


def footer_text(app) -> str:
    footer = app.screen.query_one(KeyFooter)
    return footer.render().plain


async def test_the_footer_speaks_the_language_chosen_at_run_time(store, open_app):
    """The words are looked up when shown: a language chosen after every module was imported
    (as the command line does) is the one the footer speaks."""
    from growthlog import i18n

    i18n.set_language("zh")
    async with open_app(store, language="zh") as pilot:
        app = pilot.app
        await pilot.press("escape")  # out of the capture line, whose typing takes the letter keys
        assert "a 速记" in footer_text(app), footer_text(app)
        assert "命令" in footer_text(app)


async def test_command_palette_offers_the_screens_own_actions(store, open_app):
    add(store, "从命令面板删除")
    async with open_app(store) as pilot:
        app = pilot.app
        journal = await open_journal(pilot)
        titles = {command.title for command in app.get_system_commands(journal)}
        for spec in KEYS:
            if spec.scope == "journal":
                assert spec.description in titles
        await press(pilot, "ctrl+p")
        await pilot.press(*"Delete")
        await pilot.pause(0.3)
        await press(pilot, "enter")
        assert isinstance(app.screen, ConfirmScreen)


async def test_command_palette_offers_every_action(store, open_app):
    async with open_app(store) as pilot:
        app = pilot.app
        titles = {command.title for command in app.get_system_commands(app.screen)}
        for spec in KEYS:
            if spec.scope == "app" and spec.id not in ("palette", "quit"):
                assert spec.description in titles
        await press(pilot, "ctrl+p")
        await pilot.press(*"Journal")
        await pilot.pause(0.3)
        await press(pilot, "enter")
        assert app.current_mode == "journal"


async def test_a_failed_write_keeps_the_captured_line(store, open_app, monkeypatch):
    from growthlog.store.errors import StoreError

    def locked(entry):  # what the store raises when another process holds the lock too long
        raise StoreError("growthlog.db is busy: another program has held it locked for over 5 s; try again", "locked")

    async with open_app(store) as pilot:
        app = pilot.app
        monkeypatch.setattr(store, "add_entry", locked)
        capture = app.screen.query_one(CaptureLine)
        capture.value = "锁住时写的一行 #重要"
        await press(pilot, "enter")
        assert app.is_running
        assert capture.value == "锁住时写的一行 #重要"
        assert "is busy" in visible_text(app)
