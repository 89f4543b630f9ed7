"""Entries into growthlog from JSON files: growthlog's own export and jrnl's (``jrnl --format
json``), told apart by their shape. An import is checked whole before anything is written, then
written in one transaction, so a broken file imports nothing; the error names the entry at fault by
its position and title.

Ids: an imported entry keeps its id when that id is free, otherwise it gets a new one and the entry
links that pointed at the old id are pointed at the new one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from growthlog.i18n import t
from growthlog.models import KIND_FIELDS, Entry, Link, field_choices
from growthlog.services.capture import SHORT_TITLE
from growthlog.services.exchange.common import FORMAT_NAME, FORMAT_VERSION, ExchangeError, Progress
from growthlog.store.api import Store
from growthlog.textutil import TITLE_MAX, clean_line

# The tag a starred jrnl entry gets, so that the star is not lost.
STARRED_TAG = "starred"
# Ids are checked for being taken this many at a time (SQLite's variable limit is far above).
_ID_CHUNK = 500
_MAX_ID = 2**63 - 1


@dataclasses.dataclass
class ImportPlan:
    """A checked import: the entries to write, in the order to write them."""

    format: str
    """``growthlog`` or ``jrnl``."""
    entries: list[Entry]
    """Entries with an id keep it; those without get the next free ids from SQLite."""
    renumbered: dict[int, int] = dataclasses.field(default_factory=dict)
    """Old id → new id, for entries whose id was already taken."""
    new_ids: int = 0
    """How many entries had an id that was taken (in the database or earlier in the file)."""


def read_json_file(path: str | Path) -> Any:
    """The parsed content of a JSON file; one-line errors for unreadable, non-UTF-8 or bad JSON."""
    path = Path(path)
    if path.suffix.lower() != ".json":
        raise ExchangeError(t("cli.import.not_json", path=path))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ExchangeError(t("cli.import.not_utf8", path=path)) from None
    except OSError as error:
        raise ExchangeError(t("cli.import.cannot_read", path=path, reason=error.strerror or error)) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ExchangeError(
            t("cli.import.bad_json", path=path, line=error.lineno, column=error.colno, reason=error.msg)
        ) from None
    except RecursionError:
        raise ExchangeError(t("cli.import.bad_json", path=path, line="?", column="?", reason="nested too deeply")) from None


def detect_format(data: Any) -> str:
    """``growthlog`` or ``jrnl``, from the shape of the parsed file."""
    if isinstance(data, dict):
        if data.get("format") == FORMAT_NAME:
            version = data.get("version", FORMAT_VERSION)
            if not isinstance(version, int) or version > FORMAT_VERSION:
                raise ExchangeError(t("cli.import.newer_version", version=version, known=FORMAT_VERSION))
            if not isinstance(data.get("entries"), list):
                raise ExchangeError(t("cli.import.unknown_format"))
            return "growthlog"
        items = data.get("entries")
        if isinstance(items, list):
            sample = next((item for item in items if isinstance(item, dict)), None)
            if sample is not None:
                if "date" in sample and "day" not in sample:
                    return "jrnl"
                if "day" in sample or "kind" in sample:
                    return "growthlog"
            elif isinstance(data.get("tags"), dict):
                return "jrnl"  # an empty jrnl journal
    raise ExchangeError(t("cli.import.unknown_format"))


def describe_entry_error(error: ValidationError, kind: Any) -> str:
    """One line naming the field at fault and what it accepts."""
    first = error.errors()[0]
    location = [str(part) for part in first["loc"]]
    name = location[0] if location else ""
    model = KIND_FIELDS.get(kind) if isinstance(kind, str) else None
    if model is not None and first["type"] == "extra_forbidden":
        known = ", ".join(model.model_fields) or "—"
        return t("cli.unknown_field", name=name, kind=kind, known=known)
    if model is not None and name in model.model_fields and (choices := field_choices(kind, name)):
        return t("cli.bad_choice", name=name, value=first.get("input"), choices=", ".join(choices))
    message = first["msg"].removeprefix("Value error, ")
    where = ".".join(location)
    return f"{where}: {message}" if where else message


def _short(text: Any) -> str:
    text = clean_line(str(text or ""))
    return text if len(text) <= 40 else text[:40] + "…"


def _entry_problem(position: int, item: Any, reason: str) -> ExchangeError:
    title = _short(item.get("title")) if isinstance(item, dict) else ""
    return ExchangeError(t("cli.import.bad_entry", position=position, title=title, reason=reason))


def _growthlog_entry(item: Any, position: int) -> Entry:
    if not isinstance(item, dict):
        raise _entry_problem(position, item, t("cli.import.not_object"))
    try:
        entry = Entry.model_validate(item)
    except ValidationError as error:
        raise _entry_problem(position, item, describe_entry_error(error, item.get("kind", "note"))) from None
    if entry.id is not None and not 0 < entry.id <= _MAX_ID:
        raise _entry_problem(position, item, t("cli.import.bad_id", id=entry.id))
    return entry


def _split_long_title(title: str, body: str) -> tuple[str, str]:
    """A title too long for one line is kept whole at the top of the body, cut for the title."""
    if len(title) <= TITLE_MAX:
        return title, body
    return title[:SHORT_TITLE].rstrip() + "…", title + ("\n\n" + body if body else "")


def _jrnl_entry(item: Any, position: int, author: str) -> Entry:
    if not isinstance(item, dict):
        raise _entry_problem(position, item, t("cli.import.not_object"))
    title = clean_line(str(item.get("title") or ""))
    body = str(item.get("body") or "").strip()
    if not title and body:
        first, _, rest = body.partition("\n")
        title, body = clean_line(first), rest.strip()
    title, body = _split_long_title(title, body)
    date_text = item.get("date")
    try:
        day = dt.date.fromisoformat(str(date_text))
    except ValueError:
        raise _entry_problem(position, item, t("cli.import.bad_jrnl_date", value=date_text)) from None
    time_text = item.get("time") or "00:00"
    try:
        time = dt.time.fromisoformat(str(time_text))
    except ValueError:
        raise _entry_problem(position, item, t("cli.import.bad_jrnl_time", value=time_text)) from None
    raw_tags = item.get("tags") or []
    if not isinstance(raw_tags, list) or not all(isinstance(tag, str) for tag in raw_tags):
        raise _entry_problem(position, item, t("cli.import.bad_tags"))
    # jrnl keeps its tag symbol (@ by default, # for some) in the tag; ours are bare.
    tags = [tag.lstrip("@#＃") for tag in raw_tags]
    if item.get("starred"):
        tags.append(STARRED_TAG)
    created = dt.datetime.combine(day, time.replace(tzinfo=None, microsecond=0))
    try:
        return Entry(
            day=day, kind="note", title=title, body=body, tags=tags, author=author, created=created, updated=created
        )
    except ValidationError as error:
        raise _entry_problem(position, item, describe_entry_error(error, "note")) from None


def parse_entries(data: Any, fmt: str, *, author: str = "", progress: Progress | None = None) -> list[Entry]:
    """Every entry of a parsed import file, validated; :class:`ExchangeError` at the first bad one.

    ``data["entries"]`` is consumed: each raw item is dropped once its entry is built, so that a
    large file is not held in memory twice over (raw and validated).
    """
    items = data["entries"]
    entries: list[Entry] = []
    for index in range(len(items)):
        item, items[index] = items[index], None
        if fmt == "growthlog":
            entries.append(_growthlog_entry(item, index + 1))
        else:
            entries.append(_jrnl_entry(item, index + 1, author))
        if progress is not None:
            progress(index + 1)
    items.clear()
    return entries


def taken_ids(store: Store, ids: Iterable[int]) -> set[int]:
    """Which of ``ids`` are already used by stored entries."""
    wanted = list(dict.fromkeys(ids))
    taken: set[int] = set()
    for start in range(0, len(wanted), _ID_CHUNK):
        taken.update(entry.id for entry in store.get_entries(wanted[start : start + _ID_CHUNK]))
    return taken


def allocate_ids(count: int, start: int, is_taken: Callable[[list[int]], set[int]]) -> list[int]:
    """``count`` free ids from ``start`` up. Runs of taken ids are skipped in growing jumps, so
    that finding room above a large database costs a few look-ups, not one per entry."""
    found: list[int] = []
    cursor = max(start, 1)
    jump = 1
    while len(found) < count:
        window = list(range(cursor, cursor + min(_ID_CHUNK, count - len(found))))
        busy = is_taken(window)
        free = [candidate for candidate in window if candidate not in busy]
        found.extend(free)
        cursor = window[-1] + 1
        if free:
            jump = 1
        else:
            cursor += jump
            jump *= 2
        if cursor > _MAX_ID:
            raise ExchangeError(t("cli.import.no_free_ids"))
    return found


def plan_import(
    data: Any, store: Store, *, author: str = "", progress: Progress | None = None
) -> ImportPlan:
    """Check a parsed import file against the database: everything :func:`apply_import` needs.

    Entries that carry a free id keep it. Those whose id is taken (or repeats an earlier one in the
    file) get new ids above the file's largest, and entry links to a taken id follow it. Entries
    without an id come last and get theirs from SQLite, after everything else in the file.
    """
    fmt = detect_format(data)
    entries = parse_entries(data, fmt, author=author, progress=progress)
    file_ids = [entry.id for entry in entries if entry.id is not None]
    taken = taken_ids(store, file_ids)
    seen: set[int] = set()
    needs_new: list[int] = []  # positions in `entries`
    for position, entry in enumerate(entries):
        if entry.id is None:
            continue
        if entry.id in taken or entry.id in seen:
            needs_new.append(position)
        seen.add(entry.id)
    renumbered: dict[int, int] = {}
    if needs_new:
        fresh = allocate_ids(len(needs_new), max(file_ids) + 1, lambda ids: taken_ids(store, ids))
        for position, new_id in zip(needs_new, fresh):
            old_id = entries[position].id
            # A repeated id in the file stays with its first holder; only a clash with the
            # database moves the links.
            if old_id in taken and old_id not in renumbered:
                renumbered[old_id] = new_id
            # Until imports merge by UUID, a renumbered entry is a new record of its own.
            entries[position] = entries[position].model_copy(update={"id": new_id, "uuid": None, "revision": 0})
    if renumbered:
        entries = [_remap_links(entry, renumbered) for entry in entries]
    with_ids = [entry for entry in entries if entry.id is not None]
    without_ids = [entry for entry in entries if entry.id is None]
    return ImportPlan(
        format=fmt,
        entries=with_ids + without_ids,
        renumbered=renumbered,
        new_ids=len(needs_new),
    )


def _remap_links(entry: Entry, renumbered: dict[int, int]) -> Entry:
    changed = False
    links = []
    for link in entry.links:
        if link.type == "entry" and link.ref.isdigit() and int(link.ref) in renumbered:
            link = Link(type="entry", ref=str(renumbered[int(link.ref)]))
            changed = True
        links.append(link)
    return entry.model_copy(update={"links": links}) if changed else entry


def apply_import(plan: ImportPlan, store: Store, *, progress: Progress | None = None) -> list[int]:
    """Write a planned import in one transaction; returns the ids given, in the plan's order."""
    return store.add_entries(plan.entries, progress)


def import_file(
    path: str | Path, store: Store, *, author: str = "", dry_run: bool = False
) -> ImportPlan:
    """Read, check and (unless ``dry_run``) write an import file in one go, without progress."""
    plan = plan_import(read_json_file(path), store, author=author)
    if not dry_run:
        apply_import(plan, store)
    return plan
