"""Earlier lessons beside a goal or strategy being written: the service over a real store, the
panel, and the goal and entry editors driven with the Pilot; who learned each one, in a log
several people write."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Input, Select

from apphelpers import press, settle, visible_text
from conftest import FIXED_TODAY
from growthlog.models import Entry, Goal, Metric
from growthlog.screens.editor import EditorScreen
from growthlog.screens.goal_editor import GoalEditorScreen
from growthlog.services.lessons import author_to_show, lesson_tags, lessons_beside, related_lessons
from growthlog.widgets.lessons_panel import LessonsPanel, break_offsets, first_line


def lesson(store, title: str, tags: list[str], *, days_ago: int = 10, outcome: str = "failure", takeaway: str = "") -> Entry:
    return store.add_entry(Entry(
        kind="lesson", title=title, tags=tags, day=FIXED_TODAY - dt.timedelta(days=days_ago),
        fields={"outcome": outcome, "takeaway": takeaway, "recommendation": ""},
    ))


def seed(store):
    """Three lessons, a note sharing their tags, and the cac metric."""
    store.define_metric(Metric(key="cac", name="CAC", unit="元", direction="down"))
    gray = lesson(store, "改核心流程前先灰度", ["留存", "onboarding"], days_ago=40,
                  takeaway="只看注册率就全量，D7 掉了 3.5 个点。\n第二行不显示")
    push = lesson(store, "[bold]Reach[/] is not re-engagement", ["push", "留存"], days_ago=20, outcome="success",
                  takeaway="Opt-outs are a one-way door.")
    cac = lesson(store, "渠道预算别一次挪完", ["cac", "渠道"], days_ago=5, takeaway="分两周挪，边看边调。")
    store.add_entry(Entry(kind="note", title="不是经验的记录", tags=["留存", "onboarding"], day=FIXED_TODAY))
    return gray, push, cac


# The service


def test_tags_are_normalised_and_the_metric_counts_as_one():
    assert lesson_tags(["#留存", "Onboarding", "留存"], "D7_Retention") == ["留存", "onboarding", "d7_retention"]
    assert lesson_tags([], None) == []


def test_related_lessons_share_a_tag_most_shared_first(store):
    gray, push, cac = seed(store)
    found = related_lessons(store, ["#留存", "ONBOARDING"])
    assert [e.id for e in found] == [gray.id, push.id]  # gray shares two tags; the note is no lesson
    assert [e.id for e in related_lessons(store, ["留存"])] == [push.id, gray.id]  # then the newest
    assert related_lessons(store, ["留存"], exclude=[push.id], limit=5) == [gray]
    assert len(related_lessons(store, ["留存"], limit=1)) == 1


def test_the_metric_key_finds_lessons_tagged_with_it(store):
    _, _, cac = seed(store)
    assert [e.id for e in related_lessons(store, [], metric_key="cac")] == [cac.id]
    assert [e.id for e in related_lessons(store, ["无关"], metric_key="CAC")] == [cac.id]


def test_nothing_to_go_by_finds_nothing(memory_store):
    seed(memory_store)
    assert related_lessons(memory_store, []) == []
    assert related_lessons(memory_store, ["  ", "#"]) == []
    assert related_lessons(memory_store, ["没有这个标签"]) == []


@pytest.mark.parametrize(("author", "writer", "several", "shown"), [
    ("林晓", "林晓", False, ""),      # your own, in your own log
    ("林晓", "王芳", False, "林晓"),  # someone else's
    ("林晓", "林晓", True, "林晓"),   # a log several people write: always said
    ("", "林晓", True, ""),           # written before the log knew authors
])
def test_a_lesson_says_who_learned_it_when_that_tells_something(author, writer, several, shown):
    assert author_to_show(author, writer, several) == shown


def test_lessons_beside_name_who_learned_them_in_a_team_log(store):
    store.author = "林晓"
    gray, push, _ = seed(store)  # written by 林晓 (the store signs them)
    hers = store.add_entry(Entry(kind="lesson", title="推送先小流量", tags=["push"], author="王芳", day=FIXED_TODAY))
    found = lessons_beside(store, ["push", "留存"])
    assert [(lesson.entry.id, lesson.author) for lesson in found] == [(push.id, "林晓"), (hers.id, "王芳"), (gray.id, "林晓")]


def test_lessons_beside_in_ones_own_log_name_nobody_but_someone_else(store):
    store.author = "林晓"
    seed(store)
    assert {lesson.author for lesson in lessons_beside(store, ["留存"])} == {""}
    store.author = "王芳"  # someone else opens the log
    assert {lesson.author for lesson in lessons_beside(store, ["留存"])} == {"林晓"}
    assert lessons_beside(store, []) == []


def test_first_line_of_a_takeaway():
    assert first_line("\n  第一行  \n第二行") == "第一行"
    assert first_line("x" * 200, limit=10) == "x" * 9 + "…"
    assert first_line("") == ""


def test_lines_break_between_chinese_characters_and_at_spaces():
    assert break_offsets("ab cd ef", 5) == [6]  # after a space
    assert break_offsets("abcdefghijkl", 5) == [5, 10]  # a word wider than the line is folded
    assert break_offsets("21 天打卡挑战", 8) == [5]  # between Chinese characters, no half-empty line
    assert break_offsets("中文，中文", 4) == [1, 3]  # never a comma at the start of a line
    assert break_offsets("短", 10) == []


# The goal editor


async def open_goal_editor(pilot) -> GoalEditorScreen:
    await press(pilot, "escape", "g")
    assert isinstance(pilot.app.screen, GoalEditorScreen)
    return pilot.app.screen


async def wait_for_lessons(pilot) -> None:
    await pilot.pause(0.5)  # the lookup waits for typing to stop
    await settle(pilot)


async def test_goal_editor_shows_lessons_as_tags_and_the_metric_change(store, open_app):
    seed(store)
    async with open_app(store) as pilot:
        app = pilot.app
        editor = await open_goal_editor(pilot)
        text = visible_text(app)
        assert "Earlier lessons with these tags" in text
        assert "Add tags" in text
        editor.query_one("#goal-tags", Input).value = "#留存，onboarding"
        await wait_for_lessons(pilot)
        text = visible_text(app)
        assert "改核心流程前先灰度" in text and "[bold]Reach[/] is not" in text
        assert text.index("改核心流程前先灰度") < text.index("[bold]Reach[/]")  # two tags shared first
        assert "✗" in text and "✓" in text
        assert "只看注册率就全量，D7" in text and "第二行不显示" not in text
        assert "渠道预算别一次挪完" not in text
        editor.query_one("#goal-metric", Select).value = "cac"
        await wait_for_lessons(pilot)
        assert "渠道预算别一次挪完" in visible_text(app)
        editor.query_one("#goal-tags", Input).value = "没有的标签"
        editor.query_one("#goal-metric", Select).clear()
        await wait_for_lessons(pilot)
        text = visible_text(app)
        assert "No earlier lessons share" in text and "改核心流程前先灰度" not in text


async def test_goal_tags_are_saved_and_shown_when_editing(store, open_app):
    gray, _, _ = seed(store)
    async with open_app(store) as pilot:
        app = pilot.app
        editor = await open_goal_editor(pilot)
        editor.query_one("#goal-title", Input).value = "新手 D7 留存到 22%"
        editor.query_one("#goal-tags", Input).value = "#留存, Onboarding 新手引导"
        await press(pilot, "ctrl+s")
        [goal] = store.list_goals()
        assert goal.tags == ["留存", "onboarding", "新手引导"]
        app.push_screen(GoalEditorScreen(metrics=[], parents=[], today=FIXED_TODAY, goal=goal, store=store))
        await settle(pilot)
        assert app.screen.query_one("#goal-tags", Input).value == "留存 onboarding 新手引导"
        assert [e.id for e in app.screen.query_one(LessonsPanel).entries][:1] == [gray.id]
        assert "改核心流程前先灰度" in visible_text(app)


async def test_editing_a_goal_from_the_goals_screen_shows_its_lessons(store, open_app):
    gray, _, cac = seed(store)
    store.add_goal(Goal(title="CAC 降到 20", metric="cac", target=20, tags=["onboarding"]))
    async with open_app(store) as pilot:
        app = pilot.app
        await press(pilot, "escape", "3")
        await press(pilot, "e")
        assert isinstance(app.screen, GoalEditorScreen)
        assert [e.id for e in app.screen.query_one(LessonsPanel).entries] == [cac.id, gray.id]
        text = visible_text(app)
        assert "渠道预算别一次挪完" in text and "改核心流程前先灰度" in text


async def test_a_new_goals_lessons_say_who_learned_them(store, open_app):
    store.author = "林晓"
    seed(store)
    store.add_entry(Entry(kind="lesson", title="推送先小流量 [bold]x[/]", tags=["push"], author="王芳",
                          day=FIXED_TODAY - dt.timedelta(days=2), fields={"outcome": "failure", "takeaway": "5% 起步"}))
    async with open_app(store, author="林晓") as pilot:
        editor = await open_goal_editor(pilot)
        editor.query_one("#goal-tags", Input).value = "push"
        await wait_for_lessons(pilot)
        text = visible_text(pilot.app)
        assert "推送先小流量 [bold]x[/]" in text  # the title as typed, never markup
        assert "2026-11-18 · 王芳 · 5% 起步" in text and "2026-10-31 · 林晓 · Opt-outs" in text


async def test_a_too_long_goal_tag_is_refused(store, open_app):
    async with open_app(store) as pilot:
        app = pilot.app
        editor = await open_goal_editor(pilot)
        editor.query_one("#goal-title", Input).value = "x"
        editor.query_one("#goal-tags", Input).value = "标" * 60
        await press(pilot, "ctrl+s")
        assert app.screen is editor
        assert store.list_goals() == []
        assert "longer than 50 characters" in visible_text(app)


# The entry editor


async def test_strategy_editor_shows_lessons_for_its_tags_and_metric(store, open_app):
    seed(store)
    async with open_app(store) as pilot:
        app = pilot.app
        await press(pilot, "escape", "s")
        editor = app.screen
        assert isinstance(editor, EditorScreen) and editor.kind == "strategy"
        panel = editor.query_one(LessonsPanel)
        assert panel.display
        editor.query_one("#tags", Input).value = "push"
        await wait_for_lessons(pilot)
        text = visible_text(app)
        assert "Earlier lessons with these tags" in text
        assert "[bold]Reach[/] is not" in text and "改核心流程前先灰度" not in text
        editor.query_one("#field-metric", Input).value = "cac"
        await wait_for_lessons(pilot)
        assert "渠道预算别一次挪完" in visible_text(app)
        editor.query_one("#kind", Select).value = "note"
        await settle(pilot)
        assert not panel.display
        assert "渠道预算别一次挪完" not in visible_text(app)


async def test_other_kinds_have_no_lessons_panel(store, open_app):
    seed(store)
    async with open_app(store) as pilot:
        app = pilot.app
        await press(pilot, "escape", "p")
        editor = app.screen
        assert isinstance(editor, EditorScreen) and editor.kind == "problem"
        editor.query_one("#tags", Input).value = "留存"
        await wait_for_lessons(pilot)
        assert not editor.query_one(LessonsPanel).display
        assert "改核心流程前先灰度" not in visible_text(app)
        editor.query_one("#kind", Select).value = "strategy"
        await wait_for_lessons(pilot)
        assert "改核心流程前先灰度" in visible_text(app)
