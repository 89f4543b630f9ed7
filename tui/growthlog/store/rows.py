"""Entry rows as stored: the one place that knows the ``entries`` columns.

Import-light (no pydantic) so that the fast ``growthlog add`` path can write a row directly; the
model-based functions in :mod:`growthlog.store.entries` go through the same :func:`insert_row`.
"""

from __future__ import annotations

import json
import uuid as uuids
from typing import Any

from growthlog.store.db import Database

COLUMNS = (
    "id",
    "day",
    "kind",
    "title",
    "body",
    "tags",
    "author",
    "created",
    "updated",
    "links",
    "fields",
    "fields_text",
    "tags_text",
    "uuid",
    "revision",
    "updated_by",
)
SELECT = "SELECT " + ", ".join(f"entries.{c}" for c in COLUMNS) + " FROM entries"


def dumps(value: Any) -> str:
    """JSON as stored: Chinese kept as Chinese, compact."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def fields_text(fields: dict[str, Any]) -> str:
    """The searchable text of kind-specific fields: their values, not their names."""
    return " ".join(str(v) for v in fields.values() if v not in (None, ""))


def make_row(
    *,
    day: str,
    kind: str,
    title: str,
    body: str = "",
    tags: list[str] | None = None,
    author: str = "",
    created: str,
    updated: str | None = None,
    links: list[dict[str, str]] | None = None,
    fields: dict[str, Any] | None = None,
    id: int | None = None,
    uuid: str | None = None,
    revision: int = 0,
    updated_by: str = "",
) -> dict[str, Any]:
    """A row for the ``entries`` table from already-validated values; a new record gets its UUID
    here."""
    fields = fields or {}
    return {
        "id": id,
        "day": day,
        "kind": kind,
        "title": title,
        "body": body,
        "tags": dumps(tags or []),
        "author": author,
        "created": created,
        "updated": updated or created,
        "links": dumps(links or []),
        "fields": dumps(fields),
        "fields_text": fields_text(fields),
        "tags_text": " ".join(tags or []),
        "uuid": uuid or new_uuid(),
        "revision": revision,
        "updated_by": updated_by or author,
    }


def new_uuid() -> str:
    """A record's stable id, the same on every machine its log is merged into."""
    return str(uuids.uuid4())


_INSERT = (
    "INSERT INTO entries (" + ", ".join(COLUMNS) + ") VALUES (" + ", ".join(f":{c}" for c in COLUMNS) + ")"
)


def insert_row(conn, row: dict[str, Any]) -> int:
    """Insert one row inside the caller's transaction; returns its id."""
    cursor = conn.execute(_INSERT, row)
    return int(cursor.lastrowid)


def add_row(db: Database, row: dict[str, Any]) -> int:
    """Insert one row in a transaction of its own."""
    with db.write() as conn:
        return insert_row(conn, row)
