"""The Today view: today's entries, the streak, goals at a glance, metric cards, attention items."""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from growthlog.services.attention import AttentionItem, attention_items
from growthlog.services.goals.loader import summarize_goals
from growthlog.services.goals.summary import GoalSummary
from growthlog.services.metrics import MetricSummary, load_metric_summary

if TYPE_CHECKING:
    from growthlog.models import Entry
    from growthlog.store.api import Store

MAX_METRIC_CARDS = 8
MAX_GOALS = 6


@dataclasses.dataclass(frozen=True)
class TodayView:
    entries: list[Entry]
    """Today's entries, in the order written."""
    streak: int
    metrics: list[MetricSummary]
    """The first few metrics, in the order they were defined."""
    goals: list[GoalSummary]
    """Active goals, soonest due first."""
    attention: list[AttentionItem]
    several_writers: bool = False
    """More than one person writes in the database: entries are shown with who wrote them."""

    @property
    def writers_today(self) -> list[tuple[str, int]]:
        """Who logged today and how many entries each, the busiest first."""
        counts = collections.Counter(entry.author or "—" for entry in self.entries)
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def active_goals(summaries: list[GoalSummary], today: dt.date, limit: int = MAX_GOALS) -> list[GoalSummary]:
    """Active goals at a glance: soonest due first, goals without a due date last, short-term
    goals before the long-term ones that hold them."""
    active = [s for s in summaries if s.goal.status == "active"]
    active.sort(key=lambda s: (s.goal.due is None, s.goal.due or today, s.goal.horizon == "long"))
    return active[:limit]


def load_today(store: Store, today: dt.date) -> TodayView:
    """Everything Today shows, read in one snapshot."""
    with store.snapshot():
        return TodayView(
            entries=store.entries_on(today),
            streak=store.logging_streak(today),
            metrics=[load_metric_summary(store, metric, today) for metric in store.list_metrics()[:MAX_METRIC_CARDS]],
            goals=active_goals(summarize_goals(store, today), today),
            attention=attention_items(store, today),
            several_writers=store.several_writers(),
        )
