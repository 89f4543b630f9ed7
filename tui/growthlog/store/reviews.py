"""Saved reviews: one per period (its first and last day), with the generated part frozen as JSON."""

from __future__ import annotations

import datetime as dt
import json

from growthlog.models import Review
from growthlog.store.db import Database, StoreError
from growthlog.store.errors import EditConflict
from growthlog.store.rows import new_uuid

_COLUMNS = (
    "id", "period_kind", "start", "end", "summary", "went_well", "to_improve", "plan", "report",
    "generated", "created", "updated", "author", "uuid", "revision", "updated_by",
)
_SELECT = "SELECT " + ", ".join(f'"{name}"' for name in _COLUMNS) + " FROM reviews"
# Listing shows the written part's first words, never the (large) report.
_LIST_COLUMNS = tuple(name for name in _COLUMNS if name != "report")
_SELECT_LIST = "SELECT " + ", ".join(f'"{name}"' for name in _LIST_COLUMNS) + " FROM reviews"


def _review(row: tuple, columns: tuple[str, ...] = _COLUMNS) -> Review:
    values = dict(zip(columns, row))
    values["report"] = json.loads(values["report"]) if "report" in values else {}
    return Review(**values)


def review_values(review: Review) -> dict:
    """A review's columns as stored, without its id."""
    values = review.model_dump(mode="json")
    values["report"] = json.dumps(values["report"], ensure_ascii=False, separators=(",", ":"))
    values.pop("id")
    return values


def save_review(db: Database, review: Review, *, touch: bool = True, force: bool = False) -> Review:
    """Insert or update the review of ``review``'s period; returns it as stored. ``touch``: set
    ``updated`` to now (the demo keeps its own times). An update of a review someone else saved
    or deleted since it was read raises :class:`EditConflict`, unless ``force``."""
    if touch:
        review = review.model_copy(update={"updated": dt.datetime.now().replace(microsecond=0)})
    if review.id is None:
        author = review.author or db.author
        review = review.model_copy(update={"uuid": review.uuid or new_uuid(), "author": author, "updated_by": author})
    else:
        review = review.model_copy(update={"updated_by": db.author or review.updated_by})
    values = review_values(review)
    names = ", ".join(f'"{name}"' for name in values)
    marks = ", ".join(f":{name}" for name in values)
    with db.write() as conn:
        if review.id is None:
            existing = conn.execute(_SELECT + " WHERE start = ? AND \"end\" = ?", (values["start"], values["end"])).fetchone()
            if existing:
                # Someone else saved this period's review first: theirs is the one to compare with.
                raise EditConflict(
                    f"the period {values['start']}..{values['end']} already has a review (#{existing[0]})",
                    "edited", _review(existing),
                )
            cursor = conn.execute(f"INSERT INTO reviews ({names}) VALUES ({marks})", values)
            return review.model_copy(update={"id": cursor.lastrowid})
        keep = {name: value for name, value in values.items() if name not in ("created", "author", "uuid", "revision")}
        assignments = ", ".join(f'"{name}" = :{name}' for name in keep)
        check = "" if force else " AND revision = :revision"
        changed = conn.execute(
            f"UPDATE reviews SET {assignments}, revision = revision + 1 WHERE id = :id{check}",
            {**keep, "id": review.id, "revision": review.revision},
        ).rowcount
        current = conn.execute(_SELECT + " WHERE id = ?", (review.id,)).fetchone()
    if current is None:
        raise EditConflict(f"review {review.id} was deleted by someone else", "gone")
    if not changed:
        raise EditConflict(f"review {review.id} was changed by someone else", "edited", _review(current))
    return review.model_copy(update={"revision": current[_COLUMNS.index("revision")]})


def get_review(db: Database, review_id: int) -> Review | None:
    with db.read() as conn:
        row = conn.execute(_SELECT + " WHERE id = ?", (review_id,)).fetchone()
    return _review(row) if row else None


def review_for(db: Database, start: dt.date, end: dt.date) -> Review | None:
    """The saved review of exactly this period, if any."""
    with db.read() as conn:
        row = conn.execute(_SELECT + ' WHERE start = ? AND "end" = ?', (start.isoformat(), end.isoformat())).fetchone()
    return _review(row) if row else None


def list_reviews(db: Database, limit: int = 200) -> list[Review]:
    """Saved reviews, newest period first, without their reports (``report`` is empty)."""
    with db.read() as conn:
        rows = conn.execute(_SELECT_LIST + ' ORDER BY "end" DESC, start DESC LIMIT ?', (limit,)).fetchall()
    return [_review(row, _LIST_COLUMNS) for row in rows]


def all_reviews(db: Database) -> list[Review]:
    """Every saved review, whole (reports too), oldest period first: what a whole-log export holds."""
    with db.read() as conn:
        rows = conn.execute(_SELECT + ' ORDER BY start, "end", id').fetchall()
    return [_review(row) for row in rows]


def delete_review(db: Database, review_id: int) -> Review:
    review = get_review(db, review_id)
    if review is None:
        raise StoreError(f"no review with id {review_id}")
    with db.write() as conn:
        conn.execute("DELETE FROM reviews WHERE id = ?", (review_id,))
    return review
