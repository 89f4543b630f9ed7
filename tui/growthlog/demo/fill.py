"""Filling a store with the whole demo: entries, metrics with their values, goals with their
check-ins, and a saved review of the last finished sprint."""

from __future__ import annotations

import datetime as dt

from growthlog.demo import data
from growthlog.demo.entries import build_demo_entries
from growthlog.demo.metrics_and_goals import fill_demo_goals

WRITTEN_PARTS = ("summary", "went_well", "to_improve", "plan")
"""The written part of a review, as ``review.toml`` holds it."""
REVIEW_TIME = dt.time(17, 30)
"""The review is written at this time of the day after the sprint."""


def fill_demo_review(store, today: dt.date, sprint=None) -> None:
    """Save a review of the last finished sprint (``sprint``: how sprints are cut; the default two
    weeks from a Monday), written a day after it ended, with the numbers of that day."""
    from growthlog.models import Review
    from growthlog.services.periods import SprintRule, period_of
    from growthlog.services.review.builder import build_report

    written = data.read(data.REVIEW)
    data.refuse_unknown(written, WRITTEN_PARTS, data.REVIEW)
    current = period_of("sprint", today, sprint or SprintRule())
    finished = current.shifted(-1)
    written_on = min(finished.end + dt.timedelta(days=1), today)
    stamp = dt.datetime.combine(written_on, REVIEW_TIME)
    report = build_report(store, finished, written_on)
    store.save_review(Review(
        period_kind="sprint", start=finished.start, end=finished.end, report=report.to_json_dict(),
        generated=stamp, created=stamp, updated=stamp, **{part: written.get(part, "").strip() for part in WRITTEN_PARTS},
    ), touch=False)


def fill_demo(store, today: dt.date, seed: int = 7, progress=None, sprint=None) -> int:
    """Add the demo entries to an empty store in one transaction, then its metrics (with twelve
    weeks of daily values), goals and check-ins, and a saved review of the last finished sprint;
    returns how many entries were added.

    The entries carry their own ids (links refer to them), so the store must be empty. Everything
    is the story's author's: goals, check-ins, values and the review are signed with that name
    too, whoever opens the demo (the store's own writer is set back afterwards).
    """
    if store.count_entries():
        raise ValueError("demo data goes into an empty database")
    entries = build_demo_entries(today, seed)
    writer = store.author
    store.author = data.read(data.STORY)["author"]
    try:
        store.add_entries(entries, progress)
        fill_demo_goals(store, today, seed)
        fill_demo_review(store, today, sprint)
    finally:
        store.author = writer
    return len(entries)
