"""The quick-capture line: one line of text, ``kind:`` prefix and ``#tags`` understood.

It only collects text and posts :class:`CaptureLine.Submitted`; the screen stores it.
"""

from __future__ import annotations

from textual import events, on
from textual.message import Message
from textual.widgets import Input

from growthlog.i18n import t


class CaptureLine(Input):
    """Enter submits the line and clears it; the placeholder teaches the syntax."""

    DEFAULT_CSS = """
    CaptureLine { border: tall $accent; }
    CaptureLine:focus { border: tall $primary; }
    """

    class Captured(Message):
        """A line to store as an entry."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Expanded(Message):
        """Text with several lines was pasted: too much for one line, so it goes to the editor
        whole (an Input would keep only the first line and lose the rest)."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder=t("capture.placeholder"), id=id)

    def _on_paste(self, event: events.Paste) -> None:
        if "\n" in event.text.strip("\r\n"):
            event.prevent_default()
            event.stop()
            self.post_message(self.Expanded(self.value + event.text))
            self.clear()

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        text = self.value.strip()
        if text:
            self.post_message(self.Captured(text))
            self.clear()
