"""Earlier lessons beside a goal or strategy being written: a compact, read-only list.

The panel never touches storage: the screen that holds it looks the lessons up (off the UI
thread) and hands them over with :meth:`LessonsPanel.show_lessons`. Titles and takeaways are user
text, so they go in as ``rich.text.Text``, never as markup.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from growthlog.i18n import t
from growthlog.models import Entry

OUTCOME_MARKS = {"success": ("✓", "green"), "failure": ("✗", "red")}
# A takeaway is cut to about two lines of a narrow panel: the lesson itself is one key away.
TAKEAWAY_MAX = 90


def first_line(text: str, limit: int = TAKEAWAY_MAX) -> str:
    """The first non-blank line of ``text``, cut to ``limit`` characters with an ellipsis."""
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def lesson_row(entry: Entry) -> tuple[Text, Text]:
    """The mark (✓ success, ✗ failure, · not said) and the text: title, then day · takeaway."""
    mark, style = OUTCOME_MARKS.get(str(entry.fields.get("outcome") or ""), ("·", "dim"))
    text = Text()
    text.append(entry.title, style="bold")
    text.append("\n")
    text.append(entry.day.isoformat(), style="dim")
    takeaway = first_line(str(entry.fields.get("takeaway") or ""))
    if takeaway:
        text.append(" · ", style="dim")
        text.append(takeaway)
    return Text(mark, style=style), text


def lessons_renderable(entries: list[Entry], *, has_tags: bool) -> Group | Text:
    """The list of lessons, or one line saying why there is none."""
    if not entries:
        return Text(t("lessons.none") if has_tags else t("lessons.no_tags"), style="dim italic")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    for number, entry in enumerate(entries):
        if number:
            grid.add_row()  # a blank line between lessons
        grid.add_row(*lesson_row(entry))
    return Group(grid)


class LessonsPanel(VerticalScroll, can_focus=False):
    """A heading and the lessons that share the tags being written."""

    DEFAULT_CSS = """
    LessonsPanel {
        height: auto;
        padding: 0 1;
        border-left: tall $primary 40%;
    }
    LessonsPanel > .lessons-heading {
        text-style: bold;
        color: $text-muted;
        margin-bottom: 1;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.entries: list[Entry] = []

    def compose(self) -> ComposeResult:
        yield Static(t("lessons.heading"), classes="lessons-heading", markup=False)
        yield Static(lessons_renderable([], has_tags=False), classes="lessons-list")

    def show_lessons(self, entries: list[Entry], *, has_tags: bool = True) -> None:
        """Show ``entries`` (already looked up); ``has_tags`` False says tags are still missing."""
        self.entries = list(entries)
        self.query_one(".lessons-list", Static).update(lessons_renderable(self.entries, has_tags=has_tags))
