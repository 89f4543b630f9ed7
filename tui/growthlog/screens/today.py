"""Today, the home screen: the date, the logging streak, quick capture, and today's entries."""

from __future__ import annotations

import asyncio
import datetime as dt

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from growthlog.i18n import kind_label, t
from growthlog.keys import bindings
from growthlog.messages import EditRequested, ExpandRequested
from growthlog.models import Entry
from growthlog.screens.base import ModeScreen, write
from growthlog.screens.browsing import EntryBrowsing
from growthlog.services.editing import EntryInputError, entry_from_capture
from growthlog.services.views.today import TodayView, load_today
from growthlog.store.api import Store
from growthlog.store.errors import StoreError
from growthlog.widgets.footer import KeyFooter
from growthlog.widgets.capture_line import CaptureLine
from growthlog.widgets.entry_list import PAGE_SIZE, EntryList
from growthlog.widgets.entry_view import EntryView
from growthlog.widgets.mode_bar import ModeBar


def weekday_name(day: dt.date) -> str:
    return t(f"weekday.{day.weekday()}")


def goal_lines(summaries: list) -> Text:
    """One line per goal: title, progress bar, forecast status (titles are user text: plain Text)."""
    from growthlog.widgets.progress_text import progress_bar, status_text

    lines = Text(t("today.goals_heading") + "\n", style="bold")
    if not summaries:
        lines.append(t("today.no_goals") + "\n", style="dim")
        return lines
    for summary in summaries:
        title = Text(summary.goal.title)
        title.truncate(22, overflow="ellipsis", pad=True)
        lines.append_text(title)
        lines.append(" ")
        lines.append_text(progress_bar(summary.progress, width=10))
        lines.append("  ")
        lines.append_text(status_text(summary.forecast.status))
        lines.append("\n")
    return lines


CARD_NAME_WIDTH = 14
CARD_SPARK_WIDTH = 10


def metric_cards(summaries: list) -> Text:
    """One line per metric: name, latest value, change coloured by whether it is good for that
    metric's direction, and a sparkline of its last values. Names are user text: plain Text."""
    from growthlog.services.numbers import format_change, format_value
    from growthlog.widgets.sparkline import sparkline

    cards = Text(t("today.metrics_heading") + "\n", style="bold")
    if not summaries:
        cards.append(t("today.no_metrics"), style="dim")
        return cards
    for summary in summaries:
        name = Text(summary.metric.name)
        name.truncate(CARD_NAME_WIDTH, overflow="ellipsis", pad=True)
        cards.append_text(name)
        cards.append(" ")
        if summary.latest_value is None:
            cards.append(t("today.no_value"), style="dim")
        else:
            value = Text(format_value(summary.latest_value, summary.metric.unit, compact=True), style="bold")
            value.truncate(9, overflow="ellipsis", pad=True)
            cards.append_text(value)
            colour = {True: "green", False: "red"}.get(summary.change_is_good, "dim")
            change = Text(format_change(summary.change, summary.relative_change, summary.metric.unit, compact=True), style=colour)
            change.truncate(15, overflow="ellipsis", pad=True)
            cards.append(" ")
            cards.append_text(change)
            cards.append(" ")
            cards.append_text(sparkline(summary.spark, CARD_SPARK_WIDTH, style=colour if colour != "dim" else "cyan"))
        cards.append("\n")
    return cards


class TodayScreen(EntryBrowsing, ModeScreen):
    """What today holds, and the fastest way to add to it."""

    CSS_PATH = "today.tcss"
    KEY_SCOPE = "today"
    BINDINGS = bindings(KEY_SCOPE)
    AUTO_FOCUS = "#capture-line"

    def __init__(self, *, store: Store, today: dt.date, author: str) -> None:
        super().__init__()
        self.store = store
        self.today = today
        self.author = author
        self.entries: list[Entry] = []
        self.attention: list = []

    def compose(self) -> ComposeResult:
        yield ModeBar("today")
        with Vertical(id="today"):
            yield Static(id="today-header")
            yield CaptureLine(id="capture-line")
            yield Label(t("today.entries_heading"), id="today-entries-heading", markup=False)
            with Horizontal(id="today-main"):
                with Vertical(id="today-left"):
                    yield EntryList(id="today-list", show_day=False, empty_text=t("today.empty"))
                    yield EntryView(id="today-detail")
                with VerticalScroll(id="today-side", can_focus=False):
                    yield Label(t("today.attention_heading"), id="today-attention-heading", markup=False)
                    yield OptionList(id="today-attention")
                    yield Static(id="today-goals", markup=False)
                    yield Static(id="today-metrics", markup=False)
        yield KeyFooter()

    def focus_capture(self) -> None:
        self.query_one(CaptureLine).focus()

    @work(group="load", exclusive=True)
    async def reload(self) -> None:
        """Load what Today shows in one thread call, then show it."""
        self.show(await asyncio.to_thread(load_today, self.store, self.today))

    def show(self, view: TodayView) -> None:
        """Show ``view``; the capture line, the cursor and the attention highlight stay put."""
        entries = view.entries
        self.query_one("#today-metrics", Static).update(metric_cards(view.metrics))
        self.query_one("#today-goals", Static).update(goal_lines(view.goals))
        self.show_attention(view.attention)
        self.entries = entries
        self.query_one("#today-header", Static).update(self.header_text(view.streak, len(entries)))
        heading = t("today.entries_heading_count", count=len(entries))
        if view.several_writers and entries:
            who = t("team.list_separator").join(t("team.writer_count", name=name, count=count) for name, count in view.writers_today)
            heading = f"{heading} · {who}"
        self.query_one("#today-entries-heading", Label).update(Text(heading))
        entry_list = self.query_one(EntryList)
        entry_list.set_show_author(view.several_writers)
        generation = entry_list.reset(len(entries), keep_cursor=True)
        for offset in range(0, len(entries), PAGE_SIZE):
            entry_list.set_page(offset, entries[offset : offset + PAGE_SIZE], generation)
        if not entries:
            self.query_one(EntryView).show(None)

    def header_text(self, streak: int, count: int) -> Text:
        header = Text()
        header.append(self.today.isoformat(), "bold")
        header.append(f"  {weekday_name(self.today)}", "bold")
        header.append("   ")
        if streak:
            header.append(t("today.streak", count=streak), "bold green")
        else:
            header.append(t("today.no_streak"), "dim")
        return header

    def show_attention(self, items: list) -> None:
        self.attention = items
        options = self.query_one("#today-attention", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        if not items:
            options.add_option(Option(Text(t("today.nothing_needs_attention"), style="dim"), disabled=True))
            return
        styles = {"metric": "red", "goal": "yellow", "problem": "red", "strategy": "cyan"}
        options.add_options([Option(Text("● ", style=styles.get(item.kind, "")) + Text(item.text)) for item in items])
        if highlighted is not None:
            options.highlighted = min(highlighted, len(items) - 1)

    @on(OptionList.OptionSelected, "#today-attention")
    def attention_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option_index < len(self.attention):
            self.act_on(self.attention[event.option_index])

    @work(group="attention")
    async def act_on(self, item) -> None:
        """A metric that moved the wrong way: a problem entry linked to it. A goal: the Goals mode.
        A problem or a strategy due for review: its editor."""
        if item.kind == "metric" and item.metric:
            self.post_message(
                ExpandRequested(
                    t("today.problem_about_metric", metric=item.params.get("metric", item.metric)),
                    kind="problem",
                    links=[{"type": "metric", "ref": item.metric}],
                )
            )
        elif item.kind == "goal":
            self.app.switch_mode("goals")
        elif item.entry_id is not None:
            entry = await asyncio.to_thread(self.store.get_entry, item.entry_id)
            if entry is not None:
                self.post_message(EditRequested(entry))

    @on(EntryList.PagesWanted)
    def pages_wanted(self, event: EntryList.PagesWanted) -> None:
        # Today's entries are all in memory already.
        for offset in event.offsets:
            event.entry_list.set_page(offset, self.entries[offset : offset + PAGE_SIZE], event.generation)

    def action_leave_input(self) -> None:
        self.query_one(EntryList).focus()

    @on(CaptureLine.Captured)
    def captured(self, event: CaptureLine.Captured) -> None:
        self.store_capture(event.text)

    @on(CaptureLine.Expanded)
    def expanded(self, event: CaptureLine.Expanded) -> None:
        self.post_message(ExpandRequested(event.text))

    @work(group="capture")
    async def store_capture(self, text: str) -> None:
        """Store a captured line; a bad line is put back in the capture box with the reason."""
        try:
            entry = entry_from_capture(text, today=self.today, author=self.author)
        except EntryInputError as error:
            self.query_one(CaptureLine).value = text
            self.notify(str(error), severity="error", markup=False)
            return
        try:
            saved = await write(self, self.store.add_entry, entry)
        except StoreError as error:  # e.g. the database is locked: the line goes back, not lost
            self.query_one(CaptureLine).value = text
            self.notify(t("capture.failed", error=str(error)), severity="error", markup=False)
            return
        self.notify(t("capture.saved", id=saved.id, kind=kind_label(saved.kind)), markup=False)
