"""Write or edit a SMART goal. Returns the validated (unsaved) Goal with dismiss(), or None.

Data comes in through the constructor (the metrics and long-term goals to choose from, and the
store to look up earlier lessons in); the app stores the result. A goal without a metric, target or
due date can be saved: the SMART check on the Goals screen says what it lacks.

Beside the form, earlier lessons with the goal's tags (its metric's key counting as one) are
listed, so that a goal is set knowing what went wrong last time. They are looked up in a thread a
moment after the tags or the metric stop changing.
"""

from __future__ import annotations

import asyncio
import datetime as dt

from pydantic import ValidationError
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from growthlog.i18n import t
from growthlog.keys import bindings
from growthlog.screens.modal import Modal
from growthlog.models import Goal, Metric
from growthlog.services.dates import DateError, parse_date
from growthlog.services.editing import split_tags
from growthlog.services.lessons import lesson_tags, lessons_beside
from growthlog.services.values import parse_value
from growthlog.store.api import Store
from growthlog.textutil import TAG_MAX, normalize_tags
from growthlog.widgets.lessons_panel import LessonsPanel

# Seconds the tags and the metric must stay unchanged before lessons are looked up again.
LESSONS_DELAY = 0.3


def read_number(text: str) -> float | None:
    """A number as people write it (1,234 · 12.5% · 3.2万), or None for a blank."""
    text = text.strip()
    return parse_value(text) if text else None


class GoalEditorScreen(Modal[Goal | None]):
    CSS_PATH = "goal_editor.tcss"
    BINDINGS = bindings("form")

    def __init__(
        self, *, metrics: list[Metric], parents: list[Goal], today: dt.date, goal: Goal | None = None,
        store: Store | None = None,
    ) -> None:
        super().__init__()
        self.metrics = metrics
        self.parents = [p for p in parents if goal is None or p.id != goal.id]
        self.today = today
        self.goal = goal
        self.store = store
        self._lessons_timer = None
        self._lessons_shown: list[str] | None = None

    def compose(self) -> ComposeResult:
        goal = self.goal
        with Vertical(id="goal-editor"):
            editing = goal is not None and goal.id is not None  # an unsaved goal only fills the form
            yield Static(t("goal_editor.edit_title") if editing else t("goal_editor.new_title"), id="goal-editor-title", markup=False)
            with Horizontal(id="goal-body"):
                yield from self._compose_form(goal)
                yield LessonsPanel(id="goal-lessons")
            yield Static("", id="goal-error", markup=False)
            with Horizontal(id="goal-buttons"):
                yield Button(t("goal_editor.save"), variant="primary", id="save")
                yield Button(t("goal_editor.cancel"), id="cancel")

    def _compose_form(self, goal: Goal | None) -> ComposeResult:
        with VerticalScroll(id="goal-form", can_focus=False):
            yield Label(t("goal_editor.title"), markup=False)
            yield Input(goal.title if goal else "", id="goal-title", placeholder=t("goal_editor.title_placeholder"))
            yield Label(t("goal_editor.tags"), markup=False)
            yield Input(" ".join(goal.tags) if goal else "", id="goal-tags", placeholder=t("goal_editor.tags_placeholder"))
            yield Label(t("goal_editor.description"), markup=False)
            yield TextArea(goal.description if goal else "", id="goal-description", soft_wrap=True)
            with Horizontal(classes="row"):
                with Vertical():
                    yield Label(t("goal_editor.metric"), markup=False)
                    yield Select(
                        [(Text(f"{m.name} ({m.key})"), m.key) for m in self.metrics],
                        value=goal.metric if goal and goal.metric else Select.NULL,
                        prompt=t("goal_editor.no_metric"),
                        id="goal-metric",
                    )
                with Vertical():
                    yield Label(t("goal_editor.baseline"), markup=False)
                    yield Input(_number_text(goal.baseline if goal else None), id="goal-baseline", placeholder=t("goal_editor.baseline_placeholder"))
                with Vertical():
                    yield Label(t("goal_editor.target"), markup=False)
                    yield Input(_number_text(goal.target if goal else None), id="goal-target", placeholder="1,000 · 22% · 3.2万")
            with Horizontal(classes="row"):
                with Vertical():
                    yield Label(t("goal_editor.start"), markup=False)
                    yield Input(goal.start.isoformat() if goal and goal.start else self.today.isoformat(), id="goal-start")
                with Vertical():
                    yield Label(t("goal_editor.due"), markup=False)
                    yield Input(goal.due.isoformat() if goal and goal.due else "", id="goal-due", placeholder=t("goal_editor.due_placeholder"))
                with Vertical():
                    yield Label(t("goal_editor.horizon"), markup=False)
                    yield Select(
                        [(t("goal_editor.short"), "short"), (t("goal_editor.long"), "long")],
                        value=goal.horizon if goal else "short",
                        allow_blank=False,
                        id="goal-horizon",
                    )
            yield Label(t("goal_editor.parent"), markup=False)
            yield Select(
                [(Text(p.title), p.id) for p in self.parents],
                value=goal.parent_id if goal and goal.parent_id in {p.id for p in self.parents} else Select.NULL,
                prompt=t("goal_editor.no_parent"),
                id="goal-parent",
            )
            yield Label(t("goal_editor.why"), markup=False)
            yield TextArea(goal.why if goal else "", id="goal-why", soft_wrap=True)

    def on_mount(self) -> None:
        self.query_one("#goal-title", Input).focus()
        # Focusing before the first layout scrolls the form past the title's label: back to the top.
        self.call_after_refresh(self.query_one("#goal-form").scroll_home, animate=False)
        self._load_lessons()

    # Lessons
    def _lesson_tags(self) -> list[str]:
        metric = self.query_one("#goal-metric", Select).value
        tags = split_tags(self.query_one("#goal-tags", Input).value)
        return lesson_tags(tags, None if metric is Select.NULL else str(metric))

    @on(Input.Changed, "#goal-tags")
    @on(Select.Changed, "#goal-metric")
    def _lessons_input_changed(self) -> None:
        # Debounced: typing "onboarding" is one lookup, not ten.
        if self._lessons_timer is not None:
            self._lessons_timer.stop()
        self._lessons_timer = self.set_timer(LESSONS_DELAY, self._load_lessons)

    @work(group="lessons", exclusive=True)
    async def _load_lessons(self) -> None:
        wanted = self._lesson_tags()
        if wanted == self._lessons_shown:
            return
        lessons = []
        if self.store is not None and wanted:
            try:
                lessons = await asyncio.to_thread(lessons_beside, self.store, wanted)
            except Exception:  # only a help beside the form: never in the way of writing the goal
                return
        if self.is_mounted:
            self.query_one(LessonsPanel).show_lessons(lessons, has_tags=bool(wanted))
            self._lessons_shown = wanted

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)

    def _date(self, widget_id: str) -> dt.date | None:
        text = self.query_one(widget_id, Input).value.strip()
        return parse_date(text, self.today) if text else None

    def action_save(self) -> None:
        error = self.query_one("#goal-error", Static)
        try:
            metric = self.query_one("#goal-metric", Select).value
            parent = self.query_one("#goal-parent", Select).value
            values = {
                "title": self.query_one("#goal-title", Input).value,
                "description": self.query_one("#goal-description", TextArea).text,
                "metric": None if metric is Select.NULL else metric,
                "baseline": read_number(self.query_one("#goal-baseline", Input).value),
                "target": read_number(self.query_one("#goal-target", Input).value),
                "start": self._date("#goal-start"),
                "due": self._date("#goal-due"),
                "why": self.query_one("#goal-why", TextArea).text,
                "parent_id": None if parent is Select.NULL else parent,
                "horizon": self.query_one("#goal-horizon", Select).value,
                "tags": _tags(self.query_one("#goal-tags", Input).value),
            }
            if self.goal is not None:
                goal = self.goal.model_copy(update=values)
                goal = Goal.model_validate(goal.model_dump())
            else:
                goal = Goal(**values)
        except (ValueError, DateError) as problem:
            message = problem.errors()[0]["msg"] if isinstance(problem, ValidationError) else str(problem)
            if isinstance(problem, ValidationError) and problem.errors()[0]["loc"][:1] == ("title",):
                message = t("goal_editor.title_missing")
            error.update(message)
            self.notify(message, severity="error", markup=False)
            return
        self.dismiss(goal)


def _tags(text: str) -> list[str]:
    """Tags as typed (spaces or commas, '#' optional), each at most :data:`TAG_MAX` characters."""
    tags = normalize_tags(split_tags(text))
    for tag in tags:
        if len(tag) > TAG_MAX:
            raise ValueError(t("goal_editor.tag_too_long", tag=tag[:20], limit=TAG_MAX))
    return tags


def _number_text(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"
