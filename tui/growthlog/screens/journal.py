"""The journal: every entry, filtered by kind, tag and dates, searched as you type.

The list is paged (see :class:`EntryList`): this screen answers its page requests in workers
(:func:`growthlog.services.views.journal.load_page`), so 100,000 entries cost what one screenful
costs. Search results are ranked, at most :data:`~growthlog.services.views.journal.SEARCH_LIMIT`
of them. When the data changes the count is read again and the list keeps its cursor.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Input, Select, Static

from growthlog.i18n import kind_label, t
from growthlog.keys import bindings
from growthlog.kinds import KINDS
from growthlog.models import Entry
from growthlog.screens.base import ModeScreen, write
from growthlog.screens.browsing import EntryBrowsing
from growthlog.screens.confirm import ConfirmScreen
from growthlog.services.dates import DateError, parse_date
from growthlog.services.views.journal import SEARCH_LIMIT, JournalView, load_journal, load_page
from growthlog.store.api import Store
from growthlog.store.entries import EntryFilter
from growthlog.store.errors import StoreError
from growthlog.widgets.footer import KeyFooter
from growthlog.widgets.entry_list import PAGE_SIZE, EntryList
from growthlog.widgets.entry_view import EntryView
from growthlog.widgets.mode_bar import ModeBar

SEARCH_DELAY = 0.15
ALL = "*"


class JournalScreen(EntryBrowsing, ModeScreen):
    CSS_PATH = "journal.tcss"
    KEY_SCOPE = "journal"
    BINDINGS = bindings(KEY_SCOPE)
    AUTO_FOCUS = "#journal-list"

    def __init__(self, *, store: Store, today: dt.date) -> None:
        super().__init__()
        self.store = store
        self.today = today
        self.filter = EntryFilter()
        self.query_text = ""
        self.search_ids: list[int] | None = None
        self.last_deleted: Entry | None = None
        self._search_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield ModeBar("journal")
        with Vertical(id="journal"):
            with Horizontal(id="journal-filters"):
                yield Input(id="search", placeholder=t("journal.search_placeholder"))
                yield Select([(kind_label(k), k) for k in KINDS], prompt=t("journal.all_kinds"), id="kind-filter")
                yield Select([], prompt=t("journal.all_tags"), id="tag-filter")
                yield Input(id="since", placeholder=t("journal.since_placeholder"))
                yield Input(id="until", placeholder=t("journal.until_placeholder"))
            yield Static(id="journal-status", markup=False)
            with Horizontal(id="journal-main"):
                yield EntryList(id="journal-list", empty_text=t("journal.empty"))
                yield EntryView(id="journal-detail")
        yield KeyFooter()

    # Loading
    def reload(self) -> None:
        """The data changed: the same filter and search again, the cursor on the same entry."""
        self.load(keep_cursor=True)

    @work(group="load", exclusive=True)
    async def load(self, keep_cursor: bool = False) -> None:
        """Count (or search) with the current filter and start the list over."""
        query, where = self.query_text, self.filter
        follow = self.query_one(EntryList).highlighted if keep_cursor else None
        view = await asyncio.to_thread(load_journal, self.store, where, query, follow)
        self.show(view, query, keep_cursor)

    def show(self, view: JournalView, query: str, keep_cursor: bool) -> None:
        self.search_ids = view.search_ids
        if view.search_ids is not None:
            status = t("journal.results", count=view.total, query=query.strip())
            if view.capped:
                status += " " + t("journal.results_capped", limit=SEARCH_LIMIT)
        elif self.filter.is_empty:
            status = t("journal.count_all", count=view.total)
        else:
            status = t("journal.count", count=view.total)
        if self.filter.author is not None:
            status += " · " + t("team.journal.only_mine", name=self.filter.author or "—")
        self.query_one("#journal-status", Static).update(status)
        self.show_tags(view.tags)
        entry_list = self.query_one(EntryList)
        entry_list.set_show_author(view.several_writers and self.filter.author is None)
        entry_list.reset(view.total, keep_cursor=keep_cursor, cursor=view.cursor)
        if view.total == 0:
            self.query_one(EntryView).show(None)

    def show_tags(self, counts: list[tuple[str, int]]) -> None:
        """The tag filter's choices, keeping the one chosen while it is still in use."""
        select = self.query_one("#tag-filter", Select)
        current = select.value
        options = [(Text(f"#{tag}  ({count})"), tag) for tag, count in counts]
        with self.prevent(Select.Changed):
            select.set_options(options)
            if current is not Select.NULL and any(tag == current for tag, _ in counts):
                select.value = current

    @on(EntryList.PagesWanted)
    def pages_wanted(self, event: EntryList.PagesWanted) -> None:
        self.load_pages(event.entry_list, event.offsets, event.generation)

    @work(group="pages")
    async def load_pages(self, entry_list: EntryList, offsets: list[int], generation: int) -> None:
        search_ids = self.search_ids
        where = self.filter
        for offset in offsets:
            page = await asyncio.to_thread(load_page, self.store, where, search_ids, offset, PAGE_SIZE)
            entry_list.set_page(offset, page, generation)

    # Detail and editing
    def action_delete(self) -> None:
        entry = self.query_one(EntryList).highlighted
        if entry is None:
            return

        def answered(sure: bool | None) -> None:
            if sure:
                self.delete_entry(entry)

        self.app.push_screen(
            ConfirmScreen(
                t("journal.delete_question"),
                f"{entry.day} · {kind_label(entry.kind)} · {entry.title}",
                yes=t("journal.delete_yes"),
            ),
            answered,
        )

    @work(group="write")
    async def delete_entry(self, entry: Entry) -> None:
        try:
            self.last_deleted = await write(self, self.store.delete_entry, entry.id)
        except StoreError as error:
            self.notify(t("journal.write_failed", error=str(error)), severity="error", markup=False)
            return
        self.notify(t("journal.deleted", title=entry.title), markup=False)

    async def action_undo(self) -> None:
        if self.last_deleted is None:
            self.notify(t("journal.nothing_to_undo"), markup=False)
            return
        entry = self.last_deleted
        try:
            await write(self, self.store.restore_entry, entry)
        except StoreError as error:  # kept in last_deleted: undo can be tried again
            self.notify(t("journal.write_failed", error=str(error)), severity="error", markup=False)
            return
        self.last_deleted = None
        self.notify(t("journal.restored", title=entry.title), markup=False)

    # Search and filters
    def focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_focus_filters(self) -> None:
        self.query_one("#kind-filter", Select).focus()

    def action_clear(self) -> None:
        search = self.query_one("#search", Input)
        if search.value:
            search.value = ""
        self.query_one(EntryList).focus()

    @on(Input.Changed, "#search")
    def search_changed(self, event: Input.Changed) -> None:
        # Results as you type, without a query per keystroke.
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, lambda: self._apply_search(event.value))

    def _apply_search(self, text: str) -> None:
        self.query_text = text
        self.load()

    @on(Input.Submitted, "#search")
    def search_submitted(self) -> None:
        self.query_one(EntryList).focus()

    def action_toggle_mine(self) -> None:
        """Mine / everyone's: only the entries this writer wrote, or the whole team's."""
        mine = None if self.filter.author is not None else self.store.author
        self.filter = dataclasses.replace(self.filter, author=mine)
        self.notify(t("team.journal.showing_mine" if mine is not None else "team.journal.showing_everyone"), markup=False)
        self.load()

    @on(Select.Changed, "#kind-filter")
    def kind_filter_changed(self, event: Select.Changed) -> None:
        kinds = () if event.value is Select.NULL else (str(event.value),)
        self.filter = dataclasses.replace(self.filter, kinds=kinds)
        self.load()

    @on(Select.Changed, "#tag-filter")
    def tag_filter_changed(self, event: Select.Changed) -> None:
        tag = None if event.value is Select.NULL else str(event.value)
        self.filter = dataclasses.replace(self.filter, tag=tag)
        self.load()

    @on(Input.Changed, "#since")
    @on(Input.Changed, "#until")
    def dates_changed(self, event: Input.Changed) -> None:
        event.input.remove_class("invalid")

    @on(Input.Submitted, "#since")
    @on(Input.Submitted, "#until")
    def dates_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        try:
            day = parse_date(text, self.today) if text else None
        except DateError as error:
            event.input.add_class("invalid")
            self.notify(str(error), severity="error", markup=False)
            return
        if day is not None:
            event.input.value = day.isoformat()
        field = "since" if event.input.id == "since" else "until"
        self.filter = dataclasses.replace(self.filter, **{field: day})
        self.load()
        self.query_one(EntryList).focus()
