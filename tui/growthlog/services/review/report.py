"""The review's report as data: pydantic models with a JSON round trip.

A saved review stores its report (:meth:`ReviewReport.to_json_dict`) and reads it back
(:meth:`ReviewReport.from_json_dict`) whatever version wrote it, so the shape of these models is a
stored format: a field is added with a default, never renamed or removed. What the numbers mean is
in the package's definitions (:mod:`growthlog.services.review`).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

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
    owner: str = ""
    """Who owns the goal (its author)."""
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
    author: str = ""
    """Who wrote it."""


class ProblemLine(_Part):
    id: int
    day: dt.date
    title: str
    severity: str = "medium"
    status: str = "open"
    resolved_on: dt.date | None = None
    author: str = ""
    """Who raised it (the entry's author)."""
    resolved_by: str = ""
    """Who resolved it: whoever saved it last (the log keeps who saved each revision, not who
    changed which field), its author for a problem saved before that was kept; "" while open."""


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
    author: str = ""

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


class MemberLine(_Part):
    """One member's part of the period: who wrote what (their entries by kind), the problems they
    raised and resolved, their lessons, and the goals they own."""

    name: str
    entries: int = 0
    by_kind: dict[str, int] = Field(default_factory=dict)
    problems_raised: int = 0
    problems_resolved: int = 0
    lessons: int = 0
    goals: int = 0


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
    author: str = ""
    """Whose review this is: one member's (only what they wrote, the goals they own; the data
    stays the team's), or "" for the whole team."""
    members: list[MemberLine] = Field(default_factory=list)
    """Everyone who wrote in the period or owns one of its goals, the most entries first: the
    whole team's, in a member's review too. Records without an author are counted by nobody."""

    @property
    def several_authors(self) -> bool:
        """More than one person wrote in the period (or owns one of its goals)."""
        return len(self.members) > 1

    @property
    def member_names(self) -> list[str]:
        return [member.name for member in self.members]

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def to_json_dict(self) -> dict:
        """The report as JSON-ready data (dates as ISO text), as it is stored with a review."""
        return self.model_dump(mode="json")

    @classmethod
    def from_json_dict(cls, data: dict) -> "ReviewReport":
        return cls.model_validate(data)
