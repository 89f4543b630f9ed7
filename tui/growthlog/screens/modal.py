"""The base of every dialog: escape closes it (binding ``modal.close``, remappable) and changes
nothing. A dialog whose "nothing" is not None (a question answered no) overrides
:meth:`Modal.action_close`."""

from __future__ import annotations

from typing import Generic, TypeVar

from textual.screen import ModalScreen

from growthlog.keys import bindings

ResultType = TypeVar("ResultType")


class Modal(ModalScreen[ResultType], Generic[ResultType]):
    BINDINGS = bindings("modal")

    def action_close(self) -> None:
        self.dismiss(None)
