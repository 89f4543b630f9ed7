"""Importing a JSON file by merging it into the log: what is new is added, what is here already is
updated when the file's copy is newer and left alone otherwise, so that logs can go back and forth
between a laptop and the team's server, and the same file imported twice changes nothing.

A record is "here already" when a stored record has its UUID (entries, goals, check-ins, reviews),
its key (a metric), its metric and day (a value), or, for a review, its period (a period has one
review: the newer of two written on two machines wins, UUID and all). Newer means a later
``updated`` time; a tie, or a copy without one, leaves the stored record alone. Check-ins are
never edited, so one that is here already is always left alone. Records without a UUID (jrnl's,
growthlog's before version 2, written by hand) are always new.

Ids belong to each database. A new record keeps the file's id when it is free here; otherwise it
gets a new one (entries and goals above every id of the file, found by :func:`allocate_ids`), and
what referred to it follows: links between entries, links to goals, a goal's parent, a check-in's
goal; by UUID where the file gives one (version 2), else by the file's id.

Everything is decided first (:func:`plan_import`, which is also the dry run) and written in one
transaction (:func:`apply_import`): a bad record anywhere imports nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid as uuids
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from growthlog.i18n import t
from growthlog.models import CheckIn, Entry, Goal, Link, Measurement, Metric, Review
from growthlog.services.exchange.common import RECORD_TYPES, ExchangeError, Progress
from growthlog.services.exchange.json_import import allocate_ids, detect_format, parse_entries, read_json_file, short
from growthlog.services.exchange.records import FileGoal, FileMetric, parse_goals, parse_metrics, parse_reviews, section
from growthlog.store.api import Store
from growthlog.store.merge import MergeBatch


@dataclasses.dataclass
class Counts:
    """What a merge does with the records of one type."""

    added: int = 0
    updated: int = 0
    skipped: int = 0

    @property
    def total(self) -> int:
        return self.added + self.updated + self.skipped


@dataclasses.dataclass
class ImportPlan:
    """A checked import: what to write, and what it amounts to per type of record."""

    format: str
    """``growthlog`` or ``jrnl``."""
    entries: list[Entry]
    """Entries to add. Those with an id keep it; those without get the next free ids from SQLite."""
    renumbered: dict[int, int] = dataclasses.field(default_factory=dict)
    """Old id → new id, for entries whose id was already taken."""
    new_ids: int = 0
    """How many added entries had an id that was taken (in the database or earlier in the file)."""
    entry_updates: list[Entry] = dataclasses.field(default_factory=list)
    """Entries replacing older copies, under the stored ids."""
    metrics: list[Metric] = dataclasses.field(default_factory=list)
    values: list[Measurement] = dataclasses.field(default_factory=list)
    goals: list[Goal] = dataclasses.field(default_factory=list)
    goal_updates: list[Goal] = dataclasses.field(default_factory=list)
    checkins: list[CheckIn] = dataclasses.field(default_factory=list)
    reviews: list[Review] = dataclasses.field(default_factory=list)
    review_updates: list[Review] = dataclasses.field(default_factory=list)
    counts: dict[str, Counts] = dataclasses.field(default_factory=lambda: {name: Counts() for name in RECORD_TYPES})

    def batch(self) -> MergeBatch:
        """What the store writes."""
        names = [field.name for field in dataclasses.fields(MergeBatch)]
        return MergeBatch(**{name: getattr(self, name) for name in names})

    @property
    def writes(self) -> int:
        """How many records the import writes (added or updated)."""
        return len(self.batch())

    @property
    def total(self) -> Counts:
        """The counts of every type together."""
        return Counts(*(sum(getattr(counts, name) for counts in self.counts.values()) for name in ("added", "updated", "skipped")))


def moment(value: dt.datetime | str | None) -> dt.datetime | None:
    """A time as merges compare them: local wall-clock time to the second (a time with an offset
    is converted to the machine's zone); None when missing or unreadable."""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return None
    if value is None or (value.tzinfo is None and not value.microsecond):
        return value
    if value.tzinfo is not None:
        value = value.astimezone().replace(tzinfo=None)
    return value.replace(microsecond=0)


def is_newer(mine: dt.datetime | None, stored: str | None) -> bool:
    """Whether a file's copy changed after the stored one: a copy with no time never is, a stored
    record with none always is older."""
    mine = moment(mine)
    if mine is None:
        return False
    theirs = moment(stored)
    return theirs is None or mine > theirs


def _plain(record, *names: str):
    """``record`` with the times ``names`` as :func:`moment` gives them, so that what is stored
    compares as text in the store's own guard."""
    changes = {name: moment(getattr(record, name)) for name in names if getattr(record, name) is not None}
    changes = {name: value for name, value in changes.items() if value != getattr(record, name)}
    return record.model_copy(update=changes) if changes else record


def _new_uuid() -> str:
    return str(uuids.uuid4())


def _keep_or_allocate(store: Store, table: str, wanted: list[int | None]) -> tuple[list[int | None], list[int], set[int]]:
    """Ids for new records that want ``wanted`` (None: any): the file's id where it is free here
    and not claimed by an earlier record of the file, else None. Returns those, the positions (in
    ``wanted``) that were refused an id they asked for, and the ids taken in the database."""
    taken = store.existing_ids(table, [id_ for id_ in wanted if id_ is not None])
    claimed: set[int] = set()
    given: list[int | None] = []
    refused: list[int] = []
    for position, id_ in enumerate(wanted):
        if id_ is not None and id_ not in taken and id_ not in claimed:
            given.append(id_)
        else:
            given.append(None)
            if id_ is not None:
                refused.append(position)
        if id_ is not None:
            claimed.add(id_)
    return given, refused, taken


def _fresh_ids(store: Store, table: str, count: int, above: Iterable[int]) -> list[int]:
    """``count`` ids free here and above every id of the file (which records of the file may keep)."""
    if not count:
        return []
    return allocate_ids(count, max(above, default=0) + 1, lambda ids: store.existing_ids(table, ids))


# Planning, type by type


def _plan_metrics(plan: ImportPlan, store: Store, metrics: list[FileMetric]) -> set[str]:
    """Metrics and values to write; returns every metric key known after the merge."""
    stored = store.metric_stamps()
    for item in metrics:
        metric = _plain(item.metric, "created", "updated")
        counts = plan.counts["metrics"]
        if metric.key not in stored:
            plan.metrics.append(metric)
            counts.added += 1
        elif is_newer(metric.updated, stored[metric.key]):
            plan.metrics.append(metric)
            counts.updated += 1
        else:
            counts.skipped += 1
        if not item.values:
            continue
        days = sorted(value.day.isoformat() for value in item.values)
        here = store.value_stamps(metric.key, days[0], days[-1]) if metric.key in stored else {}
        counts = plan.counts["values"]
        for value in item.values:
            value = _plain(value, "updated")
            day = value.day.isoformat()
            if day not in here:
                plan.values.append(value)
                counts.added += 1
            elif is_newer(value.updated, here[day]):
                plan.values.append(value)
                counts.updated += 1
            else:
                counts.skipped += 1
    return set(stored) | {item.metric.key for item in metrics}


@dataclasses.dataclass
class _Ids:
    """Where the records of the file are here: by UUID, and by the id the file gives them."""

    by_uuid: dict[str, int] = dataclasses.field(default_factory=dict)
    by_file_id: dict[int, int] = dataclasses.field(default_factory=dict)

    def resolve(self, uuid: str | None, file_id: int | None) -> int | None:
        if uuid is not None and uuid in self.by_uuid:
            return self.by_uuid[uuid]
        return self.by_file_id.get(file_id) if file_id is not None else None


def _goal_problem(item: FileGoal, reason: str) -> ExchangeError:
    return ExchangeError(t("cli.import.bad_goal", position=item.position, name=short(item.goal.title), reason=reason))


def _plan_goals(plan: ImportPlan, store: Store, goals: list[FileGoal], metric_keys: set[str]) -> _Ids:
    """Goals and check-ins to write; returns where the file's goals are here."""
    uuids = [item.goal.uuid for item in goals if item.goal.uuid] + [item.parent_uuid for item in goals if item.parent_uuid]
    stored = store.stamps("goals", uuids)
    ids = _Ids(by_uuid={uuid: stamp[0] for uuid, stamp in stored.items()})
    counts = plan.counts["goals"]
    new: list[FileGoal] = []
    kept: list[tuple[FileGoal, Goal]] = []  # goals to write: (as in the file, with their local id)
    local: dict[int, int] = {}  # position in the file → local id
    for item in goals:
        goal = _plain(item.goal, "created", "updated")
        stamp = stored.get(goal.uuid) if goal.uuid else None
        if stamp is None:
            new.append(item)
            continue
        local[item.position] = stamp[0]
        if goal.id is not None:
            ids.by_file_id.setdefault(goal.id, stamp[0])
        if is_newer(goal.updated, stamp[1]):
            kept.append((item, goal.model_copy(update={"id": stamp[0]})))
            counts.updated += 1
        else:
            counts.skipped += 1
    given, refused, _taken = _keep_or_allocate(store, "goals", [item.goal.id for item in new])
    fresh = iter(_fresh_ids(store, "goals", sum(1 for id_ in given if id_ is None),
                            (item.goal.id for item in goals if item.goal.id is not None)))
    for item, id_ in zip(new, given):
        id_ = id_ if id_ is not None else next(fresh)
        goal = _plain(item.goal, "created", "updated").model_copy(update={"id": id_, "uuid": item.goal.uuid or _new_uuid()})
        ids.by_uuid[goal.uuid] = id_
        if item.goal.id is not None:
            ids.by_file_id.setdefault(item.goal.id, id_)
        local[item.position] = id_
        kept.append((item, goal))
        counts.added += 1
    for item, goal in kept:
        parent = None
        if item.parent_uuid is not None or item.goal.parent_id is not None:
            parent = ids.resolve(item.parent_uuid, None if item.parent_uuid else item.goal.parent_id)
            if parent is None:
                raise _goal_problem(item, t("cli.import.unknown_parent"))
            if parent == goal.id:
                raise _goal_problem(item, t("cli.import.own_parent"))
        if goal.metric and goal.metric not in metric_keys:
            raise _goal_problem(item, t("cli.import.unknown_metric", key=goal.metric))
        goal = goal.model_copy(update={"parent_id": parent})
        (plan.goal_updates if item.goal.uuid in stored else plan.goals).append(goal)
    _plan_checkins(plan, store, goals, local)
    return ids


def _plan_checkins(plan: ImportPlan, store: Store, goals: list[FileGoal], local: dict[int, int]) -> None:
    everything = [(item, checkin) for item in goals for checkin in item.checkins]
    here = store.stamps("checkins", [checkin.uuid for _item, checkin in everything if checkin.uuid])
    counts = plan.counts["checkins"]
    new = [(item, checkin) for item, checkin in everything if checkin.uuid is None or checkin.uuid not in here]
    counts.skipped += len(everything) - len(new)
    given, _refused, _taken = _keep_or_allocate(store, "checkins", [checkin.id for _item, checkin in new])
    for (item, checkin), id_ in zip(new, given):
        checkin = _plain(checkin, "created")
        plan.checkins.append(checkin.model_copy(update={
            "id": id_, "goal_id": local[item.position], "uuid": checkin.uuid or _new_uuid(),
        }))
        counts.added += 1


def _plan_entries(
    plan: ImportPlan, store: Store, entries: list[Entry], link_uuids: dict[int, list[str | None]], goal_ids: _Ids
) -> None:
    targets = [uuid for found in link_uuids.values() for uuid in found if uuid]
    stored = store.stamps("entries", [entry.uuid for entry in entries if entry.uuid] + targets)
    ids = _Ids(by_uuid={uuid: stamp[0] for uuid, stamp in stored.items()})
    counts = plan.counts["entries"]
    new: list[int] = []  # positions in `entries`
    updates: list[int] = []
    for position, entry in enumerate(entries):
        stamp = stored.get(entry.uuid) if entry.uuid else None
        if stamp is None:
            new.append(position)
            continue
        if entry.id is not None:
            ids.by_file_id.setdefault(entry.id, stamp[0])
        if is_newer(entry.updated, stamp[1]):
            entries[position] = entry.model_copy(update={"id": stamp[0]})
            updates.append(position)
            counts.updated += 1
        else:
            counts.skipped += 1
    given, refused, taken = _keep_or_allocate(store, "entries", [entries[p].id for p in new])
    fresh = iter(_fresh_ids(store, "entries", len(refused), (e.id for e in entries if e.id is not None)))
    for number, position in enumerate(new):
        entry = entries[position]
        old_id, id_ = entry.id, given[number]
        if old_id is not None and id_ is None:
            id_ = next(fresh)
            # A repeated id in the file stays with its first holder; only a clash with the
            # database moves the links.
            if old_id in taken and old_id not in plan.renumbered:
                plan.renumbered[old_id] = id_
                ids.by_file_id.setdefault(old_id, id_)
        elif old_id is not None:
            ids.by_file_id.setdefault(old_id, id_)
        entry = _plain(entry, "created", "updated")
        if id_ != entry.id or entry.uuid is None:
            entry = entry.model_copy(update={"id": id_, "uuid": entry.uuid or _new_uuid()})
        entries[position] = entry
        ids.by_uuid[entry.uuid] = id_
        counts.added += 1
    plan.new_ids = len(refused)
    linked = {"entry": ids, "goal": goal_ids}
    for position in [*new, *updates]:
        entries[position] = _relink(entries[position], link_uuids.get(position), linked)
    added = [entries[p] for p in new]
    plan.entries = [e for e in added if e.id is not None] + [e for e in added if e.id is None]
    plan.entry_updates = [_plain(entries[p], "created", "updated") for p in updates]


def _relink(entry: Entry, targets: list[str | None] | None, linked: dict[str, _Ids]) -> Entry:
    """``entry`` with its links to entries and goals pointing at their targets' ids here."""
    changed = False
    links = []
    for number, link in enumerate(entry.links):
        ids = linked.get(link.type)
        if ids is not None:
            uuid = targets[number] if targets and number < len(targets) else None
            target = ids.resolve(uuid, int(link.ref) if link.ref.isdigit() else None)
            if target is not None and str(target) != link.ref:
                link = Link(type=link.type, ref=str(target))
                changed = True
        links.append(link)
    return entry.model_copy(update={"links": links}) if changed else entry


def _plan_reviews(plan: ImportPlan, store: Store, reviews: list[Review]) -> None:
    stored = store.stamps("reviews", [review.uuid for review in reviews if review.uuid])
    periods = store.review_periods()
    counts = plan.counts["reviews"]
    new: list[Review] = []
    for review in reviews:
        review = _plain(review, "generated", "created", "updated")
        stamp = (stored[review.uuid][0], review.uuid, stored[review.uuid][1]) if review.uuid in stored else None
        if stamp is None:
            # The same period's review, written on another machine: the newer one wins, with its
            # UUID, so that both logs end up with the same record.
            stamp = periods.get((review.start.isoformat(), review.end.isoformat()))
        if stamp is None:
            new.append(review)
        elif is_newer(review.updated, stamp[2]):
            plan.review_updates.append(review.model_copy(update={"id": stamp[0], "uuid": review.uuid or stamp[1]}))
            counts.updated += 1
        else:
            counts.skipped += 1
    given, _refused, _taken = _keep_or_allocate(store, "reviews", [review.id for review in new])
    for review, id_ in zip(new, given):
        plan.reviews.append(review.model_copy(update={"id": id_, "uuid": review.uuid or _new_uuid()}))
        counts.added += 1


# The import


def plan_import(data: Any, store: Store, *, author: str = "", progress: Progress | None = None) -> ImportPlan:
    """Check a parsed import file against the database: everything :func:`apply_import` writes,
    and how many records of each type it adds, updates and leaves alone (the dry run's report).
    ``progress`` is called with the number of records checked so far."""
    fmt = detect_format(data)
    read = 0

    def tick() -> None:
        nonlocal read
        read += 1
        if progress is not None:
            progress(read)

    sections = {name: section(data, name) for name in ("metrics", "goals", "reviews")} if fmt == "growthlog" else {}
    entries, link_uuids = parse_entries(data, fmt, author=author, progress=progress)
    read = len(entries)
    metrics = parse_metrics(sections.get("metrics", []), tick)
    goals = parse_goals(sections.get("goals", []), tick)
    reviews = parse_reviews(sections.get("reviews", []), tick)
    plan = ImportPlan(format=fmt, entries=[])
    with store.snapshot():
        metric_keys = _plan_metrics(plan, store, metrics)
        goal_ids = _plan_goals(plan, store, goals, metric_keys)
        _plan_entries(plan, store, entries, link_uuids, goal_ids)
        _plan_reviews(plan, store, reviews)
    return plan


def apply_import(plan: ImportPlan, store: Store, *, progress: Progress | None = None) -> list[int]:
    """Write a planned import in one transaction; returns the ids of the added entries, in the
    plan's order. ``progress`` is called with the number of records written so far."""
    return store.write_merge(plan.batch(), progress)


def import_file(path: str | Path, store: Store, *, author: str = "", dry_run: bool = False) -> ImportPlan:
    """Read, check and (unless ``dry_run``) write an import file in one go, without progress."""
    plan = plan_import(read_json_file(path), store, author=author)
    if not dry_run:
        apply_import(plan, store)
    return plan
