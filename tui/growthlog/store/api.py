"""The small interface through which the app and the services reach storage.

Everything above the store (services, screens, the command line) calls these methods; SQL lives
only in this package. Methods are safe to call from thread workers.
"""

from __future__ import annotations

import datetime as dt
import os

from growthlog.models import Draft, Entry
from growthlog.store import drafts, entries, search
from growthlog.store.db import Database, open_database
from growthlog.store.entries import EntryFilter


class Store:
    """A growthlog database."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> "Store":
        """Open or create the database at ``path`` (``":memory:"`` for a private one)."""
        return cls(open_database(path))

    @property
    def path(self) -> str:
        return self.db.path

    def close(self) -> None:
        self.db.close()

    def change_token(self) -> tuple[int, int]:
        """A value that changes whenever anything is written, here or by another process."""
        return self.db.change_token()

    # Entries
    def add_entry(self, entry: Entry) -> Entry:
        return entries.add_entry(self.db, entry)

    def add_entries(self, items: list[Entry], progress=None) -> list[int]:
        return entries.add_entries(self.db, items, progress)

    def update_entry(self, entry: Entry) -> Entry:
        return entries.update_entry(self.db, entry)

    def delete_entry(self, entry_id: int) -> Entry:
        return entries.delete_entry(self.db, entry_id)

    def restore_entry(self, entry: Entry) -> Entry:
        return entries.restore_entry(self.db, entry)

    def get_entry(self, entry_id: int) -> Entry | None:
        return entries.get_entry(self.db, entry_id)

    def get_entries(self, ids: list[int]) -> list[Entry]:
        return entries.get_entries(self.db, ids)

    def count_entries(self, where: EntryFilter = EntryFilter()) -> int:
        return entries.count_entries(self.db, where)

    def list_entries(
        self, where: EntryFilter = EntryFilter(), *, limit: int = 100, offset: int = 0, oldest_first: bool = False
    ) -> list[Entry]:
        return entries.list_entries(self.db, where, limit=limit, offset=offset, oldest_first=oldest_first)

    def entries_on(self, day: dt.date) -> list[Entry]:
        return entries.entries_on(self.db, day)

    def tag_counts(self, limit: int = 500) -> list[tuple[str, int]]:
        return entries.tag_counts(self.db, limit)

    def logging_streak(self, today: dt.date) -> int:
        return entries.logging_streak(self.db, today)

    def days_with_entries(self, since: dt.date, until: dt.date) -> dict[dt.date, int]:
        return entries.days_with_entries(self.db, since, until)

    # Search
    def search_ids(self, query: str, where: EntryFilter = EntryFilter(), limit: int = 500) -> list[int]:
        return search.search_ids(self.db, query, where, limit)

    def search(self, query: str, where: EntryFilter = EntryFilter(), limit: int = 500) -> list[Entry]:
        return self.get_entries(self.search_ids(query, where, limit))

    # Drafts
    def save_draft(self, draft: Draft) -> None:
        drafts.save_draft(self.db, draft)

    def list_drafts(self) -> list[Draft]:
        return drafts.list_drafts(self.db)

    def delete_draft(self, key: str) -> None:
        drafts.delete_draft(self.db, key)
