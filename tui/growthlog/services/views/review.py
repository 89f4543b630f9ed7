"""The Review view: a period as it is opened — its saved review, a kept draft of unsaved writing,
and the report to show (the saved one wins over a fresh one: a saved review keeps its numbers)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from growthlog.services.periods import Period
from growthlog.services.review.builder import build_report
from growthlog.services.review.report import ReviewReport

if TYPE_CHECKING:
    from growthlog.models import Review
    from growthlog.store.api import Store

DRAFT_PREFIX = "review:"
"""Unsaved writing of a review is kept as a draft under this prefix and the period's key."""


def draft_key(period: Period) -> str:
    return f"{DRAFT_PREFIX}{period.key}"


@dataclasses.dataclass(frozen=True)
class ReviewView:
    """A period as it is opened: its saved review, a kept draft, and the report to show."""

    period: Period
    review: Review | None
    draft: dict[str, Any] | None
    report: ReviewReport
    generated: dt.datetime
    frozen: bool
    """True when ``report`` is the one stored with the saved review."""


def load_review(store: Store, period: Period, today: dt.date) -> ReviewView:
    """The saved review's own report when it has one this version can read; else a fresh one."""
    with store.snapshot():
        review = store.review_for(period.start, period.end)
        key = draft_key(period)
        draft = next((draft.data for draft in store.list_drafts() if draft.key == key), None)
        if review is not None and review.report:
            try:
                report = ReviewReport.from_json_dict(review.report)
            except ValidationError:  # a report stored in a shape this version cannot read: recompute
                pass
            else:
                return ReviewView(period, review, draft, report, review.generated, True)
        now = dt.datetime.now().replace(microsecond=0)
        return ReviewView(period, review, draft, build_report(store, period, today), now, False)
