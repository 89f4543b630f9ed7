"""Metrics (KPIs), their measurements, SMART goals and their check-ins."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from growthlog.models.common import Block, Finite, Line, now
from growthlog.textutil import TITLE_MAX, normalize_tags

Direction = Literal["up", "down"]
Aggregation = Literal["last", "sum", "mean"]
Confidence = Literal["on-track", "at-risk", "off-track"]
GoalStatus = Literal["active", "achieved", "missed", "dropped"]
Horizon = Literal["short", "long"]
METRIC_KEY_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"


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
    created: dt.datetime = Field(default_factory=now)
    updated: dt.datetime | None = None
    """When its definition last changed (the store sets it; None only for metrics defined before
    growthlog kept it). Merging logs keeps the newer definition."""


class Measurement(BaseModel):
    """One metric's value on one day."""

    model_config = ConfigDict(defer_build=True)

    metric: str = Field(pattern=METRIC_KEY_PATTERN)
    day: dt.date
    value: Finite
    note: Line = ""
    source: Literal["manual", "import"] = "manual"
    author: Line = ""
    """Who recorded it; the store fills in its writer when empty."""
    updated: dt.datetime | None = None
    """When it was recorded (None for values recorded before growthlog kept it)."""


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
    author: Line = ""
    """Who set the goal (its owner); the store fills in its writer when empty."""
    created: dt.datetime = Field(default_factory=now)
    updated: dt.datetime = Field(default_factory=now)
    uuid: str | None = None
    """Stable id across machines; given by the store when first saved."""
    revision: int = 0
    """How many times the stored goal was changed: a save of an older revision is a conflict."""
    updated_by: str = ""
    """Who saved the current revision."""

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
    author: Line = ""
    """Who checked in; the store fills in its writer when empty."""
    created: dt.datetime = Field(default_factory=now)
    uuid: str | None = None
