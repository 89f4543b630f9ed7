"""What the export and the import of entries share: growthlog's own JSON format (its name and
version, an entry as plain JSON values) and the error an exchange reports to the user. Kept apart so
that a change to the format is made in one place and the two directions stay in step."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from growthlog.models import Entry

FORMAT_NAME = "growthlog"
FORMAT_VERSION = 1

Progress = Callable[[int], None]


class ExchangeError(ValueError):
    """An export or import that cannot be done; the message is one line for the user."""


def entry_to_dict(entry: Entry) -> dict[str, Any]:
    """An entry as plain JSON values; the form of growthlog's JSON export and of ``--json``."""
    return entry.model_dump(mode="json")


def dumps(value: Any, *, indent: int | None = None) -> str:
    """JSON with Chinese kept as Chinese."""
    return json.dumps(value, ensure_ascii=False, indent=indent)

