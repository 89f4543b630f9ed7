"""Goals: long-term goals holding short-term ones, each with progress, the SMART check, the
forecast to its due date, its check-ins, and a chart of its metric against the target."""

from __future__ import annotations

import asyncio
import datetime as dt

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from growthlog.i18n import t
from growthlog.keys import bindings
from growthlog.models import CheckIn, Goal
from growthlog.screens.base import ModeScreen, write
from growthlog.services.goals.summary import GoalSummary
from growthlog.services.views.goals import GoalDetail, GoalsView, load_goal_detail, load_goals
from growthlog.store.api import Store
from growthlog.screens.conflict import ask_about_conflict
from growthlog.services.conflicts import GOAL_FIELDS, as_copy
from growthlog.store.errors import EditConflict, StoreError
from growthlog.widgets.footer import KeyFooter
from growthlog.widgets.metric_chart import MetricChart
from growthlog.widgets.mode_bar import ModeBar
from growthlog.widgets.progress_text import progress_bar, status_text

def goal_option(row: GoalSummary) -> Option:
    line = Text("   " * row.depth + ("◆ " if row.goal.horizon == "long" else "· "))
    title = Text(row.goal.title)
    title.truncate(30 - 3 * row.depth, overflow="ellipsis", pad=True)
    line.append_text(title)
    line.append(" ")
    line.append_text(progress_bar(row.progress, width=10))
    line.append("  ")
    if row.goal.status != "active":
        line.append(t(f"goal_status.{row.goal.status}"), style="bold")
    else:
        line.append_text(status_text(row.forecast.status))
    return Option(line, id=str(row.goal.id))


class GoalsScreen(ModeScreen):
    CSS_PATH = "goals.tcss"
    KEY_SCOPE = "goals"
    BINDINGS = bindings(KEY_SCOPE)
    AUTO_FOCUS = "#goal-list"

    def __init__(self, *, store: Store, today: dt.date) -> None:
        super().__init__()
        self.store = store
        self.today = today
        self.rows: list[GoalSummary] = []

    def compose(self) -> ComposeResult:
        yield ModeBar("goals")
        with Horizontal(id="goals-main"):
            with Vertical(id="goals-side"):
                yield OptionList(id="goal-list")
                yield MetricChart(id="goal-chart", ranges=False)
            with VerticalScroll(id="goal-detail"):
                yield Static(id="goal-title", markup=False)
                yield Static(id="goal-facts", markup=False)
                yield Static(id="goal-progress", markup=False)
                yield Static(id="goal-smart", markup=False)
                yield Static(id="goal-forecast", markup=False)
                yield Static(id="goal-checkins", markup=False)
        yield KeyFooter()

    @property
    def selected(self) -> Goal | None:
        index = self.query_one("#goal-list", OptionList).highlighted
        return self.rows[index].goal if index is not None and index < len(self.rows) else None

    @work(group="load", exclusive=True)
    async def reload(self) -> None:
        self.show(await asyncio.to_thread(load_goals, self.store, self.today))

    def show(self, view: GoalsView) -> None:
        """The goal list, the selection kept on the same goal (its detail reloads with it)."""
        rows = view.rows
        selected = self.selected
        self.rows = rows
        options = self.query_one("#goal-list", OptionList)
        options.clear_options()
        if not rows:
            options.add_option(Option(Text(t("goals.empty"), style="dim"), disabled=True))
            self.show_detail(None)
            return
        options.add_options([goal_option(row) for row in rows])
        index = next((i for i, row in enumerate(rows) if selected and row.goal.id == selected.id), 0)
        options.highlighted = index
        # Highlighting the same index again posts no message: the detail is asked for here too.
        self.load_detail(rows[index].goal)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        goal = self.selected
        if goal is not None:
            self.load_detail(goal)

    @work(group="detail", exclusive=True)
    async def load_detail(self, goal: Goal) -> None:
        detail = await asyncio.to_thread(load_goal_detail, self.store, goal, self.today)
        self.show_detail(detail)

    def show_detail(self, detail: GoalDetail | None) -> None:
        title = self.query_one("#goal-title", Static)
        parts = [self.query_one(f"#goal-{name}", Static) for name in ("facts", "progress", "smart", "forecast", "checkins")]
        chart = self.query_one("#goal-chart", MetricChart)
        chart.display = detail is not None and detail.chart is not None
        chart.show(detail.chart if detail is not None else None, "all")
        if detail is None:
            title.update(Text(t("goals.none_selected")))
            for part in parts:
                part.update("")
            return
        goal = detail.goal
        facts_widget, progress_widget, smart_widget, forecast_widget, checkins_widget = parts
        title.update(Text(goal.title))
        facts = Text()
        facts.append(t(f"goal_horizon.{goal.horizon}"))
        facts.append("  ·  ")
        facts.append(t(f"goal_status.{goal.status}"))
        if detail.metric is not None:
            facts.append("  ·  ")
            facts.append(f"{detail.metric.name} ({detail.metric.key})")
        if goal.baseline is not None or goal.target is not None:
            facts.append("  ·  ")
            facts.append(f"{_number(goal.baseline)} → {_number(goal.target)}")
        if goal.start or goal.due:
            facts.append("  ·  ")
            facts.append(f"{goal.start or '…'} – {goal.due or '…'}")
        if goal.description:
            facts.append("\n\n")
            facts.append(goal.description)
        if goal.why:
            facts.append("\n")
            facts.append(t("goals.why") + ": ", "bold")
            facts.append(goal.why)
        facts_widget.update(facts)
        progress = Text(t("goals.progress") + "  ", "bold")
        progress.append_text(progress_bar(detail.progress, width=24))
        progress_widget.update(progress)
        smart = Text(t("goals.smart_check") + "\n", "bold")
        if detail.smart_lines:
            for line in detail.smart_lines:
                smart.append("  • " + line + "\n", style="yellow")
        else:
            smart.append("  " + t("goals.smart_ok") + "\n", style="green")
        smart_widget.update(smart)
        forecast = Text(t("goals.forecast") + "  ", "bold")
        forecast.append_text(status_text(detail.forecast_status))
        if detail.forecast_line:
            forecast.append("\n  " + detail.forecast_line)
        forecast_widget.update(forecast)
        checkins = Text(t("goals.checkins") + "\n", "bold")
        if not detail.checkins:
            checkins.append("  " + t("goals.no_checkins"), style="dim")
        for checkin in reversed(detail.checkins[-8:]):
            checkins.append(f"  {checkin.day}  ")
            checkins.append_text(status_text(checkin.confidence))
            if checkin.value is not None:
                checkins.append(f"  {_number(checkin.value)}")
            if checkin.note:
                checkins.append("  ")
                checkins.append(checkin.note, style="italic")
            checkins.append("\n")
        checkins_widget.update(checkins)

    # Actions: modals return values; the writes run in workers.
    def action_edit_goal(self) -> None:
        goal = self.selected
        if goal is not None:
            self.edit_goal(goal)

    @work(group="modal")
    async def edit_goal(self, goal: Goal) -> None:
        from growthlog.screens.goal_editor import GoalEditorScreen

        metrics = await asyncio.to_thread(self.store.list_metrics)
        parents = [row.goal for row in self.rows if row.goal.horizon == "long"]
        self.app.push_screen(
            GoalEditorScreen(metrics=metrics, parents=parents, today=self.today, goal=goal, store=self.store), self._save_goal
        )

    @work(group="write")
    async def _save_goal(self, goal: Goal | None) -> None:
        if goal is None:
            return
        try:
            try:
                await write(self, self.store.update_goal, goal)
            except EditConflict as conflict:
                await self._settle(goal, conflict)
                return
        except StoreError as error:
            self.notify(t("goals.save_failed", error=str(error)), severity="error", markup=False)
            return
        self.notify(t("goals.saved"), markup=False)

    async def _settle(self, mine: Goal, conflict: EditConflict) -> None:
        """Someone else saved or deleted this goal since its editor opened: ask, then do what was
        chosen; escape reopens the editor with what was typed (now over their version)."""
        choice = await ask_about_conflict(self, "goal", mine, conflict, GOAL_FIELDS)
        if choice is None:
            reopened = mine if conflict.current is None else mine.model_copy(update={"revision": conflict.current.revision})
            self.edit_goal(reopened)
        elif conflict.kind == "gone":
            if choice == "mine":
                await write(self, self.store.add_goal, as_copy(mine))
            self.notify(t("conflict.restored" if choice == "mine" else "conflict.let_go"), markup=False)
        elif choice == "mine":
            await write(self, self.store.update_goal, mine, force=True)
            self.notify(t("conflict.kept_mine"), markup=False)
        elif choice == "both":
            await write(self, self.store.add_goal, as_copy(mine))
            self.notify(t("conflict.kept_both"), markup=False)
        else:
            self.notify(t("conflict.took_theirs"), markup=False)

    def action_check_in(self) -> None:
        from growthlog.screens.checkin import CheckInScreen

        goal = self.selected
        if goal is not None:
            self.app.push_screen(CheckInScreen(goal, self.today), self._save_checkin)

    @work(group="write")
    async def _save_checkin(self, checkin: CheckIn | None) -> None:
        if checkin is None:
            return
        try:
            await write(self, self.store.add_checkin, checkin)
        except StoreError as error:
            self.notify(t("goals.save_failed", error=str(error)), severity="error", markup=False)
            return
        self.notify(t("goals.checked_in"), markup=False)

    def action_change_status(self) -> None:
        from growthlog.screens.choice import ChoiceScreen

        goal = self.selected
        if goal is None:
            return
        choices = [(t(f"goal_status.{s}"), s) for s in ("achieved", "missed", "dropped", "active") if s != goal.status]

        def chosen(status: str | None) -> None:
            if status:
                self._save_goal(goal.model_copy(update={"status": status}))

        self.app.push_screen(ChoiceScreen(t("goals.status_question", title=goal.title), choices), chosen)


def _number(value: float | None) -> str:
    return "…" if value is None else f"{value:,.6g}"
