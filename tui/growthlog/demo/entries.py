"""The demo's entries: the story's sections as written in the data files, then the daily notes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from growthlog import kinds
from growthlog.demo import data
from growthlog.demo.notes import add_daily_notes
from growthlog.demo.story import Story
from growthlog.models import Entry, field_is_date, field_names

ENTRY_KEYS = frozenset(
    {"key", "offset", "kind", "title", "body", "tags", "links", "fields", "hour", "updated_offset", "move_off_weekend"}
)
"""What an ``[[entry]]`` of a section may hold (see ``story.toml``); anything else is a typo."""


def place_entry(story: Story, entry: dict[str, Any], where: str) -> None:
    """Place one ``[[entry]]`` of a section file (``where``: the file, for messages)."""
    data.refuse_unknown(entry, ENTRY_KEYS, f"{where}, '{entry.get('title')}'")
    kind = entry["kind"]
    if kind not in kinds.KINDS:
        raise ValueError(f"demo data {where}: unknown kind '{kind}' of '{entry.get('title')}'")
    own = field_names(kind)
    # Date fields are written as offsets, like every day in the data; the rest is left to the
    # kind's model, which the Entry validates (an unknown field name is refused there).
    fields = {
        name: story.day(value) if name in own and field_is_date(kind, name) else value
        for name, value in entry.get("fields", {}).items()
    }
    story.add(
        entry["offset"],
        kind,
        entry["title"],
        entry.get("body", ""),
        key=entry.get("key"),
        tags=tuple(entry.get("tags", ())),
        fields=fields,
        links=tuple(entry.get("links", ())),
        hour=entry.get("hour"),
        updated_offset=entry.get("updated_offset"),
        move_off_weekend=entry.get("move_off_weekend", True),
    )


def build_demo_entries(today: dt.date, seed: int = 7) -> list[Entry]:
    """About twelve weeks of entries ending on ``today``, with ids 1..N in chronological order."""
    plot = data.read(data.STORY)
    story = Story(today, seed, author=plot["author"])
    for section in plot["sections"]:
        name = data.section_file(section)
        for entry in data.read(name).get("entry", []):
            place_entry(story, entry, name)
    add_daily_notes(story, data.read(data.DAILY_NOTES))
    return story.entries()
