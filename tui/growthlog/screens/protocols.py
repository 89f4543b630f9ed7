"""What the app asks of a screen, said as Protocols rather than looked up by name.

The app checks ``isinstance(screen, Searchable)`` (these Protocols are runtime-checkable) before
asking, so a screen that cannot do something is simply not asked.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class Searchable(Protocol):
    """A screen with a search field (the Journal)."""

    def focus_search(self) -> None: ...


@runtime_checkable
class Capturing(Protocol):
    """A screen with the quick-capture line (Today)."""

    def focus_capture(self) -> None: ...


@runtime_checkable
class MetricContext(Protocol):
    """A screen with a metric under the cursor (Metrics): recording a value preselects it."""

    @property
    def highlighted_metric_key(self) -> str | None: ...


@runtime_checkable
class KeyScoped(Protocol):
    """A screen whose own keys are listed in the key registry under ``KEY_SCOPE``; the command
    palette offers them while it is shown."""

    KEY_SCOPE: str
