"""The Review view: a period as it is opened — its saved review, a kept draft of unsaved writing,
and the report to show (the saved one wins over a fresh one: a saved review keeps its numbers),
with one member's review beside it when one is chosen (always fresh: a saved review is the team's)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from growthlog.services.periods import Period
from growthlog.services.review.builder import build_report, team_members
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
    member_report: ReviewReport | None = None
    """The chosen member's review of the period (see :func:`load_review`)."""
    members: tuple[str, ...] = ()
    """Whose reviews there are to choose from: the period's members as the log stands."""


def load_review(store: Store, period: Period, today: dt.date, member: str | None = None) -> ReviewView:
    """The saved review's own report when it has one this version can read; else a fresh one.
    With ``member``, that member's review too, from the log as it is."""
    with store.snapshot():
        view = _load_team(store, period, today)
        members = tuple(view.report.member_names if not view.frozen else team_members(store, period))
        chosen = build_report(store, period, today, member) if member is not None else None
        return dataclasses.replace(view, member_report=chosen, members=members)


def fresh_reports(
    store: Store, period: Period, today: dt.date, member: str | None = None, *, team: bool = True
) -> tuple[ReviewReport | None, ReviewReport | None]:
    """Fresh reports of the period, read in one snapshot: the team's (unless ``team`` is False)
    and ``member``'s (None without one)."""
    with store.snapshot():
        return (build_report(store, period, today) if team else None,
                build_report(store, period, today, member) if member is not None else None)


def _load_team(store: Store, period: Period, today: dt.date) -> ReviewView:
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
