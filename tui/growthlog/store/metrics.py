"""Metrics and their daily measurements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from growthlog.models import Measurement, Metric
from growthlog.store.db import Database, StoreError

_METRIC_COLUMNS = "key, name, unit, direction, aggregation, description, created, updated"
_INSERT_METRIC = f"INSERT INTO metrics ({_METRIC_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"


def _metric(row: tuple) -> Metric:
    key, name, unit, direction, aggregation, description, created, updated = row
    return Metric(key=key, name=name, unit=unit, direction=direction, aggregation=aggregation, description=description,
                  created=created, updated=updated)


def metric_row(metric: Metric) -> tuple:
    """A metric's values in the order of ``_METRIC_COLUMNS``; a new definition was last changed
    when it was made."""
    return (metric.key, metric.name, metric.unit, metric.direction, metric.aggregation, metric.description,
            metric.created.isoformat(), (metric.updated or metric.created).isoformat())


def define_metric(db: Database, metric: Metric) -> Metric:
    """Add a metric; :class:`StoreError` if the key is taken."""
    with db.write() as conn:
        if conn.execute("SELECT 1 FROM metrics WHERE key = ?", (metric.key,)).fetchone():
            raise StoreError(f"a metric with the key '{metric.key}' already exists")
        conn.execute(_INSERT_METRIC, metric_row(metric))
    return metric.model_copy(update={"updated": metric.updated or metric.created})


def update_metric(db: Database, metric: Metric) -> Metric:
    """Change a metric's name, unit, direction, aggregation or description (not its key); its
    ``updated`` time becomes now."""
    stamp = _now()
    with db.write() as conn:
        changed = conn.execute(
            "UPDATE metrics SET name = ?, unit = ?, direction = ?, aggregation = ?, description = ?, updated = ? "
            "WHERE key = ?",
            (metric.name, metric.unit, metric.direction, metric.aggregation, metric.description, stamp, metric.key),
        ).rowcount
    if not changed:
        raise StoreError(f"no metric with the key '{metric.key}'")
    return metric.model_copy(update={"updated": dt.datetime.fromisoformat(stamp)})


def get_metric(db: Database, key: str) -> Metric | None:
    with db.read() as conn:
        row = conn.execute(f"SELECT {_METRIC_COLUMNS} FROM metrics WHERE key = ?", (key,)).fetchone()
    return _metric(row) if row else None


def list_metrics(db: Database) -> list[Metric]:
    with db.read() as conn:
        rows = conn.execute(f"SELECT {_METRIC_COLUMNS} FROM metrics ORDER BY created, key").fetchall()
    return [_metric(row) for row in rows]


def record(db: Database, measurement: Measurement) -> float | None:
    """Store one value; returns the value it replaced, or None when the day was empty."""
    with db.write() as conn:
        if not conn.execute("SELECT 1 FROM metrics WHERE key = ?", (measurement.metric,)).fetchone():
            raise StoreError(f"no metric with the key '{measurement.metric}'")
        old = conn.execute(
            "SELECT value FROM measurements WHERE metric = ? AND day = ?", (measurement.metric, measurement.day.isoformat())
        ).fetchone()
        conn.execute(
            "INSERT OR REPLACE INTO measurements (metric, day, value, note, source, author, updated) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (measurement.metric, measurement.day.isoformat(), measurement.value, measurement.note, measurement.source,
             measurement.author or db.author, _now()),
        )
    return old[0] if old else None


def record_many(db: Database, rows: Iterable[tuple[str, str, float, str, str]]) -> int:
    """Store many (metric, ISO day, value, note, source) rows in one transaction, replacing days
    already recorded. Rows are trusted: callers validate first (see services.metric_import)."""
    with db.write() as conn:
        cursor = conn.executemany(_INSERT_SIGNED, _signed(rows, db.author))
        return cursor.rowcount


_INSERT_SIGNED = (
    "INSERT OR REPLACE INTO measurements (metric, day, value, note, source, author, updated) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)"
)


def _now() -> str:
    return dt.datetime.now().replace(microsecond=0).isoformat()


def _signed(rows: Iterable[tuple[str, str, float, str, str]], author: str):
    """Each row with who recorded it and when, as stored."""
    stamp = _now()
    for row in rows:
        yield (*row, author, stamp)


def existing_days(db: Database, metric: str, days: list[str]) -> set[str]:
    """Which of ``days`` (ISO) already have a value for ``metric``."""
    found: set[str] = set()
    with db.read() as conn:
        for start in range(0, len(days), 500):
            chunk = days[start : start + 500]
            found.update(
                row[0]
                for row in conn.execute(
                    "SELECT day FROM measurements WHERE metric = ? AND day IN (" + ",".join("?" * len(chunk)) + ")",
                    [metric, *chunk],
                )
            )
    return found


def series(db: Database, metric: str, since: dt.date | None = None, until: dt.date | None = None) -> list[tuple[dt.date, float]]:
    """A metric's (day, value) pairs in day order, within an optional inclusive range."""
    sql = "SELECT day, value FROM measurements WHERE metric = ?"
    params: list = [metric]
    if since:
        sql += " AND day >= ?"
        params.append(since.isoformat())
    if until:
        sql += " AND day <= ?"
        params.append(until.isoformat())
    with db.read() as conn:
        rows = conn.execute(sql + " ORDER BY day", params).fetchall()
    return [(dt.date.fromisoformat(day), value) for day, value in rows]


def measurements(db: Database, metric: str, since: dt.date | None = None, until: dt.date | None = None) -> list[Measurement]:
    """Whole measurements (with notes and sources), in day order."""
    sql = "SELECT metric, day, value, note, source, author, updated FROM measurements WHERE metric = ?"
    params: list = [metric]
    if since:
        sql += " AND day >= ?"
        params.append(since.isoformat())
    if until:
        sql += " AND day <= ?"
        params.append(until.isoformat())
    with db.read() as conn:
        rows = conn.execute(sql + " ORDER BY day", params).fetchall()
    return [
        Measurement(metric=m, day=d, value=v, note=n, source=s, author=a, updated=u) for m, d, v, n, s, a, u in rows
    ]


def latest(db: Database, metric: str, on_or_before: dt.date | None = None) -> tuple[dt.date, float] | None:
    """The most recent (day, value) of a metric, optionally not after a day."""
    sql = "SELECT day, value FROM measurements WHERE metric = ?"
    params: list = [metric]
    if on_or_before:
        sql += " AND day <= ?"
        params.append(on_or_before.isoformat())
    with db.read() as conn:
        row = conn.execute(sql + " ORDER BY day DESC LIMIT 1", params).fetchone()
    return (dt.date.fromisoformat(row[0]), row[1]) if row else None


def delete_measurement(db: Database, metric: str, day: dt.date) -> bool:
    with db.write() as conn:
        return conn.execute("DELETE FROM measurements WHERE metric = ? AND day = ?", (metric, day.isoformat())).rowcount > 0


def recent(db: Database, metric: str, count: int, on_or_before: dt.date | None = None) -> list[tuple[dt.date, float]]:
    """The last ``count`` (day, value) pairs of a metric (optionally not after a day), in day order:
    what a sparkline shows, however sparse the values are."""
    sql = "SELECT day, value FROM measurements WHERE metric = ?"
    params: list = [metric]
    if on_or_before:
        sql += " AND day <= ?"
        params.append(on_or_before.isoformat())
    with db.read() as conn:
        rows = conn.execute(sql + " ORDER BY day DESC LIMIT ?", [*params, count]).fetchall()
    return [(dt.date.fromisoformat(day), value) for day, value in reversed(rows)]


def days_between(db: Database, metric: str, first: str, last: str) -> set[str]:
    """The ISO days from ``first`` to ``last`` (inclusive) on which ``metric`` has a value: one
    range scan of the primary key, cheaper than :func:`existing_days` for a whole file's days."""
    with db.read() as conn:
        return {
            row[0]
            for row in conn.execute(
                "SELECT day FROM measurements WHERE metric = ? AND day BETWEEN ? AND ?", (metric, first, last)
            )
        }


def import_measurements(
    db: Database,
    define: Iterable[Metric],
    rows: Iterable[tuple[str, str, float, str, str]],
) -> int:
    """Define ``define`` and store ``rows`` (as :func:`record_many`) in one transaction: a failure
    anywhere (a key defined meanwhile by someone else, a row naming an unknown metric, a constraint
    the rows break) leaves the database as it was and raises :class:`StoreError`. Returns the
    number of rows stored.

    The metrics the rows name are checked once, at the end of the transaction, instead of by
    SQLite's foreign-key check on every row (a third of a large import's time). The write lock is
    held throughout, so nobody can remove a metric in between.
    """
    named: set[str] = set()

    def noting(rows: Iterable[tuple[str, str, float, str, str]]):
        add = named.add
        for row in rows:
            add(row[0])
            yield row

    with db.write(foreign_keys=False) as conn:
        for metric in define:
            if conn.execute("SELECT 1 FROM metrics WHERE key = ?", (metric.key,)).fetchone():
                raise StoreError(f"a metric with the key '{metric.key}' already exists")
            conn.execute(_INSERT_METRIC, metric_row(metric))
        before = conn.total_changes
        conn.executemany(_INSERT_SIGNED, _signed(noting(rows), db.author))
        stored = conn.total_changes - before
        missing = named.difference(row[0] for row in conn.execute("SELECT key FROM metrics"))
        if missing:
            raise StoreError(f"no metric with the key '{min(missing)}'")
        return stored


def count_between(db: Database, metric: str, first: str, last: str) -> int:
    """How many days from ``first`` to ``last`` (ISO, inclusive) have a value for ``metric``."""
    with db.read() as conn:
        return conn.execute(
            "SELECT count(*) FROM measurements WHERE metric = ? AND day BETWEEN ? AND ?", (metric, first, last)
        ).fetchone()[0]
