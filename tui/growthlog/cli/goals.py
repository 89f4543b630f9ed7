"""``growthlog goal add|list|checkin|status|show``: SMART goals from the command line.

Import-light like every command module: click and the catalogs at import time; the store, pydantic
and the goal services inside the commands. Nothing here imports textual.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from growthlog.cli.common import UserError, echo_json, entry_text_message, labelled_lines, parse_day, parse_id, table_lines
from growthlog.i18n import t

STATUSES = ("active", "achieved", "missed", "dropped")
CONFIDENCES = ("on-track", "at-risk", "off-track")
# The widest a goal's title is shown in `goal list` on a terminal (piped output is never cut).
TITLE_COLUMN = 40


@click.group("goal", context_settings={"help_option_names": ["-h", "--help"]})
def goal_group() -> None:
    """Set SMART goals, check in on them, see progress and forecasts.

    A goal is measured by a metric (baseline → target) or by the values of its check-ins, and is
    due by a date. Long-term goals (--long) hold short-term ones (--parent ID).
    """


def parse_goal_id(text: str) -> int:
    """A goal id as typed: 3 or #3; anything else is a usage error."""
    return parse_id(text, "goals.cli.bad_id")


def parse_number(text: str | None, option: str) -> float | None:
    """A value as people write it (3,500 · 21.5% · 3.2万 · ¥20), via ``services.values``."""
    if text is None:
        return None
    from growthlog.services.values import ValueInputError, parse_value

    try:
        return parse_value(text)
    except ValueInputError as error:
        raise UserError(t("goals.cli.bad_number", option=option, reason=error)) from None


def load_goal(store, goal_id: int):
    goal = store.get_goal(goal_id)
    if goal is None:
        raise UserError(t("goals.error.not_found", id=goal_id))
    return goal


def status_label(status: str) -> str:
    return t(f"goals.status.{status}")


def outlook_label(status: str | None) -> str:
    return t(f"goals.outlook.{(status or 'none').replace('-', '_')}")


def _validation_message(error) -> str:
    first = error.errors()[0]
    name = ".".join(str(part) for part in first["loc"])
    message = first["msg"].removeprefix("Value error, ")
    return f"{name}: {message}" if name else message


# add


@goal_group.command("add")
@click.argument("title", nargs=-1, required=True)
@click.option("--metric", "-m", "metric_key", metavar="KEY", help="The metric that measures it (see `growthlog metric list`).")
@click.option("--target", metavar="N", help="The value to reach: 22%, 3,500, 3.2万, ¥20.")
@click.option("--baseline", metavar="N", help="Where it stands now (default: the metric's value on the start day).")
@click.option("--due", "due_text", metavar="DATE", help="When it is due: 2026-12-31, 下周五, +30d…")
@click.option("--start", "start_text", metavar="DATE", help="When it starts (default today).")
@click.option("--parent", "parent_text", metavar="ID", help="The long-term goal it serves.")
@click.option("--why", metavar="TEXT", default="", help="Why it matters.")
@click.option("--description", "-D", metavar="TEXT", default="", help="What exactly changes, for whom.")
@click.option("--long", "long_term", is_flag=True, help="A long-term goal, which can hold short-term ones.")
@click.option("--tag", "-t", "tag_texts", multiple=True, metavar="TAG",
              help="Tag it (repeatable; '#' optional, 留存,onboarding works too): `goal show` lists earlier lessons with the same tags.")
@click.pass_obj
def add_command(obj, title: tuple[str, ...], metric_key, target, baseline, due_text, start_text, parent_text, why,
                description, long_term: bool, tag_texts: tuple[str, ...]) -> None:
    """Set a goal and print its id; what the SMART check misses goes to stderr.

    Without --metric the goal is tracked by the values of its check-ins (then --target is what
    they should reach, counted from 0 unless --baseline says otherwise).

    Tags (--tag) link the goal to earlier lessons with the same tags (the metric's key counts as
    one): `growthlog goal show ID` lists them. Only the id is printed here, for scripts.
    """
    target_value = parse_number(target, "--target")
    baseline_value = parse_number(baseline, "--baseline")
    if baseline_value is not None and target_value is None:
        raise UserError(t("goals.cli.target_needs_metric"))
    start = parse_day(start_text)
    due = parse_day(due_text) if due_text is not None else None
    if due is not None and due < start:
        raise UserError(t("goals.cli.due_before_start", due=due.isoformat(), start=start.isoformat()))
    parent_id = parse_goal_id(parent_text) if parent_text is not None else None
    tags = parse_tags(tag_texts)
    store = obj.store()
    if metric_key is not None:
        metric_key = metric_key.strip()
        if store.get_metric(metric_key) is None:
            from growthlog.textutil import clean_line

            raise UserError(t("goals.cli.unknown_metric", metric=clean_line(metric_key)[:40]))
    if parent_id is not None:
        parent = store.get_goal(parent_id)
        if parent is None:
            raise UserError(t("goals.cli.parent_not_found", id=parent_id))
        if parent.horizon != "long":
            raise UserError(t("goals.cli.parent_not_long", id=parent_id))
    from pydantic import ValidationError

    from growthlog.models import Goal
    from growthlog.textutil import TITLE_MAX, clean_line

    # Checked here: the model cleans the title after its length checks.
    title_text = clean_line(" ".join(title))
    if not title_text:
        raise UserError(t("error.empty_title"))
    if len(title_text) > TITLE_MAX:
        raise UserError(t("goals.cli.title_too_long", limit=TITLE_MAX))
    try:
        goal = Goal(
            title=title_text, description=description, metric=metric_key or None, baseline=baseline_value,
            target=target_value, start=start, due=due, why=why, parent_id=parent_id,
            horizon="long" if long_term else "short", tags=tags,
        )
    except ValidationError as error:
        raise UserError(_validation_message(error)) from None
    saved = store.add_goal(goal)
    click.echo(saved.id)
    from growthlog.services.goals import loader
    from growthlog.services.goals.smart import smart_check

    today = obj.today()
    for line in smart_check(loader.load_goal(store, saved, today, history=True), today).lines():
        click.echo(t("goals.cli.hint", text=line), err=True)


def parse_tags(texts: tuple[str, ...]) -> list[str]:
    """--tag values: each may hold several (spaces, commas, '#'); too long a tag is refused, as an
    entry's is."""
    from growthlog.entry_rules import EntryTextError, clean_tags
    from growthlog.services.editing import split_tags

    try:
        return clean_tags([tag for text in texts for tag in split_tags(text)])
    except EntryTextError as error:
        raise UserError(entry_text_message(error)) from None


# list


def _goal_row(summary) -> dict[str, Any]:
    goal = summary.goal
    forecast = summary.forecast
    return {
        "id": goal.id,
        "title": goal.title,
        "horizon": goal.horizon,
        "status": goal.status,
        "metric": goal.metric,
        "baseline": goal.baseline,
        "target": goal.target,
        "start": goal.start.isoformat() if goal.start else None,
        "due": goal.due.isoformat() if goal.due else None,
        "parent_id": goal.parent_id,
        "tags": goal.tags,
        "progress": summary.progress,
        "forecast": {
            "status": forecast.status,
            "reason": forecast.reason,
            "projected": forecast.projected,
            "projected_progress": forecast.projected_progress,
        },
        "suggested_status": summary.suggestion,
    }


@goal_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the goals as JSON (long-term goals with their children).")
@click.pass_obj
def list_command(obj, as_json: bool) -> None:
    """List goals: long-term ones with their short-term goals indented, progress, forecast, due."""
    from growthlog.services.goals.loader import summarize_goals
    from growthlog.services.numbers import format_percent

    summaries = summarize_goals(obj.store(), obj.today())
    if as_json:
        tree: list[dict[str, Any]] = []
        for summary in summaries:
            row = _goal_row(summary)
            if summary.depth == 0:
                row["children"] = []
                tree.append(row)
            else:
                tree[-1]["children"].append(row)
        echo_json(tree)
        return
    if not summaries:
        click.echo(t("goals.cli.list_none"), err=True)
        return
    headers = [t("goals.cli.col_id"), t("goals.cli.col_goal"), t("goals.cli.col_progress"),
               t("goals.cli.col_forecast"), t("goals.cli.col_due")]
    rows = []
    for summary in summaries:
        goal = summary.goal
        title = ("  " * summary.depth) + ("◆ " if goal.horizon == "long" else "· ") + goal.title
        outlook = outlook_label(summary.forecast.status) if goal.status == "active" else status_label(goal.status)
        if summary.suggestion:
            outlook += " → " + status_label(summary.suggestion)
        rows.append([f"#{goal.id}", title, format_percent(summary.progress), outlook,
                     goal.due.isoformat() if goal.due else "—"])
    for line in table_lines(headers, rows, cut=1, cut_width=TITLE_COLUMN, right=(0, 2)):
        click.echo(line)


# checkin


@goal_group.command("checkin")
@click.argument("goal_id", metavar="ID")
@click.option("--value", "-v", "value_text", metavar="N", help="Where it stands today (for goals tracked by check-ins).")
@click.option("--confidence", "-c", type=click.Choice(CONFIDENCES), default="on-track", show_default=True,
              help="How it looks.")
@click.option("--note", "-n", default="", metavar="TEXT", help="What happened, what is next.")
@click.option("--date", "-d", "date_text", metavar="DATE", help="The day of the check-in (default today).")
@click.pass_obj
def checkin_command(obj, goal_id: str, value_text, confidence: str, note: str, date_text) -> None:
    """Check in on a goal: a confidence, optionally a value and a note."""
    number = parse_goal_id(goal_id)
    value = parse_number(value_text, "--value")
    day = parse_day(date_text)
    store = obj.store()
    goal = load_goal(store, number)
    from pydantic import ValidationError

    from growthlog.models import CheckIn

    try:
        checkin = CheckIn(goal_id=goal.id, day=day, value=value, confidence=confidence, note=note)
    except ValidationError as error:
        raise UserError(_validation_message(error)) from None
    store.add_checkin(checkin)
    click.echo(t("goals.cli.checked_in", id=goal.id, day=day.isoformat(), confidence=outlook_label(confidence)))
    from growthlog.services.goals import loader
    from growthlog.services.goals.progress import goal_progress, suggestion_for
    from growthlog.services.numbers import format_percent

    today = max(obj.today(), day)
    progress = goal_progress(loader.load_goal(store, goal, today), today)
    if progress is not None:
        click.echo(t("goals.cli.progress_now", progress=format_percent(progress)))
    if suggestion_for(goal.status, progress) == "achieved":
        click.echo(t("goals.cli.suggest_achieved", progress=format_percent(progress), id=goal.id), err=True)


# status


@goal_group.command("status")
@click.argument("goal_id", metavar="ID")
@click.argument("status", metavar="STATUS", type=click.Choice(STATUSES))
@click.pass_obj
def status_command(obj, goal_id: str, status: str) -> None:
    """Mark a goal achieved, missed, dropped, or active again (STATUS)."""
    number = parse_goal_id(goal_id)
    store = obj.store()
    goal = load_goal(store, number)
    if goal.status == status:
        click.echo(t("goals.cli.status_same", id=goal.id, status=status_label(status)))
        return
    from growthlog.services.goals.status import GoalError, set_status

    try:
        set_status(store, goal.id, status)
    except GoalError as error:
        raise UserError(str(error)) from None
    click.echo(t("goals.cli.status_set", id=goal.id, status=status_label(status)))


# show


@goal_group.command("show")
@click.argument("goal_id", metavar="ID")
@click.pass_obj
def show_command(obj, goal_id: str) -> None:
    """Show a goal: its facts, progress, SMART check, forecast and check-ins, in words.

    Earlier lessons that share the goal's tags (or have its metric's key as a tag) are listed
    last, so that a goal is pursued knowing what went wrong, or right, before.
    """
    number = parse_goal_id(goal_id)
    store = obj.store()
    goal = load_goal(store, number)
    for line in format_goal(goal, store, obj.today()):
        click.echo(line)


def format_goal(goal, store, today: dt.date) -> list[str]:
    from growthlog.services.goals.forecast import forecast
    from growthlog.services.goals.loader import load_goal_data
    from growthlog.services.goals.progress import current_value, goal_baseline, goal_progress, measured_by_children
    from growthlog.services.goals.smart import smart_check
    from growthlog.services.numbers import format_number, format_percent
    from growthlog.textutil import display_width

    every = store.list_goals()
    children = [g for g in every if g.parent_id == goal.id]
    data, *children_data = load_goal_data(store, [goal, *children], today, history=True, every=every)
    metric = data.metric
    unit = metric.unit if metric else ""
    empty = "—"
    current = current_value(data, today)
    if metric is not None:
        measure = f"{metric.name} ({metric.key})"
    elif goal.metric:
        measure = goal.metric
    elif measured_by_children(data, today):
        measure = t("goals.show.through_children")
    else:
        measure = t("goals.show.checkins_only")
    has_scale = goal.target is not None or goal.baseline is not None
    facts = [
        (t("goals.show.horizon"), t(f"goals.horizon.{goal.horizon}")),
        (t("goals.show.status"), status_label(goal.status)),
        (t("goals.show.metric"), measure),
        (t("goals.show.baseline"), format_number(goal_baseline(data, today), unit) if has_scale else empty),
        (t("goals.show.target"), format_number(goal.target, unit)),
        (t("goals.show.current"), f"{format_number(current[1], unit)} ({current[0].isoformat()})" if current else empty),
        (t("goals.show.start"), goal.start.isoformat() if goal.start else empty),
        (t("goals.show.due"), goal.due.isoformat() if goal.due else empty),
    ]
    if goal.parent_id is not None:
        parent = store.get_goal(goal.parent_id)
        facts.append((t("goals.show.parent"), f"#{goal.parent_id} {parent.title}" if parent else f"#{goal.parent_id}"))
    if goal.tags:
        facts.append((t("lessons.cli.tags"), " ".join(f"#{tag}" for tag in goal.tags)))
    if goal.why.strip():
        facts.append((t("goals.show.why"), goal.why.strip()))
    progress = goal_progress(data, today)
    prediction = forecast(data, today)
    facts.append((t("goals.show.progress"), format_percent(progress)))
    outlook = outlook_label(prediction.status)
    facts.append((t("goals.show.forecast"), f"{outlook} · {prediction.text}" if prediction.text else outlook))
    width = max(display_width(label) for label, _ in facts)
    lines = [f"#{goal.id}  {goal.title}", ""]
    lines += labelled_lines(facts, width)
    if goal.description.strip():
        lines += ["", *goal.description.strip().splitlines()]
    report = smart_check(data, today)
    lines += ["", t("goals.show.smart")]
    issues = report.lines()
    lines += [f"  - {line}" for line in issues] or [f"  {t('goals.show.smart_ok')}"]
    if report.achievability.verdict in ("achievable", "unknown") and report.achievability.text:
        lines.append(f"  · {report.achievability.text}")
    if children:
        lines += ["", t("goals.show.children")]
        for child, child_data in zip(children, children_data):
            child_progress = format_percent(goal_progress(child_data, today))
            lines.append(f"  #{child.id}  {child.title}  {child_progress}  {status_label(child.status)}")
    checkins = store.checkins(goal.id)
    lines += ["", t("goals.show.checkins")]
    if not checkins:
        lines.append(f"  {t('goals.show.no_checkins')}")
    for checkin in reversed(checkins[-10:]):
        parts = [checkin.day.isoformat(), outlook_label(checkin.confidence)]
        if checkin.value is not None:
            parts.append(format_number(checkin.value, unit))
        if checkin.note.strip():
            parts.append(" ".join(checkin.note.split()))
        lines.append("  " + "  ".join(parts))
    lines += lesson_lines(goal, store)
    return lines


LESSON_MARKS = {"success": "✓", "failure": "✗"}


def lesson_lines(goal, store) -> list[str]:
    """The section of earlier lessons with the goal's tags (and its metric's key); none without."""
    from growthlog.services.lessons import lessons_beside

    found = lessons_beside(store, goal.tags, metric_key=goal.metric)
    if not found:
        return []
    lines = ["", t("lessons.cli.heading")]
    for lesson, author in ((item.entry, item.author) for item in found):
        mark = LESSON_MARKS.get(str(lesson.fields.get("outcome") or ""), "·")
        by = f"  · {author}" if author else ""
        lines.append(f"  {mark} #{lesson.id}  {lesson.day.isoformat()}  {lesson.title}{by}")
        takeaway = next((line.strip() for line in str(lesson.fields.get("takeaway") or "").splitlines() if line.strip()), "")
        if takeaway:
            lines.append(f"      {takeaway}")
    return lines
