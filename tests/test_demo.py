"""The demo data: complete, deterministic, valid, storable, and telling a consistent story."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from growthlog import kinds
from growthlog.models import Entry
from growthlog.demo import build_demo_entries, fill_demo

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def entries(today) -> list[Entry]:
    return build_demo_entries(today)


def test_every_kind_is_present(entries):
    assert {e.kind for e in entries} == set(kinds.KINDS)


def test_chinese_and_english_mostly_chinese(entries):
    chinese = [e for e in entries if HAN.search(e.title)]
    english = [e for e in entries if not HAN.search(e.title)]
    assert chinese and english
    assert 0.5 <= len(chinese) / len(entries) <= 0.85
    tags = {tag for e in entries for tag in e.tags}
    assert any(HAN.search(tag) for tag in tags) and any(tag.isascii() for tag in tags)


def test_deterministic_for_today_and_seed(today):
    first = build_demo_entries(today, seed=7)
    assert first == build_demo_entries(today, seed=7)
    assert [e.model_dump() for e in first] == [e.model_dump() for e in build_demo_entries(today, seed=7)]
    assert first != build_demo_entries(today, seed=8)


def test_timestamps_come_from_the_day_not_the_clock(entries, today):
    for entry in entries:
        assert entry.created.date() == entry.day
        assert entry.day <= entry.updated.date() <= today


def test_nothing_after_today_and_twelve_weeks(entries, today):
    days = {e.day for e in entries}
    assert max(days) == today
    assert (today - min(days)).days == 83


@pytest.mark.parametrize("day", [dt.date(2026, 11, 20), dt.date(2026, 11, 22), dt.date(2027, 3, 1), dt.date(2025, 1, 4)])
@pytest.mark.parametrize("seed", [7, 1])
def test_streak_then_gap_for_any_today(day, seed):
    days = {e.day for e in build_demo_entries(day, seed)}
    streak = [day - dt.timedelta(days=n) for n in range(11)]
    assert all(d in days for d in streak)
    assert day - dt.timedelta(days=11) not in days
    assert max(days) == day
    weekdays = [day - dt.timedelta(days=n) for n in range(84) if (day - dt.timedelta(days=n)).weekday() < 5]
    with_note = {e.day for e in build_demo_entries(day, seed) if e.kind == "note"}
    assert sum(d in with_note for d in weekdays) >= len(weekdays) // 2


def test_ids_are_chronological_and_links_resolve(entries):
    assert [e.id for e in entries] == list(range(1, len(entries) + 1))
    assert [(e.created, e.id) for e in entries] == sorted((e.created, e.id) for e in entries)
    ids = {e.id for e in entries}
    links = [link for e in entries for link in e.links]
    assert links
    assert all(link.type == "entry" and int(link.ref) in ids for link in links)


def test_story_fields(entries, today):
    problems = [e.field_model() for e in entries if e.kind == "problem"]
    assert any(p.status == "resolved" and p.resolved_on for p in problems)
    assert any(p.status != "resolved" and p.severity in ("high", "critical") for p in problems)
    assert all(p.cause and p.impact and p.solution and p.alternatives for p in problems)
    strategies = [e for e in entries if e.kind == "strategy"]
    assert all(s.links for s in strategies)
    assert {s.fields["metric"] for s in strategies} >= {"d7_retention", "new_users"}
    due = [s for s in strategies if s.field_model().review_on <= today and not s.fields["outcome"]]
    assert due
    lessons = {e.fields["outcome"] for e in entries if e.kind == "lesson"}
    assert lessons == {"success", "failure"}
    scopes = {e.fields["scope"] for e in entries if e.kind == "market"}
    assert scopes == set(kinds.MARKET_SCOPES)
    plans = [e.field_model() for e in entries if e.kind == "plan"]
    assert any(p.due and today < p.due <= today + dt.timedelta(weeks=5) for p in plans)


def test_markup_lookalikes_are_plain_text(entries):
    assert any("[bold]" in e.title for e in entries)
    assert any("[/]" in e.body for e in entries)


def test_fill_demo_stores_everything(memory_store, today, entries):
    count = fill_demo(memory_store, today)
    assert count == len(entries) == memory_store.count_entries()
    assert memory_store.logging_streak(today) >= 7
    for entry in entries:
        stored = memory_store.get_entry(entry.id)
        assert stored.uuid and stored.updated_by == stored.author
        assert stored.model_copy(update={"uuid": None, "updated_by": ""}) == entry
        for link in stored.links:
            assert memory_store.get_entry(int(link.ref)) is not None
    assert memory_store.search_ids("留存")
    assert memory_store.search_ids("opt-out")


def test_fill_demo_refuses_a_database_with_entries(memory_store, today):
    fill_demo(memory_store, today)
    with pytest.raises(ValueError):
        fill_demo(memory_store, today)


# Metrics, goals and what Today should draw attention to.

from growthlog.services.attention import attention_items  # noqa: E402
from growthlog.demo import DAYS, build_demo_goals, build_demo_metrics, trend  # noqa: E402
from growthlog.services.goals.loader import load_goal, summarize_goals  # noqa: E402
from growthlog.services.goals.smart import smart_check  # noqa: E402

REQUIRED_METRICS = {"new_users", "dau", "d1_retention", "d7_retention", "conversion_rate", "revenue", "churn_rate"}


def series(rows, key: str) -> dict[int, float]:
    """A metric's demo values by offset (days before today)."""
    values = [(day, value) for metric, day, value, _note, _source in rows if metric == key]
    last = dt.date.fromisoformat(max(day for day, _ in values))
    return {(last - dt.date.fromisoformat(day)).days: value for day, value in values}


def mean(values, offsets) -> float:
    picked = [values[o] for o in offsets]
    return sum(picked) / len(picked)


@pytest.fixture
def metric_data(today):
    return build_demo_metrics(today)


def test_common_metrics_with_twelve_weeks_of_daily_values(metric_data, today):
    metrics, rows = metric_data
    keys = {m.key for m in metrics}
    assert keys >= REQUIRED_METRICS and len(keys) >= 6
    for key in keys:
        values = series(rows, key)
        assert sorted(values) == list(range(DAYS))
        assert max(day for metric, day, *_ in rows if metric == key) == today.isoformat()
    directions = {m.key: m.direction for m in metrics}
    assert directions["churn_rate"] == directions["cac"] == "down" and directions["dau"] == "up"


def test_metric_values_are_deterministic_per_today_and_seed(today):
    assert build_demo_metrics(today, 7) == build_demo_metrics(today, 7)
    assert build_demo_metrics(today, 7)[1] != build_demo_metrics(today, 8)[1]
    # The entries do not depend on the metrics' random stream.
    assert build_demo_entries(today, 7) == build_demo_entries(today, 7)


def test_metric_values_follow_the_story(metric_data):
    _, rows = metric_data
    d7 = series(rows, "d7_retention")
    assert mean(d7, range(73, 84)) - mean(d7, range(61, 67)) > 2.5  # the dip after the onboarding change
    assert mean(d7, range(0, 14)) > 20.5  # and the recovery
    d1 = series(rows, "d1_retention")
    assert mean(d1, range(73, 84)) - mean(d1, range(61, 67)) > 3
    conversion = series(rows, "conversion_rate")
    assert mean(conversion, range(10, 31)) - mean(conversion, range(4, 7)) > 1  # challenge, then the paywall bug
    revenue = series(rows, "revenue")
    assert mean(revenue, range(10, 31)) > mean(revenue, range(4, 7))
    cac = series(rows, "cac")
    assert max(cac[o] for o in range(30, 36)) > 28 and cac[0] > 1.15 * mean(cac, range(1, 8))
    new_users = series(rows, "new_users")
    assert mean(new_users, range(29, 39)) < 0.9 * mean(new_users, range(39, 60))
    churn = series(rows, "churn_rate")
    assert mean(churn, range(46, 57)) > mean(churn, range(8, 31))


def test_notes_quote_the_recorded_numbers(entries, metric_data):
    _, rows = metric_data
    dau = series(rows, "dau")
    today = max(e.day for e in entries)
    quoted = [(e, float(e.title.split("DAU ")[1].split(" 万")[0]) * 10_000) for e in entries if e.title.startswith("数据日报：DAU")]
    assert quoted
    for entry, value in quoted:
        assert value == pytest.approx(dau[(today - entry.day).days], rel=0.05)
    assert {e.fields["metric"] for e in entries if e.kind == "strategy"} <= {m.key for m in metric_data[0]}
    assert trend("cac", 0) > trend("cac", 1)


def test_goals_in_every_state(memory_store, today):
    fill_demo(memory_store, today)
    rows = summarize_goals(memory_store, today)
    by_title = {row.goal.title: row for row in rows}
    assert len(rows) == len(build_demo_goals(today)) >= 6
    assert {row.goal.status for row in rows} >= {"active", "achieved", "dropped"}
    assert {row.goal.horizon for row in rows} == {"short", "long"}
    active = [row for row in rows if row.goal.status == "active"]
    assert {row.forecast.status for row in active} >= {"on-track", "at-risk", "off-track"}
    assert any(row.suggestion == "achieved" for row in rows)
    by_checkins = [row for row in rows if row.goal.metric is None and row.goal.horizon == "short" and row.goal.status == "active"]
    assert by_checkins and by_checkins[0].progress is not None and by_checkins[0].forecast.source == "checkins"
    undated = [row.goal for row in rows if row.goal.due is None and row.goal.status == "active"]
    assert undated
    assert "goals.smart.no_due" in [issue.key for issue in smart_check(load_goal(memory_store, undated[0], today, history=True), today).issues]
    assert all(row.depth == 1 for row in rows if row.goal.horizon == "short")
    assert sum(len(memory_store.checkins(row.goal.id)) for row in rows) >= 10
    assert by_title["年底 DAU 达到 13.6 万"].forecast.status == "at-risk"
    assert by_title["会员转化率提到 4.5%"].forecast.status == "off-track"


@pytest.mark.parametrize("day", [dt.date(2026, 11, 20), dt.date(2026, 11, 22), dt.date(2027, 3, 1), dt.date(2025, 1, 4)])
@pytest.mark.parametrize("seed", [7, 1])
def test_today_draws_attention_to_every_kind(memory_store, day, seed):
    fill_demo(memory_store, day, seed)
    items = attention_items(memory_store, day)
    assert {item.kind for item in items} == {"problem", "metric", "goal", "strategy"}
    # Only the story's move today stands out: CAC.
    assert [item.metric for item in items if item.kind == "metric"] == ["cac"]
    assert items[0].kind == "problem" and items[0].params["severity"] == "critical"


def test_the_demo_has_a_saved_review_of_the_last_finished_sprint(memory_store, today):
    from growthlog.services.review.report import ReviewReport

    fill_demo(memory_store, today)
    (review,) = memory_store.list_reviews()
    assert (review.start, review.end) == (dt.date(2026, 11, 2), dt.date(2026, 11, 15))
    assert review.updated == dt.datetime(2026, 11, 16, 17, 30)  # the demo's own time, not the clock's
    saved = memory_store.get_review(review.id)
    assert saved.summary and saved.went_well and saved.to_improve and len(saved.plan.splitlines()) == 4
    report = ReviewReport.from_json_dict(saved.report)
    assert report.as_of == dt.date(2026, 11, 15)
    assert report.goals.total and report.data and report.strategies and report.lessons.successes
    assert report.lessons.resurfaced  # the review brings back an earlier lesson with a shared tag


def test_demo_goals_carry_tags_for_their_lessons(memory_store, today):
    fill_demo(memory_store, today)
    tagged = [goal for goal in memory_store.list_goals() if goal.tags]
    assert len(tagged) == len(memory_store.list_goals())
    assert "留存" in tagged[0].tags or "会员" in tagged[0].tags
