"""The Review mode of a log two people write, with the Pilot: the team's review naming who wrote
what, ``w`` going through each member's review and back, exporting what is shown, saving the
team's review from a member's, and a single writer's review that looks as it always did."""

from __future__ import annotations

import datetime as dt
import io
import json

from rich.console import Console
from textual.widgets import Static

from apphelpers import press, recording_notes, settle, visible_text
from conftest import FIXED_TODAY
from growthlog import i18n
from growthlog.models import Entry, Goal
from growthlog.screens.choice import ChoiceScreen
from growthlog.screens.review import ReviewScreen
from growthlog.services.review.report import ReviewReport


def day(offset: int) -> dt.date:
    return FIXED_TODAY - dt.timedelta(days=offset)


def add(store, offset: int, kind: str, title: str, author: str, **fields) -> Entry:
    return store.add_entry(Entry(day=day(offset), kind=kind, title=title, author=author, tags=["push"], fields=fields))


def team_log(store):
    """The current sprint (11-16 – 11-29): 林晓 three entries and a goal, 王芳 two entries (one a
    problem with markup-looking text) and a goal; an earlier lesson of 林晓's on the same tag."""
    add(store, 3, "note", "渠道预算对齐", "林晓")
    add(store, 2, "lesson", "社群陪伴比奖品更管用", "林晓", outcome="success")
    add(store, 1, "market", "FitNow 上线家庭套餐", "林晓", subject="FitNow")
    add(store, 2, "problem", "推送退订率上升 [bold]x[/]", "王芳", severity="high")
    add(store, 0, "lesson", "先灰度再全量", "王芳", outcome="failure", takeaway="灰度 5%")
    add(store, 40, "lesson", "改流程先灰度", "林晓", outcome="failure")
    store.add_goal(Goal(title="DAU 13 万", author="林晓", start=day(4), due=day(-20)))
    store.add_goal(Goal(title="退订率降到 1%", author="王芳", start=day(4), due=day(-20)))


async def open_review(pilot) -> ReviewScreen:
    await settle(pilot)
    await press(pilot, "escape", "5")
    assert isinstance(pilot.app.screen, ReviewScreen)
    return pilot.app.screen


def report_text(screen) -> str:
    """Everything the report pane holds, scrolled into view or not."""
    console = Console(width=200, record=True, file=io.StringIO())
    for static in screen.query_one("#review-report").query(Static):
        console.print(static.content)
    return console.export_text()


def head(app) -> str:
    return "\n".join(visible_text(app).splitlines()[1:4])


async def test_the_teams_review_says_who_wrote_what(store, open_app):
    team_log(store)
    async with open_app(store, author="林晓") as pilot:
        screen = await open_review(pilot)
        assert "Sprint 2026-11-16 – 2026-11-29  · Team" in head(pilot.app)
        assert "w: one member's part" in head(pilot.app)
        text = report_text(screen)
        assert "Who wrote what: 林晓 3 entries, 王芳 2 entries." in text
        assert "Owner" in text and "退订率降到 1%" in text
        assert "Raised by 王芳 1; resolved by —." in text
        problem = next(line for line in text.splitlines() if "推送退订率上升" in line)
        assert "[bold]x[/]" in problem and problem.rstrip().endswith("· 王芳")  # shown as typed, with who raised it
        assert "先灰度再全量 — 灰度 5%  · 王芳" in text and "社群陪伴比奖品更管用  · 林晓" in text


async def test_w_shows_each_members_review_then_the_teams_again(store, open_app):
    team_log(store)
    async with open_app(store, author="林晓") as pilot:
        screen = await open_review(pilot)
        await press(pilot, "w")
        assert screen.member == "林晓"
        assert "· 林晓" in head(pilot.app) and "Only 林晓's part, from the log as it is now" in head(pilot.app)
        text = report_text(screen)
        assert "Only what 林晓 wrote and the goals 林晓 owns; the data is the team's." in text
        assert "社群陪伴比奖品更管用" in text and "FitNow 上线家庭套餐" in text and "DAU 13 万" in text
        assert "推送退订率上升" not in text and "先灰度再全量" not in text and "退订率降到 1%" not in text
        assert "Who wrote what" not in text and "Owner" not in text and "· 林晓" not in text  # his own: no names

        await press(pilot, "w")
        assert screen.member == "王芳" and "· 王芳" in head(pilot.app)
        text = report_text(screen)
        assert "推送退订率上升" in text and "退订率降到 1%" in text and "渠道预算对齐" not in text
        assert "1 raised, 0 resolved, 1 still open" in text
        # His earlier lesson on her tag is brought back, and says whose it is.
        assert "改流程先灰度  #push  · 林晓" in text

        await press(pilot, "w")
        assert screen.member is None and "· Team" in head(pilot.app)
        assert "Who wrote what" in report_text(screen)


async def test_the_member_stays_chosen_from_period_to_period(store, open_app):
    team_log(store)
    add(store, 9, "note", "上个冲刺的笔记", "王芳")
    add(store, 10, "note", "his earlier note", "林晓")
    async with open_app(store, author="林晓") as pilot:
        screen = await open_review(pilot)
        await press(pilot, "w", "w")
        await press(pilot, "left")
        assert screen.member == "王芳" and "· 王芳" in head(pilot.app)
        assert "Entries: 1, on 1 of 14 days" in report_text(screen)  # her note of that sprint


async def test_a_member_review_is_exported_as_theirs(store, tmp_path, monkeypatch, open_app):
    monkeypatch.chdir(tmp_path)
    team_log(store)
    async with open_app(store, author="林晓") as pilot:
        app = pilot.app
        notes = recording_notes(app)
        screen = await open_review(pilot)
        screen.query_one("#written-summary").load_text("The team's summary")
        await press(pilot, "w", "w", "x")
        assert isinstance(app.screen, ChoiceScreen)
        await press(pilot, "enter")  # Markdown
        path = tmp_path / "growthlog-review-2026-11-16..2026-11-29-王芳.md"
        assert path.exists() and any(str(path) in note for note in notes)
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# Review: Sprint 2026-11-16 – 2026-11-29 · 王芳\n")
        assert "先灰度再全量" in text and "渠道预算对齐" not in text and "The team's summary" not in text

        await press(pilot, "w", "x", "down", "enter")  # the team's again, as JSON
        data = json.loads((tmp_path / "growthlog-review-2026-11-16..2026-11-29.json").read_text(encoding="utf-8"))
        assert data["author"] is None and data["derived"]["entries_by_member"] == {"林晓": 3, "王芳": 2}
        assert data["written"]["summary"] == "The team's summary"


async def test_saving_from_a_members_review_saves_the_teams(store, open_app):
    team_log(store)
    async with open_app(store, author="林晓") as pilot:
        screen = await open_review(pilot)
        await press(pilot, "w")
        screen.query_one("#written-summary").load_text("推送要降频")
        await settle(pilot)
        await press(pilot, "ctrl+s")
        saved = store.review_for(screen.period.start, screen.period.end)
        report = ReviewReport.from_json_dict(saved.report)
        assert saved.summary == "推送要降频" and report.author == "" and report.member_names == ["林晓", "王芳"]
        assert screen.member == "林晓"  # still his part on screen
        assert "Only 林晓's part" in head(pilot.app)


async def test_a_single_writers_review_has_nobody_to_choose(store, open_app):
    add(store, 1, "lesson", "只有我", "林晓", outcome="success")
    async with open_app(store, author="林晓") as pilot:
        app = pilot.app
        notes = recording_notes(app)
        screen = await open_review(pilot)
        assert "Team" not in head(app) and "w:" not in head(app)
        text = report_text(screen)
        assert "林晓" not in text and "Who wrote what" not in text
        await press(pilot, "w")
        assert screen.member is None
        assert notes == ["Only one person wrote in this period: this is their review already."]


async def test_the_teams_review_in_chinese(store, open_app):
    team_log(store)
    i18n.set_language("zh")
    async with open_app(store, author="林晓", language="zh") as pilot:
        screen = await open_review(pilot)
        assert "· 团队" in head(pilot.app)
        assert "谁写了什么：林晓 3 条，王芳 2 条。" in report_text(screen)
        await press(pilot, "w")
        assert "只看 林晓 的部分" in head(pilot.app)
