"""The generated part of a review: what happened in a period, computed from the log.

:func:`build_report` reads the store and returns a :class:`ReviewReport`, the same for the app,
the command line and the exported files. It follows the growth loop, in the order DESIGN.md gives:
goals, data, problems, strategy adjustments, lessons, market/collaboration/learning notes,
activity. A report is plain data (pydantic, JSON round trip): a saved review keeps the report it
was written with, so later edits to the log do not rewrite an old review.

Definitions, in one place:

* **Goals in the period**: not dropped, started (or created) by the period's end, and due (if at
  all) on or after its start. **Achieved**: progress at the period's end reached 100 %, or the goal
  was marked achieved by then. **At risk**: still active with a forecast, made on the period's end
  (or today, for the current period), of at risk or off track.
* **Data**: every metric with a value in the period: first and last value, their difference
  judged by the metric's direction, the best and worst day (by direction), a sparkline.
* **Problems**: opened (raised in the period), resolved (``resolved_on`` in the period, wherever
  they were raised), still open at the period's end by severity, mean days from raised to resolved.
* **Strategy adjustments**: strategies whose ``effective_on`` is in the period. Their metric's mean
  over N days from ``effective_on`` is compared with its mean over the N days before, N being
  :data:`STRATEGY_WINDOW` days or as many as have passed since (at least :data:`MIN_AFTER_DAYS`).
  A change under :data:`FLAT_SHARE` of the before-mean is "flat"; otherwise it worked when it went
  the metric's good way.
* **Lessons**: those of the period by outcome, and earlier lessons sharing a tag with the period's
  lessons, problems or strategies (so that a mistake is not repeated).
* **Activity**: entries per day, days with entries, the logging streak on the period's last day
  (or today) and the longest run of days in the period.

No textual here: the layering test checks it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from growthlog.services.periods import Period

if TYPE_CHECKING:
    from growthlog.models import Entry, Goal, Metric
    from growthlog.store.api import Store

STRATEGY_WINDOW = 14
"""Days compared on each side of a strategy's ``effective_on``."""
MIN_AFTER_DAYS = 3
"""Days that must have passed since ``effective_on`` before judging a strategy."""
FLAT_SHARE = 0.02
"""A before/after change smaller than this share of the before-mean is "flat"."""
SPARK_POINTS = 24
"""Points kept for a metric's sparkline in a report (reports are stored; they stay small)."""
LIST_LIMIT = 50
"""Entries listed per section; the counts are always complete."""
RESURFACED = 5
"""Earlier lessons brought back."""
SEVERITIES = ("critical", "high", "medium", "low")
NOTE_KINDS = ("market", "collab", "learning")
"""The kinds of the notes section, in order."""

Verdict = Literal["worked", "backfired", "flat", "too_early", "no_data", "no_metric"]


class _Part(BaseModel):
    model_config = ConfigDict(defer_build=True)


class Point(_Part):
    day: dt.date
    value: float


class GoalLine(_Part):
    id: int
    title: str
    horizon: str
    status: str
    metric: str | None = None
    unit: str = ""
    target: float | None = None
    due: dt.date | None = None
    progress_start: float | None = None
    progress_end: float | None = None
    forecast: str | None = None
    """on-track, at-risk, off-track or None (cannot say)."""
    achieved: bool = False
    at_risk: bool = False


class GoalsPart(_Part):
    total: int = 0
    achieved: int = 0
    goals: list[GoalLine] = Field(default_factory=list)

    @property
    def rate(self) -> float | None:
        """Achieved / total; None without goals."""
        return self.achieved / self.total if self.total else None

    @property
    def at_risk(self) -> list[GoalLine]:
        return [goal for goal in self.goals if goal.at_risk]


class MetricLine(_Part):
    key: str
    name: str
    unit: str = ""
    direction: str = "up"
    first: Point
    last: Point
    best: Point
    worst: Point
    count: int
    spark: list[float] = Field(default_factory=list)

    @property
    def change(self) -> float:
        return self.last.value - self.first.value

    @property
    def relative_change(self) -> float | None:
        return self.change / abs(self.first.value) if self.first.value else None

    @property
    def good(self) -> bool | None:
        """Whether the change went the metric's better way; None when there was no change."""
        if not self.change:
            return None
        return (self.change > 0) == (self.direction == "up")


class EntryLine(_Part):
    id: int
    day: dt.date
    title: str
    tags: list[str] = Field(default_factory=list)
    detail: str = ""
    """One line of what matters: a lesson's takeaway, a note's first line…"""


class ProblemLine(_Part):
    id: int
    day: dt.date
    title: str
    severity: str = "medium"
    status: str = "open"
    resolved_on: dt.date | None = None


class ProblemsPart(_Part):
    opened: int = 0
    resolved: int = 0
    opened_list: list[ProblemLine] = Field(default_factory=list)
    resolved_list: list[ProblemLine] = Field(default_factory=list)
    open_by_severity: dict[str, int] = Field(default_factory=dict)
    still_open: list[ProblemLine] = Field(default_factory=list)
    mean_days_to_resolve: float | None = None

    @property
    def open_total(self) -> int:
        return sum(self.open_by_severity.values())


class StrategyLine(_Part):
    id: int
    title: str
    effective_on: dt.date
    metric: str = ""
    metric_name: str = ""
    unit: str = ""
    direction: str = "up"
    window_days: int = 0
    before: float | None = None
    after: float | None = None
    verdict: Verdict = "no_metric"
    outcome: str = ""

    @property
    def change(self) -> float | None:
        return None if self.before is None or self.after is None else self.after - self.before

    @property
    def relative_change(self) -> float | None:
        change = self.change
        return change / abs(self.before) if change is not None and self.before else None


class LessonsPart(_Part):
    successes: list[EntryLine] = Field(default_factory=list)
    failures: list[EntryLine] = Field(default_factory=list)
    others: list[EntryLine] = Field(default_factory=list)
    """Lessons of the period without an outcome."""
    resurfaced: list[EntryLine] = Field(default_factory=list)
    """Earlier lessons sharing a tag with the period's lessons, problems or strategies."""

    @property
    def total(self) -> int:
        return len(self.successes) + len(self.failures) + len(self.others)


class NotesPart(_Part):
    market: list[EntryLine] = Field(default_factory=list)
    collab: list[EntryLine] = Field(default_factory=list)
    learning: list[EntryLine] = Field(default_factory=list)
    counts: dict[str, int] = Field(default_factory=dict)
    """Entries of each of the three kinds in the period (the lists stop at LIST_LIMIT)."""


class ActivityPart(_Part):
    per_day: dict[dt.date, int] = Field(default_factory=dict)
    """Entries per day, days with none left out."""
    total: int = 0
    active_days: int = 0
    streak: int = 0
    """Consecutive days with entries, ending on the period's last day (or today)."""
    longest_run: int = 0
    """The longest run of consecutive days with entries inside the period."""


class ReviewReport(_Part):
    """Everything the generated part of a review says about one period."""

    period_kind: str
    start: dt.date
    end: dt.date
    as_of: dt.date
    """The day the report was made for: the period's end, or today while the period runs."""
    goals: GoalsPart = Field(default_factory=GoalsPart)
    data: list[MetricLine] = Field(default_factory=list)
    problems: ProblemsPart = Field(default_factory=ProblemsPart)
    strategies: list[StrategyLine] = Field(default_factory=list)
    lessons: LessonsPart = Field(default_factory=LessonsPart)
    notes: NotesPart = Field(default_factory=NotesPart)
    activity: ActivityPart = Field(default_factory=ActivityPart)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def to_json_dict(self) -> dict:
        """The report as JSON-ready data (dates as ISO text), as it is stored with a review."""
        return self.model_dump(mode="json")

    @classmethod
    def from_json_dict(cls, data: dict) -> "ReviewReport":
        return cls.model_validate(data)


# ---------------------------------------------------------------------------------------------


def build_report(store: "Store", period: Period, today: dt.date) -> ReviewReport:
    """The generated part of the review of ``period``, as the log stands ``today``."""
    as_of = min(period.end, today)
    entries = _period_entries(store, period)
    metrics = {metric.key: metric for metric in store.list_metrics()}
    return ReviewReport(
        period_kind=period.kind,
        start=period.start,
        end=period.end,
        as_of=as_of,
        goals=goals_part(store, period, as_of, metrics),
        data=data_part(store, period, metrics),
        problems=problems_part(store, period, entries["problem"]),
        strategies=strategies_part(store, period, today, metrics),
        lessons=lessons_part(store, period, entries),
        notes=notes_part(store, period, entries),
        activity=activity_part(store, period, as_of),
    )


def _period_entries(store: "Store", period: Period) -> dict[str, list["Entry"]]:
    """The period's problems, lessons, strategies and notes, by kind, oldest first."""
    from growthlog.store.entries import EntryFilter

    kinds = ("problem", "lesson", "strategy", "market", "collab", "learning")
    where = EntryFilter(kinds=kinds, since=period.start, until=period.end)
    found: dict[str, list[Entry]] = {kind: [] for kind in kinds}
    for entry in store.list_entries(where, limit=10_000, oldest_first=True):
        found[entry.kind].append(entry)
    return found


# Goals


def goals_in_period(goals: list["Goal"], period: Period) -> list["Goal"]:
    """Goals that were being pursued at some point of the period (see the module's definitions)."""
    from growthlog.services.goals.data import start_day

    return [
        goal for goal in goals
        if goal.status != "dropped"
        and start_day(goal) <= period.end
        and (goal.due is None or goal.due >= period.start)
    ]


def goals_part(store: "Store", period: Period, as_of: dt.date, metrics: dict[str, "Metric"]) -> GoalsPart:
    """``metrics``: every metric by key."""
    from growthlog.services.goals.forecast import forecast
    from growthlog.services.goals.loader import load_goal_data
    from growthlog.services.goals.progress import goal_progress

    every = store.list_goals()
    chosen = goals_in_period(every, period)
    before = min(period.start, as_of)
    lines = []
    for data in load_goal_data(store, chosen, as_of, since=before, every=every):
        goal = data.goal
        start = goal_progress(data, before)
        end = goal_progress(data, as_of)
        marked = goal.status == "achieved" and goal.updated.date() <= as_of
        achieved = marked or (end is not None and end >= 1)
        outlook = None
        if goal.status == "active" and not achieved:
            outlook = forecast(data, as_of).status
        metric = metrics.get(goal.metric or "")
        lines.append(GoalLine(
            id=goal.id, title=goal.title, horizon=goal.horizon, status=goal.status, metric=goal.metric,
            unit=metric.unit if metric else "", target=goal.target, due=goal.due,
            progress_start=start, progress_end=end, forecast=outlook, achieved=achieved,
            at_risk=outlook in ("at-risk", "off-track"),
        ))
    return GoalsPart(total=len(lines), achieved=sum(line.achieved for line in lines), goals=lines)


# Data


def data_part(store: "Store", period: Period, metrics: dict[str, "Metric"]) -> list[MetricLine]:
    lines = []
    for metric in metrics.values():
        series = store.series(metric.key, period.start, period.end)
        if series:
            lines.append(metric_line(metric, series))
    return lines


def metric_line(metric: "Metric", series: list[tuple[dt.date, float]]) -> MetricLine:
    """One metric's line from its values in the period (in day order, at least one)."""
    from growthlog.textutil import resample

    up = metric.direction == "up"
    highest = max(series, key=lambda point: point[1])
    lowest = min(series, key=lambda point: point[1])
    best, worst = (highest, lowest) if up else (lowest, highest)
    values = [value for _, value in series]
    return MetricLine(
        key=metric.key, name=metric.name, unit=metric.unit, direction=metric.direction,
        first=Point(day=series[0][0], value=series[0][1]), last=Point(day=series[-1][0], value=series[-1][1]),
        best=Point(day=best[0], value=best[1]), worst=Point(day=worst[0], value=worst[1]),
        count=len(series), spark=[round(v, 6) for v in resample(values, min(len(values), SPARK_POINTS))],
    )


# Problems


def _problem_line(entry: "Entry") -> ProblemLine:
    fields = entry.fields
    return ProblemLine(
        id=entry.id, day=entry.day, title=entry.title, severity=fields.get("severity") or "medium",
        status=fields.get("status") or "open", resolved_on=fields.get("resolved_on") or None,
    )


def problems_part(store: "Store", period: Period, opened: list["Entry"]) -> ProblemsPart:
    resolved = [_problem_line(entry) for entry in store.problems_resolved_between(period.start, period.end)]
    still_open = store.problems_open_on(period.end)
    by_severity: dict[str, int] = {}
    for row in still_open:
        by_severity[row.severity] = by_severity.get(row.severity, 0) + 1
    waits = [(line.resolved_on - line.day).days for line in resolved if line.resolved_on and line.resolved_on >= line.day]
    return ProblemsPart(
        opened=len(opened),
        resolved=len(resolved),
        opened_list=[_problem_line(entry) for entry in opened[:LIST_LIMIT]],
        resolved_list=resolved[:LIST_LIMIT],
        open_by_severity={severity: by_severity[severity] for severity in SEVERITIES if severity in by_severity},
        still_open=[
            ProblemLine(id=row.id, day=row.day, title=row.title, severity=row.severity, status=row.status)
            for row in still_open[:LIST_LIMIT]
        ],
        mean_days_to_resolve=sum(waits) / len(waits) if waits else None,
    )


# Strategy adjustments


def _mean(points: list[tuple[dt.date, float]]) -> float | None:
    return sum(value for _, value in points) / len(points) if points else None


def strategy_line(store: "Store", entry: "Entry", today: dt.date, metrics: dict[str, "Metric"]) -> StrategyLine:
    """A strategy's before/after comparison (see the module's definitions)."""
    fields = entry.fields
    effective = fields.get("effective_on")
    if isinstance(effective, str):
        effective = dt.date.fromisoformat(effective)
    key = (fields.get("metric") or "").strip()
    metric = metrics.get(key)
    line = StrategyLine(
        id=entry.id, title=entry.title, effective_on=effective, metric=key,
        metric_name=metric.name if metric else "", unit=metric.unit if metric else "",
        direction=metric.direction if metric else "up", outcome=fields.get("outcome") or "",
    )
    if metric is None:
        return line
    passed = (today - effective).days + 1
    if passed < MIN_AFTER_DAYS:
        return line.model_copy(update={"verdict": "too_early", "window_days": max(passed, 0)})
    window = min(STRATEGY_WINDOW, passed)
    before = _mean(store.series(key, effective - dt.timedelta(days=window), effective - dt.timedelta(days=1)))
    after = _mean(store.series(key, effective, effective + dt.timedelta(days=window - 1)))
    update = {"window_days": window, "before": before, "after": after}
    if before is None or after is None:
        return line.model_copy(update={**update, "verdict": "no_data"})
    change = after - before
    if abs(change) <= FLAT_SHARE * abs(before) or change == 0:
        verdict = "flat"
    else:
        verdict = "worked" if (change > 0) == (metric.direction == "up") else "backfired"
    return line.model_copy(update={**update, "verdict": verdict})


def strategies_part(store: "Store", period: Period, today: dt.date, metrics: dict[str, "Metric"]) -> list[StrategyLine]:
    return [strategy_line(store, entry, today, metrics) for entry in store.strategies_effective_between(period.start, period.end)]


# Lessons and notes


def _first_line(text: str) -> str:
    for line in (text or "").splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line
    return ""


def entry_line(entry: "Entry") -> EntryLine:
    fields = entry.fields
    detail = ""
    for name in ("takeaway", "result", "subject", "skill"):
        if fields.get(name):
            detail = _first_line(str(fields[name]))
            break
    return EntryLine(id=entry.id, day=entry.day, title=entry.title, tags=list(entry.tags), detail=detail or _first_line(entry.body))


def lessons_part(store: "Store", period: Period, entries: dict[str, list["Entry"]]) -> LessonsPart:
    lessons = entries["lesson"]
    part = LessonsPart(
        successes=[entry_line(e) for e in lessons if e.fields.get("outcome") == "success"][:LIST_LIMIT],
        failures=[entry_line(e) for e in lessons if e.fields.get("outcome") == "failure"][:LIST_LIMIT],
        others=[entry_line(e) for e in lessons if e.fields.get("outcome") not in ("success", "failure")][:LIST_LIMIT],
    )
    tags: dict[str, None] = {}
    for kind in ("lesson", "problem", "strategy"):
        for entry in entries[kind]:
            tags.update(dict.fromkeys(entry.tags))
    if tags:
        earlier = store.lessons_with_tags(list(tags), before=period.start, limit=RESURFACED)
        part.resurfaced = [entry_line(entry) for entry in earlier]
    return part


def notes_part(store: "Store", period: Period, entries: dict[str, list["Entry"]]) -> NotesPart:
    return NotesPart(
        **{kind: [entry_line(entry) for entry in entries[kind][:LIST_LIMIT]] for kind in NOTE_KINDS},
        counts={kind: len(entries[kind]) for kind in NOTE_KINDS},
    )


# Activity


def activity_part(store: "Store", period: Period, as_of: dt.date) -> ActivityPart:
    per_day = store.days_with_entries(period.start, period.end)
    longest = run = 0
    day = period.start
    while day <= period.end:
        run = run + 1 if per_day.get(day) else 0
        longest = max(longest, run)
        day += dt.timedelta(days=1)
    return ActivityPart(
        per_day=dict(sorted(per_day.items())), total=sum(per_day.values()), active_days=len(per_day),
        streak=store.logging_streak(as_of), longest_run=longest,
    )
