"""What needs attention today: the Today screen's list of things to act on.

Four kinds of item (problems in two ranks), most important first:

1. ``problem`` of severity critical that is not resolved;
2. ``metric``: a metric that moved sharply in its bad direction (see :func:`sharp_move`) — the app
   offers to log a reflection (a problem entry linked to the metric);
3. ``problem`` of severity high that is not resolved;
4. ``goal``: an active goal past its due date;
5. ``strategy``: a strategy whose ``review_on`` day has come and whose outcome is still empty.

Within a kind: the biggest move, the longest overdue, the newest problem, the longest-waiting review
first. Each kind (critical and high problems each) is capped (``limit_per_kind``) so that a
database with thousands of open problems still gives a short list. Everything is read with indexed
queries: fast at 100,000 entries.

**Sharply**: the metric's latest value (recorded within the last :data:`RECENT_DAYS` days) against
the mean of the :data:`PREVIOUS_DAYS` days before it (at least :data:`MIN_PREVIOUS` values): the
move is in the bad direction and either larger than :data:`SHARP_SHARE` (15 %) of that mean, or
larger than :data:`SHARP_SIGMAS` (2) standard deviations of those days *and* at least
:data:`MIN_SIGMA_SHARE` (5 %) of the mean — so that a metric that barely varies does not raise an
alarm over a tiny change.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import statistics
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from growthlog.i18n import t
from growthlog.services.numbers import format_number

if TYPE_CHECKING:
    from growthlog.models import Metric
    from growthlog.store.api import Store

RECENT_DAYS = 3
PREVIOUS_DAYS = 7
MIN_PREVIOUS = 3
SHARP_SHARE = 0.15
SHARP_SIGMAS = 2.0
MIN_SIGMA_SHARE = 0.05
LIMIT_PER_KIND = 10

KINDS = ("metric", "goal", "problem", "strategy")
_CHOICE_PARAMS = ("severity", "status")
_IMPORTANCE = {"critical": 0, "metric": 1, "high": 2, "goal": 3, "strategy": 4}


@dataclasses.dataclass(frozen=True)
class AttentionItem:
    """One thing to act on.

    ``kind``: metric, goal, problem or strategy. ``key`` and ``params`` make the line (``text``,
    in the current language); params hold user text (titles, metric names) as plain strings, so a
    screen can style them safely. The references say what to open: ``metric`` (a metric key; for a
    metric item, the metric a new problem entry should link to), ``goal_id``, ``entry_id``.
    ``importance``: lower is more important (the list is sorted by it).
    """

    kind: str
    key: str
    params: dict[str, Any]
    importance: int
    metric: str | None = None
    goal_id: int | None = None
    entry_id: int | None = None

    @property
    def text(self) -> str:
        """The line in the current language (choices such as a severity are translated here, so
        that ``params`` stay the same in every language)."""
        values = {name: t(f"choice.{value}") if name in _CHOICE_PARAMS else value for name, value in self.params.items()}
        return t(self.key, **values)


@dataclasses.dataclass(frozen=True)
class Move:
    """A metric's latest value against the mean of the days before it."""

    day: dt.date
    value: float
    mean: float
    stdev: float
    change: float
    """value − mean."""
    share: float | None
    """change / |mean|; None when the mean is 0."""


def sharp_move(points: list[tuple[dt.date, float]], direction: str) -> Move | None:
    """The latest of ``points`` (day order) if it moved sharply in the bad direction (``direction``
    is the metric's good one: up or down) against the :data:`PREVIOUS_DAYS` days before it."""
    if not points:
        return None
    day, value = points[-1]
    first = day - dt.timedelta(days=PREVIOUS_DAYS)
    previous = [v for d, v in points[:-1] if first <= d < day]
    if len(previous) < MIN_PREVIOUS:
        return None
    mean = statistics.fmean(previous)
    stdev = statistics.stdev(previous, mean)
    change = value - mean
    bad = change < 0 if direction == "up" else change > 0
    if not bad:
        return None
    share = change / abs(mean) if mean else None
    size = abs(share) if share is not None else math.inf
    if size > SHARP_SHARE or (abs(change) > SHARP_SIGMAS * stdev and size >= MIN_SIGMA_SHARE):
        return Move(day, value, mean, stdev, change, share)
    return None


def moves_since(today: dt.date) -> dt.date:
    """The first day :func:`metric_moves` looks at: the recent days and the days before them."""
    return today - dt.timedelta(days=RECENT_DAYS - 1 + PREVIOUS_DAYS)


def metric_moves(recent: Iterable[tuple[Metric, Sequence[tuple[dt.date, float]]]], today: dt.date) -> list[tuple[Metric, Move]]:
    """Metrics whose latest recent value moved sharply the wrong way, the biggest move first.
    ``recent``: each metric with its values from :func:`moves_since` to today."""
    found = []
    for metric, points in recent:
        if not points or (today - points[-1][0]).days >= RECENT_DAYS:
            continue
        move = sharp_move(points, metric.direction)
        if move is not None:
            found.append((metric, move))
    found.sort(key=lambda pair: -(abs(pair[1].share) if pair[1].share is not None else math.inf))
    return found


def _signed_percent(share: float | None) -> str:
    if share is None:
        return "—"
    return ("+" if share >= 0 else "−") + f"{abs(share) * 100:.0f}%"


def attention_items(store: Store, today: dt.date, *, limit_per_kind: int = LIMIT_PER_KIND) -> list[AttentionItem]:
    """Everything that needs attention on ``today``, most important first."""
    items: list[tuple[tuple, AttentionItem]] = []

    for severity in ("critical", "high"):
        for problem in store.open_problems((severity,), limit=limit_per_kind):
            rank = _IMPORTANCE[severity]
            item = AttentionItem(
                "problem", "goals.attention.problem",
                {"title": problem.title, "severity": problem.severity, "status": problem.status},
                rank, entry_id=problem.id,
            )
            items.append(((rank, -problem.day.toordinal(), -problem.id), item))

    since = moves_since(today)
    recent = [(metric, store.series(metric.key, since=since, until=today)) for metric in store.list_metrics()]
    for metric, move in metric_moves(recent, today)[:limit_per_kind]:
        rank = _IMPORTANCE["metric"]
        item = AttentionItem(
            "metric", "goals.attention.metric",
            {"metric": metric.name, "value": format_number(move.value, metric.unit),
             "change": _signed_percent(move.share), "mean": format_number(move.mean, metric.unit),
             "days": PREVIOUS_DAYS},
            rank, metric=metric.key,
        )
        items.append(((rank, -abs(move.share) if move.share is not None else -math.inf), item))

    overdue = [g for g in store.list_goals(status="active") if g.due is not None and g.due < today]
    overdue.sort(key=lambda g: (g.due, g.id))
    for goal in overdue[:limit_per_kind]:
        rank = _IMPORTANCE["goal"]
        item = AttentionItem(
            "goal", "goals.attention.goal",
            {"title": goal.title, "count": (today - goal.due).days, "due": goal.due.isoformat()},
            rank, metric=goal.metric, goal_id=goal.id,
        )
        items.append(((rank, goal.due.toordinal(), goal.id), item))

    for strategy in store.strategies_due_for_review(today, limit=limit_per_kind):
        rank = _IMPORTANCE["strategy"]
        waited = (today - strategy.review_on).days
        key = "goals.attention.strategy_today" if waited == 0 else "goals.attention.strategy"
        item = AttentionItem(
            "strategy", key, {"title": strategy.title, "count": waited, "due": strategy.review_on.isoformat()},
            rank, metric=strategy.metric or None, entry_id=strategy.id,
        )
        items.append(((rank, strategy.review_on.toordinal(), strategy.id), item))

    return [item for _, item in sorted(items, key=lambda pair: pair[0])]
