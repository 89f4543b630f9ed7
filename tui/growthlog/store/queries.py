"""Queries across kinds of entries that the Today screen's attention items need.

They read the kind-specific fields with ``json_extract`` on ``entries.fields``. The ``(kind, day)``
index narrows each query to one kind first, so with 100,000 entries they look at the problems or the
strategies only; results are capped by ``limit``. Measured on the benchmark's database (100,000
entries, ~6,000 problems): about 10 ms each. Reading ``fields`` means reading each row of that kind;
should that become too slow, partial expression indexes (a migration) would make them instant.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from growthlog.store.db import Database

_SEVERITY_RANK = "CASE json_extract(fields, '$.severity') WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END"


@dataclasses.dataclass(frozen=True)
class ProblemRow:
    id: int
    day: dt.date
    title: str
    severity: str
    status: str
    author: str = ""


@dataclasses.dataclass(frozen=True)
class StrategyRow:
    id: int
    day: dt.date
    title: str
    metric: str
    review_on: dt.date


def open_problems(
    db: Database, severities: tuple[str, ...] = ("high", "critical"), limit: int = 20
) -> list[ProblemRow]:
    """Problems not resolved, of the given severities: the most severe first, then newest."""
    if not severities:
        return []
    marks = ",".join("?" * len(severities))
    sql = (
        "SELECT id, day, title, json_extract(fields, '$.severity'), json_extract(fields, '$.status') FROM entries "
        f"WHERE kind = 'problem' AND json_extract(fields, '$.severity') IN ({marks}) "
        "AND coalesce(json_extract(fields, '$.status'), 'open') != 'resolved' "
        f"ORDER BY {_SEVERITY_RANK}, day DESC, id DESC LIMIT ?"
    )
    with db.read() as conn:
        rows = conn.execute(sql, [*severities, limit]).fetchall()
    return [ProblemRow(id_, dt.date.fromisoformat(day), title, severity, status or "open")
            for id_, day, title, severity, status in rows]


def strategies_due_for_review(db: Database, today: dt.date, limit: int = 20) -> list[StrategyRow]:
    """Strategies whose ``review_on`` day has come (on or before ``today``) and whose outcome is
    still empty: the longest waiting first."""
    sql = (
        "SELECT id, day, title, coalesce(json_extract(fields, '$.metric'), ''), json_extract(fields, '$.review_on') "
        "FROM entries WHERE kind = 'strategy' "
        # One extraction: NULL and '' fall outside the range.
        "AND json_extract(fields, '$.review_on') BETWEEN '0001-01-01' AND ? "
        "AND trim(coalesce(json_extract(fields, '$.outcome'), '')) = '' "
        "ORDER BY json_extract(fields, '$.review_on'), id LIMIT ?"
    )
    with db.read() as conn:
        rows = conn.execute(sql, (today.isoformat(), limit)).fetchall()
    return [StrategyRow(id_, dt.date.fromisoformat(day), title, metric, dt.date.fromisoformat(review_on))
            for id_, day, title, metric, review_on in rows]


# Reviews and lessons: entries chosen by a kind field or by shared tags.


def _entries(conn, sql: str, params: list) -> list:
    from growthlog.store.entries import row_to_entry

    return [row_to_entry(row) for row in conn.execute(sql, params).fetchall()]


def _by_author(author: str | None) -> tuple[str, list]:
    """An extra condition for one author's entries (a review of one member), or none."""
    return ("", []) if author is None else (" AND author = ?", [author])


def problems_resolved_between(
    db: Database, start: dt.date, end: dt.date, limit: int = 1000, author: str | None = None
) -> list:
    """Problems whose ``resolved_on`` falls in [start, end] (they may have been opened before);
    ``author``: only the ones this member resolved (saved last)."""
    from growthlog.store.rows import SELECT

    # Who resolved it: who saved it last (its author for a row saved before that was kept).
    extra, params = ("", []) if author is None else (" AND coalesce(nullif(updated_by, ''), author) = ?", [author])
    sql = (
        f"{SELECT} WHERE kind = 'problem' AND json_extract(fields, '$.resolved_on') BETWEEN ? AND ?{extra} "
        "ORDER BY json_extract(fields, '$.resolved_on'), id LIMIT ?"
    )
    with db.read() as conn:
        return _entries(conn, sql, [start.isoformat(), end.isoformat(), *params, limit])


def problems_open_on(db: Database, day: dt.date, limit: int = 1000, author: str | None = None) -> list[ProblemRow]:
    """Problems raised on or before ``day`` and not resolved by then: those still marked open or
    mitigating, and those resolved later than ``day``. Most severe first, then newest.
    ``author``: only the ones this member raised."""
    extra, params = _by_author(author)
    sql = (
        "SELECT id, day, title, coalesce(json_extract(fields, '$.severity'), 'medium'), "
        "coalesce(json_extract(fields, '$.status'), 'open'), author FROM entries "
        "WHERE kind = 'problem' AND day <= ? AND (coalesce(json_extract(fields, '$.status'), 'open') != 'resolved' "
        f"OR json_extract(fields, '$.resolved_on') > ?){extra} "
        f"ORDER BY {_SEVERITY_RANK}, day DESC, id DESC LIMIT ?"
    )
    with db.read() as conn:
        rows = conn.execute(sql, [day.isoformat(), day.isoformat(), *params, limit]).fetchall()
    return [ProblemRow(id_, dt.date.fromisoformat(d), title, severity, status, author or "")
            for id_, d, title, severity, status, author in rows]


def strategies_effective_between(
    db: Database, start: dt.date, end: dt.date, limit: int = 1000, author: str | None = None
) -> list:
    """Strategy entries whose ``effective_on`` falls in [start, end], in that order; ``author``:
    only this member's."""
    from growthlog.store.rows import SELECT

    extra, params = _by_author(author)
    sql = (
        f"{SELECT} WHERE kind = 'strategy' AND json_extract(fields, '$.effective_on') BETWEEN ? AND ?{extra} "
        "ORDER BY json_extract(fields, '$.effective_on'), id LIMIT ?"
    )
    with db.read() as conn:
        return _entries(conn, sql, [start.isoformat(), end.isoformat(), *params, limit])


def lessons_with_tags(
    db: Database, tags: list[str], *, before: dt.date | None = None, exclude: tuple[int, ...] = (), limit: int = 5
) -> list:
    """Lesson entries sharing at least one of ``tags``: the most tags in common first, then the
    newest. ``before``: only lessons of earlier days; ``exclude``: entry ids left out."""
    from growthlog.textutil import normalize_tags

    wanted = normalize_tags(tags)
    if not wanted:
        return []
    marks = ",".join("?" * len(wanted))
    params: list = [*wanted]
    extra = ""
    if before is not None:
        extra += " AND entries.day < ?"
        params.append(before.isoformat())
    if exclude:
        extra += " AND entries.id NOT IN (" + ",".join("?" * len(exclude)) + ")"
        params.extend(exclude)
    # Lessons first (the (kind, day) index), then each one's tags by primary key: counting tag
    # matches across all entries instead costs a scan of every entry with a common tag.
    sql = (
        "SELECT entries.id FROM entries JOIN entry_tags ON entry_tags.entry_id = entries.id "
        f"WHERE entries.kind = 'lesson' AND entry_tags.tag IN ({marks}){extra} "
        "GROUP BY entries.id ORDER BY count(*) DESC, entries.day DESC, entries.id DESC LIMIT ?"
    )
    with db.read() as conn:
        ids = [row[0] for row in conn.execute(sql, [*params, limit]).fetchall()]
    from growthlog.store.entries import get_entries

    return get_entries(db, ids)
