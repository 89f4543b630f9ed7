"""The demo data: complete, deterministic, valid, storable, and telling a consistent story."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from growthlog import kinds
from growthlog.models import Entry
from growthlog.services.demo import build_demo_entries, fill_demo

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
        assert stored == entry
        for link in stored.links:
            assert memory_store.get_entry(int(link.ref)) is not None
    assert memory_store.search_ids("留存")
    assert memory_store.search_ids("opt-out")


def test_fill_demo_refuses_a_database_with_entries(memory_store, today):
    fill_demo(memory_store, today)
    with pytest.raises(ValueError):
        fill_demo(memory_store, today)
