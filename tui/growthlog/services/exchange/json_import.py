"""Reading JSON import files: growthlog's own export (either version) and jrnl's (``jrnl --format
json``), told apart by their shape, and their entries checked one by one into models. An import is
checked whole before anything is written (:mod:`.merge` decides and writes), so a broken file
imports nothing; the error names the record at fault by its position and title.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid as uuids
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from growthlog.i18n import t
from growthlog.models import KIND_FIELDS, Entry, field_choices
from growthlog.services.capture import SHORT_TITLE
from growthlog.services.exchange.common import FORMAT_NAME, FORMAT_VERSION, ExchangeError, Progress
from growthlog.textutil import TITLE_MAX, clean_line

# The tag a starred jrnl entry gets, so that the star is not lost.
STARRED_TAG = "starred"
# Ids are checked for being taken this many at a time (SQLite's variable limit is far above).
_ID_CHUNK = 500
MAX_ID = 2**63 - 1


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
    return describe_error(error)


def describe_error(error: ValidationError) -> str:
    """One line naming the field at fault and what is wrong with it."""
    first = error.errors()[0]
    location = [str(part) for part in first["loc"]]
    message = first["msg"].removeprefix("Value error, ")
    where = ".".join(location)
    return f"{where}: {message}" if where else message


def short(text: Any) -> str:
    """A record's title or name as an error message quotes it: one line, at most 40 characters."""
    text = clean_line(str(text or ""))
    return text if len(text) <= 40 else text[:40] + "…"


def _entry_problem(position: int, item: Any, reason: str) -> ExchangeError:
    title = short(item.get("title")) if isinstance(item, dict) else ""
    return ExchangeError(t("cli.import.bad_entry", position=position, title=title, reason=reason))


def check_uuid(value: Any) -> str | None:
    """The reason a record's UUID is not one, or None when it is one (or absent)."""
    if value is None:
        return None
    try:
        uuids.UUID(str(value))
    except ValueError:
        return t("cli.import.bad_uuid", value=short(value))
    return None if isinstance(value, str) else t("cli.import.bad_uuid", value=short(value))


def check_id(value: int | None) -> str | None:
    """The reason a record's id is not one, or None when it is one (or absent)."""
    if value is not None and not 0 < value <= MAX_ID:
        return t("cli.import.bad_id", id=value)
    return None


def _link_uuids(item: dict[str, Any]) -> list[str | None] | None:
    """The UUIDs a version-2 file gives its entry's links (taken out of the links, which the model
    would refuse them in), or None when no link has one."""
    links = item.get("links")
    if not isinstance(links, list) or not any(isinstance(link, dict) and "uuid" in link for link in links):
        return None
    found = []
    for link in links:
        found.append(link.pop("uuid", None) if isinstance(link, dict) else None)
    return found


def _growthlog_entry(item: Any, position: int) -> tuple[Entry, list[str | None] | None]:
    if not isinstance(item, dict):
        raise _entry_problem(position, item, t("cli.import.not_object"))
    link_uuids = _link_uuids(item)
    try:
        entry = Entry.model_validate(item)
    except ValidationError as error:
        raise _entry_problem(position, item, describe_entry_error(error, item.get("kind", "note"))) from None
    for reason in (check_id(entry.id), check_uuid(entry.uuid), *map(check_uuid, link_uuids or ())):
        if reason:
            raise _entry_problem(position, item, reason)
    return entry, link_uuids


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


def parse_entries(
    data: Any, fmt: str, *, author: str = "", progress: Progress | None = None
) -> tuple[list[Entry], dict[int, list[str | None]]]:
    """Every entry of a parsed import file, validated, and the UUIDs of their links' targets (by
    the entry's position; only entries whose links name some); :class:`ExchangeError` at the first
    bad entry, or at a UUID given to two entries.

    ``data["entries"]`` is consumed: each raw item is dropped once its entry is built, so that a
    large file is not held in memory twice over (raw and validated).
    """
    items = data["entries"]
    entries: list[Entry] = []
    link_uuids: dict[int, list[str | None]] = {}
    first_with: dict[str, int] = {}
    for index in range(len(items)):
        item, items[index] = items[index], None
        if fmt == "growthlog":
            entry, targets = _growthlog_entry(item, index + 1)
            if targets is not None:
                link_uuids[index] = targets
            if entry.uuid is not None:
                if first_with.setdefault(entry.uuid, index + 1) != index + 1:
                    raise _entry_problem(index + 1, {"title": entry.title}, t(
                        "cli.import.repeated_uuid", uuid=entry.uuid, first=first_with[entry.uuid]))
        else:
            entry = _jrnl_entry(item, index + 1, author)
        entries.append(entry)
        if progress is not None:
            progress(index + 1)
    items.clear()
    return entries, link_uuids


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
        if cursor > MAX_ID:
            raise ExchangeError(t("cli.import.no_free_ids"))
    return found
