"""What merging another machine's log needs from the database: which of its records are here
already and how new our copies are (read in chunks, a few queries for a whole file), and one
transaction that writes everything a merge decided.

Records are known by their UUID (entries, goals, check-ins, reviews), a metric by its key and a
value by its metric and day. Which copy wins is decided above the store
(:mod:`growthlog.services.exchange.merge`); the writes here only guard against a race: an update is
written only while the stored copy is still older than the one being written, so that a member's
save made between the plan and the write is not overwritten by an older copy.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from growthlog.models import CheckIn, Entry, Goal, Measurement, Metric, Review
from growthlog.store.db import Database, StoreError
from growthlog.store.entries import entry_to_row
from growthlog.store.goals import SELECT_CHECKINS, goal_values, row_to_checkin
from growthlog.store.metrics import metric_row
from growthlog.store.reviews import review_values
from growthlog.store.rows import insert_row

_CHUNK = 500
"""Values bound per query (SQLite's limit is far above)."""
_STAMPED = {"entries": "updated", "goals": "updated", "reviews": "updated", "checkins": "NULL"}
"""The tables whose records have a UUID, and the column that says when each was last changed
(check-ins are never edited)."""

Stamp = tuple[int, str | None]
"""A stored record's id and its ``updated`` time as stored (ISO text; None when unknown)."""


def _chunks(values: Iterable[Any]) -> Iterator[list[Any]]:
    values = list(dict.fromkeys(values))
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _table(table: str) -> str:
    if table not in _STAMPED:
        raise ValueError(f"not a table of records with UUIDs: {table}")
    return table


# Reading


def existing_ids(db: Database, table: str, ids: Iterable[int]) -> set[int]:
    """Which of ``ids`` are taken in ``table``."""
    table = _table(table)
    found: set[int] = set()
    with db.read() as conn:
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            found.update(row[0] for row in conn.execute(f"SELECT id FROM {table} WHERE id IN ({marks})", chunk))
    return found


def stamps(db: Database, table: str, uuids: Iterable[str]) -> dict[str, Stamp]:
    """UUID → (id, updated) of the records of ``table`` that have one of ``uuids``."""
    table = _table(table)
    column = _STAMPED[table]
    found: dict[str, Stamp] = {}
    with db.read() as conn:
        for chunk in _chunks(uuids):
            marks = ",".join("?" * len(chunk))
            for uuid, id_, updated in conn.execute(
                f"SELECT uuid, id, {column} FROM {table} WHERE uuid IN ({marks})", chunk
            ):
                found[uuid] = (id_, updated)
    return found


def uuids_of(db: Database, table: str, ids: Iterable[int]) -> dict[int, str]:
    """id → UUID of the records of ``table`` with one of ``ids`` (missing ones left out)."""
    table = _table(table)
    found: dict[int, str] = {}
    with db.read() as conn:
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            found.update(conn.execute(f"SELECT id, uuid FROM {table} WHERE id IN ({marks})", chunk).fetchall())
    return found


def metric_stamps(db: Database) -> dict[str, str | None]:
    """Every metric's key → when its definition last changed."""
    with db.read() as conn:
        return dict(conn.execute("SELECT key, updated FROM metrics").fetchall())


def value_stamps(db: Database, metric: str, first: str, last: str) -> dict[str, str | None]:
    """ISO day → when it was recorded, for ``metric``'s values from ``first`` to ``last``: one range
    scan of the primary key."""
    with db.read() as conn:
        return dict(conn.execute(
            "SELECT day, updated FROM measurements WHERE metric = ? AND day BETWEEN ? AND ?", (metric, first, last)
        ).fetchall())


def value_rows(db: Database, metric: str) -> list[tuple[str, float, str, str, str, str | None]]:
    """Every value of ``metric`` as stored, in day order: (ISO day, value, note, source, author,
    updated). Plain rows for a whole-log export, which writes tens of thousands of them: they were
    checked when they were recorded."""
    with db.read() as conn:
        return conn.execute(
            "SELECT day, value, note, source, author, updated FROM measurements WHERE metric = ? ORDER BY day", (metric,)
        ).fetchall()


def review_periods(db: Database) -> dict[tuple[str, str], tuple[int, str, str]]:
    """(start, end) → (id, UUID, updated) of every saved review: a period has one review, so a
    review from another machine of a period that has one here is the same review."""
    with db.read() as conn:
        rows = conn.execute('SELECT start, "end", id, uuid, updated FROM reviews').fetchall()
    return {(start, end): (id_, uuid, updated) for start, end, id_, uuid, updated in rows}


def all_checkins(db: Database) -> dict[int, list[CheckIn]]:
    """Every check-in by its goal's id, each goal's oldest first: one query for a whole export."""
    grouped: dict[int, list[CheckIn]] = {}
    with db.read() as conn:
        rows = conn.execute(SELECT_CHECKINS + " ORDER BY goal_id, day, id").fetchall()
    for row in rows:
        checkin = row_to_checkin(row)
        grouped.setdefault(checkin.goal_id, []).append(checkin)
    return grouped


# Writing


@dataclasses.dataclass
class MergeBatch:
    """Everything one merge writes. Records to add carry the ids they are to have (None: the next
    free one); records to update carry the id of the stored record they replace."""

    metrics: list[Metric] = dataclasses.field(default_factory=list)
    """Added, or replacing an older definition of the same key."""
    values: list[Measurement] = dataclasses.field(default_factory=list)
    """Added, or replacing an older value of the same metric and day."""
    goals: list[Goal] = dataclasses.field(default_factory=list)
    goal_updates: list[Goal] = dataclasses.field(default_factory=list)
    checkins: list[CheckIn] = dataclasses.field(default_factory=list)
    entries: list[Entry] = dataclasses.field(default_factory=list)
    entry_updates: list[Entry] = dataclasses.field(default_factory=list)
    reviews: list[Review] = dataclasses.field(default_factory=list)
    review_updates: list[Review] = dataclasses.field(default_factory=list)

    def __len__(self) -> int:
        return sum(len(getattr(self, field.name)) for field in dataclasses.fields(self))


_UPSERT_METRIC = (
    "INSERT INTO metrics (key, name, unit, direction, aggregation, description, created, updated) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET name = excluded.name, unit = excluded.unit, "
    "direction = excluded.direction, aggregation = excluded.aggregation, description = excluded.description, "
    "created = excluded.created, updated = excluded.updated "
    "WHERE metrics.updated IS NULL OR excluded.updated > metrics.updated"
)
_UPSERT_VALUE = (
    "INSERT INTO measurements (metric, day, value, note, source, author, updated) VALUES (?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (metric, day) DO UPDATE SET value = excluded.value, note = excluded.note, source = excluded.source, "
    "author = excluded.author, updated = excluded.updated "
    "WHERE measurements.updated IS NULL OR excluded.updated > measurements.updated"
)
_OLDER = " AND (updated IS NULL OR updated < :updated)"
"""The race guard of an update: only over a copy that is still older."""


def _update_sql(table: str, columns: Iterable[str]) -> str:
    assignments = ", ".join(f'"{name}" = :{name}' for name in columns if name not in ("id", "revision"))
    return f"UPDATE {table} SET {assignments}, revision = revision + 1 WHERE id = :id{_OLDER}"


def _insert_sql(table: str, columns: Iterable[str]) -> str:
    columns = list(columns)
    names = ", ".join(f'"{name}"' for name in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({', '.join(':' + name for name in columns)})"


def _ids_first(records: list) -> list:
    """Records that keep their ids before those given new ones by SQLite, which could otherwise
    hand out an id that a later record of the file keeps."""
    return [r for r in records if r.id is not None] + [r for r in records if r.id is None]


def write_merge(db: Database, batch: MergeBatch, progress: Callable[[int], None] | None = None) -> list[int]:
    """Write ``batch`` in one transaction: all of it or, on any failure, nothing. Updates raise
    the stored revision by one (an editor still open on the old one then sees a conflict) and keep
    the ``updated`` time they carry, so that merging the same copy again finds nothing newer.
    Returns the ids of the added entries, in order.

    References (a goal's metric and parent, a check-in's goal, a value's metric) are checked once,
    at the end, instead of row by row: a goal may name a parent written after it.
    """
    written = 0

    def tick(items):
        nonlocal written
        for item in items:
            yield item
            written += 1
            if progress is not None:
                progress(written)

    ids: list[int] = []
    with db.write(foreign_keys=False) as conn:
        conn.executemany(_UPSERT_METRIC, (metric_row(metric) for metric in tick(batch.metrics)))
        conn.executemany(_UPSERT_VALUE, (
            (v.metric, v.day.isoformat(), v.value, v.note, v.source, v.author, v.updated and v.updated.isoformat())
            for v in tick(batch.values)
        ))
        for goal in tick(batch.goals):
            values = {**goal_values(goal), "id": goal.id}
            conn.execute(_insert_sql("goals", values), values)
        for goal in tick(batch.goal_updates):
            values = {**goal_values(goal), "id": goal.id}
            conn.execute(_update_sql("goals", values), values)
        for checkin in tick(_ids_first(batch.checkins)):
            values = checkin.model_dump(mode="json")
            conn.execute(_insert_sql("checkins", values), values)
        for entry in tick(_ids_first(batch.entries)):
            ids.append(insert_row(conn, entry_to_row(entry)))
        for entry in tick(batch.entry_updates):
            row = entry_to_row(entry)
            conn.execute(_update_sql("entries", row), row)
        for review in tick(_ids_first(batch.reviews)):
            values = {**review_values(review), "id": review.id}
            conn.execute(_insert_sql("reviews", values), values)
        for review in tick(batch.review_updates):
            values = {**review_values(review), "id": review.id}
            conn.execute(_update_sql("reviews", values), values)
        _check_references(conn)
    return ids


def _check_references(conn) -> None:
    for table in ("goals", "checkins", "measurements"):
        broken = conn.execute(f"PRAGMA foreign_key_check({table})").fetchone()
        if broken:
            _child, rowid, parent, _index = broken
            raise StoreError(f"a record of {table} (row {rowid}) refers to a missing record of {parent}", "conflict")
