"""The Journal view: how many entries the filter (or the search) finds, the tags to filter by, and
pages of the list as it scrolls."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from growthlog.store.entries import EntryFilter

if TYPE_CHECKING:
    from growthlog.models import Entry
    from growthlog.store.api import Store

SEARCH_LIMIT = 1000
"""Search results are ranked; at most this many are listed."""
TAG_LIMIT = 300


@dataclasses.dataclass(frozen=True)
class JournalView:
    total: int
    """How many entries the list holds."""
    search_ids: list[int] | None
    """The ranked results when searching (the list pages through them); None when not searching."""
    tags: list[tuple[str, int]]
    """Tags in use, most used first, with their counts."""
    several_writers: bool = False
    """More than one person writes in the database: the list names who wrote each entry."""
    cursor: int | None = None
    """Where the entry that had the cursor now stands (None: gone, or none was asked for)."""

    @property
    def capped(self) -> bool:
        return self.search_ids is not None and self.total >= SEARCH_LIMIT


def load_journal(store: Store, where: EntryFilter, query: str = "", follow: Entry | None = None) -> JournalView:
    """The count (or the ranked search results) and the tags, read in one snapshot; with
    ``follow``, also where that entry now stands, so that the cursor stays on it."""
    with store.snapshot():
        tags = store.tag_counts(TAG_LIMIT)
        several = store.several_writers()
        if query.strip():
            ids = store.search_ids(query, where, SEARCH_LIMIT)
            cursor = ids.index(follow.id) if follow is not None and follow.id in ids else None
            return JournalView(len(ids), ids, tags, several, cursor)
        cursor = None
        if follow is not None and follow.id is not None and store.get_entry(follow.id) is not None:
            cursor = store.position(where, follow.day, follow.id)
        return JournalView(store.count_entries(where), None, tags, several, cursor)


def load_page(store: Store, where: EntryFilter, search_ids: list[int] | None, offset: int, size: int) -> list[Entry]:
    """One page of the list: search results by position, or the filter's entries, newest first."""
    if search_ids is not None:
        return store.get_entries(search_ids[offset : offset + size])
    return store.list_entries(where, limit=size, offset=offset)
