"""What the export and the import share: growthlog's own JSON format (its name and version, the
kinds of record it holds, an entry as plain JSON values) and the error an exchange reports to the
user. Kept apart so that a change to the format is made in one place and the two directions stay in
step.

Versions of the format: 1 held entries only; 2 holds the whole log (entries, metrics with their
values, goals with their check-ins, saved reviews), every record with its UUID, and links between
records by UUID as well as by id. Version 1 files still import.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from growthlog.models import Entry

FORMAT_NAME = "growthlog"
FORMAT_VERSION = 2

Progress = Callable[[int], None]

RECORD_TYPES = ("entries", "metrics", "values", "goals", "checkins", "reviews")
"""The kinds of record a whole-log file holds, in the order they are reported."""


class ExchangeError(ValueError):
    """An export or import that cannot be done; the message is one line for the user."""


def entry_to_dict(entry: Entry) -> dict[str, Any]:
    """An entry as plain JSON values; the form of growthlog's JSON export and of ``--json``."""
    return entry.model_dump(mode="json")


def dumps(value: Any, *, indent: int | None = None) -> str:
    """JSON with Chinese kept as Chinese."""
    return json.dumps(value, ensure_ascii=False, indent=indent)

