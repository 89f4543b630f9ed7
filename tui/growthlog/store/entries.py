"""Entries: add, update, delete (with restore for undo), get, count, page through, tags, streak."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from growthlog.models import Entry
from growthlog.store.db import Database, StoreError
from growthlog.store.errors import EditConflict
from growthlog.store.rows import SELECT, add_row, insert_row, make_row
from growthlog.textutil import normalize_tag


@dataclasses.dataclass(frozen=True)
class EntryFilter:
    """What the journal shows: kinds, one tag, a date range (inclusive), one author.

    The tag may be given as typed (``#SEO``, ``＃留存``): it is normalised like stored tags.
    """

    kinds: tuple[str, ...] = ()
    tag: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    author: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        """SQL conditions on ``entries`` and their parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.kinds:
            clauses.append("entries.kind IN (" + ",".join("?" * len(self.kinds)) + ")")
            params.extend(self.kinds)
        if self.tag:
            clauses.append("entries.id IN (SELECT entry_id FROM entry_tags WHERE tag = ?)")
            params.append(normalize_tag(self.tag))
        if self.since:
            clauses.append("entries.day >= ?")
            params.append(self.since.isoformat())
        if self.until:
            clauses.append("entries.day <= ?")
            params.append(self.until.isoformat())
        if self.author is not None:
            clauses.append("entries.author = ?")
            params.append(self.author)
        return (" AND ".join(clauses) or "1"), params

    @property
    def is_empty(self) -> bool:
        return self == EntryFilter()


def entry_to_row(entry: Entry) -> dict[str, Any]:
    return make_row(
        id=entry.id,
        day=entry.day.isoformat(),
        kind=entry.kind,
        title=entry.title,
        body=entry.body,
        tags=entry.tags,
        author=entry.author,
        created=entry.created.isoformat(),
        updated=entry.updated.isoformat(),
        links=[link.model_dump() for link in entry.links],
        fields=entry.fields,
        uuid=entry.uuid,
        revision=entry.revision,
        updated_by=entry.updated_by,
    )


def row_to_entry(row: tuple) -> Entry:
    (id_, day, kind, title, body, tags, author, created, updated, links, fields, _fields_text, _tags_text, uuid, revision, updated_by) = row
    return Entry(
        id=id_,
        day=day,
        kind=kind,
        title=title,
        body=body or "",
        tags=json.loads(tags or "[]"),
        author=author or "",
        created=created,
        updated=updated,
        links=json.loads(links or "[]"),
        fields=json.loads(fields or "{}"),
        uuid=uuid,
        revision=revision,
        updated_by=updated_by,
    )


def add_entry(db: Database, entry: Entry) -> Entry:
    """Store a new entry; returns it with its id and UUID (and the store's writer as its author
    when it had none)."""
    if not entry.author and db.author:
        entry = entry.model_copy(update={"author": db.author})
    row = entry_to_row(entry)
    new_id = add_row(db, row)
    return entry.model_copy(update={"id": new_id, "uuid": row["uuid"], "updated_by": row["updated_by"]})


def add_entries(db: Database, entries: list[Entry], progress=None) -> list[int]:
    """Store many entries in one transaction: all or nothing. Ids given are kept."""
    ids: list[int] = []
    with db.write() as conn:
        for number, entry in enumerate(entries, 1):
            ids.append(insert_row(conn, entry_to_row(entry)))
            if progress is not None:
                progress(number)
    return ids


def update_entry(db: Database, entry: Entry, *, force: bool = False) -> Entry:
    """Replace a stored entry's content; ``updated`` is set to now and the revision goes up by one.

    Raises :class:`EditConflict` when the stored entry is no longer the revision ``entry`` was read
    at (someone else saved it meanwhile: ``kind == "edited"``, with their version) or is gone
    (``kind == "gone"``). Nothing is written then. ``force`` saves over whatever is stored.
    """
    if entry.id is None:
        raise StoreError("cannot update an entry that was never saved")
    entry = entry.model_copy(
        update={"updated": dt.datetime.now().replace(microsecond=0), "updated_by": db.author or entry.updated_by}
    )
    row = entry_to_row(entry)
    assignments = ", ".join(f"{c} = :{c}" for c in row if c not in ("id", "uuid", "revision"))
    check = "" if force else " AND revision = :revision"
    with db.write() as conn:
        changed = conn.execute(
            f"UPDATE entries SET {assignments}, revision = revision + 1 WHERE id = :id{check}", row
        ).rowcount
        if not changed:
            current = conn.execute(SELECT + " WHERE id = ?", (entry.id,)).fetchone()
        else:
            revision, uuid = conn.execute("SELECT revision, uuid FROM entries WHERE id = ?", (entry.id,)).fetchone()
    if not changed:
        if current is None:
            raise EditConflict(f"entry {entry.id} was deleted by someone else", "gone")
        raise EditConflict(f"entry {entry.id} was changed by someone else", "edited", row_to_entry(current))
    return entry.model_copy(update={"revision": revision, "uuid": uuid})


def delete_entry(db: Database, entry_id: int) -> Entry:
    """Delete an entry and return it, so that the caller can offer undo (:func:`restore_entry`)."""
    with db.write() as conn:
        row = conn.execute(SELECT + " WHERE id = ?", (entry_id,)).fetchone()
        if row is None:
            raise StoreError(f"no entry with id {entry_id}")
        conn.execute("DELETE FROM entries WHERE id = ?", (entry_id,))
    return row_to_entry(row)


def restore_entry(db: Database, entry: Entry) -> Entry:
    """Put a deleted entry back under its old id (ids are never reused, so it is free unless the
    entry was put back already)."""
    try:
        with db.write() as conn:
            insert_row(conn, entry_to_row(entry))
    except StoreError as error:
        if error.kind != "conflict":
            raise
        raise StoreError(f"entry {entry.id} exists already: it cannot be restored twice", "conflict") from None
    return entry


def get_entry(db: Database, entry_id: int) -> Entry | None:
    with db.read() as conn:
        row = conn.execute(SELECT + " WHERE id = ?", (entry_id,)).fetchone()
    return row_to_entry(row) if row else None


def get_entries(db: Database, ids: list[int]) -> list[Entry]:
    """Entries by id, in the order of ``ids`` (missing ones skipped)."""
    if not ids:
        return []
    with db.read() as conn:
        rows = conn.execute(
            SELECT + " WHERE id IN (" + ",".join("?" * len(ids)) + ")", ids
        ).fetchall()
    by_id = {row[0]: row for row in rows}
    return [row_to_entry(by_id[i]) for i in ids if i in by_id]


def count_entries(db: Database, where: EntryFilter = EntryFilter()) -> int:
    sql, params = where.where()
    with db.read() as conn:
        return conn.execute(f"SELECT count(*) FROM entries WHERE {sql}", params).fetchone()[0]


def list_entries(
    db: Database, where: EntryFilter = EntryFilter(), *, limit: int = 100, offset: int = 0, oldest_first: bool = False
) -> list[Entry]:
    """A page of entries, newest day first (then newest written first)."""
    sql, params = where.where()
    order = "ASC" if oldest_first else "DESC"
    with db.read() as conn:
        rows = conn.execute(
            f"{SELECT} WHERE {sql} ORDER BY entries.day {order}, entries.id {order} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
    return [row_to_entry(row) for row in rows]


def position(db: Database, where: EntryFilter, day: dt.date, entry_id: int) -> int:
    """Where the entry (``day``, ``entry_id``) stands in :func:`list_entries`' newest-first order
    under ``where``: how many entries come before it. Lets a list keep its cursor on the same
    entry when others are added above it."""
    sql, params = where.where()
    with db.read() as conn:
        return conn.execute(
            f"SELECT count(*) FROM entries WHERE {sql} AND (entries.day, entries.id) > (?, ?)",
            [*params, day.isoformat(), entry_id],
        ).fetchone()[0]


def entries_after(
    db: Database, where: EntryFilter = EntryFilter(), after: tuple[str, int] | None = None, *, limit: int = 500
) -> list[Entry]:
    """The next page of entries oldest day first, after the entry at ``after`` (its ISO day and
    id): pages through a whole table at the same cost per page, where OFFSET grows with it."""
    sql, params = where.where()
    if after is not None:
        # A row value, which SQLite looks up in the day index (an OR of the two cases scans it).
        sql += " AND (entries.day, entries.id) > (?, ?)"
        params = [*params, after[0], after[1]]
    with db.read() as conn:
        rows = conn.execute(
            f"{SELECT} WHERE {sql} ORDER BY entries.day, entries.id LIMIT ?", [*params, limit]
        ).fetchall()
    return [row_to_entry(row) for row in rows]


def entries_on(db: Database, day: dt.date) -> list[Entry]:
    """Every entry of one day, in the order written."""
    with db.read() as conn:
        rows = conn.execute(SELECT + " WHERE day = ? ORDER BY id", (day.isoformat(),)).fetchall()
    return [row_to_entry(row) for row in rows]


def several_writers(db: Database) -> bool:
    """Whether more than one author wrote entries: then lists name who wrote each. Two look-ups
    in the (author, day) index, however many entries there are."""
    with db.read() as conn:
        first = conn.execute("SELECT author FROM entries ORDER BY author LIMIT 1").fetchone()
        last = conn.execute("SELECT author FROM entries ORDER BY author DESC LIMIT 1").fetchone()
    return first is not None and first != last


def authors(db: Database, limit: int = 200) -> list[str]:
    """Everyone who wrote entries, by name."""
    with db.read() as conn:
        return [row[0] for row in conn.execute("SELECT DISTINCT author FROM entries ORDER BY author LIMIT ?", (limit,))]


def tag_counts(db: Database, limit: int = 500) -> list[tuple[str, int]]:
    """Tags in use with how many entries carry each, most used first."""
    with db.read() as conn:
        return conn.execute(
            "SELECT tag, count(*) AS n FROM entry_tags GROUP BY tag ORDER BY n DESC, tag LIMIT ?", (limit,)
        ).fetchall()


def _by_author(author: str | None) -> tuple[str, list[str]]:
    """An extra condition on entries for one author (through the (author, day) index), or none."""
    return ("", []) if author is None else (" AND author = ?", [author])


def logging_streak(db: Database, today: dt.date, author: str | None = None) -> int:
    """Consecutive days with at least one entry (by ``author``, when given), ending today (or
    yesterday, while today is still empty: a streak is not broken before the day is over)."""
    extra, params = _by_author(author)
    with db.read() as conn:
        days = conn.execute(
            f"SELECT DISTINCT day FROM entries WHERE day <= ?{extra} ORDER BY day DESC LIMIT 4000",
            [today.isoformat(), *params],
        ).fetchall()
    expected = today
    streak = 0
    for (day,) in days:
        current = dt.date.fromisoformat(day)
        if streak == 0 and current == today - dt.timedelta(days=1) and expected == today:
            expected = current
        if current != expected:
            break
        streak += 1
        expected = current - dt.timedelta(days=1)
    return streak


def days_with_entries(db: Database, since: dt.date, until: dt.date, author: str | None = None) -> dict[dt.date, int]:
    """Entries per day in a range (by ``author``, when given), for activity views."""
    extra, params = _by_author(author)
    with db.read() as conn:
        rows = conn.execute(
            f"SELECT day, count(*) FROM entries WHERE day BETWEEN ? AND ?{extra} GROUP BY day",
            [since.isoformat(), until.isoformat(), *params],
        ).fetchall()
    return {dt.date.fromisoformat(day): n for day, n in rows}


def entries_per_author(db: Database, since: dt.date, until: dt.date) -> list[tuple[str, str, int]]:
    """(author, kind, entries) for every author and kind with entries in a range, by author."""
    with db.read() as conn:
        return conn.execute(
            "SELECT author, kind, count(*) FROM entries WHERE day BETWEEN ? AND ? GROUP BY author, kind ORDER BY author, kind",
            (since.isoformat(), until.isoformat()),
        ).fetchall()
