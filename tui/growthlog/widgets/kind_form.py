"""The form for one kind's own fields: a choice list, a line, a date or a few lines of text each.

It is built from the kind's pydantic model, so a field added to the model appears here with no UI
change. Values go in and out as the plain strings the model validates.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Label, Select, TextArea

from growthlog.i18n import t
from growthlog.models import KIND_FIELDS, field_choices, field_is_block, field_is_date


class KindForm(Vertical):
    """Inputs for the fields of ``kind``; posts :class:`KindForm.Changed` on every edit."""

    DEFAULT_CSS = """
    KindForm { height: auto; }
    KindForm > Label { margin-top: 1; color: $text-muted; }
    KindForm > TextArea { height: 4; }
    KindForm > Select { width: 40; }
    KindForm > Input.date { width: 24; }
    """

    class Changed(Message):
        """Some field was edited."""

    def __init__(self, kind: str, values: dict[str, Any] | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.kind = kind
        self._initial = values or {}

    def compose(self) -> ComposeResult:
        for name, info in KIND_FIELDS[self.kind].model_fields.items():
            value = self._initial.get(name, info.default)
            label = t(f"field.{name}")
            yield Label(label, markup=False)
            widget_id = f"field-{name}"
            if choices := field_choices(self.kind, name):
                options = [(t(f"choice.{choice}"), choice) for choice in choices]
                yield Select(options, value=value if value in choices else Select.NULL, allow_blank=info.default is None, id=widget_id, prompt=label)
            elif field_is_block(self.kind, name):
                area = TextArea(str(value or ""), id=widget_id, soft_wrap=True, show_line_numbers=False)
                area.tooltip = label
                yield area
            elif field_is_date(self.kind, name):
                yield Input(str(value or ""), id=widget_id, placeholder=t("editor.date_placeholder"), classes="date")
            else:
                yield Input(str(value or ""), id=widget_id, placeholder=label)

    def values(self) -> dict[str, Any]:
        """The form's values by field name; untouched optional choices and blank dates as ''."""
        result: dict[str, Any] = {}
        for name in KIND_FIELDS[self.kind].model_fields:
            widget = self.query_one(f"#field-{name}")
            if isinstance(widget, Select):
                result[name] = "" if widget.value is Select.NULL else widget.value
            elif isinstance(widget, TextArea):
                result[name] = widget.text
            elif isinstance(widget, Input):
                result[name] = widget.value
        return result

    def focus_field(self, name: str) -> bool:
        """Focus the input of ``name``; False when the form has no such field."""
        matches = self.query(f"#field-{name}")
        if matches:
            matches.first().focus()
            return True
        return False

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed())

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.post_message(self.Changed())

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.post_message(self.Changed())
