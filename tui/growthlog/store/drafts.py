"""Editor drafts: what was typed and not yet saved, kept across crashes and dropped connections."""

from __future__ import annotations

import datetime as dt
import json

from growthlog.models import Draft
from growthlog.store.db import Database
from growthlog.store.rows import dumps


def save_draft(db: Database, draft: Draft) -> None:
    with db.write() as conn:
        conn.execute(
            "INSERT OR REPLACE INTO drafts (key, entry_id, data, saved_at) VALUES (?, ?, ?, ?)",
            (draft.key, draft.entry_id, dumps(draft.data), draft.saved_at.isoformat()),
        )


def list_drafts(db: Database) -> list[Draft]:
    """Every kept draft, most recent first."""
    with db.read() as conn:
        rows = conn.execute("SELECT key, entry_id, data, saved_at FROM drafts ORDER BY saved_at DESC").fetchall()
    return [
        Draft(key=key, entry_id=entry_id, data=json.loads(data), saved_at=dt.datetime.fromisoformat(saved_at))
        for key, entry_id, data, saved_at in rows
    ]


def delete_draft(db: Database, key: str) -> None:
    with db.write() as conn:
        conn.execute("DELETE FROM drafts WHERE key = ?", (key,))
