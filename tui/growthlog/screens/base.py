"""What every screen shares: the app's "data changed" signal, the one way to write, the mode base.

The app owns one :class:`~textual.signal.Signal` for "the data changed". It is published after each
of the app's own writes (:func:`write`) and when the database changed underneath (another member,
the command line): the app checks ``PRAGMA data_version`` off the UI thread once a second. A mode's
screen (:class:`ModeScreen`) subscribes to it: it reloads at once when it is on screen, or when it is
shown again if it was not. Reloading keeps what the user is doing: the cursor, the selection, the
scroll position and anything being typed are the screens' own, and loading never touches them.

What a screen needs of the app is written down as :class:`DataHost` (a Protocol), never looked up
by name; what the app needs of a screen, likewise, in :mod:`growthlog.screens.protocols`.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from typing import Any, Literal, Protocol, TypeVar, cast

from textual.dom import DOMNode
from textual.screen import Screen
from textual.signal import Signal

T = TypeVar("T")


@dataclasses.dataclass(frozen=True)
class DataChange:
    """What the "data changed" signal carries: who changed it."""

    origin: Literal["here", "elsewhere"]
    """``here``: a write of this app; ``elsewhere``: another process (a teammate, the command line)."""


class DataHost(Protocol):
    """The app, as screens see it."""

    data_changed: Signal[DataChange]

    def announce_change(self) -> None:
        """Tell every screen that this app wrote something."""


def host(node: DOMNode) -> DataHost:
    """The app behind ``node``, as a :class:`DataHost`."""
    return cast(DataHost, node.app)


async def write(node: DOMNode, call: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a store write off the UI thread; once it succeeded, announce the change app-wide.

    Errors are the caller's to show: each screen says in its own words what was not saved.
    """
    result = await asyncio.to_thread(call, *args, **kwargs)
    host(node).announce_change()
    return result


class ModeScreen(Screen):
    """A mode's screen (Today, Journal, Goals, Metrics, Review): reloads on the data-changed signal.

    Subclasses implement :meth:`reload` (start a worker that loads the view in one thread call and
    shows it). They may override :meth:`wants_reload` to ignore changes that cannot matter to them.
    """

    KEY_SCOPE = ""
    """The screen's scope in the key registry (:mod:`growthlog.keys`)."""

    stale = False
    """Something changed while the screen was not shown: reload when it is shown again."""

    def on_mount(self) -> None:
        host(self).data_changed.subscribe(self, self._data_changed)
        self.reload()

    def _data_changed(self, change: DataChange) -> None:
        if not self.wants_reload(change):
            return
        if self.is_shown:
            self.reload()
        else:
            self.stale = True

    @property
    def is_shown(self) -> bool:
        """Whether this screen is on screen or under a screen of its mode (a modal shows it)."""
        return self.is_attached and self in self.app.screen_stack

    def on_screen_resume(self) -> None:
        if self.stale:
            self.stale = False
            self.reload()

    def wants_reload(self, change: DataChange) -> bool:
        return True

    def reload(self) -> None:
        raise NotImplementedError
