"""What the small form modals share: enter or Save submits, Cancel closes, and a mistake is said
in the form and as a notification while the form stays open."""

from __future__ import annotations

from typing import Generic, TypeVar

from textual.widgets import Button, Input, Static

from growthlog.keys import bindings
from growthlog.screens.modal import Modal

ResultType = TypeVar("ResultType")


class FormModal(Modal[ResultType], Generic[ResultType]):
    """A modal form with a ``#save`` button, another button that cancels, and a Static whose id
    is :attr:`ERROR_ID` for the message. Subclasses implement :meth:`action_save`."""

    ERROR_ID = "form-error"
    BINDINGS = bindings("form")

    def action_save(self) -> None:
        raise NotImplementedError

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)

    def fail(self, message: str, widget_id: str) -> None:
        """Say what is wrong, in the form and as a notification, and stay open on ``widget_id``."""
        self.query_one(f"#{self.ERROR_ID}", Static).update(message)
        self.notify(message, severity="error", markup=False)
        self.query_one(widget_id).focus()
