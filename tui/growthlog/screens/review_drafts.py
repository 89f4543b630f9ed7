"""The Review mode's unsaved writing, per period: what was typed and what the database holds of it.

Kept apart from the screen because its rule is its own: what is written and not saved must survive
changing period, changing mode and the app ending, and the last word typed is the one kept (writes
go to the database one after another, in the order asked).
"""

from __future__ import annotations

import asyncio
from typing import Any

from growthlog.models import Draft
from growthlog.store.api import Store


class UnsavedWriting:
    """Unsaved written parts by draft key (``review:START..END``)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.typed: dict[str, dict[str, Any]] = {}
        """What was typed and not saved, whatever the database holds."""
        self._stored: dict[str, dict[str, Any] | None] = {}
        """What the database holds for each key seen so far (None: no draft)."""
        self._lock = asyncio.Lock()

    def note(self, key: str, data: dict[str, Any] | None) -> None:
        """Remember what the period ``key`` holds unsaved (None: nothing, it matches what is saved)."""
        if data is None:
            self.typed.pop(key, None)
        else:
            self.typed[key] = data

    def found(self, key: str, stored: dict[str, Any] | None) -> dict[str, Any] | None:
        """The database's draft for ``key`` as a period is opened; returns what to show (what was
        typed in this session wins)."""
        self._stored.setdefault(key, stored)
        if key not in self.typed and stored is not None:
            self.typed[key] = stored
        return self.typed.get(key)

    async def keep(self, key: str) -> None:
        """Write ``key``'s unsaved writing as a draft (or drop the draft when there is none); raises
        StoreError, the text staying in memory."""
        async with self._lock:
            data = self.typed.get(key)
            if key in self._stored and self._stored[key] == data:
                return
            if data is None:
                await asyncio.to_thread(self.store.delete_draft, key)
            else:
                await asyncio.to_thread(self.store.save_draft, Draft(key=key, data=data))
            self._stored[key] = data

    def keep_all_now(self) -> None:
        """On the way out (no worker runs any more): write whatever is not yet kept, here and now."""
        for key in {*self.typed, *self._stored}:
            data = self.typed.get(key)
            if self._stored.get(key) == data:
                continue
            if data is None:
                self.store.delete_draft(key)
            else:
                self.store.save_draft(Draft(key=key, data=data))
            self._stored[key] = data
