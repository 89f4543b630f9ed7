"""What every screen that shows an entry list beside an entry's detail does the same way."""

from __future__ import annotations

from growthlog.messages import EditRequested
from growthlog.widgets.entry_list import EntryList
from growthlog.widgets.entry_view import EntryView


class EntryBrowsing:
    """Mixin for a Screen with one :class:`EntryList` and one :class:`EntryView`: the detail
    follows the cursor, and enter or ``e`` asks the app to edit the entry.

    Handlers are named by Textual's convention (``on_<widget>_<message>``) because the ``@on``
    decorator only registers on Textual classes, not on a mixin.
    """

    def on_entry_list_highlighted(self, event: EntryList.Highlighted) -> None:
        self.query_one(EntryView).show(event.entry)

    def on_entry_list_selected(self, event: EntryList.Selected) -> None:
        self.post_message(EditRequested(event.entry))

    def action_edit(self) -> None:
        entry = self.query_one(EntryList).highlighted
        if entry is not None:
            self.post_message(EditRequested(entry))
