"""When two people save the same record: what differs between their versions, and the copy that
"keep both" stores.

The store refuses a save over a version the writer never saw (:class:`~growthlog.store.errors.
EditConflict`); this module turns the two versions into what the person saving reads before
choosing: keep mine, take theirs, or keep both.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from growthlog.i18n import kind_label, t

ENTRY_FIELDS = ("title", "day", "kind", "tags", "body", "fields")
GOAL_FIELDS = ("title", "description", "metric", "baseline", "target", "start", "due", "why", "horizon", "status", "tags")
REVIEW_FIELDS = ("summary", "went_well", "to_improve", "plan")
SHOWN = 300
"""Characters of a long text shown on each side; the whole text is kept either way."""


@dataclasses.dataclass(frozen=True)
class Difference:
    """One field the two versions disagree on, as text to read."""

    label: str
    mine: str
    theirs: str


def differences(mine: Any, theirs: Any, fields: tuple[str, ...]) -> list[Difference]:
    """The fields (in ``fields`` order) whose values differ between two versions of a record."""
    found: list[Difference] = []
    for name in fields:
        mine_value, their_value = getattr(mine, name), getattr(theirs, name)
        if mine_value == their_value:
            continue
        if name == "fields":
            found.extend(_field_differences(mine_value, their_value))
            continue
        found.append(Difference(_label(name), _text(name, mine_value), _text(name, their_value)))
    return found


def _field_differences(mine_fields: dict, their_fields: dict) -> list[Difference]:
    return [
        Difference(t(f"field.{name}"), _text(name, mine_fields.get(name)), _text(name, their_fields.get(name)))
        for name in dict.fromkeys([*mine_fields, *their_fields])
        if mine_fields.get(name) != their_fields.get(name)
    ]


def _label(name: str) -> str:
    return t(f"conflict.field.{name}")


def _text(name: str, value: Any) -> str:
    if value is None or value == "" or value == []:
        return t("conflict.empty")
    if name == "kind":
        return kind_label(value)
    if name == "tags":
        return " ".join(f"#{tag}" for tag in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        from growthlog.services.numbers import format_number

        return format_number(value)
    text = str(value)
    return text if len(text) <= SHOWN else text[:SHOWN] + "…"


def who_changed(theirs: Any) -> str:
    """"王芳, 14:05" (or the day too when it was not today): who saved the other version and when."""
    author = getattr(theirs, "updated_by", "") or getattr(theirs, "author", "") or t("conflict.someone")
    updated = getattr(theirs, "updated", None)
    if updated is None:
        return author
    when = updated.strftime("%H:%M") if updated.date() == dt.date.today() else updated.strftime("%Y-%m-%d %H:%M")
    return t("conflict.who", name=author, when=when)


def combined_review(mine: Any, theirs: Any) -> Any:
    """"Keep both" for a review (one per period): their version with my writing added under
    theirs wherever the two differ."""
    update: dict[str, Any] = {"id": theirs.id, "uuid": theirs.uuid, "revision": theirs.revision}
    for name in REVIEW_FIELDS:
        their_text, my_text = getattr(theirs, name), getattr(mine, name)
        if my_text and my_text != their_text and my_text not in their_text:
            update[name] = f"{their_text}\n\n{my_text}" if their_text else my_text
        else:
            update[name] = their_text
    return mine.model_copy(update=update)


def as_copy(record: Any) -> Any:
    """``record`` as a new record of its own (no id, UUID or revision; written now), for "keep
    both"."""
    now = dt.datetime.now().replace(microsecond=0)
    update: dict[str, Any] = {"id": None, "uuid": None, "revision": 0, "updated": now}
    if hasattr(record, "created"):
        update["created"] = now
    return record.model_copy(update=update)
