"""The generated part of a review, saved reviews, and the review in words (Markdown, JSON), against
a temporary database with a small hand-made period: 2026-11-02..2026-11-15 (the sprint before the
fixed today's)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from growthlog import i18n
from growthlog.models import Entry, Goal, Measurement, Metric, Review
from growthlog.services.goals.data import GoalData
from growthlog.services.periods import parse_period
from growthlog.services.review.builder import build_report
from growthlog.services.review.maths import (
    FLAT_SHARE,
    comparison_days,
    goal_line,
    longest_run,
    metric_line,
    strategy_verdict,
)
from growthlog.services.review.report import ReviewReport
from growthlog.services.review_text import (
    heatmap_lines,
    render,
    review_json,
    review_markdown,
    verdict_text,
)
from growthlog.store.db import StoreError

D = dt.date
TODAY = D(2026, 11, 20)
START, END = D(2026, 11, 2), D(2026, 11, 15)


def entry(day, kind, title, tags=(), **fields) -> Entry:
    return Entry(day=day, kind=kind, title=title, tags=list(tags), fields=fields)


@pytest.fixture
def seeded(store):
    store.define_metric(Metric(key="dau", name="日活", unit="人"))
    store.define_metric(Metric(key="cac", name="CAC", unit="¥", direction="down"))
    store.define_metric(Metric(key="idle", name="Idle"))
    for offset in range(-14, 19):
        day = START + dt.timedelta(days=offset)
        # DAU flat at 100 before 11-09, 120 from then on; CAC climbs (bad) through the period.
        store.record(Measurement(metric="dau", day=day, value=100 if day < D(2026, 11, 9) else 120))
        if START <= day <= END:
            store.record(Measurement(metric="cac", day=day, value=20 + (day - START).days))
    store.record(Measurement(metric="idle", day=D(2026, 10, 1), value=1))
    goals = {
        "reached": Goal(title="DAU 120", metric="dau", baseline=100, target=120, start=D(2026, 10, 1), due=D(2026, 11, 30)),
        "risk": Goal(title="CAC down to ¥15", metric="cac", baseline=20, target=15, start=START, due=D(2026, 11, 25)),
        "dropped": Goal(title="Dropped", metric="dau", target=200, status="dropped", start=START, due=END),
        "past": Goal(title="Over before", metric="dau", target=90, start=D(2026, 9, 1), due=D(2026, 10, 1)),
        "future": Goal(title="Starts later", metric="dau", target=150, start=D(2026, 11, 18), due=D(2026, 12, 31)),
    }
    ids = {name: store.add_goal(goal).id for name, goal in goals.items()}
    store.add_entries([
        entry(D(2026, 11, 3), "problem", "Push sent twice", ["push"], severity="high", status="resolved", resolved_on="2026-11-05"),
        entry(D(2026, 10, 20), "problem", "Old crash", ["留存"], severity="critical", status="resolved", resolved_on="2026-11-10"),
        entry(D(2026, 11, 8), "problem", "Paywall blank | on Android", ["付费"], severity="medium", status="open"),
        entry(D(2026, 10, 1), "problem", "Help center outdated", severity="low", status="resolved", resolved_on="2026-11-20"),
        entry(D(2026, 9, 1), "problem", "Solved long ago", severity="high", status="resolved", resolved_on="2026-09-03"),
        entry(D(2026, 11, 9), "strategy", "Daily push at 8pm", ["push"], metric="dau", effective_on="2026-11-09"),
        entry(D(2026, 11, 10), "strategy", "New onboarding copy", effective_on="2026-11-10"),
        entry(D(2026, 11, 12), "strategy", "CAC cap", metric="cac", effective_on="2026-11-19"),
        entry(D(2026, 11, 1), "strategy", "Before the period", metric="dau", effective_on="2026-11-01"),
        entry(D(2026, 11, 12), "lesson", "社群陪伴比奖品更管用", ["留存"], outcome="success", takeaway="陪伴 > 奖品"),
        entry(D(2026, 11, 14), "lesson", "Full rollout without a canary", ["push"], outcome="failure", takeaway="Canary first"),
        entry(D(2026, 10, 7), "lesson", "Earlier: 改流程先灰度", ["留存", "push"], outcome="failure", takeaway="看 cohort"),
        entry(D(2026, 10, 8), "lesson", "Earlier, unrelated", ["seo"], outcome="success"),
        entry(D(2026, 11, 6), "market", "FitNow family plan", subject="FitNow"),
        entry(D(2026, 11, 4), "collab", "Sync with product", result="Paywall fix first"),
        entry(D(2026, 11, 4), "note", "a note"),
        entry(D(2026, 11, 20), "note", "after the period"),
    ])
    return store, ids


def test_goals_in_the_period_with_progress_at_start_and_end(seeded):
    store, ids = seeded
    report = build_report(store, parse_period("sprint-1", TODAY), TODAY)
    lines = {goal.id: goal for goal in report.goals.goals}
    assert set(lines) == {ids["reached"], ids["risk"]}  # not dropped, not over before, not started after
    reached, risk = lines[ids["reached"]], lines[ids["risk"]]
    assert reached.progress_start == 0 and reached.progress_end == 1 and reached.achieved
    assert risk.progress_end == pytest.approx(-13 / 5) and not risk.achieved and risk.at_risk
    assert report.goals.achieved == 1 and report.goals.total == 2 and report.goals.rate == 0.5
    assert [goal.id for goal in report.goals.at_risk] == [ids["risk"]]


def test_data_judges_each_metric_by_its_direction(seeded):
    store, _ = seeded
    report = build_report(store, parse_period("sprint-1", TODAY), TODAY)
    by_key = {line.key: line for line in report.data}
    assert set(by_key) == {"dau", "cac"}  # idle has no value in the period
    dau, cac = by_key["dau"], by_key["cac"]
    assert (dau.first.value, dau.last.value, dau.change, dau.good) == (100, 120, 20, True)
    assert (cac.first.value, cac.last.value, cac.good) == (20, 33, False)
    assert (cac.best.value, cac.best.day) == (20, START)  # lower is better for CAC
    assert (cac.worst.value, cac.worst.day) == (33, END)
    assert dau.count == 14 and 1 <= len(dau.spark) <= 24


def test_problems_opened_resolved_and_still_open_at_the_end(seeded):
    store, _ = seeded
    part = build_report(store, parse_period("sprint-1", TODAY), TODAY).problems
    assert part.opened == 2  # raised in the period
    assert {p.title for p in part.resolved_list} == {"Push sent twice", "Old crash"}
    assert part.mean_days_to_resolve == pytest.approx((2 + 21) / 2)
    # Still open on 11-15: the paywall (open) and the help center (resolved only on 11-20).
    assert part.open_by_severity == {"medium": 1, "low": 1}


def test_strategies_before_and_after_effective_on(seeded):
    store, _ = seeded
    lines = {line.title: line for line in build_report(store, parse_period("sprint-1", TODAY), TODAY).strategies}
    assert set(lines) == {"Daily push at 8pm", "New onboarding copy"}  # CAC cap takes effect after the period
    push = lines["Daily push at 8pm"]
    assert (push.window_days, push.before, push.after, push.verdict) == (12, 100, 120, "worked")
    assert "Worked" in verdict_text(push) and "100" in verdict_text(push)
    assert lines["New onboarding copy"].verdict == "no_metric"


def test_a_strategy_against_a_down_metric_that_rose_backfired_and_a_new_one_is_too_early(seeded):
    store, _ = seeded
    report = build_report(store, parse_period("2026-11-16..2026-11-22", TODAY), TODAY)
    cap = next(line for line in report.strategies if line.title == "CAC cap")
    assert cap.verdict == "too_early"  # effective 11-19, judged on 11-20: two days
    later = build_report(store, parse_period("2026-11-16..2026-11-22", TODAY), D(2026, 11, 30))
    assert next(line for line in later.strategies if line.title == "CAC cap").verdict == "no_data"


def test_both_strategy_windows_are_read_in_one_query(seeded, monkeypatch):
    store, _ = seeded
    reads = []
    monkeypatch.setattr(store, "series", lambda *args, _read=store.series: reads.append(args) or _read(*args))
    push = next(line for line in build_report(store, parse_period("sprint-1", TODAY), TODAY).strategies if line.metric == "dau")
    assert (push.before, push.after) == (100, 120)
    assert ("dau", D(2026, 10, 28), D(2026, 11, 20)) in reads  # 12 days each side of 11-09
    assert reads.count(("dau", D(2026, 10, 28), D(2026, 11, 20))) == 1


def on(days: dict[int, float], first: dt.date) -> list[tuple[dt.date, float]]:
    """(day, value) from ``first`` on: {0: value on first, 1: the next day's…}."""
    return [(first + dt.timedelta(days=offset), float(value)) for offset, value in sorted(days.items())]


EFFECTIVE = D(2026, 11, 9)
BEFORE_DAY = D(2026, 10, 26)


@pytest.mark.parametrize(
    "before, after, direction, verdict",
    [
        ([100, 100], [120, 120], "up", "worked"),
        ([100, 100], [80, 80], "up", "backfired"),
        ([30, 30], [25, 25], "down", "worked"),
        ([30, 30], [33], "down", "backfired"),
        ([100], [100 * (1 + FLAT_SHARE)], "up", "flat"),  # within 2 % of the before-mean
        ([100], [100 * (1 - FLAT_SHARE)], "down", "flat"),
        ([100], [103], "up", "worked"),
        ([0], [0], "up", "flat"),
        ([0], [1], "up", "worked"),
    ],
)
def test_strategy_verdicts_on_values(before, after, direction, verdict):
    found = strategy_verdict(on(dict(enumerate(before)), BEFORE_DAY), on(dict(enumerate(after)), EFFECTIVE), direction, 14)
    assert found.verdict == verdict
    assert (found.before, found.after, found.window_days) == (pytest.approx(sum(before) / len(before)),
                                                              pytest.approx(sum(after) / len(after)), 14)


def test_a_strategy_is_judged_from_its_third_day_on_the_days_that_passed():
    assert [comparison_days(days) for days in (-4, 0, 2, 3, 10, 14, 15, 400)] == [None, None, None, 3, 10, 14, 14, 14]
    early = strategy_verdict(on({0: 1}, BEFORE_DAY), on({0: 9}, EFFECTIVE), "up", 2)
    assert (early.verdict, early.window_days, early.before, early.after) == ("too_early", 2, None, None)
    assert strategy_verdict([], [], "up", -5).window_days == 0  # not yet effective
    assert strategy_verdict([], on({0: 9}, EFFECTIVE), "up", 5) == type(early)("no_data", 5, None, 9)
    assert strategy_verdict(on({0: 9}, BEFORE_DAY), [], "up", 20) == type(early)("no_data", 14, 9, None)


def test_goal_lines_on_values():
    values = [(START - dt.timedelta(days=1), 100.0), (D(2026, 11, 9), 110.0), (END, 120.0)]
    dau = Metric(key="dau", name="DAU", unit="人")
    goal = Goal(id=7, title="DAU 130", metric="dau", baseline=100, target=130, start=D(2026, 10, 1), due=D(2026, 12, 31))
    line = goal_line(GoalData(goal, dau, values), START, END)
    assert (line.progress_start, line.progress_end, line.unit) == (0, pytest.approx(2 / 3), "人")
    assert (line.achieved, line.forecast, line.at_risk) == (False, None, False)  # three values make no trend
    daily = [(START + dt.timedelta(days=offset), 100.0 + offset) for offset in range(14)]  # 113 on END, +1 a day
    far = goal_line(GoalData(goal.model_copy(update={"target": 400}), dau, daily), START, END)
    assert (far.progress_start, far.forecast, far.at_risk) == (0, "off-track", True)
    near = goal_line(GoalData(goal.model_copy(update={"target": 150}), dau, daily), START, END)
    assert (near.forecast, near.at_risk) == ("on-track", False)
    reached = goal_line(GoalData(goal.model_copy(update={"target": 120}), dau, values), START, END)
    assert (reached.achieved, reached.forecast, reached.at_risk) == (True, None, False)
    marked_on = dt.datetime.combine(D(2026, 11, 10), dt.time(9))
    marked = goal.model_copy(update={"status": "achieved", "updated": marked_on})
    assert goal_line(GoalData(marked, dau, values), START, END).achieved
    assert not goal_line(GoalData(marked, dau, values), START, D(2026, 11, 9)).achieved  # marked only later


def test_metric_lines_and_runs_on_values():
    cac = Metric(key="cac", name="CAC", unit="¥", direction="down")
    line = metric_line(cac, on({0: 20, 1: 18, 2: 25, 3: 22}, START))
    assert (line.first.value, line.last.value, line.best.value, line.worst.value, line.good) == (20, 22, 18, 25, False)
    assert (line.best.day, line.worst.day, line.count, line.spark) == (D(2026, 11, 3), D(2026, 11, 4), 4, [20, 18, 25, 22])
    days = {D(2026, 11, 2): 1, D(2026, 11, 3): 4, D(2026, 11, 5): 1, D(2026, 11, 6): 1, D(2026, 11, 7): 2, D(2026, 11, 20): 9}
    assert longest_run(days, START, END) == 3
    assert longest_run(days, D(2026, 11, 3), D(2026, 11, 3)) == 1 and longest_run({}, START, END) == 0


def test_lessons_by_outcome_and_earlier_ones_with_the_same_tags(seeded):
    store, _ = seeded
    part = build_report(store, parse_period("sprint-1", TODAY), TODAY).lessons
    assert [line.title for line in part.successes] == ["社群陪伴比奖品更管用"]
    assert [line.title for line in part.failures] == ["Full rollout without a canary"]
    assert part.successes[0].detail == "陪伴 > 奖品"
    assert [line.title for line in part.resurfaced] == ["Earlier: 改流程先灰度"]


def test_notes_and_activity(seeded):
    store, _ = seeded
    report = build_report(store, parse_period("sprint-1", TODAY), TODAY)
    assert report.notes.counts == {"market": 1, "collab": 1, "learning": 0}
    assert report.notes.market[0].detail == "FitNow"
    activity = report.activity
    assert activity.total == sum(activity.per_day.values()) == 10
    assert activity.per_day[D(2026, 11, 4)] == 2
    assert all(START <= day <= END for day in activity.per_day)
    assert activity.longest_run == 3  # 11-08, 11-09, 11-10
    assert activity.active_days == len(activity.per_day)


def test_an_empty_period_says_so_once_per_section(store):
    report = build_report(store, parse_period("week", TODAY), TODAY)
    text = review_markdown(report)
    for line in (
        "No goals were being pursued in this period.", "No metric has a value in this period.",
        "No problems raised, resolved or open in this period.", "No strategy change took effect in this period.",
        "No lessons written in this period.", "No market, collaboration or learning notes in this period.",
        "No entries in this period.",
    ):
        assert text.count(line) == 1


def test_a_report_survives_its_json_round_trip(seeded):
    store, _ = seeded
    report = build_report(store, parse_period("sprint-1", TODAY), TODAY)
    again = ReviewReport.from_json_dict(json.loads(json.dumps(report.to_json_dict())))
    assert again == report


SAVED_REPORT = Path(__file__).parent / "data" / "saved_review_report.json"
"""A report as saved with a review before the review became a package (the demo's last sprint)."""
MAPPINGS = ("per_day", "open_by_severity", "counts", "by_kind")
"""Report fields whose keys are data (days, severities, kinds), not part of the shape."""


def paths(value, path: str = "") -> set[str]:
    """Every path of a JSON value (list items merged), the keys of data mappings left out."""
    if isinstance(value, dict):
        if path.rsplit(".", 1)[-1] in MAPPINGS:
            return {path + "{}"}
        return {path} | {found for key, item in value.items() for found in paths(item, f"{path}.{key}")}
    if isinstance(value, list):
        return {path + "[]"} | {found for item in value for found in paths(item, path + "[]")}
    return {path}


TEAM_PATHS = {
    ".author", ".members[]", ".members[].name", ".members[].entries", ".members[].by_kind{}",
    ".members[].problems_raised", ".members[].problems_resolved", ".members[].lessons", ".members[].goals",
    ".goals.goals[].owner", ".problems.opened_list[].author", ".problems.resolved_list[].author",
    ".problems.still_open[].author", ".problems.opened_list[].resolved_by", ".problems.resolved_list[].resolved_by",
    ".problems.still_open[].resolved_by", ".strategies[].author", ".lessons.successes[].author",
    ".lessons.resurfaced[].author", ".notes.market[].author", ".notes.collab[].author", ".notes.learning[].author",
}
"""What reports say about who wrote what since the log knows its authors (added with defaults)."""


def holds(whole, part) -> bool:
    """Whether every key and value of ``part`` is in ``whole`` (lists item by item)."""
    if isinstance(part, dict):
        return isinstance(whole, dict) and all(key in whole and holds(whole[key], value) for key, value in part.items())
    if isinstance(part, list):
        return isinstance(whole, list) and len(whole) == len(part) and all(map(holds, whole, part))
    return whole == part


def test_a_report_saved_by_an_earlier_version_reads_back_unchanged():
    saved = json.loads(SAVED_REPORT.read_text(encoding="utf-8"))
    report = ReviewReport.from_json_dict(saved)
    again = report.to_json_dict()
    assert holds(again, saved)
    assert paths(again) - paths(saved) <= TEAM_PATHS
    # Before the log knew authors: nobody's, and nobody is named.
    assert report.author == "" and report.members == [] and not report.several_authors
    assert report.goals.goals and report.data and report.strategies and report.lessons.total and report.notes.counts


def test_a_fresh_report_has_the_shape_of_a_saved_one(memory_store):
    from growthlog.demo import fill_demo

    saved = json.loads(SAVED_REPORT.read_text(encoding="utf-8"))
    fill_demo(memory_store, TODAY)
    period = parse_period(f"{saved['start']}..{saved['end']}", TODAY)
    fresh = build_report(memory_store, period, TODAY).to_json_dict()
    assert paths(fresh) - paths(saved) == TEAM_PATHS
    assert paths(saved) <= paths(fresh)
    assert len(paths(saved)) > 80


def test_a_saved_review_keeps_its_numbers_until_refreshed(seeded):
    store, _ = seeded
    period = parse_period("sprint-1", TODAY)
    report = build_report(store, period, TODAY)
    saved = store.save_review(Review(period_kind="sprint", start=period.start, end=period.end, summary="稳住了",
                                     report=report.to_json_dict()))
    store.record(Measurement(metric="dau", day=END, value=999))  # the data changes afterwards
    kept = ReviewReport.from_json_dict(store.review_for(period.start, period.end).report)
    assert next(line for line in kept.data if line.key == "dau").last.value == 120
    fresh = build_report(store, period, TODAY)
    assert next(line for line in fresh.data if line.key == "dau").last.value == 999
    refreshed = store.save_review(saved.model_copy(update={"report": fresh.to_json_dict()}))
    assert refreshed.id == saved.id
    stored = ReviewReport.from_json_dict(store.get_review(saved.id).report)
    assert next(line for line in stored.data if line.key == "dau").last.value == 999
    assert store.get_review(saved.id).summary == "稳住了"


def test_one_review_per_period_and_the_list_leaves_reports_out(store):
    first = store.save_review(Review(start=START, end=END, summary="a", report={"x": 1}))
    with pytest.raises(StoreError, match="already has a review"):
        store.save_review(Review(start=START, end=END, summary="b"))
    store.save_review(Review(start=D(2026, 10, 1), end=D(2026, 10, 31), period_kind="month"))
    listed = store.list_reviews()
    assert [review.start for review in listed] == [START, D(2026, 10, 1)]  # newest period first
    assert all(review.report == {} for review in listed)
    assert store.delete_review(first.id).summary == "a"
    assert store.review_for(START, END) is None
    with pytest.raises(StoreError):
        store.save_review(Review(id=999, start=START, end=END))


def test_markdown_is_a_report_with_tables_and_the_written_part(seeded):
    store, _ = seeded
    report = build_report(store, parse_period("sprint-1", TODAY), TODAY)
    review = Review(start=START, end=END, summary="Good sprint", went_well="Push", to_improve="", plan="- DAU 130\n- CAC ¥18")
    text = review_markdown(report, review)
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == [
        "# Review: Sprint 2026-11-02 – 2026-11-15", "## Summary", "## Goals", "## Data", "## Problems",
        "## Strategy adjustments", "## Lessons", "## Market, collaboration, learning", "## Activity",
        "## What went well", "## What to improve", "## Next period's plan",
    ]
    assert "| Goal | Target | Due | Progress at start | Progress at end | State |" in text
    assert "| DAU 120 | 120人 | 2026-11-30 | 0% | 100% | achieved |" in text
    assert "Paywall blank \\| on Android" in text  # a | in user text cannot break a table
    assert "`▁▁▁▁▁▁▁" in text  # the DAU sparkline: flat, then up
    assert "(not written)" in text and "- CAC ¥18" in text


def test_markdown_headings_follow_the_interface_language(seeded):
    store, _ = seeded
    i18n.set_language("zh")
    text = review_markdown(build_report(store, parse_period("sprint-1", TODAY), TODAY))
    assert "## 目标" in text and "## 策略调整" in text and "| 目标 | 目标值 |" in text


def test_json_holds_every_number_and_the_written_part(seeded):
    store, _ = seeded
    report = build_report(store, parse_period("sprint-1", TODAY), TODAY)
    data = json.loads(review_json(report, Review(id=3, start=START, end=END, summary="总结")))
    assert data["period"] == {"kind": "sprint", "start": "2026-11-02", "end": "2026-11-15",
                              "label": "Sprint 2026-11-02 – 2026-11-15", "days": 14}
    assert data["written"]["summary"] == "总结" and data["review_id"] == 3
    assert data["report"]["problems"]["open_by_severity"] == {"medium": 1, "low": 1}
    assert data["derived"]["goal_achievement_rate"] == 0.5
    assert data["derived"]["metric_changes"]["dau"] == {"change": 20.0, "relative": 0.2, "good": True}
    assert render(report, None, "json") == review_json(report)


def test_heatmap_is_a_calendar_of_weekdays_by_weeks(seeded):
    store, _ = seeded
    lines = heatmap_lines(build_report(store, parse_period("sprint-1", TODAY), TODAY))
    assert len(lines) == 7 and lines[0].startswith("Mo ")
    # 11-02 (Monday) has no entry, 11-09 (Monday) has one; 11-04 (Wednesday) has the most.
    assert lines[0][3:] == "·" + lines[0][4]
    assert lines[2][3] == "█"


def test_heatmap_leaves_the_days_still_to_come_blank(seeded):
    store, _ = seeded
    lines = heatmap_lines(build_report(store, parse_period("sprint", TODAY), TODAY))  # 11-16..11-29, today 11-20
    friday, saturday = lines[4], lines[5]
    assert friday[3] in "·░▒▓█" and friday[4] == " "  # 11-20 is today; 11-27 is to come
    assert saturday[3:] == "  "
