"""The generated part of a review, drawn: every section in the loop's order, with its title.

The words and numbers come from :mod:`growthlog.services.review_text`, the same functions the
exported Markdown uses, so the screen and the file say the same things; this module only lays them
out (rich Tables, colours, the heatmap in monospace). User text (titles, notes, names) goes in
as ``rich.text.Text``, never as markup. The widget never touches the store: it is given a report,
the team's or one member's, and shows the names the services say are worth showing
(:mod:`growthlog.services.review.team`).
"""

from __future__ import annotations

import datetime as dt

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from growthlog.i18n import get_language, kind_label, t
from growthlog.keys import bindings
from growthlog.services.numbers import format_number, format_percent
from growthlog.services.review.report import EntryLine, GoalLine, MetricLine, ReviewReport
from growthlog.services.review.team import author_to_show, names_everyone
from growthlog.services.review_people import member_scope, problem_people, problems_by_whom, who_wrote_what
from growthlog.services.review_text import (
    SECTIONS,
    activity_headline,
    empty_text,
    entry_text,
    goal_state,
    goals_headline,
    heatmap_lines,
    NOTE_KINDS,
    lesson_groups,
    lesson_mark,
    metric_change_text,
    metric_spark,
    open_by_severity_text,
    problems_headline,
    section_is_empty,
    section_title,
    verdict_text,
)
from growthlog.widgets.progress_text import STATUS_STYLES

VERDICT_STYLES = {"worked": "green", "backfired": "red", "flat": "yellow"}
SEVERITY_STYLES = {"critical": "bold red", "high": "red", "medium": "yellow", "low": "dim"}
LESSON_STYLES = {"success": "green", "failure": "red"}
SPARK_CELLS = 10
AUTHOR_STYLE = "italic"
NAME_WIDTH = 8
"""Cells of a goal's owner in the goals table (a longer name ends with an ellipsis)."""
GOAL_WIDTH_WITH_OWNERS = 17
"""Cells of a goal's title beside its owner: the numbers keep their room at 120 columns."""


def _table(*headers: str, first_width: int = 22, names: int | None = None) -> Table:
    """A table whose first column (a title) gives way, with an ellipsis, before any number wraps;
    so does column ``names`` (people's names), past :data:`NAME_WIDTH`."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1, 0, 0),
                  header_style="bold", expand=False)
    for index, header in enumerate(headers):
        if index == 0:
            table.add_column(Text(header), overflow="ellipsis", no_wrap=True, min_width=8, max_width=first_width)
        elif index == names:
            table.add_column(Text(header), overflow="ellipsis", no_wrap=True, max_width=NAME_WIDTH)
        else:
            table.add_column(Text(header), no_wrap=True)
    return table


def _lines(items: list[tuple[Text, Text]]) -> Table:
    """A list with its marks in a column of their own, so that long lines wrap under their text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for mark, text in items:
        grid.add_row(mark, text)
    return grid


def _heading(text: str, style: str = "bold") -> Text:
    return Text(text, style=style)


def _by(text: Text, report: ReviewReport, author: str, raw: bool = False) -> Text:
    """``text`` followed by who wrote it, when that is worth saying (``raw``: ``author`` is
    already the names to show)."""
    name = author if raw else author_to_show(report, author)
    if name:
        text.append("  · ", style="dim").append(name, style=AUTHOR_STYLE)
    return text


def goal_state_text(goal: GoalLine) -> Text:
    if goal.achieved:
        style = "green"
    elif goal.status in ("missed", "dropped"):
        style = "red" if goal.status == "missed" else "dim"
    else:
        style = STATUS_STYLES.get(goal.forecast or "", "dim")
    return Text(goal_state(goal), style=style)


def goal_progress_text(goal: GoalLine) -> Text:
    """``61% → 64%``, the end coloured by which way it moved."""
    text = Text(f"{format_percent(goal.progress_start)} → ")
    moved = None
    if goal.progress_start is not None and goal.progress_end is not None and goal.progress_end != goal.progress_start:
        moved = goal.progress_end > goal.progress_start
    text.append(format_percent(goal.progress_end), style={None: "", True: "green", False: "red"}[moved])
    return text


def goals_body(report: ReviewReport) -> RenderableType:
    owners = names_everyone(report)
    table = _table(t("review.col.goal"), *([t("review.col.owner")] if owners else []), t("review.col.target"),
                   t("review.col.due"), t("reviewui.col.progress"), t("review.col.state"),
                   first_width=GOAL_WIDTH_WITH_OWNERS if owners else 22, names=1 if owners else None)
    for goal in report.goals.goals:
        table.add_row(
            Text(goal.title), *([Text(goal.owner or "—", style=AUTHOR_STYLE)] if owners else []),
            Text(format_number(goal.target, goal.unit)), Text(goal.due.isoformat() if goal.due else "—"),
            goal_progress_text(goal), goal_state_text(goal),
        )
    parts: list[RenderableType] = [Text(goals_headline(report)), table]
    if report.goals.at_risk:
        line = Text()
        line.append(t("review.goals.at_risk_heading") + " ", style="bold yellow")
        line.append(("、" if get_language() == "zh" else ", ").join(goal.title for goal in report.goals.at_risk))
        parts.append(line)
    return Group(*parts)


def change_cell(line: MetricLine) -> Text:
    """The shared change text, its relative part on a second line, coloured good or bad."""
    colour = {True: "green", False: "red", None: "dim"}[line.good]
    absolute, _, relative = metric_change_text(line).partition(" (")
    text = Text(absolute + {True: " ✓", False: " ✗", None: ""}[line.good], style=colour)
    if relative:
        text.append("\n(" + relative, style=colour)
    return text


def data_body(report: ReviewReport) -> RenderableType:
    # The trend sparkline sits under the metric's name: a column of its own would not leave room
    # for the numbers beside a Chinese name at 120 columns.
    table = _table(t("review.col.metric"), t("review.col.first"), t("review.col.last"), t("review.col.change"),
                   t("review.col.best"), t("review.col.worst"), first_width=SPARK_CELLS + 2)
    for line in report.data:
        colour = {True: "green", False: "red", None: "dim"}[line.good]
        name = Text(line.name)
        name.append("\n" + metric_spark(line, SPARK_CELLS), style=colour)
        table.add_row(
            name, _day_value(line.first.value, line.first.day, line.unit),
            _day_value(line.last.value, line.last.day, line.unit), change_cell(line),
            _day_value(line.best.value, line.best.day, line.unit), _day_value(line.worst.value, line.worst.day, line.unit),
        )
    return table


def _day_value(value: float, day: dt.date, unit: str) -> Text:
    text = Text(format_number(value, unit))
    text.append(f"\n{day.strftime('%m-%d')}", style="dim")
    return text


def problems_body(report: ReviewReport) -> RenderableType:
    part = report.problems
    summary = Text(problems_headline(report))
    summary.append("\n" + t("review.problems.open_by_severity") + " ", style="bold")
    summary.append(open_by_severity_text(report))
    if problems_by_whom(report):
        summary.append("\n" + problems_by_whom(report))
    parts: list[RenderableType] = [summary]
    if part.resolved_list:
        parts.append(_heading(t("review.problems.resolved"), "bold green"))
        parts.append(_lines([
            (Text("✓", style="green"), _by(Text(problem.title).append(
                f"  #{problem.id}  {problem.day.isoformat()} → {problem.resolved_on}", style="dim"),
                report, problem_people(report, problem), raw=True))
            for problem in part.resolved_list
        ]))
    if part.still_open:
        parts.append(_heading(t("review.problems.still_open")))
        parts.append(_lines([
            (Text(t("choice." + problem.severity), style=SEVERITY_STYLES.get(problem.severity, "")),
             _by(Text(problem.title).append(f"  #{problem.id}  {problem.day.isoformat()}", style="dim"), report, problem.author))
            for problem in part.still_open[:10]
        ]))
    return Group(*parts)


def strategies_body(report: ReviewReport) -> RenderableType:
    items = []
    for line in report.strategies:
        text = _by(Text(line.title, style="bold").append(f"  {line.effective_on.isoformat()}  #{line.id}", style="dim"),
                   report, line.author)
        text.append("\n")
        text.append(verdict_text(line), style=VERDICT_STYLES.get(line.verdict, "dim"))
        if line.outcome:
            text.append("\n" + t("review.strategy.outcome") + " ", style="bold")
            text.append(line.outcome)
        items.append((Text("•"), text))
    return _lines(items)


def _entry(report: ReviewReport, item: EntryLine, tags: bool = False) -> Text:
    text = Text(entry_text(item))
    if tags and item.tags:
        text.append("  " + " ".join(f"#{tag}" for tag in item.tags), style="dim")
    return _by(text, report, item.author)


def lessons_body(report: ReviewReport) -> RenderableType:
    part = report.lessons
    parts: list[RenderableType] = []
    for heading, items, outcome in lesson_groups(report):
        mark = Text(lesson_mark(outcome), style=LESSON_STYLES.get(outcome, "dim"))
        parts += [_heading(heading), _lines([(mark, _entry(report, item)) for item in items])]
    if part.resurfaced:
        parts.append(_heading(t("review.lessons.resurfaced"), "bold yellow"))
        parts.append(_lines([(Text("↺", style="yellow"), _entry(report, item, tags=True)) for item in part.resurfaced]))
    return Group(*parts)


def notes_body(report: ReviewReport) -> RenderableType:
    parts: list[RenderableType] = []
    for kind in NOTE_KINDS:
        count = report.notes.counts.get(kind, 0)
        if count:
            parts.append(_heading(f"{kind_label(kind)} ({count})"))
            parts.append(_lines([(Text("·", style="dim"), _entry(report, item)) for item in getattr(report.notes, kind)]))
    return Group(*parts)


def activity_body(report: ReviewReport) -> RenderableType:
    return Group(Text(activity_headline(report)), Text("\n".join(heatmap_lines(report)), no_wrap=True, overflow="crop"))


BODIES = {
    "goals": goals_body, "data": data_body, "problems": problems_body, "strategies": strategies_body,
    "lessons": lessons_body, "notes": notes_body, "activity": activity_body,
}


class ReviewReportView(VerticalScroll, can_focus=True, inherit_bindings=False):
    """The report, section after section, scrolled with the arrow keys. Left and right are left to
    the screen (they step between periods), so only vertical scrolling keys are bound here."""

    BINDINGS = bindings("report")
    DEFAULT_CSS = """
    ReviewReportView > .review-note { color: $text-muted; }
    ReviewReportView > .review-section-title { text-style: bold; color: $text-primary; margin-top: 1; }
    ReviewReportView > .review-section-body { padding-left: 1; }
    ReviewReportView > .review-section-body.-empty { color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield Static(Text(t("reviewui.loading")), id="review-note", classes="review-note")
        for section in SECTIONS:
            yield Static("", id=f"review-title-{section}", classes="review-section-title")
            yield Static("", id=f"review-body-{section}", classes="review-section-body")

    def show_note(self, note: str) -> None:
        """A line above the sections (loading, or why there is no report)."""
        self.query_one("#review-note", Static).update(Text(note))

    def show(self, report: ReviewReport) -> None:
        note = Text(t("review.generated_line", start=report.start.isoformat(), end=report.end.isoformat(),
                      as_of=report.as_of.isoformat()))
        for line in (member_scope(report), who_wrote_what(report)):
            if line:
                note.append("\n" + line)
        self.query_one("#review-note", Static).update(note)
        for index, section in enumerate(SECTIONS, 1):
            self.query_one(f"#review-title-{section}", Static).update(Text(f"{index}. {section_title(section)}"))
            body = self.query_one(f"#review-body-{section}", Static)
            empty = section_is_empty(report, section)
            body.set_class(empty, "-empty")
            body.update(Text(empty_text(section)) if empty else BODIES[section](report))
