"""``growthlog metric define|record|list``, and the CSV side of ``growthlog import``.

Import-light like every command module: click and the catalogs at import time; the store, pydantic
and the services inside the commands. Nothing here imports textual.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import click

from growthlog.cli.common import Progress, UserError, aligned_lines, column_widths, echo_json, parse_day, table_lines
from growthlog.i18n import t

DIRECTIONS = ("up", "down")
AGGREGATIONS = ("last", "sum", "mean")
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
NAME_MAX = 100
UNIT_MAX = 20
# The period of the change shown by `metric list`.
CHANGE_DAYS = 7
# The widest a metric's name is shown in `metric list` on a terminal.
NAME_COLUMN = 30


@click.group("metric", context_settings={"help_option_names": ["-h", "--help"]})
def metric_group() -> None:
    """Define metrics (KPIs), record their values, list them.

    A metric has a key (dau, d7_retention), a name, a unit, a direction (up: higher is better) and
    an aggregation over a period (last, sum or mean). Values: one per metric and day; recording a
    day again replaces its value. Import many values from CSV with `growthlog import FILE.csv`.
    """


def preset_list() -> str:
    from growthlog.services.metrics import PRESETS

    return ", ".join(PRESETS)


def check_key(key: str) -> str:
    """``key`` if it is a valid metric key, else a UserError that explains the form and suggests
    one made from it."""
    if KEY_PATTERN.match(key):
        return key
    from growthlog.services.metric_import import slugify_key

    suggestion = slugify_key(key)
    shown = _short(key)
    if suggestion != "metric" and KEY_PATTERN.match(suggestion):
        raise UserError(t("metrics.define.bad_key_try", key=shown, suggestion=suggestion))
    raise UserError(t("metrics.define.bad_key", key=shown))


def _short(text: str, limit: int = 40) -> str:
    from growthlog.textutil import clean_line

    text = clean_line(text[: limit * 4])
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_metric(metric) -> str:
    """"日活跃用户 (unit 人; higher is better; a period's value is the mean)"."""
    parts = []
    if metric.unit:
        parts.append(t("metrics.describe.unit", unit=metric.unit))
    parts.append(t(f"metrics.direction.{metric.direction}"))
    parts.append(t(f"metrics.aggregation.{metric.aggregation}"))
    return t("metrics.describe", name=metric.name, details=t("metrics.describe.separator").join(parts))


@metric_group.command("define")
@click.argument("key")
@click.option("--name", "-n", metavar="NAME", help="The name people read, e.g. 日活跃用户 or Daily active users.")
@click.option("--unit", "-u", metavar="UNIT", help="Shown with values: %, 元, ¥, users…")
@click.option("--direction", type=click.Choice(DIRECTIONS), help="up: higher is better (default); down: lower is better (churn, cost).")
@click.option("--aggregation", type=click.Choice(AGGREGATIONS), help="A period's value: the last one (default), their sum (revenue) or their mean (rates).")
@click.option("--description", metavar="TEXT", help="How it is measured, where the number comes from.")
@click.option("--preset", "-p", "preset_name", metavar="PRESET", help="Fill name, unit, direction, aggregation and description from a preset (options given win): new_users, dau, mau, d1_retention, d7_retention, d30_retention, conversion_rate, revenue, churn_rate.")
@click.pass_obj
def define(obj, key: str, name: str | None, unit: str | None, direction: str | None, aggregation: str | None,
           description: str | None, preset_name: str | None) -> None:
    """Define a metric KEY: lower-case letters, digits and _, starting with a letter (dau, d7_retention).

    Examples: growthlog metric define dau --preset dau;
    growthlog metric define paid_users --name 付费用户 --unit 人 --aggregation sum
    """
    from growthlog.services.metrics import find_preset
    from growthlog.textutil import clean_block, clean_line

    key = check_key(key)
    preset = None
    if preset_name is not None:
        preset = find_preset(preset_name)
        if preset is None:
            raise UserError(t("metrics.define.unknown_preset", name=_short(preset_name), presets=preset_list()))
    if name is None and preset is None:
        hint = find_preset(key)
        if hint is not None:
            raise click.UsageError(t("metrics.define.need_name_preset", key=key, preset=hint.key))
        raise click.UsageError(t("metrics.define.need_name", presets=preset_list()))
    if name is not None:
        name = clean_line(name)
        if not name:
            raise UserError(t("metrics.define.empty_name"))
        if len(name) > NAME_MAX:
            raise UserError(t("metrics.define.long_name", limit=NAME_MAX))
    if unit is not None:
        unit = clean_line(unit)
        if len(unit) > UNIT_MAX:
            raise UserError(t("metrics.define.long_unit", limit=UNIT_MAX))
    if description is not None:
        description = clean_block(description)
    store = obj.store()
    existing = store.get_metric(key)
    if existing is not None:
        raise UserError(t("metrics.define.exists", key=key, name=existing.name))
    overrides: dict[str, Any] = {"name": name, "unit": unit, "direction": direction, "aggregation": aggregation,
                                 "description": description}
    if preset is not None:
        metric = preset.metric(key, **overrides)
    else:
        from growthlog.models import Metric

        metric = Metric(key=key, **{field: value for field, value in overrides.items() if value is not None})
    from growthlog.store.db import StoreError

    try:
        store.define_metric(metric)
    except StoreError:  # defined by someone else since the check above
        raise UserError(t("metrics.define.exists", key=key, name=store.get_metric(key).name)) from None
    click.echo(t("metrics.define.done", key=key, description=describe_metric(metric)))


def find_metric(store, text: str):
    """The metric ``text`` names: its key, or (case and width aside) its key or its name when only
    one metric has it. A UserError listing the known keys when none does."""
    metric = store.get_metric(text)
    if metric is not None:
        return metric
    import unicodedata

    def fold(value: str) -> str:
        return unicodedata.normalize("NFKC", value).casefold().strip()

    everything = store.list_metrics()
    wanted = fold(text)
    for matches in ([m for m in everything if fold(m.key) == wanted], [m for m in everything if fold(m.name) == wanted]):
        if len(matches) == 1:
            return matches[0]
    if not everything:
        raise UserError(t("metrics.record.none_defined", key=_short(text)))
    known = ", ".join(sorted(m.key for m in everything))
    raise UserError(t("metrics.record.unknown", key=_short(text), known=known))


@metric_group.command("record", context_settings={"ignore_unknown_options": True})
@click.argument("key")
@click.argument("value")
@click.option("--date", "-d", "date_text", metavar="DATE", help="The day the value is for (default today): 2026-11-20, yesterday, 昨天, -3d…")
@click.option("--note", "-m", metavar="TEXT", help="A note kept with the value.")
@click.pass_obj
def record(obj, key: str, value: str, date_text: str | None, note: str | None) -> None:
    """Record a metric's VALUE for a day; prints what was stored.

    VALUE as people write it: 1234, 1,234, 12.5%, 3.2万, 1.5亿, 2k, ¥3,000, -5, (120).
    Recording a day that has a value already replaces it, and says so.
    """
    from growthlog.services.numbers import format_value
    from growthlog.services.values import ValueInputError, parse_value
    from growthlog.textutil import clean_line

    if value.startswith("-") and len(value) > 1 and not value[1:2].isdigit() and value[1:2] not in ".¥$€£":
        # An option click did not know, taken for the value (ignore_unknown_options lets -5 through).
        raise click.NoSuchOption(value)
    store = obj.store()
    metric = find_metric(store, key)
    try:
        number = parse_value(value)
    except ValueInputError as error:
        raise UserError(str(error)) from None
    day = parse_day(date_text)
    note_text = clean_line(note or "")
    if len(note_text) > 2000:
        raise UserError(t("metrics.record.long_note", limit="2,000"))
    from growthlog.models import Measurement

    old = store.record(Measurement(metric=metric.key, day=day, value=number, note=note_text, source="manual"))
    shown = format_value(number, metric.unit)
    if old is None:
        click.echo(t("metrics.record.done", key=metric.key, name=metric.name, value=shown, day=day.isoformat()))
    else:
        click.echo(t("metrics.record.replaced", key=metric.key, name=metric.name, value=shown, day=day.isoformat(),
                     old=format_value(old, metric.unit)))


@metric_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
@click.pass_obj
def list_metrics(obj, as_json: bool) -> None:
    """List metrics: key, name, unit, which way is better, latest value and day, and the change of
    the last 7 days against the 7 before (each period's value by the metric's aggregation)."""
    from growthlog.services.metrics import load_metric_summary

    store = obj.store()
    today = obj.today()
    summaries = [load_metric_summary(store, metric, today, CHANGE_DAYS) for metric in store.list_metrics()]
    if as_json:
        echo_json([summary_to_dict(summary) for summary in summaries])
        return
    if not summaries:
        click.echo(t("metrics.list.none", presets=preset_list()), err=True)
        return
    for line in summary_table(summaries):
        click.echo(line)


def summary_to_dict(summary) -> dict[str, Any]:
    metric = summary.metric
    return {
        "key": metric.key,
        "name": metric.name,
        "unit": metric.unit,
        "direction": metric.direction,
        "aggregation": metric.aggregation,
        "description": metric.description,
        "latest": None if summary.latest_day is None else {"day": summary.latest_day.isoformat(), "value": summary.latest_value},
        "change": {
            "period_days": summary.period_days,
            "current": summary.current,
            "previous": summary.previous,
            "absolute": summary.change,
            "relative": summary.relative_change,
            "good": summary.change_is_good,
        },
    }


def change_text(summary) -> str:
    """"+120 (+5.0%) ✓": the change, and whether it goes the better way (✓) or not (✗)."""
    from growthlog.services.numbers import format_change

    unit = summary.metric.unit
    text = format_change(summary.change, summary.relative_change, "%" if unit.strip() == "%" else "")
    if summary.change_is_good is True:
        text += " ✓"
    elif summary.change_is_good is False:
        text += " ✗"
    return text or "—"


def summary_table(summaries) -> list[str]:
    """Lines of the metric list, columns lined up with Chinese text (display width)."""
    from growthlog.services.numbers import format_value

    headers = [t("metrics.col.key"), t("metrics.col.name"), t("metrics.col.unit"), t("metrics.col.better"),
               t("metrics.col.latest"), t("metrics.col.day"), t("metrics.col.change", days=CHANGE_DAYS)]
    rows = []
    for summary in summaries:
        metric = summary.metric
        latest = "—" if summary.latest_value is None else format_value(summary.latest_value)
        day = summary.latest_day.isoformat() if summary.latest_day else "—"
        rows.append([metric.key, metric.name, metric.unit or "—", t(f"metrics.better.{metric.direction}"), latest, day,
                     change_text(summary)])
    # Long names are cut on a terminal so that each metric stays on one line; piped output is whole.
    return table_lines(headers, rows, cut=1, cut_width=NAME_COLUMN, right=(4,))


# growthlog import FILE.csv


def import_csv(obj, path: Path, *, dry_run: bool, define: bool) -> None:
    """The CSV side of ``growthlog import``: check the whole file, say per metric what is (or would
    be) added and replaced, then write it in one transaction."""
    from growthlog.services import metric_import
    from growthlog.store.db import StoreError

    store = obj.store()
    try:
        with Progress(metric_import.count_rows(path), t("cli.progress.checking")) as progress:
            plan = metric_import.plan_csv_import(path, store, define=define, progress=progress.callback)
    except metric_import.CsvImportError as error:
        raise UserError(str(error)) from None
    if not plan.rows and not plan.define:
        click.echo(t("metrics.import.nothing", path=path))
        return
    source = t("metrics.import.source", path=path, layout=t(f"metrics.layout.{plan.layout}"), encoding=plan.encoding.upper())
    if not dry_run:
        try:
            with Progress(len(plan.rows), t("cli.progress.importing")) as progress:
                metric_import.apply_csv_import(plan, store, progress=progress.callback)
        except metric_import.CsvImportError as error:
            raise UserError(str(error)) from None
        except StoreError as error:
            raise UserError(t("cli.import.failed", reason=error)) from None
    counts = {"added": f"{plan.added:,}", "replaced": f"{plan.replaced:,}", "metrics": len(plan.metrics), "source": source}
    click.echo(t("metrics.import.dry_run" if dry_run else "metrics.import.done", **counts))
    for line in plan_table(plan, dry_run):
        click.echo(line)


def plan_table(plan, dry_run: bool) -> list[str]:
    """One line per metric: key, name, added, replaced, days covered, and whether it is new."""
    rows = []
    for counts in plan.metrics.values():
        days = f"{counts.first_day} – {counts.last_day}" if counts.first_day != counts.last_day else counts.first_day
        mark = t("metrics.import.new_metric_dry" if dry_run else "metrics.import.new_metric") if counts.defined else ""
        rows.append([counts.key, counts.name, t("metrics.import.added", count=f"{counts.added:,}"),
                     t("metrics.import.replaced", count=f"{counts.replaced:,}"), days or "—", mark])
    if not rows:
        return []
    return ["  " + line for line in aligned_lines(rows, column_widths(rows), right=(2, 3))]
