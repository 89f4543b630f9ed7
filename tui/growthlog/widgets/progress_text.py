"""Progress and forecast status as short pieces of text, for lists and cards."""

from __future__ import annotations

from rich.text import Text

from growthlog.i18n import t

STATUS_STYLES = {"on-track": "green", "at-risk": "yellow", "off-track": "red"}


def progress_bar(fraction: float | None, width: int = 12) -> Text:
    """``████████░░░░  62%``; a dim dash when progress cannot be computed."""
    if fraction is None:
        return Text("—".ljust(width + 6), style="dim")
    shown = max(0.0, min(fraction, 1.0))
    filled = round(shown * width)
    bar = Text("█" * filled, style="green" if fraction >= 1 else "cyan")
    bar.append("░" * (width - filled), style="dim")
    bar.append(f" {fraction * 100:4.0f}%")
    return bar


def status_text(status: str | None) -> Text:
    """A forecast status (on track / at risk / off track) in its colour; blank when unknown."""
    if not status:
        return Text(t("forecast.unknown"), style="dim")
    return Text(t(f"forecast.{status}"), style=STATUS_STYLES.get(status, ""))
