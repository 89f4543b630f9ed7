"""Quick capture from any screen: one line, returned as typed (or None on escape)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from growthlog.screens.modal import Modal
from textual.widgets import Label

from growthlog.i18n import t
from growthlog.widgets.capture_line import CaptureLine


class CaptureScreen(Modal[str | None]):
    CSS_PATH = "capture.tcss"

    def compose(self) -> ComposeResult:
        with Vertical(id="capture"):
            yield Label(t("capture.title"), id="capture-title", markup=False)
            yield CaptureLine(id="capture-line")

    def on_capture_line_captured(self, event: CaptureLine.Captured) -> None:
        event.stop()
        self.dismiss(event.text)
