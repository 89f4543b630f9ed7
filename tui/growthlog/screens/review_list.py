"""The saved reviews (and unsaved drafts of reviews), newest period first: choose one to open it.
Returns the chosen line's :class:`Period`, or None."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from growthlog.i18n import t
from growthlog.screens.modal import Modal
from growthlog.services.periods import Period
from growthlog.services.review_writing import PastReview
from growthlog.textutil import fit, pad

LABEL_WIDTH = 40
SUMMARY_WIDTH = 48


def past_review_label(item: PastReview) -> Text:
    label = Text(pad(fit(item.period.label(), LABEL_WIDTH), LABEL_WIDTH), style="bold")
    label.append("  ")
    if item.draft:
        label.append(f"({t('reviewui.list_draft')}) ", style="yellow")
    label.append(fit(item.summary, SUMMARY_WIDTH) if item.summary else t("reviewui.no_summary"), style="" if item.summary else "dim")
    return label


class ReviewListScreen(Modal[Period | None]):
    CSS_PATH = "review_list.tcss"

    def __init__(self, items: list[PastReview]) -> None:
        super().__init__()
        self.items = items

    def compose(self) -> ComposeResult:
        with Vertical(id="review-list"):
            yield Static(t("reviewui.list_title"), id="review-list-title", markup=False)
            if self.items:
                yield OptionList(*[Option(past_review_label(item), id=str(i)) for i, item in enumerate(self.items)],
                                 id="review-list-options")
            else:
                yield Static(t("reviewui.list_empty"), id="review-list-empty", markup=False)

    def on_mount(self) -> None:
        if self.items:
            options = self.query_one(OptionList)
            options.highlighted = 0
            options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.items[int(event.option.id or 0)].period)
