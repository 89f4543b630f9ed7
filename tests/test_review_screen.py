"""The Review mode with the Pilot, on a temporary store: the period and its sections, stepping and
choosing periods, writing and saving, a saved review's frozen numbers and refreshing them, past
reviews, export, goals from the plan, markup-looking text, and unsaved writing kept as a draft."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from rich.console import Console
from textual.widgets import Input, Static, TextArea

from apphelpers import press, recording_notes, settle, visible_text
from conftest import FIXED_TODAY
from growthlog import i18n
from growthlog.models import Entry, Goal, Measurement, Metric, Review
from growthlog.screens.choice import ChoiceScreen
from growthlog.screens.confirm import ConfirmScreen
from growthlog.screens.drafts import DraftsScreen
from growthlog.screens.goal_editor import GoalEditorScreen
from growthlog.screens.review import ReviewScreen
from growthlog.services.review_writing import plan_items
from growthlog.screens.review_list import ReviewListScreen
from growthlog.screens.review_period import ReviewPeriodScreen
from growthlog.services.periods import period_of
from growthlog.services.review.builder import build_report
from growthlog.services.review_text import SECTIONS, default_file_name, section_title, written_title

SPRINT = period_of("sprint", FIXED_TODAY)  # 2026-11-16 – 2026-11-29
BOLD = "[bold]x[/]"
CLICK = "[@click=app.quit]"


def day(offset: int) -> dt.date:
    return FIXED_TODAY - dt.timedelta(days=offset)


def seed(store) -> None:
    """A metric with a value every day for 40 days (the last one 5,000), a goal on it, a lesson and
    a note whose titles look like markup, and an open problem."""
    store.define_metric(Metric(key="signups", name="Signups", direction="up"))
    store.record_many([("signups", day(o).isoformat(), 4000.0 + 25 * (40 - o), "", "import") for o in range(40)])
    store.add_goal(Goal(title=BOLD, metric="signups", target=6000.0, start=day(30), due=day(-30)))
    store.add_entry(Entry(day=day(2), kind="lesson", title=BOLD, fields={"outcome": "failure", "takeaway": CLICK}))
    store.add_entry(Entry(day=day(1), kind="market", title=CLICK, fields={"scope": "competitor"}))
    store.add_entry(Entry(day=day(3), kind="problem", title="Checkout fails on old Android", fields={"severity": "high"}))


@pytest.fixture
def seeded(store):
    seed(store)
    return store



async def open_review(pilot) -> ReviewScreen:
    await settle(pilot)
    await press(pilot, "escape", "5")
    assert isinstance(pilot.app.screen, ReviewScreen)
    return pilot.app.screen


def area(screen, field: str) -> TextArea:
    return screen.query_one(f"#written-{field}", TextArea)


def shown(screen) -> str:
    """Everything the report pane holds, scrolled into view or not."""
    console = Console(width=200, record=True, file=io.StringIO())
    for static in screen.query_one("#review-report").query(Static):
        console.print(static.content)
    return console.export_text()


async def type_into(pilot, screen, field: str, text: str) -> None:
    area(screen, field).focus()
    await pilot.pause()
    await press(pilot, *text)


# The period and its sections


async def test_5_shows_the_current_sprint_and_every_section(seeded, open_app):
    async with open_app(seeded) as pilot:
        app = pilot.app
        screen = await open_review(pilot)
        text = visible_text(app)
        assert "5 Review" in text
        assert SPRINT.label() in text and "2026-11-16 – 2026-11-29" in text
        assert "1. Goals" in text and "2. Data" in text
        for section in SECTIONS:
            assert section_title(section) in str(screen.query_one(f"#review-title-{section}", Static).content)
        for field in ("summary", "went_well", "to_improve", "plan"):
            assert written_title(field) in text
        assert "Not saved" in text
        # An empty section is one line saying so
        assert "No strategy change took effect in this period." in shown(screen)


async def test_stepping_and_choosing_the_period(seeded, open_app):
    async with open_app(seeded) as pilot:
        app = pilot.app
        screen = await open_review(pilot)
        await press(pilot, "left")
        assert screen.period == SPRINT.shifted(-1)
        assert "Sprint 2026-11-02 – 2026-11-15" in visible_text(app)
        await press(pilot, "right", "right")
        assert "Sprint 2026-11-30 – 2026-12-13" in visible_text(app)
        await press(pilot, "left")
        assert screen.period == SPRINT
        # While writing, left and right move in the text; escape gives them back to the review
        await type_into(pilot, screen, "summary", "ab")
        await press(pilot, "left")
        assert screen.period == SPRINT and area(screen, "summary").cursor_location == (0, 1)
        await press(pilot, "escape", "right", "left")
        assert screen.period == SPRINT and app.focused is screen.query_one("#review-report")
        await press(pilot, "k")
        assert screen.period.kind == "week" and screen.period.contains(FIXED_TODAY)
        await press(pilot, "k", "k")
        assert "Q4 2026" in visible_text(app)
        assert "Period 2026-10-01 – 2026-12-31" in shown(screen)


async def test_a_custom_period_and_a_bad_one(seeded, open_app):
    async with open_app(seeded) as pilot:
        app = pilot.app
        notes = recording_notes(app)
        screen = await open_review(pilot)
        await press(pilot, "c")
        modal = app.screen
        assert isinstance(modal, ReviewPeriodScreen)
        modal.query_one(Input).value = "fortnight"
        await press(pilot, "enter")
        assert app.screen is modal  # one clear message, the form stays, nothing changes
        assert any("is not a period" in note for note in notes)
        assert screen.period == SPRINT
        modal.query_one(Input).value = "2026-11-01..2026-11-20"
        await press(pilot, "enter")
        assert app.screen is screen
        assert (screen.period.kind, screen.period.start, screen.period.end) == ("custom", dt.date(2026, 11, 1), FIXED_TODAY)
        assert "2026-11-01 – 2026-11-20" in visible_text(app)


# Writing and saving


async def test_typing_a_summary_and_saving_stores_the_review_with_its_report(seeded, open_app):
    async with open_app(seeded) as pilot:
        app = pilot.app
        notes = recording_notes(app)
        screen = await open_review(pilot)
        await type_into(pilot, screen, "summary", "Good sprint")
        assert "unsaved changes" in visible_text(app)
        await press(pilot, "ctrl+s")
        saved = seeded.review_for(SPRINT.start, SPRINT.end)
        assert saved is not None
        assert saved.summary == "Good sprint" and saved.period_kind == "sprint"
        assert saved.report["data"][0]["last"]["value"] == 5000.0
        assert saved.report["start"] == "2026-11-16"
        assert "Review saved." in notes
        text = visible_text(app)
        assert "Saved " in text and "unsaved changes" not in text
        assert "kept with the saved review" in text
        # nothing left as a draft once saved
        assert not [draft for draft in seeded.list_drafts() if draft.key.startswith("review:")]


async def test_a_saved_review_keeps_its_numbers_until_refreshed(seeded, open_app):
    async with open_app(seeded) as pilot:
        app = pilot.app
        notes = recording_notes(app)
        screen = await open_review(pilot)
        await type_into(pilot, screen, "summary", "Kept")
        await press(pilot, "ctrl+s")
        assert "5,000" in shown(screen)
        # The log changes after saving: today's value becomes 7,777
        seeded.record(Measurement(metric="signups", day=FIXED_TODAY, value=7777))
        await press(pilot, "escape", "left", "right")
        assert screen.frozen
        assert "5,000" in shown(screen) and "7,777" not in shown(screen)
        # Refresh asks, then shows and stores the new numbers
        await press(pilot, "r")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")
        assert "7,777" in shown(screen)
        saved = seeded.review_for(SPRINT.start, SPRINT.end)
        assert saved.report["data"][0]["last"]["value"] == 7777.0
        assert saved.summary == "Kept"
        assert "Numbers refreshed and saved with the review." in notes


async def test_a_saved_review_keeps_its_numbers_in_a_new_session(seeded, open_app):
    report = build_report(seeded, SPRINT, FIXED_TODAY)
    seeded.save_review(Review(period_kind="sprint", start=SPRINT.start, end=SPRINT.end, summary="Old numbers",
                              report=report.to_json_dict()))
    seeded.record(Measurement(metric="signups", day=FIXED_TODAY, value=7777))
    async with open_app(seeded) as pilot:
        app = pilot.app
        screen = await open_review(pilot)
        assert "5,000" in shown(screen) and "7,777" not in shown(screen)
        assert area(screen, "summary").text == "Old numbers"
        assert "Numbers as of" in visible_text(app)


async def test_refresh_without_a_saved_review_just_recomputes(seeded, open_app):
    async with open_app(seeded) as pilot:
        app = pilot.app
        notes = recording_notes(app)
        screen = await open_review(pilot)
        seeded.record(Measurement(metric="signups", day=FIXED_TODAY, value=7777))
        await press(pilot, "r")
        assert not isinstance(app.screen, ConfirmScreen)
        assert "7,777" in shown(screen)
        assert "Numbers refreshed." in notes
        assert seeded.review_for(SPRINT.start, SPRINT.end) is None


# Past reviews


async def test_past_reviews_reopen_a_review_editable_in_place(seeded, open_app):
    previous = SPRINT.shifted(-1)
    report = build_report(seeded, previous, FIXED_TODAY)
    seeded.save_review(Review(period_kind="sprint", start=previous.start, end=previous.end, summary="Last time\nmore",
                              plan="Ship it", report=report.to_json_dict()))
    async with open_app(seeded) as pilot:
        app = pilot.app
        screen = await open_review(pilot)
        await press(pilot, "L")
        assert isinstance(app.screen, ReviewListScreen)
        text = visible_text(app)
        assert previous.label() in text and "Last time" in text and "more" not in text
        await press(pilot, "enter")
        assert app.screen is screen and screen.period == previous
        assert area(screen, "summary").text == "Last time\nmore"
        assert area(screen, "plan").text == "Ship it"
        # editable in place: the same review is updated
        await type_into(pilot, screen, "plan", "!")
        await press(pilot, "ctrl+s")
        reviews = seeded.list_reviews()
        assert len(reviews) == 1 and reviews[0].plan == "!Ship it"


async def test_past_reviews_when_there_are_none(seeded, open_app):
    async with open_app(seeded) as pilot:
        app = pilot.app
        await open_review(pilot)
        await press(pilot, "L")
        assert isinstance(app.screen, ReviewListScreen)
        assert "No saved reviews yet" in visible_text(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, ReviewScreen)


# Export


async def test_export_writes_markdown_with_the_headings(seeded, tmp_path, monkeypatch, open_app):
    monkeypatch.chdir(tmp_path)
    async with open_app(seeded) as pilot:
        app = pilot.app
        notes = recording_notes(app)
        screen = await open_review(pilot)
        await type_into(pilot, screen, "summary", "Unsaved words")
        await press(pilot, "escape", "x")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("enter")  # Markdown is first
        await settle(pilot)
        path = tmp_path / default_file_name(screen.report, "md")
        assert path.name == "growthlog-review-2026-11-16..2026-11-29.md"
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# Review: Sprint 2026-11-16 – 2026-11-29")
        for section in SECTIONS:
            assert f"## {section_title(section)}" in text
        assert "Unsaved words" in text  # what the screen shows
        assert f"Review written to {path}" in notes


async def test_export_json_and_a_failed_write(seeded, tmp_path, monkeypatch, open_app):
    monkeypatch.chdir(tmp_path)
    async with open_app(seeded) as pilot:
        app = pilot.app
        notes = recording_notes(app)
        screen = await open_review(pilot)
        await press(pilot, "x", "down", "enter")
        assert (tmp_path / default_file_name(screen.report, "json")).exists()
        (tmp_path / default_file_name(screen.report, "md")).mkdir()  # a folder in the way
        await press(pilot, "x", "enter")
        assert any(note.startswith("Could not write") for note in notes)
        assert isinstance(app.screen, ReviewScreen)


# Goals from the plan


def test_plan_items_drop_list_marks():
    assert plan_items("- Fix the paywall\n\n2. Run the A/B test\n- [ ] 灰度发布\n  ") == [
        "Fix the paywall", "Run the A/B test", "灰度发布",
    ]


async def test_goal_from_the_plan_line_under_the_cursor(seeded, open_app):
    async with open_app(seeded) as pilot:
        app = pilot.app
        screen = await open_review(pilot)
        plan = area(screen, "plan")
        plan.load_text("- Fix the paywall\n- Raise D7 retention to 22%")
        plan.focus()
        plan.move_cursor((1, 3))
        await settle(pilot)
        await press(pilot, "ctrl+g")
        editor = app.screen
        assert isinstance(editor, GoalEditorScreen)
        assert editor.query_one("#goal-title", Input).value == "Raise D7 retention to 22%"
        await press(pilot, "ctrl+s")
        assert app.screen is screen
        goal = next(goal for goal in seeded.list_goals() if goal.title == "Raise D7 retention to 22%")
        assert goal.due == SPRINT.shifted(1).end


async def test_goal_from_the_plan_chosen_among_its_lines(seeded, open_app):
    async with open_app(seeded) as pilot:
        app = pilot.app
        screen = await open_review(pilot)
        area(screen, "plan").load_text("1. 修复支付页白屏\n2. 专享价改为 A/B 实验")
        await settle(pilot)
        await pilot.press("ctrl+g")  # the report has the focus: choose a line
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        await press(pilot, "down", "enter")
        assert isinstance(app.screen, GoalEditorScreen)
        await press(pilot, "ctrl+s")
        assert "专享价改为 A/B 实验" in [goal.title for goal in seeded.list_goals()]


async def test_goal_from_an_empty_plan_says_so(seeded, open_app):
    async with open_app(seeded) as pilot:
        app = pilot.app
        notes = recording_notes(app)
        await open_review(pilot)
        await press(pilot, "ctrl+g")
        assert isinstance(app.screen, ReviewScreen)
        assert any("The plan is empty" in note for note in notes)


# Markup and drafts


async def test_markup_looking_text_shows_literally(seeded, open_app):
    async with open_app(seeded) as pilot:
        app = pilot.app
        screen = await open_review(pilot)
        report = shown(screen)
        assert BOLD in report and CLICK in report  # goal, lesson, its takeaway, the market note
        assert BOLD in visible_text(app)  # the goal's title in the goals table
        area(screen, "summary").load_text(CLICK)
        await settle(pilot)
        await press(pilot, "ctrl+s")
        await press(pilot, "L")
        assert CLICK in visible_text(app)
        assert app.is_running


async def test_unsaved_writing_survives_stepping_away_and_back(seeded, open_app):
    async with open_app(seeded) as pilot:
        app = pilot.app
        screen = await open_review(pilot)
        await type_into(pilot, screen, "summary", "half a thought")
        await press(pilot, "escape", "left")
        assert area(screen, "summary").text == ""
        drafts = {draft.key: draft.data for draft in seeded.list_drafts()}
        assert drafts[f"review:{SPRINT.key}"]["summary"] == "half a thought"
        await press(pilot, "right")
        assert area(screen, "summary").text == "half a thought"
        assert "unsaved changes" in visible_text(app)
        # and leaving the mode
        await press(pilot, "1", "5")
        assert app.screen is screen and area(screen, "summary").text == "half a thought"


async def test_unsaved_writing_comes_back_in_a_new_session_not_as_an_entry_draft(seeded, open_app):
    async with open_app(seeded) as pilot:
        app = pilot.app
        screen = await open_review(pilot)
        await type_into(pilot, screen, "went_well", "the push")
        # quit at once: the draft is written on the way out
    assert any(draft.key == f"review:{SPRINT.key}" for draft in seeded.list_drafts())
    async with open_app(seeded) as pilot:
        app = pilot.app
        assert not isinstance(app.screen, DraftsScreen)  # entry drafts only
        screen = await open_review(pilot)
        assert area(screen, "went_well").text == "the push"
        await press(pilot, "L")
        assert "draft, not saved" in visible_text(app)


async def test_chinese_layout_fits(seeded, open_app):
    i18n.set_language("zh")
    async with open_app(seeded, language="zh") as pilot:
        app = pilot.app
        screen = await open_review(pilot)
        text = visible_text(app)
        assert "冲刺 2026-11-16 – 2026-11-29" in text
        assert "1. 目标" in text and "2. 数据" in text
        assert "最好的一天" in text and "最差的一天" in text  # the data table is not cut
        assert "总结" in text and "下期计划" in text
        assert "…" not in text.split("2. 数据")[1].split("\n")[1]
        assert screen.report is not None


async def test_help_and_palette_know_the_review_keys(seeded, open_app):
    from growthlog.keys import KEYS
    from growthlog.screens.help import HelpScreen

    review_keys = [spec for spec in KEYS if spec.scope == "review"]
    assert {spec.id for spec in review_keys} >= {"review.previous", "review.next", "review.save", "review.list", "review.export"}
    async with open_app(seeded) as pilot:
        app = pilot.app
        screen = await open_review(pilot)
        commands = {command.title: command for command in app.get_system_commands(screen)}
        for spec in review_keys:
            assert spec.description in commands, spec.id
        await commands["Kind"].callback()  # as the palette runs it
        await settle(pilot)
        assert screen.period.kind == "week"
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#help-keys")
        rows = [" ".join(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]
        assert any("review.save" in row and "Review" in row for row in rows)


async def test_a_huge_paste_is_refused_with_one_message(seeded, open_app):
    async with open_app(seeded) as pilot:
        app = pilot.app
        notes = recording_notes(app)
        screen = await open_review(pilot)
        area(screen, "summary").load_text("x" * 100_001)
        await settle(pilot)
        await press(pilot, "ctrl+s")
        assert [note for note in notes if note.startswith("Could not save the review")] != []
        assert seeded.review_for(SPRINT.start, SPRINT.end) is None
        assert len(area(screen, "summary").text) == 100_001  # still there to cut down
