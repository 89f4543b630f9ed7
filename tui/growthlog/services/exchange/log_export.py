"""The whole log as growthlog's JSON (format version 2): what ``growthlog import`` merges into
another database, on another machine.

The file is one JSON object, written record by record as the records are read (entries a page at a
time, each on its own line), so that a large log never sits in memory::

    {"format": "growthlog", "version": 2, "entries": [
    {"id": 7, "day": "2026-11-18", …, "links": [{"type": "entry", "ref": "3", "uuid": "…"}], "uuid": "…", "revision": 2},
    …
    ],
    "metrics": [
    {"key": "dau", "name": "日活", …, "updated": "…", "values": [
    {"day": "2026-11-18", "value": 12000.0, "note": "", "source": "manual", "author": "lin", "updated": "…"},
    …
    ]},
    …
    ],
    "goals": [
    {"id": 2, "title": "…", "parent_id": 1, …, "uuid": "…", "parent_uuid": "…", "checkins": [
    {"id": 5, "day": "…", "value": 21.4, "confidence": "at-risk", …, "uuid": "…"}
    ]},
    …
    ],
    "reviews": [
    {"id": 1, "period_kind": "sprint", "start": "…", "end": "…", …, "uuid": "…"}
    ]}

Ids are the exporting database's own; what links records across machines is the UUID beside each
id: an entry's links to entries and goals carry their target's ``uuid``, a goal its parent's
(``parent_uuid``); a check-in sits inside its goal, a value inside its metric (a metric is known
by its key everywhere). An export narrowed to some entries (by kind, tag or dates) holds only
those entries.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TextIO

from growthlog.models import Entry
from growthlog.services.exchange.common import FORMAT_NAME, FORMAT_VERSION, RECORD_TYPES, dumps, entry_to_dict
from growthlog.store.api import Store
from growthlog.store.entries import EntryFilter


def entry_pages(store: Store, where: EntryFilter = EntryFilter(), *, batch: int = 500) -> Iterator[list[Entry]]:
    """Every entry matching ``where``, oldest day first, a page at a time (keyset paging: each
    page costs the same however far into the table it is)."""
    after = None
    while True:
        page = store.entries_after(where, after, limit=batch)
        if page:
            yield page
        if len(page) < batch:
            return
        last = page[-1]
        after = (last.day.isoformat(), last.id)


def linked_entry_dicts(store: Store, page: list[Entry], goal_uuids: dict[int, str]) -> Iterator[dict[str, Any]]:
    """A page of entries as exported: each link to an entry or a goal also names its target's
    UUID (a link to a record that no longer exists keeps its bare id)."""
    targets = {int(link.ref) for entry in page for link in entry.links if link.type == "entry" and link.ref.isdigit()}
    entry_uuids = store.uuids_of("entries", targets) if targets else {}
    known = {"entry": entry_uuids, "goal": goal_uuids}
    for entry in page:
        item = entry_to_dict(entry)
        for link in item["links"]:
            uuids = known.get(link["type"])
            if uuids is not None and link["ref"].isdigit() and int(link["ref"]) in uuids:
                link["uuid"] = uuids[int(link["ref"])]
        yield item


def _open_nested(item: dict[str, Any], name: str) -> str:
    """``item`` as JSON, left open at the start of its list ``name``: the list's members follow
    one a line."""
    return dumps(item)[:-1] + f', "{name}": ['


def export_log(store: Store, out: TextIO, where: EntryFilter = EntryFilter()) -> dict[str, int]:
    """Write the log (only the entries matching ``where`` when it narrows them) as growthlog's
    JSON; returns how many records of each type were written."""
    counts = dict.fromkeys(RECORD_TYPES, 0)
    # One read transaction throughout: a member's write meanwhile cannot leave a link to a record
    # that the file does not hold.
    with store.snapshot():
        goals = store.list_goals()
        goal_uuids = {goal.id: goal.uuid for goal in goals}
        out.write('{"format": "%s", "version": %d, "entries": [' % (FORMAT_NAME, FORMAT_VERSION))
        for page in entry_pages(store, where):
            for item in linked_entry_dicts(store, page, goal_uuids):
                out.write(",\n" if counts["entries"] else "\n")
                out.write(dumps(item))
                counts["entries"] += 1
        out.write("\n]")
        if where.is_empty:
            _write_metrics(store, out, counts)
            _write_goals(store, out, counts, goals, goal_uuids)
            _write_reviews(store, out, counts)
    out.write("}\n")
    return counts


def _write_metrics(store: Store, out: TextIO, counts: dict[str, int]) -> None:
    out.write(',\n"metrics": [')
    for number, metric in enumerate(store.list_metrics()):
        out.write(",\n" if number else "\n")
        out.write(_open_nested(metric.model_dump(mode="json"), "values"))
        for index, (day, value, note, source, author, updated) in enumerate(store.value_rows(metric.key)):
            item = {"day": day, "value": value, "note": note, "source": source, "author": author, "updated": updated}
            out.write(("," if index else "") + "\n" + dumps(item))
            counts["values"] += 1
        out.write("]}")
        counts["metrics"] += 1
    out.write("\n]")


def _write_goals(store: Store, out: TextIO, counts: dict[str, int], goals, goal_uuids: dict[int, str]) -> None:
    checkins = store.all_checkins()
    out.write(',\n"goals": [')
    for number, goal in enumerate(sorted(goals, key=lambda goal: goal.id)):
        item = goal.model_dump(mode="json")
        item["parent_uuid"] = goal_uuids.get(goal.parent_id) if goal.parent_id is not None else None
        out.write(",\n" if number else "\n")
        out.write(_open_nested(item, "checkins"))
        for index, checkin in enumerate(checkins.get(goal.id, ())):
            out.write(("," if index else "") + "\n" + dumps(checkin.model_dump(mode="json", exclude={"goal_id"})))
            counts["checkins"] += 1
        out.write("]}")
        counts["goals"] += 1
    out.write("\n]")


def _write_reviews(store: Store, out: TextIO, counts: dict[str, int]) -> None:
    out.write(',\n"reviews": [')
    for number, review in enumerate(store.all_reviews()):
        out.write(",\n" if number else "\n")
        out.write(dumps(review.model_dump(mode="json")))
        counts["reviews"] += 1
    out.write("\n]")
