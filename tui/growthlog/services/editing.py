"""From what a user typed to a valid Entry, with errors a person can act on.

Shared by the app's editor and quick capture. No textual here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ValidationError

from growthlog.i18n import t
from growthlog.models import KIND_FIELDS, Entry, field_is_date
from growthlog.services.capture import parse_capture
from growthlog.services.dates import DateError, parse_date
from growthlog.textutil import find_tags, strip_tags


class EntryInputError(ValueError):
    """Input that cannot become an entry; ``field`` names where (title, day, tags, or a kind field)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def drop_empty_sections(body: str) -> str:
    """The body without Markdown headings that have nothing under them.

    A new entry starts from its kind's template; the sections the user did not fill are noise in
    the saved entry, so they go. Headings with content, and all other text, stay as typed.
    """
    lines = body.split("\n")
    kept: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if _is_heading(line):
            end = index + 1
            while end < len(lines) and not _is_heading(lines[end]):
                end += 1
            section = lines[index:end]
            if any(part.strip() for part in section[1:]) or _has_deeper_content(lines, index, end):
                kept.extend(section)
            index = end
        else:
            kept.append(line)
            index += 1
    return "\n".join(kept).strip("\n") + ("\n" if kept and any(k.strip() for k in kept) else "")


def _is_heading(line: str) -> bool:
    stripped = line.lstrip()
    return stripped.startswith("#") and stripped.lstrip("#").startswith(" ")


def _heading_level(line: str) -> int:
    stripped = line.lstrip()
    return len(stripped) - len(stripped.lstrip("#"))


def _has_deeper_content(lines: list[str], start: int, end: int) -> bool:
    """Whether a heading's sub-headings (deeper levels, right after it) hold content."""
    level = _heading_level(lines[start])
    index = end
    while index < len(lines):
        if _is_heading(lines[index]):
            if _heading_level(lines[index]) <= level:
                return False
        elif lines[index].strip():
            return True
        index += 1
    return False


def split_tags(text: str) -> list[str]:
    """Tags typed in a tags box: separated by spaces, commas (also ，、) or '#'."""
    for separator in ",，、#＃":
        text = text.replace(separator, " ")
    return text.split()


def build_entry(
    *,
    kind: str,
    title: str,
    body: str,
    tags_text: str,
    day_text: str,
    fields: dict[str, Any],
    today: dt.date,
    author: str,
    original: Entry | None = None,
    links: list[dict[str, str]] | None = None,
) -> Entry:
    """A validated entry from an editor's raw values; :class:`EntryInputError` says what is wrong.

    ``#tags`` written in the title are moved to the tags, as in quick capture.
    """
    try:
        day = parse_date(day_text, today) if day_text.strip() else today
    except DateError as error:
        raise EntryInputError(str(error), "day") from None
    values = dict(fields)
    for name, value in values.items():
        if name in KIND_FIELDS[kind].model_fields and field_is_date(kind, name) and isinstance(value, str) and value.strip():
            try:
                values[name] = parse_date(value, today).isoformat()
            except DateError as error:
                raise EntryInputError(f"{t('field.' + name)}: {error}", name) from None
    title_tags = find_tags(title)
    if title_tags:
        title = strip_tags(title)
    tags = split_tags(tags_text) + title_tags
    data: dict[str, Any] = {
        "kind": kind,
        "title": title,
        "body": drop_empty_sections(body),
        "tags": tags,
        "day": day,
        "fields": values,
        "author": original.author if original else author,
    }
    if original is not None:
        # The revision it was opened at: a save over someone else's later save is then refused.
        data.update(id=original.id, created=original.created, links=original.links,
                    uuid=original.uuid, revision=original.revision)
    elif links:
        data["links"] = links
    try:
        return Entry(**data)
    except ValidationError as error:
        raise _input_error(error) from None


def _input_error(error: ValidationError) -> EntryInputError:
    first = error.errors()[0]
    location = [str(part) for part in first["loc"]]
    name = location[-1] if location else None
    message = first["msg"].removeprefix("Value error, ")
    if name == "title" and "empty" in message:
        return EntryInputError(t("error.empty_title"), "title")
    label = t(f"field.{name}") if name else ""
    return EntryInputError(f"{label}: {message}" if label else message, name)


def entry_from_capture(text: str, *, today: dt.date, author: str, kind: str | None = None) -> Entry:
    """An entry from a quick-capture line (``问题：留存率下降#留存``)."""
    capture = parse_capture(text)
    if not capture.title:
        raise EntryInputError(t("error.empty_title"), "title")
    chosen = capture.kind or kind or "note"
    try:
        return Entry(
            kind=chosen, title=capture.title, body=capture.body, tags=capture.tags, day=today, author=author
        )
    except ValidationError as error:
        raise _input_error(error) from None
