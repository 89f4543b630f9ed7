"""The written part of a review, as text: plan lines turned into goals, the list of past reviews
(saved ones and unsaved drafts), and where an export goes. Pure functions: the Review screen shows
what they return."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from growthlog.services.periods import Period, SprintRule
from growthlog.services.views.review import DRAFT_PREFIX, draft_key

if TYPE_CHECKING:
    from growthlog.models import Review

_BULLET = re.compile(r"^(?:[-*+•·]|\d{1,3}[.)、]|[(（]\d{1,3}[)）]|\[[ xX]\])\s*")


def first_line(text: str) -> str:
    return next((line.strip() for line in (text or "").splitlines() if line.strip()), "")


def plan_item(line: str) -> str:
    """A plan line without its list mark ("- ", "1. ", "- [ ] ")."""
    line = line.strip()
    for _ in range(2):
        line = _BULLET.sub("", line, count=1).strip()
    return line


def plan_items(text: str) -> list[str]:
    return [item for item in (plan_item(line) for line in text.splitlines()) if item]


def when(moment: dt.datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment else "—"


@dataclasses.dataclass(frozen=True)
class PastReview:
    """One line of the list: a period, the first line of its summary, and whether it is only a draft."""

    period: Period
    summary: str = ""
    draft: bool = False


def past_reviews(reviews: Iterable[Review], unsaved: Mapping[str, dict[str, Any]], sprint: SprintRule) -> list[PastReview]:
    """Saved reviews and, for periods without one, the unsaved writing kept as drafts (by draft
    key), newest period first. A draft whose period cannot be read is left out."""
    items = [PastReview(Period(r.period_kind, r.start, r.end, sprint), first_line(r.summary)) for r in reviews]
    saved = {draft_key(item.period) for item in items}
    for key, data in unsaved.items():
        if key in saved or not key.startswith(DRAFT_PREFIX):
            continue
        try:
            period = Period(data.get("period_kind", "custom"), dt.date.fromisoformat(data["start"]),
                            dt.date.fromisoformat(data["end"]), sprint)
        except (KeyError, ValueError, TypeError):
            continue
        items.append(PastReview(period, first_line(data.get("summary", "")), draft=True))
    items.sort(key=lambda item: (item.period.end, item.period.start), reverse=True)
    return items


def export_folder(db_path: str) -> Path:
    """The current folder, or the database's folder when the current one cannot be written."""
    here = Path.cwd()
    if os.access(here, os.W_OK):
        return here
    if db_path and db_path != ":memory:":
        return Path(db_path).expanduser().resolve().parent
    return Path.home()
