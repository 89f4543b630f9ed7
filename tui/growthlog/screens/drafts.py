"""Offer unsaved drafts back at start: restore one, discard one, or decide later."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from growthlog.i18n import kind_label, t
from growthlog.keys import bindings
from growthlog.models import Draft
from growthlog.screens.modal import Modal


def draft_label(draft: Draft) -> Text:
    """A draft as one line: when, kind, title (user text kept as plain text)."""
    data = draft.data
    title = (data.get("title") or "").strip() or t("drafts.untitled")
    label = Text()
    label.append(draft.saved_at.strftime("%Y-%m-%d %H:%M"), "dim")
    label.append("  ")
    label.append(kind_label(data.get("kind", "note")))
    label.append("  ")
    label.append(title)
    return label


class DraftsScreen(Modal[tuple[str, Draft] | None]):
    """Returns ("restore", draft), ("discard", draft), or None for later."""

    CSS_PATH = "drafts.tcss"
    BINDINGS = bindings("drafts")

    def __init__(self, drafts: list[Draft]) -> None:
        super().__init__()
        self.drafts = drafts

    def compose(self) -> ComposeResult:
        with Vertical(id="drafts"):
            yield Static(t("drafts.title", count=len(self.drafts)), id="drafts-title", markup=False)
            yield OptionList(*[Option(draft_label(d), id=d.key) for d in self.drafts], id="drafts-list")
            with Horizontal(id="drafts-buttons"):
                yield Button(t("drafts.restore"), variant="primary", id="restore")
                yield Button(t("drafts.discard"), variant="error", id="discard")
                yield Button(t("drafts.later"), id="later")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    def _selected(self) -> Draft | None:
        index = self.query_one(OptionList).highlighted
        return self.drafts[index] if index is not None and index < len(self.drafts) else None

    def action_choose(self, what: str) -> None:
        draft = self._selected()
        self.dismiss((what, draft) if draft else None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_choose("restore")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "later":
            self.dismiss(None)
        else:
            self.action_choose(event.button.id or "restore")
