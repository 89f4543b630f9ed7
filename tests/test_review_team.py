"""The team's review: who wrote what in a period, one member's review, and when names are shown.

The rules are tested on values first (members, the problems part, names beside items), then the
builder on a small store two people write in (the sprint 2026-11-02..2026-11-15, before the fixed
today's), then the report in words (Markdown, JSON).
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from growthlog.models import Entry, Goal, Measurement, Metric
from growthlog.services.periods import parse_period
from growthlog.services.review.builder import build_report, entry_line, notes_part, problems_part, team_members
from growthlog.services.review.report import EntryLine, MemberLine, ReviewReport
from growthlog.services.review.team import author_to_show, member_lines, names_everyone, next_member, owned_by
from growthlog.services.review.report import ProblemLine
from growthlog.services.review_people import problem_people, problems_by_whom, who_wrote_what, whose_label
from growthlog.services.review_text import default_file_name, render, review_json, review_markdown
from growthlog.store.queries import ProblemRow

D = dt.date
TODAY = D(2026, 11, 20)
START, END = D(2026, 11, 2), D(2026, 11, 15)


def entry(day, kind, title, author, tags=(), id=None, **fields) -> Entry:
    return Entry(id=id, day=day, kind=kind, title=title, author=author, tags=list(tags), fields=fields)


def report_of(*members: str, author: str = "") -> ReviewReport:
    return ReviewReport(period_kind="sprint", start=START, end=END, as_of=END, author=author,
                        members=[MemberLine(name=name) for name in members])


# On values


def test_members_count_entries_by_kind_problems_lessons_and_goals():
    counts = [("林晓", "note", 5), ("林晓", "problem", 2), ("王芳", "lesson", 3), ("王芳", "problem", 1), ("", "note", 9)]
    lines = member_lines(counts, goal_owners=["林晓", "王芳", "王芳", ""], resolved_by=["王芳", "王芳", "张伟"])
    assert [line.name for line in lines] == ["林晓", "王芳", "张伟"]  # the most entries first; nobody's left out
    lin, wang, zhang = lines
    assert (lin.entries, lin.by_kind, lin.problems_raised, lin.lessons, lin.goals) == (7, {"note": 5, "problem": 2}, 2, 0, 1)
    assert (wang.entries, wang.problems_raised, wang.problems_resolved, wang.lessons, wang.goals) == (4, 1, 2, 3, 2)
    # Resolved in the period a problem raised before it: a member with no entry of the period.
    assert (zhang.entries, zhang.problems_resolved) == (0, 1)


def test_one_members_line_alone():
    counts = [("林晓", "note", 5), ("王芳", "lesson", 3)]
    assert [line.name for line in member_lines(counts, goal_owners=["林晓"], only="王芳")] == ["王芳"]
    assert member_lines(counts, only="nobody") == []


def test_ties_are_in_name_order_and_goals_go_to_their_owner():
    assert [line.name for line in member_lines([("b", "note", 1), ("a", "note", 1)])] == ["a", "b"]
    goals = [Goal(title="mine", author="林晓"), Goal(title="hers", author="王芳")]
    assert [goal.title for goal in owned_by(goals, "王芳")] == ["hers"]
    assert owned_by(goals, None) == goals


def test_the_member_key_goes_team_then_each_member_then_team():
    members = ["林晓", "王芳"]
    steps, current = [], None
    for _ in range(3):
        current = next_member(members, current)
        steps.append(current)
    assert steps == ["林晓", "王芳", None]
    assert next_member(members, "gone") is None  # a member who left the period: back to the team
    assert next_member([], None) is None


@pytest.mark.parametrize(("members", "author", "name", "shown"), [
    (["林晓", "王芳"], "", "王芳", "王芳"),   # the team's review of two writers: everyone named
    (["林晓"], "", "林晓", ""),              # one writer's: nobody named, as before
    (["林晓"], "", "王芳", "王芳"),          # ...except someone else (an earlier lesson of a colleague)
    ([], "", "林晓", "林晓"),
    (["林晓", "王芳"], "王芳", "王芳", ""),  # a member's own review: their name goes without saying
    (["王芳"], "王芳", "林晓", "林晓"),
    (["林晓", "王芳"], "", "", ""),          # no author recorded: no name
])
def test_names_are_shown_only_when_they_tell_something(members, author, name, shown):
    assert author_to_show(report_of(*members, author=author), name) == shown


def test_whose_review_and_who_wrote_what_in_words():
    team = report_of("林晓", "王芳")
    team.members[0].entries, team.members[1].entries = 12, 1
    assert whose_label(team) == "Team" and names_everyone(team)
    assert who_wrote_what(team) == "Who wrote what: 林晓 12 entries, 王芳 1 entry."
    assert whose_label(report_of("林晓")) == "" and who_wrote_what(report_of("林晓")) == ""
    mine = report_of("王芳", author="王芳")
    assert whose_label(mine) == "王芳" and who_wrote_what(mine) == "" and not names_everyone(mine)


def test_the_problems_part_on_values_knows_who_raised_and_resolved():
    raised = [entry(D(2026, 11, 3), "problem", "Push twice", "王芳", id=9, severity="high")]
    resolved = [entry(D(2026, 10, 1), "problem", "Old crash", "林晓", id=3, status="resolved", resolved_on=D(2026, 11, 5))]
    still = [ProblemRow(9, D(2026, 11, 3), "Push twice", "high", "open", "王芳")]
    part = problems_part(raised, resolved, still)
    assert [(p.title, p.author) for p in part.opened_list] == [("Push twice", "王芳")]
    assert [(p.title, p.author, p.resolved_by) for p in part.resolved_list] == [("Old crash", "林晓", "林晓")]
    assert [(p.title, p.author) for p in part.still_open] == [("Push twice", "王芳")]
    assert part.mean_days_to_resolve == 35
    team = report_of("林晓", "王芳")
    team.members[0].problems_resolved, team.members[1].problems_raised = 1, 1
    assert problems_by_whom(team) == "Raised by 王芳 1; resolved by 林晓 1."


@pytest.mark.parametrize(("members", "author", "raised", "resolved", "shown"), [
    (["林晓", "王芳"], "", "王芳", "林晓", "王芳 → 林晓"),  # someone else resolved it
    (["林晓", "王芳"], "", "王芳", "王芳", "王芳"),
    (["林晓", "王芳"], "", "王芳", "", "王芳"),  # still open
    (["林晓"], "林晓", "王芳", "林晓", "王芳"),  # in his review: he resolved her problem
    (["王芳"], "王芳", "王芳", "林晓", "→ 林晓"),  # in hers: he resolved one she raised
])
def test_who_raised_and_who_resolved_a_problem(members, author, raised, resolved, shown):
    line = ProblemLine(id=1, day=START, title="x", author=raised, resolved_by=resolved)
    assert problem_people(report_of(*members, author=author), line) == shown


def test_listed_entries_carry_their_author():
    lesson = entry(D(2026, 11, 4), "lesson", "灰度先行", "王芳", id=4, outcome="failure", takeaway="先 5%")
    assert entry_line(lesson).author == "王芳"
    part = notes_part({"market": [entry(D(2026, 11, 6), "market", "FitNow", "林晓", id=5)], "collab": [], "learning": []})
    assert [(line.title, line.author) for line in part.market] == [("FitNow", "林晓")]


# The builder on a store two people write in


@pytest.fixture
def team_store(store):
    store.define_metric(Metric(key="dau", name="DAU"))
    for offset in range(-14, 19):
        store.record(Measurement(metric="dau", day=START + dt.timedelta(days=offset), value=100 + max(offset, 0)))
    store.add_goal(Goal(title="DAU 120", metric="dau", baseline=100, target=120, start=START, due=D(2026, 11, 30), author="林晓"))
    store.add_goal(Goal(title="Push opt-outs down", start=START, due=D(2026, 11, 30), author="王芳"))
    store.add_entries([
        entry(D(2026, 11, 3), "problem", "Push sent twice", "王芳", ["push"], severity="high", status="resolved",
              resolved_on="2026-11-05"),
        entry(D(2026, 11, 8), "problem", "Paywall blank", "林晓", ["付费"], severity="critical"),
        entry(D(2026, 10, 20), "problem", "Old crash", "王芳", severity="low", status="resolved", resolved_on="2026-11-10"),
        entry(D(2026, 11, 9), "strategy", "Daily push at 8pm", "王芳", ["push"], metric="dau", effective_on="2026-11-09"),
        entry(D(2026, 11, 12), "lesson", "社群陪伴比奖品更管用", "林晓", ["留存"], outcome="success"),
        entry(D(2026, 11, 14), "lesson", "Canary first", "王芳", ["push"], outcome="failure"),
        entry(D(2026, 10, 7), "lesson", "Earlier: 改流程先灰度", "林晓", ["push"], outcome="failure"),
        entry(D(2026, 11, 6), "market", "FitNow family plan", "林晓", subject="FitNow"),
        entry(D(2026, 11, 4), "note", "a note", "林晓"),
        entry(D(2026, 11, 5), "note", "her note", "王芳"),
        entry(D(2026, 11, 15), "note", "her last note", "王芳"),
    ])
    return store


SPRINT_1 = parse_period("sprint-1", TODAY)


def test_the_teams_report_names_every_member_with_what_they_wrote(team_store):
    report = build_report(team_store, SPRINT_1, TODAY)
    assert report.author == "" and report.several_authors
    by_name = {member.name: member for member in report.members}
    assert list(by_name) == ["王芳", "林晓"]  # 5 entries in the period, then 4
    wang, lin = by_name["王芳"], by_name["林晓"]
    assert (wang.entries, wang.problems_raised, wang.problems_resolved, wang.lessons, wang.goals) == (5, 1, 2, 1, 1)
    assert (lin.entries, lin.problems_raised, lin.problems_resolved, lin.lessons, lin.goals) == (4, 1, 0, 1, 1)
    assert {goal.title: goal.owner for goal in report.goals.goals} == {"DAU 120": "林晓", "Push opt-outs down": "王芳"}
    assert [line.author for line in report.strategies] == ["王芳"]
    assert {line.title: line.author for line in report.lessons.successes + report.lessons.failures} == {
        "社群陪伴比奖品更管用": "林晓", "Canary first": "王芳"}
    assert report.activity.total == 9
    assert team_members(team_store, SPRINT_1) == ["王芳", "林晓"]


def test_one_members_report_holds_what_they_wrote_and_the_goals_they_own(team_store):
    team = build_report(team_store, SPRINT_1, TODAY)
    report = build_report(team_store, SPRINT_1, TODAY, author="王芳")
    assert report.author == "王芳" and [member.name for member in report.members] == ["王芳"]
    assert [goal.title for goal in report.goals.goals] == ["Push opt-outs down"]
    assert report.data == team.data  # every metric is everyone's
    problems = report.problems
    assert (problems.opened, problems.resolved, problems.open_total) == (1, 2, 0)
    assert {p.title for p in problems.resolved_list} == {"Push sent twice", "Old crash"}
    assert problems.mean_days_to_resolve == pytest.approx((2 + 21) / 2)
    assert [line.title for line in report.strategies] == ["Daily push at 8pm"]
    assert [line.title for line in report.lessons.failures] == ["Canary first"] and report.lessons.successes == []
    # Earlier lessons with her tags are brought back whoever learned them, with their name.
    assert [(line.title, line.author) for line in report.lessons.resurfaced] == [("Earlier: 改流程先灰度", "林晓")]
    assert report.notes.counts == {"market": 0, "collab": 0, "learning": 0}
    assert report.activity.total == 5 and set(report.activity.per_day) == {
        D(2026, 11, 3), D(2026, 11, 9), D(2026, 11, 14), D(2026, 11, 5), D(2026, 11, 15)}
    assert report.activity.streak == 2  # her own days: 11-14 and 11-15


def test_the_other_members_report(team_store):
    report = build_report(team_store, SPRINT_1, TODAY, author="林晓")
    assert (report.problems.opened, report.problems.resolved, report.problems.open_total) == (1, 0, 1)
    assert report.activity.streak == 0  # nothing of his on the period's last day
    assert report.problems.still_open[0].author == "林晓"
    assert report.strategies == [] and report.notes.counts["market"] == 1
    assert build_report(team_store, SPRINT_1, TODAY, author="nobody").activity.total == 0


def test_who_resolved_a_problem_is_who_saved_it_resolved(team_store):
    raised = team_store.add_entry(entry(D(2026, 11, 10), "problem", "Help center outdated", "王芳", severity="low"))
    team_store.author = "林晓"
    fields = {**raised.fields, "status": "resolved", "resolved_on": "2026-11-12"}
    team_store.update_entry(raised.model_copy(update={"fields": fields}))
    report = build_report(team_store, SPRINT_1, TODAY)
    line = next(p for p in report.problems.resolved_list if p.title == "Help center outdated")
    assert (line.author, line.resolved_by) == ("王芳", "林晓")
    by_name = {member.name: member for member in report.members}
    assert (by_name["林晓"].problems_resolved, by_name["王芳"].problems_raised) == (1, 2)
    assert f"- Help center outdated (#{raised.id}, 王芳 → 林晓, 2026-11-10 → 2026-11-12)" in review_markdown(report)
    his = build_report(team_store, SPRINT_1, TODAY, author="林晓")
    assert [p.title for p in his.problems.resolved_list] == ["Help center outdated"]  # what he resolved
    assert f"- Help center outdated (#{raised.id}, 王芳, 2026-11-10 → 2026-11-12)" in review_markdown(his)
    hers = build_report(team_store, SPRINT_1, TODAY, author="王芳")
    assert "Help center outdated" not in {p.title for p in hers.problems.resolved_list}
    assert [line.name for line in hers.members] == ["王芳"] and hers.members[0].problems_raised == 2


def test_a_single_writers_report_names_nobody(store):
    store.add_entries([entry(D(2026, 11, 3), "lesson", "灰度先行", "林晓", outcome="failure"),
                       entry(D(2026, 11, 4), "problem", "Push twice", "林晓", severity="high")])
    store.add_goal(Goal(title="Goal without an author", start=START, due=END))  # before the log knew authors
    report = build_report(store, SPRINT_1, TODAY)
    assert [member.name for member in report.members] == ["林晓"] and not report.several_authors
    text = review_markdown(report)
    assert "林晓" not in text and "Team" not in text and "Owner" not in text and "Who wrote what" not in text
    assert text.splitlines()[0] == "# Review: Sprint 2026-11-02 – 2026-11-15"


# In words: Markdown and JSON


def test_the_teams_markdown_says_who_wrote_what(team_store):
    text = review_markdown(build_report(team_store, SPRINT_1, TODAY))
    lines = text.splitlines()
    assert lines[0] == "# Review: Sprint 2026-11-02 – 2026-11-15 · Team"
    assert "Who wrote what: 王芳 5 entries, 林晓 4 entries." in lines
    assert "| Goal | Owner | Target | Due | Progress at start | Progress at end | State |" in lines
    assert any(line.startswith("| Push opt-outs down | 王芳 |") for line in lines)
    assert "Raised by 王芳 1, 林晓 1; resolved by 王芳 2." in lines
    assert "- Push sent twice (#1, 王芳, 2026-11-03 → 2026-11-05)" in lines
    assert "- [critical] Paywall blank (#2, 林晓, 2026-11-08)" in lines
    assert any(line.startswith("- **Daily push at 8pm** (2026-11-09, #4, 王芳):") for line in lines)
    assert "- ✗ 2026-11-14  Canary first (#6, 王芳)" in lines
    assert "- 2026-11-06  FitNow family plan — FitNow (#8, 林晓)" in lines


def test_one_members_markdown_is_theirs_without_the_written_part(team_store):
    from growthlog.models import Review

    report = build_report(team_store, SPRINT_1, TODAY, author="王芳")
    review = Review(start=START, end=END, summary="The team's summary")
    text = render(report, review, "md")
    lines = text.splitlines()
    assert lines[0] == "# Review: Sprint 2026-11-02 – 2026-11-15 · 王芳"
    assert "Only what 王芳 wrote and the goals 王芳 owns; the data is the team's." in lines
    assert "The team's summary" not in text and "## Summary" not in text
    assert "- ✗ 2026-11-14  Canary first (#6)" in lines  # her own: no name
    assert "- 2026-10-07  Earlier: 改流程先灰度 (#7, 林晓)" in lines  # a colleague's earlier lesson: named
    assert "Owner" not in text and "Who wrote what" not in text and "Paywall blank" not in text
    assert default_file_name(report, "md") == "growthlog-review-2026-11-02..2026-11-15-王芳.md"
    assert default_file_name(report.model_copy(update={"author": "a/b c"}), "json").endswith("-a_b_c.json")


def test_the_json_carries_who_wrote_what(team_store):
    team = json.loads(review_json(build_report(team_store, SPRINT_1, TODAY)))
    assert team["author"] is None
    assert team["derived"]["entries_by_member"] == {"王芳": 5, "林晓": 4}
    assert [member["name"] for member in team["report"]["members"]] == ["王芳", "林晓"]
    assert {goal["title"]: goal["owner"] for goal in team["report"]["goals"]["goals"]}["Push opt-outs down"] == "王芳"
    assert team["report"]["problems"]["still_open"][0]["author"] == "林晓"
    hers = json.loads(render(build_report(team_store, SPRINT_1, TODAY, author="王芳"), None, "json"))
    assert hers["author"] == "王芳" and hers["report"]["author"] == "王芳"
    assert hers["derived"]["entries_by_member"] == {"王芳": 5}
    assert ReviewReport.from_json_dict(hers["report"]).author == "王芳"


def test_the_chinese_words_of_a_teams_review(team_store):
    from growthlog import i18n

    i18n.set_language("zh")
    text = review_markdown(build_report(team_store, SPRINT_1, TODAY))
    assert "· 团队" in text.splitlines()[0]
    assert "谁写了什么：王芳 5 条，林晓 4 条。" in text
    assert "| 目标 | 负责人 |" in text and "提出：王芳 1，林晓 1；解决：王芳 2。" in text
