"""Saved reviews of a period."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from growthlog.models.common import Block, Line, now

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
    generated: dt.datetime = Field(default_factory=now)
    """When ``report`` was computed."""
    created: dt.datetime = Field(default_factory=now)
    updated: dt.datetime = Field(default_factory=now)
    author: Line = ""
    """Who first saved it; the store fills in its writer when empty."""
    uuid: str | None = None
    """Stable id across machines; given by the store when first saved."""
    revision: int = 0
    """How many times the stored review was changed: a save of an older revision is a conflict."""
    updated_by: str = ""
    """Who saved the current revision."""

    @model_validator(mode="after")
    def _ordered(self) -> "Review":
        if self.end < self.start:
            raise ValueError("the period ends before it starts")
        return self

    @property
    def written(self) -> bool:
        """Whether anything has been written in it."""
        return any((self.summary, self.went_well, self.to_improve, self.plan))
