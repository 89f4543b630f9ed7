"""A list of entries that never holds more than a few pages of them.

The list knows only how many entries there are; it draws the rows in view and asks for the pages
it lacks with :class:`EntryList.PagesWanted`. The screen loads them (off the UI thread) and hands
them back with :meth:`EntryList.set_page`. So 100,000 entries scroll as smoothly as ten, and the
widget never talks to storage.

Rows are drawn with cell widths (Chinese characters take two columns), so columns line up.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from growthlog.i18n import kind_short_label
from growthlog.keys import bindings
from growthlog.models import Entry

PAGE_SIZE = 100
# Pages kept in memory; beyond this the ones furthest from the cursor are dropped.
MAX_PAGES = 12
KIND_WIDTH = 9
TAGS_WIDTH = 22
DAY_WIDTH = 10
AUTHOR_WIDTH = 8


class EntryList(ScrollView, can_focus=True):
    """Entries, one per row: day, kind, author (when several people write), title, tags. A cursor
    row; enter selects."""

    BINDINGS = bindings("list")

    COMPONENT_CLASSES = {
        "entry-list--cursor",
        "entry-list--day",
        "entry-list--tags",
        "entry-list--placeholder",
        "entry-list--kind",
        "entry-list--author",
    }

    DEFAULT_CSS = """
    EntryList {
        background: $surface;
        scrollbar-gutter: stable;
        overflow-x: hidden;
    }
    EntryList > .entry-list--cursor { background: $block-cursor-blurred-background; }
    EntryList:focus > .entry-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
    EntryList > .entry-list--day { color: $text-muted; }
    EntryList > .entry-list--tags { color: $text-accent; }
    EntryList > .entry-list--kind { color: $text-secondary; }
    EntryList > .entry-list--author { color: $text-muted; }
    EntryList > .entry-list--placeholder { color: $text-disabled; }
    """

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class PagesWanted(Message):
        """The list needs these pages (``offset`` of their first rows) to draw what is in view."""

        def __init__(self, entry_list: "EntryList", offsets: list[int], generation: int) -> None:
            super().__init__()
            self.entry_list = entry_list
            self.offsets = offsets
            self.generation = generation

        @property
        def control(self) -> "EntryList":
            return self.entry_list

    class Highlighted(Message):
        """The cursor is on ``entry`` (None while its page is loading or the list is empty)."""

        def __init__(self, entry_list: "EntryList", entry: Entry | None) -> None:
            super().__init__()
            self.entry_list = entry_list
            self.entry = entry

        @property
        def control(self) -> "EntryList":
            return self.entry_list

    class Selected(Message):
        """Enter or a click on the cursor row."""

        def __init__(self, entry_list: "EntryList", entry: Entry) -> None:
            super().__init__()
            self.entry_list = entry_list
            self.entry = entry

        @property
        def control(self) -> "EntryList":
            return self.entry_list

    def __init__(self, *, empty_text: str = "", show_day: bool = True, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.total = 0
        self.empty_text = empty_text
        self.show_day = show_day
        self.show_author = False
        self.generation = 0
        self._pages: dict[int, list[Entry]] = {}
        self._requested: set[int] = set()
        self._last_highlight: int | None = None

    # Data in
    def reset(self, total: int, *, keep_cursor: bool = False, cursor: int | None = None) -> int:
        """Start over with ``total`` rows; returns the generation that page loads must quote.
        ``keep_cursor``: the cursor stays on its row, or on row ``cursor`` when given (where the
        entry it was on has moved to), and the view scrolls by as much as the cursor moved."""
        self.generation += 1
        self.total = total
        self._pages.clear()
        self._requested.clear()
        self._last_highlight = None
        self.virtual_size = Size(self.size.width, total)
        target = self.cursor if cursor is None else cursor
        new_cursor = min(target, max(total - 1, 0)) if keep_cursor else 0
        if not keep_cursor:
            self.scroll_to(y=0, animate=False)
        elif new_cursor != self.cursor:
            # What was on screen stays where it was, shifted with the rows added above it.
            self.scroll_to(y=self.scroll_y + new_cursor - self.cursor, animate=False)
        self.cursor = new_cursor
        self.refresh()
        self._want_pages()
        return self.generation

    def set_show_author(self, show: bool) -> None:
        """Name who wrote each entry (when more than one person writes in the database)."""
        if show != self.show_author:
            self.show_author = show
            self.refresh()

    def set_page(self, offset: int, entries: list[Entry], generation: int) -> None:
        """Rows starting at ``offset``; ignored when they belong to an earlier :meth:`reset`."""
        if generation != self.generation:
            return
        self._pages[offset] = entries
        self._requested.discard(offset)
        self._forget_far_pages()
        self.refresh()
        self._announce_highlight()

    def entry_at(self, index: int) -> Entry | None:
        page = self._pages.get(index - index % PAGE_SIZE)
        if page is None:
            return None
        position = index % PAGE_SIZE
        return page[position] if position < len(page) else None

    @property
    def highlighted(self) -> Entry | None:
        return self.entry_at(self.cursor) if self.total else None

    def loaded_entries(self) -> list[Entry]:
        """Entries currently held, in list order (for tests and small lists)."""
        return [entry for offset in sorted(self._pages) for entry in self._pages[offset]]

    # Drawing
    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.size.width
        if self.total == 0:
            if y == 0 and self.empty_text:
                style = self.get_component_rich_style("entry-list--placeholder")
                return Strip([Segment(" " + self.empty_text, style)]).adjust_cell_length(width)
            return Strip.blank(width)
        if index >= self.total:
            return Strip.blank(width)
        entry = self.entry_at(index)
        if entry is None:
            style = self.get_component_rich_style("entry-list--placeholder")
            line = Text(" …", style=style)
        else:
            line = self._row_text(entry, width)
        if index == self.cursor:
            line.stylize(self.get_component_rich_style("entry-list--cursor"))
        segments = list(line.render(self.app.console))
        strip = Strip(segments).adjust_cell_length(width, self.rich_style)
        return strip.crop(scroll_x, scroll_x + width)

    def _row_text(self, entry: Entry, width: int) -> Text:
        """One row. User text goes in as plain Text, never as markup."""
        day_style = self.get_component_rich_style("entry-list--day")
        kind_style = self.get_component_rich_style("entry-list--kind")
        tag_style = self.get_component_rich_style("entry-list--tags")
        row = Text(" ", no_wrap=True, overflow="ellipsis")
        used = 1
        if self.show_day:
            row.append(entry.day.isoformat(), day_style)
            row.append("  ")
            used += DAY_WIDTH + 2
        kind = Text(kind_short_label(entry.kind), style=kind_style)
        kind.truncate(KIND_WIDTH, overflow="ellipsis", pad=True)
        row.append_text(kind)
        row.append(" ")
        used += KIND_WIDTH + 1
        if self.show_author and width > 50:
            author = Text(entry.author or "—", style=self.get_component_rich_style("entry-list--author"))
            author.truncate(AUTHOR_WIDTH, overflow="ellipsis", pad=True)
            row.append_text(author)
            row.append(" ")
            used += AUTHOR_WIDTH + 1
        tags = " ".join("#" + tag for tag in entry.tags)
        tags_width = min(TAGS_WIDTH, cell_len(tags)) if tags and width > 70 else 0
        title_width = max(width - used - (tags_width + 1 if tags_width else 0) - 1, 4)
        title = Text(entry.title)
        title.truncate(title_width, overflow="ellipsis", pad=True)
        row.append_text(title)
        if tags_width:
            tag_text = Text(tags, style=tag_style)
            tag_text.truncate(tags_width, overflow="ellipsis", pad=True)
            row.append(" ")
            row.append_text(tag_text)
        return row

    # Cursor
    def watch_cursor(self, cursor: int) -> None:
        self.scroll_to_region(Region(0, cursor, 1, 1), animate=False, immediate=True)
        self.refresh()
        self._announce_highlight()

    def _announce_highlight(self) -> None:
        entry = self.highlighted
        key = entry.id if entry else None
        if key != self._last_highlight or entry is None:
            self._last_highlight = key
            self.post_message(self.Highlighted(self, entry))

    def action_cursor(self, delta: int) -> None:
        if self.total:
            self.cursor = max(0, min(self.total - 1, self.cursor + delta))

    def action_page(self, direction: int) -> None:
        self.action_cursor(direction * max(self.size.height - 1, 1))

    def action_jump(self, where: int) -> None:
        if self.total:
            self.cursor = 0 if where == 0 else self.total - 1

    def action_select(self) -> None:
        entry = self.highlighted
        if entry is not None:
            self.post_message(self.Selected(self, entry))

    async def _on_click(self, event: events.Click) -> None:
        index = self.scroll_offset.y + event.y
        if 0 <= index < self.total:
            if index == self.cursor and event.chain > 1:
                self.action_select()
            self.cursor = index

    # Paging
    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._want_pages()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, self.total)
        self._want_pages()

    def _want_pages(self) -> None:
        if not self.total:
            return
        first = int(self.scroll_offset.y)
        last = min(first + max(self.size.height, 1) + PAGE_SIZE // 2, self.total - 1)
        first = max(first - PAGE_SIZE // 2, 0)
        cursor_page = self.cursor - self.cursor % PAGE_SIZE
        wanted = {offset for offset in range(first - first % PAGE_SIZE, last + 1, PAGE_SIZE)} | {cursor_page}
        missing = sorted(o for o in wanted if o not in self._pages and o not in self._requested and o < self.total)
        if missing:
            self._requested.update(missing)
            self.post_message(self.PagesWanted(self, missing, self.generation))

    def _forget_far_pages(self) -> None:
        if len(self._pages) <= MAX_PAGES:
            return
        centre = self.cursor
        for offset in sorted(self._pages, key=lambda o: abs(o - centre), reverse=True)[: len(self._pages) - MAX_PAGES]:
            del self._pages[offset]
