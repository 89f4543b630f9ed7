"""Entries: one log entry of any kind, its kind-specific fields, links, and drafts.

An :class:`Entry`'s ``fields`` hold the kind-specific fields, validated by the kind's own model in
:data:`KIND_FIELDS` (unknown names are refused so a typo in ``--field`` is not silently dropped).
Text is cleaned of escape sequences and control characters on the way in, by the same rules the
fast ``growthlog add`` path uses (:mod:`growthlog.entry_rules`).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from growthlog import kinds as k
from growthlog.entry_rules import clean_author, clean_body, clean_tags, clean_title
from growthlog.models.common import Block, Line, date_input, holds_date, now
from growthlog.textutil import clean_block

Kind = Literal["note", "problem", "strategy", "lesson", "market", "collab", "learning", "plan"]
Severity = Literal["low", "medium", "high", "critical"]
Urgency = Literal["low", "medium", "high"]
ProblemStatus = Literal["open", "mitigating", "resolved"]
LessonOutcome = Literal["success", "failure"]
MarketScope = Literal["industry", "competitor", "consumer", "policy"]
Impact = Literal["low", "medium", "high"]

# The text rules are growthlog.entry_rules, which the fast `growthlog add` path calls too.
Title = Annotated[str, AfterValidator(clean_title)]
Body = Annotated[str, AfterValidator(clean_body)]
Author = Annotated[str, AfterValidator(clean_author)]
Tags = Annotated[list[str], AfterValidator(clean_tags)]


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
        if value is not None and holds_date(field.annotation):
            return date_input(value)
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
    title: Title
    """One line."""
    body: Body = ""
    """Markdown."""
    tags: Tags = Field(default_factory=list)
    """Normalised tags, without '#'."""
    author: Author = ""
    """Who wrote it (defaults to the OS user name)."""
    created: dt.datetime = Field(default_factory=now)
    updated: dt.datetime = Field(default_factory=now)
    links: list[Link] = Field(default_factory=list)
    fields: dict[str, Any] = Field(default_factory=dict)
    """Kind-specific fields, as validated by the kind's model."""
    uuid: str | None = None
    """Stable id across machines (merging logs); given by the store when first saved."""
    revision: int = 0
    """How many times the stored entry was changed: a save of an older revision is a conflict."""
    updated_by: str = ""
    """Who saved the current revision (the author, until someone else edits it)."""

    @field_validator("day", mode="before")
    @classmethod
    def _day(cls, value: Any) -> Any:
        return date_input(value)

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
    saved_at: dt.datetime = Field(default_factory=now)


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
    return holds_date(KIND_FIELDS[kind].model_fields[name].annotation)


def field_is_block(kind: str, name: str) -> bool:
    """Whether a kind's field is multi-line text."""
    info = KIND_FIELDS[kind].model_fields[name]
    return any(getattr(m, "func", None) is clean_block for m in info.metadata)
