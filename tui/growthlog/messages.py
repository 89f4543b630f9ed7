"""Messages that screens send up to the app, which owns the editor and the modals."""

from __future__ import annotations

from textual.message import Message

import datetime as dt

from growthlog.models import Entry


class EditRequested(Message):
    """The user wants to edit ``entry``."""

    def __init__(self, entry: Entry) -> None:
        super().__init__()
        self.entry = entry


class ExpandRequested(Message):
    """Open text in the editor, whole: several lines pasted into quick capture, or a problem to
    write about a metric (with ``kind`` and ``links`` set)."""

    def __init__(self, text: str, *, kind: str | None = None, links: list[dict[str, str]] | None = None) -> None:
        super().__init__()
        self.text = text
        self.kind = kind
        self.links = links


class GoalRequested(Message):
    """Open the goal editor for a new goal with ``title`` (and ``due``) filled in: a line of a
    review's plan becoming a goal."""

    def __init__(self, title: str, due: dt.date | None = None) -> None:
        super().__init__()
        self.title = title
        self.due = due

