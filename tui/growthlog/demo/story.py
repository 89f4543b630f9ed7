"""Placing the story's entries on its days, then numbering and linking them.

Every day, number and timestamp comes from ``today`` and the story's own random stream, never the
clock, so the same ``(today, seed)`` always gives the same entries. That stream is drawn in the
order entries are placed: the sections' entries in the order of the data files, then the daily
notes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from typing import Any

from growthlog.demo.curves import DAYS, trend
from growthlog.models import Entry, Link

STREAK_DAYS = 11
"""Days up to and including ``today`` that all have entries; the day before them has none."""


@dataclasses.dataclass
class _Placed:
    """An entry on its day, before it has an id: links still name other entries' keys."""

    key: str | None
    offset: int
    kind: str
    title: str
    body: str
    tags: tuple[str, ...]
    fields: dict[str, Any]
    links: tuple[str, ...]
    created: dt.datetime
    updated: dt.datetime
    order: int
    """Placed so many entries after the first: entries written in the same minute keep this order."""


class Story:
    """Collects entries by day offset, then turns them into numbered, linked :class:`Entry` objects."""

    def __init__(self, today: dt.date, seed: int, author: str) -> None:
        self.today = today
        self.author = author
        self.rng = random.Random(f"{today.isoformat()}/{seed}")
        self.placed: list[_Placed] = []

    def day(self, offset: int) -> dt.date:
        """The day ``offset`` days before today (negative: in the future)."""
        return self.today - dt.timedelta(days=offset)

    def workday(self, offset: int) -> int:
        """``offset``, moved back to the Friday before when it falls on a weekend.

        Only outside the streak: the last days are kept as they are (people do log on weekends),
        and moving back never lands on the empty day just before the streak.
        """
        if offset < STREAK_DAYS:
            return offset
        while self.day(offset).weekday() >= 5:
            offset += 1
        return offset

    def number(self, key: str, offset: int, spread: float = 0.02) -> float:
        """The story's value of a metric on a day, with a little deterministic noise."""
        return trend(key, offset) * (1 + self.rng.uniform(-spread, spread))

    def add(
        self,
        offset: int,
        kind: str,
        title: str,
        body: str = "",
        *,
        key: str | None = None,
        tags: tuple[str, ...] = (),
        fields: dict[str, Any] | None = None,
        links: tuple[str, ...] = (),
        hour: int | None = None,
        updated_offset: int | None = None,
        move_off_weekend: bool = True,
    ) -> int:
        """Place an entry; returns the offset actually used (moved off weekends unless told not to)."""
        if move_off_weekend:
            offset = self.workday(offset)
        if offset == STREAK_DAYS:
            raise ValueError("the day before the streak must stay empty")
        if not 0 <= offset < DAYS:
            raise ValueError(f"offset {offset} is outside the demo's {DAYS} days")
        minute = self.rng.randrange(60)
        if hour is None:
            hour = self.rng.randrange(9, 21)
        created = dt.datetime.combine(self.day(offset), dt.time(hour, minute))
        updated = created
        if updated_offset is not None and updated_offset < offset:
            updated_offset = max(updated_offset, 0)
            updated = dt.datetime.combine(self.day(updated_offset), dt.time(self.rng.randrange(10, 19), minute))
        self.placed.append(
            _Placed(key, offset, kind, title, body.strip(), tags, fields or {}, links, created, updated, len(self.placed))
        )
        return offset

    def offsets_used(self) -> set[int]:
        """The days (as offsets) that already have an entry."""
        return {p.offset for p in self.placed}

    def entries(self) -> list[Entry]:
        """The entries in chronological order with ids 1..N, links resolved."""
        placed = sorted(self.placed, key=lambda p: (p.created, p.order))
        ids = {p.key: number for number, p in enumerate(placed, 1) if p.key}
        if len(ids) != sum(1 for p in placed if p.key):
            raise ValueError("two demo entries share a key")
        unknown = sorted({k for p in placed for k in p.links} - set(ids))
        if unknown:
            raise ValueError(f"demo entries link to keys no entry has: {', '.join(unknown)}")
        return [
            Entry(
                id=number,
                day=p.created.date(),
                kind=p.kind,
                title=p.title,
                body=p.body,
                tags=list(p.tags),
                author=self.author,
                created=p.created,
                updated=p.updated,
                links=[Link(type="entry", ref=str(ids[k])) for k in p.links],
                fields=p.fields,
            )
            for number, p in enumerate(placed, 1)
        ]
