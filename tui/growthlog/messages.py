"""Messages that screens send up to the app, which owns the editor and the modals."""

from __future__ import annotations

from textual.message import Message

from growthlog.models import Entry


class EditRequested(Message):
    """The user wants to edit ``entry``."""

    def __init__(self, entry: Entry) -> None:
        super().__init__()
        self.entry = entry


class ExpandRequested(Message):
    """Several lines were pasted into quick capture: open them in the editor, whole."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
