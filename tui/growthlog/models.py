"""Pydantic models of what growthlog records.

An :class:`Entry` is one log entry; its ``fields`` hold the kind-specific fields, validated by the
kind's own model in :data:`KIND_FIELDS` (unknown names are refused so a typo in ``--field`` is not
silently dropped). Text is cleaned of escape sequences and control characters on the way in.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from growthlog import kinds as k
from growthlog.entry_rules import clean_author, clean_body, clean_tags, clean_title
from growthlog.textutil import TITLE_MAX, clean_block, clean_line, normalize_tags

Kind = Literal["note", "problem", "strategy", "lesson", "market", "collab", "learning", "plan"]
Severity = Literal["low", "medium", "high", "critical"]
Urgency = Literal["low", "medium", "high"]
ProblemStatus = Literal["open", "mitigating", "resolved"]
LessonOutcome = Literal["success", "failure"]
MarketScope = Literal["industry", "competitor", "consumer", "policy"]
Impact = Literal["low", "medium", "high"]

# The length limit first, so that it is checked as a string's ("at most 2000 characters").
Line = Annotated[str, Field(max_length=2000), AfterValidator(clean_line)]
Block = Annotated[str, Field(max_length=100_000), AfterValidator(clean_block)]


def _date_input(value: Any) -> Any:
    """Dates come as dates or ISO text; numbers are refused rather than read as Unix timestamps
    (pydantic would turn 0 into 1970-01-01 and "20261120" into an error about datetimes)."""
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"'{text}' is not a date (use YYYY-MM-DD)") from None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError(f"{value!r} is not a date (use YYYY-MM-DD)")
    return value


def _holds_date(annotation: Any) -> bool:
    from typing import get_args

    return annotation is dt.date or dt.date in get_args(annotation)


class KindFields(BaseModel):
    """Base of the kind-specific field models: no unknown names, blanks are blanks."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)

    @field_validator("*", mode="before")
    @classmethod
    def _plain_values(cls, value: Any, info: Any) -> Any:
        # Forms and the command line hand over "" (or spaces) for an untouched optional choice or
        # date.
        field = cls.model_fields[info.field_name]
        if isinstance(value, str) and not value.strip() and field.default is None:
            return None
        if value is not None and _holds_date(field.annotation):
            return _date_input(value)
        return value


class NoteFields(KindFields):
    """A daily note has no fields of its own: what was done lives in the body."""


class ProblemFields(KindFields):
    """A problem, reflected on: why it happened, what it costs, what was done."""

    cause: Block = ""
    """Why it happened, as far as we know."""
    impact: Block = ""
    """What it costs: users, revenue, goals affected."""
    severity: Severity = "medium"
    """How bad it is."""
    urgency: Urgency = "medium"
    """How soon it must be dealt with."""
    status: ProblemStatus = "open"
    """Where it stands."""
    solution: Block = ""
    """What was, or will be, done."""
    alternatives: Block = ""
    """Options considered, and why the solution won."""
    resolved_on: dt.date | None = None
    """The day it was resolved."""


class StrategyFields(KindFields):
    """A change of strategy, with what should come of it and when to look again."""

    trigger: Block = ""
    """What prompted it: a problem, a metric's move."""
    change: Block = ""
    """What changes."""
    expected_effect: Block = ""
    """What should happen, in numbers where possible."""
    metric: Line = ""
    """Key of the metric expected to move."""
    effective_on: dt.date | None = None
    """The day the change took effect."""
    review_on: dt.date | None = None
    """The day to check whether it worked."""
    outcome: Block = ""
    """What actually happened."""


class LessonFields(KindFields):
    """A lesson summed up from a success or a failure."""

    outcome: LessonOutcome | None = None
    """Whether it came from a success or a failure."""
    takeaway: Block = ""
    """What we learned."""
    recommendation: Block = ""
    """What to do next time."""


class MarketFields(KindFields):
    """Something seen in the market."""

    scope: MarketScope | None = None
    """Industry, a competitor, consumers or policy."""
    subject: Line = ""
    """Who or what, e.g. the competitor's name."""
    source: Line = ""
    """Where it was seen."""
    impact_on_us: Impact | None = None
    """How much it matters to us."""


class CollabFields(KindFields):
    """Work done with other people or departments."""

    people: Line = ""
    """People or departments involved."""
    project: Line = ""
    """The project."""
    result: Block = ""
    """What came of it."""


class LearningFields(KindFields):
    """Something learned: continuous learning and personal growth."""

    skill: Line = ""
    """The skill or topic."""
    source: Line = ""
    """Course, meeting, book…"""


class PlanFields(KindFields):
    """Something planned for later."""

    due: dt.date | None = None
    """When it should be done."""
    owner: Line = ""
    """Who does it."""


KIND_FIELDS: dict[str, type[KindFields]] = {
    "note": NoteFields,
    "problem": ProblemFields,
    "strategy": StrategyFields,
    "lesson": LessonFields,
    "market": MarketFields,
    "collab": CollabFields,
    "learning": LearningFields,
    "plan": PlanFields,
}
assert tuple(KIND_FIELDS) == k.KINDS


class Link(BaseModel):
    """A reference from an entry to another entry, a goal or a metric."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    type: Literal["entry", "goal", "metric"]
    ref: str


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class Entry(BaseModel):
    """One log entry of any kind."""

    # Schemas are built on first use, not at import: that keeps the app's first frame and the
    # command line from paying ~100 ms for models they may never validate.
    model_config = ConfigDict(validate_assignment=False, defer_build=True)

    id: int | None = None
    """Row id; None until stored."""
    day: dt.date
    """The day the entry is about (not when it was written)."""
    kind: Kind = "note"
    """One of :data:`growthlog.kinds.KINDS`."""
    title: str
    """One line."""
    body: str = ""
    """Markdown."""
    tags: list[str] = Field(default_factory=list)
    """Normalised tags, without '#'."""
    author: str = ""
    """Who wrote it (defaults to the OS user name)."""
    created: dt.datetime = Field(default_factory=_now)
    updated: dt.datetime = Field(default_factory=_now)
    links: list[Link] = Field(default_factory=list)
    fields: dict[str, Any] = Field(default_factory=dict)
    """Kind-specific fields, as validated by the kind's model."""

    @field_validator("day", mode="before")
    @classmethod
    def _day(cls, value: Any) -> Any:
        return _date_input(value)

    # The text rules are growthlog.entry_rules, which the fast `growthlog add` path calls too.
    @field_validator("title")
    @classmethod
    def _title(cls, value: str) -> str:
        return clean_title(value)

    @field_validator("body")
    @classmethod
    def _body(cls, value: str) -> str:
        return clean_body(value)

    @field_validator("author")
    @classmethod
    def _author(cls, value: str) -> str:
        return clean_author(value)

    @field_validator("tags")
    @classmethod
    def _tags(cls, value: list[str]) -> list[str]:
        return clean_tags(value)

    @model_validator(mode="after")
    def _kind_fields(self) -> "Entry":
        validated = KIND_FIELDS[self.kind].model_validate(self.fields)
        # Stored in JSON form (dates as ISO strings) so that what is saved and what is read back
        # compare equal.
        self.fields = validated.model_dump(mode="json")
        return self

    def field_model(self) -> KindFields:
        """The kind-specific fields as their typed model."""
        return KIND_FIELDS[self.kind].model_validate(self.fields)


class Draft(BaseModel):
    """An editor's unsaved content, kept so that nothing typed is lost."""

    model_config = ConfigDict(defer_build=True)

    key: str
    """Which editor: ``new`` or ``entry-<id>``."""
    entry_id: int | None = None
    data: dict[str, Any]
    """The editor's values: kind, title, body, tags, day, fields."""
    saved_at: dt.datetime = Field(default_factory=_now)


def field_names(kind: str) -> list[str]:
    """The names of a kind's own fields, in form order."""
    return list(KIND_FIELDS[kind].model_fields)


def field_choices(kind: str, name: str) -> tuple[str, ...] | None:
    """The allowed values of a choice field, or None for free text and dates."""
    annotation = KIND_FIELDS[kind].model_fields[name].annotation
    from typing import get_args, get_origin

    args = get_args(annotation)
    literals = [a for a in args if get_origin(a) is Literal] if args else []
    if get_origin(annotation) is Literal:
        return get_args(annotation)
    if literals:
        return get_args(literals[0])
    return None


def field_is_date(kind: str, name: str) -> bool:
    """Whether a kind's field holds a date."""
    return _holds_date(KIND_FIELDS[kind].model_fields[name].annotation)


def field_is_block(kind: str, name: str) -> bool:
    """Whether a kind's field is multi-line text."""
    info = KIND_FIELDS[kind].model_fields[name]
    return any(getattr(m, "func", None) is clean_block for m in info.metadata)


# Metrics and goals

Direction = Literal["up", "down"]
Aggregation = Literal["last", "sum", "mean"]
Confidence = Literal["on-track", "at-risk", "off-track"]
GoalStatus = Literal["active", "achieved", "missed", "dropped"]
Horizon = Literal["short", "long"]
METRIC_KEY_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"


def _finite(value: float) -> float:
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError("the value is not a finite number")
    return value


Finite = Annotated[float, AfterValidator(_finite)]


class Metric(BaseModel):
    """A KPI: what is measured, in what unit, and which way is better."""

    model_config = ConfigDict(defer_build=True)

    key: str = Field(pattern=METRIC_KEY_PATTERN)
    """Short id: lower-case letters, digits and _, e.g. ``dau`` or ``d7_retention``."""
    name: Line = Field(min_length=1, max_length=100)
    """The name people read, e.g. 日活 or Daily active users."""
    unit: Line = Field(default="", max_length=20)
    """Shown after values: %, 元, users…"""
    direction: Direction = "up"
    """``up``: higher is better; ``down``: lower is better (churn, CAC)."""
    aggregation: Aggregation = "last"
    """How a period's values combine: the last one, their sum (revenue) or their mean (rates)."""
    description: Block = ""
    """How it is measured, where the number comes from."""
    created: dt.datetime = Field(default_factory=_now)


class Measurement(BaseModel):
    """One metric's value on one day."""

    model_config = ConfigDict(defer_build=True)

    metric: str = Field(pattern=METRIC_KEY_PATTERN)
    day: dt.date
    value: Finite
    note: Line = ""
    source: Literal["manual", "import"] = "manual"


class Goal(BaseModel):
    """A SMART goal: specific (title, description), measurable (metric, baseline, target),
    time-bound (start, due), relevant (why, parent). Any of these may be missing: the SMART check
    says which."""

    model_config = ConfigDict(defer_build=True)

    id: int | None = None
    title: Line
    description: Block = ""
    metric: str | None = None
    """Key of the metric that measures it; None for a goal tracked by check-ins."""
    baseline: Finite | None = None
    """Where the metric stood at the start (defaults to its value on ``start``)."""
    target: Finite | None = None
    start: dt.date | None = None
    due: dt.date | None = None
    why: Block = ""
    """Why it matters (the R of SMART)."""
    parent_id: int | None = None
    """The long-term goal this one serves."""
    horizon: Horizon = "short"
    status: GoalStatus = "active"
    tags: list[str] = Field(default_factory=list)
    """Tags, like an entry's: lessons with the same tags are shown beside the goal."""
    created: dt.datetime = Field(default_factory=_now)
    updated: dt.datetime = Field(default_factory=_now)

    @field_validator("tags", mode="before")
    @classmethod
    def _clean_tags(cls, value: Any) -> Any:
        return normalize_tags(value) if isinstance(value, (list, tuple)) else value


    @field_validator("title")
    @classmethod
    def _title_after_cleaning(cls, value: str) -> str:
        # Checked after cleaning: "   " or a lone escape sequence is no title.
        if not value:
            raise ValueError("the title is empty")
        if len(value) > TITLE_MAX:
            raise ValueError(f"the title is longer than {TITLE_MAX} characters")
        return value


class CheckIn(BaseModel):
    """A look at a goal on a day: optionally a value, always a confidence."""

    model_config = ConfigDict(defer_build=True)

    id: int | None = None
    goal_id: int
    day: dt.date
    value: Finite | None = None
    confidence: Confidence = "on-track"
    note: Block = ""
    created: dt.datetime = Field(default_factory=_now)


# Reviews

PeriodKind = Literal["sprint", "week", "month", "quarter", "custom"]


class Review(BaseModel):
    """A saved review of a period: the generated part as it was when written (``report``, the JSON
    of :class:`growthlog.services.review.ReviewReport`) and the written part."""

    model_config = ConfigDict(defer_build=True)

    id: int | None = None
    period_kind: PeriodKind = "custom"
    start: dt.date
    end: dt.date
    """The last day of the period (inclusive)."""
    summary: Block = ""
    went_well: Block = ""
    """What went well."""
    to_improve: Block = ""
    """What to improve."""
    plan: Block = ""
    """The next period's plan: one item per line; goals can be created from its lines."""
    report: dict[str, Any] = Field(default_factory=dict)
    """The generated part, frozen when the review was saved or last refreshed."""
    generated: dt.datetime = Field(default_factory=_now)
    """When ``report`` was computed."""
    created: dt.datetime = Field(default_factory=_now)
    updated: dt.datetime = Field(default_factory=_now)

    @model_validator(mode="after")
    def _ordered(self) -> "Review":
        if self.end < self.start:
            raise ValueError("the period ends before it starts")
        return self

    @property
    def written(self) -> bool:
        """Whether anything has been written in it."""
        return any((self.summary, self.went_well, self.to_improve, self.plan))
