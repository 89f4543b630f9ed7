"""Earlier lessons beside a goal or strategy being written: a compact, read-only list.

The panel never touches storage: the screen that holds it looks the lessons up (off the UI
thread) and hands them over with :meth:`LessonsPanel.show_lessons`, each with who learned it when
the service says that is worth showing. Titles, takeaways and names are user text, so they go in
as ``rich.text.Text``, never as markup.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from growthlog.i18n import t
from growthlog.models import Entry
from growthlog.services.lessons import RelatedLesson

OUTCOME_MARKS = {"success": ("✓", "green"), "failure": ("✗", "red")}
# A takeaway is cut to about two lines of a narrow panel: the lesson itself is one key away.
TAKEAWAY_MAX = 90
# Chinese punctuation that must not start a line.
NO_LINE_START = set("，。、；：！？）」』》〉】”’…%")


def break_offsets(text: str, width: int) -> list[int]:
    """Where to break one line of ``text`` so that no piece is wider than ``width`` cells.

    A break may go after a space or next to a wide (Chinese) character, which has no spaces to
    break at, but not before closing punctuation; a word wider than the line is folded.
    """
    offsets: list[int] = []
    start = used = 0
    allowed = 0  # the last index a line may start at; 0 while there is none on this line
    for index, char in enumerate(text):
        size = cell_len(char)
        if index > start and not char.isspace() and char not in NO_LINE_START:
            before = text[index - 1]
            if before.isspace() or size > 1 or cell_len(before) > 1:
                allowed = index
        if used + size > width and index > start and not char.isspace():
            cut = allowed if allowed > start else index
            offsets.append(cut)
            start, used = cut, cell_len(text[cut:index])
        used += size
    return offsets


class WrappedText:
    """A ``Text`` that also breaks lines between Chinese characters (Rich breaks at spaces only,
    which leaves a Chinese sentence on a line of its own, or cut with an ellipsis)."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((cell_len(line) for line in self.text.plain.split("\n")), default=0)
        return Measurement(min(widest, 1), widest)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(options.max_width, 2)
        for line in self.text.split("\n", allow_blank=True):
            for piece in line.divide(break_offsets(line.plain, width)):
                piece.rstrip()
                piece.no_wrap = True
                yield piece


def first_line(text: str, limit: int = TAKEAWAY_MAX) -> str:
    """The first non-blank line of ``text``, cut to ``limit`` characters with an ellipsis."""
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def lesson_row(entry: Entry, author: str = "") -> tuple[Text, WrappedText]:
    """The mark (✓ success, ✗ failure, · not said) and the text: title, then day (· who learned
    it, when given) · takeaway."""
    mark, style = OUTCOME_MARKS.get(str(entry.fields.get("outcome") or ""), ("·", "dim"))
    text = Text()
    text.append(entry.title, style="bold")
    text.append("\n")
    text.append(entry.day.isoformat(), style="dim")
    if author:
        text.append(" · ", style="dim")
        text.append(author, style="italic")
    takeaway = first_line(str(entry.fields.get("takeaway") or ""))
    if takeaway:
        text.append(" · ", style="dim")
        text.append(takeaway)
    return Text(mark, style=style), WrappedText(text)


def lessons_renderable(lessons: list[RelatedLesson], *, has_tags: bool) -> Group | Text:
    """The list of lessons, or one line saying why there is none."""
    if not lessons:
        return Text(t("lessons.none") if has_tags else t("lessons.no_tags"), style="dim italic")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    for number, lesson in enumerate(lessons):
        if number:
            grid.add_row()  # a blank line between lessons
        grid.add_row(*lesson_row(lesson.entry, lesson.author))
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
        self.lessons: list[RelatedLesson] = []

    def compose(self) -> ComposeResult:
        yield Static(t("lessons.heading"), classes="lessons-heading", markup=False)
        yield Static(lessons_renderable([], has_tags=False), classes="lessons-list")

    @property
    def entries(self) -> list[Entry]:
        """The lessons shown."""
        return [lesson.entry for lesson in self.lessons]

    def show_lessons(self, lessons: list[RelatedLesson], *, has_tags: bool = True) -> None:
        """Show ``lessons`` (already looked up); ``has_tags`` False says tags are still missing."""
        self.lessons = list(lessons)
        self.query_one(".lessons-list", Static).update(lessons_renderable(self.lessons, has_tags=has_tags))
