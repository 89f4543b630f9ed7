"""Building a period's report from the store: :func:`build_report` reads what each section needs
and hands the values to the review's maths (:mod:`.maths`), the goal maths and the team's lines
(:mod:`.team`); what it returns is plain data (:mod:`.report`), the same for the app, the command
line and the exported files. Given an author, it is that member's review (see :mod:`.team`): the
filter is applied here, in the reads, never by whoever shows the report."""

from __future__ import annotations

import dataclasses
import datetime as dt
import statistics
from typing import TYPE_CHECKING

from growthlog.services.goals.loader import load_goal_data
from growthlog.services.review.maths import comparison_days, goal_line, goals_in_period, longest_run, metric_line, strategy_verdict
from growthlog.services.review.team import member_lines, owned_by
from growthlog.services.review.report import (
    NOTE_KINDS,
    ActivityPart,
    EntryLine,
    GoalsPart,
    LessonsPart,
    MetricLine,
    NotesPart,
    ProblemLine,
    ProblemsPart,
    ReviewReport,
    StrategyLine,
)

if TYPE_CHECKING:
    from growthlog.models import Entry, Goal, Metric
    from growthlog.store.queries import ProblemRow
    from growthlog.services.periods import Period
    from growthlog.store.api import Store

LIST_LIMIT = 50
"""Entries listed per section; the counts are always complete."""
RESURFACED = 5
"""Earlier lessons brought back."""
SEVERITIES = ("critical", "high", "medium", "low")


def build_report(store: Store, period: Period, today: dt.date, author: str | None = None) -> ReviewReport:
    """The generated part of the review of ``period``, as the log stands ``today``: the team's,
    or with ``author`` that member's."""
    as_of = min(period.end, today)
    entries = _period_entries(store, period, author)
    metrics = {metric.key: metric for metric in store.list_metrics()}
    every = store.list_goals()
    goals = goals_in_period(every, period)
    resolved = store.problems_resolved_between(period.start, period.end, author)
    return ReviewReport(
        period_kind=period.kind,
        start=period.start,
        end=period.end,
        as_of=as_of,
        goals=goals_part(store, period, as_of, every, author),
        data=data_part(store, period, metrics),
        problems=problems_part(entries["problem"], resolved, store.problems_open_on(period.end, author)),
        strategies=strategies_part(store, period, today, metrics, author),
        lessons=lessons_part(store, period, entries),
        notes=notes_part(entries),
        activity=activity_part(store, period, as_of, author),
        author=author or "",
        members=member_lines(
            store.entries_per_author(period.start, period.end), goal_owners=[goal.author for goal in goals],
            resolved_by=[resolver(entry) for entry in resolved], only=author,
        ),
    )


def team_members(store: Store, period: Period) -> list[str]:
    """The names of the period's members as the log stands (see :mod:`.team`), the most entries
    first: whose reviews there are to choose from, even beside a saved report of earlier days."""
    goals = goals_in_period(store.list_goals(), period)
    resolved = store.problems_resolved_between(period.start, period.end)
    lines = member_lines(store.entries_per_author(period.start, period.end), goal_owners=[goal.author for goal in goals],
                         resolved_by=[resolver(entry) for entry in resolved])
    return [line.name for line in lines]


def _period_entries(store: Store, period: Period, author: str | None = None) -> dict[str, list[Entry]]:
    """The period's problems, lessons, strategies and notes (``author``'s only, when given), by
    kind, oldest first."""
    from growthlog.store.entries import EntryFilter

    kinds = ("problem", "lesson", "strategy", "market", "collab", "learning")
    where = EntryFilter(kinds=kinds, since=period.start, until=period.end, author=author)
    found: dict[str, list[Entry]] = {kind: [] for kind in kinds}
    for entry in store.list_entries(where, limit=10_000, oldest_first=True):
        found[entry.kind].append(entry)
    return found


# Goals


def goals_part(store: Store, period: Period, as_of: dt.date, every: list[Goal], author: str | None = None) -> GoalsPart:
    """The goals of the period (among ``every`` goal; those ``author`` owns, when given), their
    data read once (back to the period's start)."""
    before = min(period.start, as_of)
    chosen = load_goal_data(store, owned_by(goals_in_period(every, period), author), as_of, since=before, every=every)
    lines = [goal_line(data, before, as_of) for data in chosen]
    return GoalsPart(total=len(lines), achieved=sum(line.achieved for line in lines), goals=lines)


# Data


def data_part(store: Store, period: Period, metrics: dict[str, Metric]) -> list[MetricLine]:
    lines = []
    for metric in metrics.values():
        series = store.series(metric.key, period.start, period.end)
        if series:
            lines.append(metric_line(metric, series))
    return lines


# Problems


def resolver(entry: Entry) -> str:
    """Who resolved a resolved problem (see ``ProblemLine.resolved_by``)."""
    return entry.updated_by or entry.author


def _problem_line(entry: Entry) -> ProblemLine:
    fields = entry.fields
    resolved_on = fields.get("resolved_on") or None
    return ProblemLine(
        id=entry.id, day=entry.day, title=entry.title, severity=fields.get("severity") or "medium",
        status=fields.get("status") or "open", resolved_on=resolved_on, author=entry.author,
        resolved_by=resolver(entry) if resolved_on else "",
    )


def problems_part(opened: list[Entry], resolved_entries: list[Entry], still_open: list[ProblemRow]) -> ProblemsPart:
    """The problems raised in the period (``opened``), resolved in it and still open at its end."""
    resolved = [_problem_line(entry) for entry in resolved_entries]
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
            ProblemLine(id=row.id, day=row.day, title=row.title, severity=row.severity, status=row.status, author=row.author)
            for row in still_open[:LIST_LIMIT]
        ],
        mean_days_to_resolve=statistics.fmean(waits) if waits else None,
    )


# Strategy adjustments


def strategy_line(store: Store, entry: Entry, today: dt.date, metrics: dict[str, Metric]) -> StrategyLine:
    """A strategy's before/after comparison (see the package's definitions): both windows are
    read in one query, then judged by :func:`~.maths.strategy_verdict`."""
    fields = entry.fields
    effective = fields.get("effective_on")
    if isinstance(effective, str):
        effective = dt.date.fromisoformat(effective)
    key = (fields.get("metric") or "").strip()
    metric = metrics.get(key)
    line = StrategyLine(
        id=entry.id, title=entry.title, effective_on=effective, metric=key,
        metric_name=metric.name if metric else "", unit=metric.unit if metric else "",
        direction=metric.direction if metric else "up", outcome=fields.get("outcome") or "", author=entry.author,
    )
    if metric is None:
        return line
    passed = (today - effective).days + 1
    window = comparison_days(passed)
    around = [] if window is None else store.series(
        key, effective - dt.timedelta(days=window), effective + dt.timedelta(days=window - 1))
    before = [point for point in around if point[0] < effective]
    after = [point for point in around if point[0] >= effective]
    return line.model_copy(update=dataclasses.asdict(strategy_verdict(before, after, metric.direction, passed)))


def strategies_part(
    store: Store, period: Period, today: dt.date, metrics: dict[str, Metric], author: str | None = None
) -> list[StrategyLine]:
    chosen = store.strategies_effective_between(period.start, period.end, author)
    return [strategy_line(store, entry, today, metrics) for entry in chosen]


# Lessons and notes


def _first_line(text: str) -> str:
    for line in (text or "").splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line
    return ""


def entry_line(entry: Entry) -> EntryLine:
    fields = entry.fields
    detail = ""
    for name in ("takeaway", "result", "subject", "skill"):
        if fields.get(name):
            detail = _first_line(str(fields[name]))
            break
    return EntryLine(id=entry.id, day=entry.day, title=entry.title, tags=list(entry.tags),
                     detail=detail or _first_line(entry.body), author=entry.author)


def lessons_part(store: Store, period: Period, entries: dict[str, list[Entry]]) -> LessonsPart:
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


def notes_part(entries: dict[str, list[Entry]]) -> NotesPart:
    return NotesPart(
        **{kind: [entry_line(entry) for entry in entries[kind][:LIST_LIMIT]] for kind in NOTE_KINDS},
        counts={kind: len(entries[kind]) for kind in NOTE_KINDS},
    )


# Activity


def activity_part(store: Store, period: Period, as_of: dt.date, author: str | None = None) -> ActivityPart:
    per_day = store.days_with_entries(period.start, period.end, author)
    return ActivityPart(
        per_day=dict(sorted(per_day.items())), total=sum(per_day.values()), active_days=len(per_day),
        streak=store.logging_streak(as_of, author), longest_run=longest_run(per_day, period.start, period.end),
    )
