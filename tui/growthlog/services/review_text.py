"""A review in words: the lines every view of a report shares, and the exported files.

The Review screen, ``growthlog review`` and the exported Markdown all say the same things the same
way, so the sentences are made here, once: :func:`goals_headline`, :func:`metric_change_text`,
:func:`verdict_text`, :func:`heatmap_lines`… :func:`review_markdown` is the report a manager
reads (headings in the interface language, tables for goals and metrics, text sparklines, the
written part); :func:`review_json` holds every number. Whose review it is and who wrote what come
from :mod:`growthlog.services.review_people`.

No textual here. User text goes into Markdown as it was written, except that table cells have their
``|`` and line breaks escaped so a title cannot break a table.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

from growthlog.i18n import get_language, kind_label, t
from growthlog.services.numbers import format_change, format_number, format_percent, rounded
from growthlog.services.periods import Period
from growthlog.services.review.report import NOTE_KINDS, EntryLine, GoalLine, MetricLine, ReviewReport, StrategyLine
from growthlog.services.review.team import author_to_show, names_everyone
from growthlog.services.review_people import member_scope, problem_people, problems_by_whom, who_wrote_what, whose_label
from growthlog.textutil import spark_chars

if TYPE_CHECKING:
    from growthlog.models import Review

SECTIONS = ("goals", "data", "problems", "strategies", "lessons", "notes", "activity")
"""The generated part's sections, in DESIGN.md's order."""
WRITTEN = ("summary", "went_well", "to_improve", "plan")
"""The written part's fields (``Review`` attributes), in order."""
HEAT_CHARS = " ░▒▓█"
SPARK_WIDTH = 16


def section_title(section: str) -> str:
    return t(f"review.section.{section}")


def written_title(field: str) -> str:
    return t(f"review.written.{field}")


def report_period(report: ReviewReport) -> Period:
    return Period(report.period_kind, report.start, report.end)


def review_title(report: ReviewReport) -> str:
    """"Review: Sprint …", followed by whose review it is when that is worth saying."""
    title = t("review.title", period=report_period(report).label())
    whose = whose_label(report)
    return f"{title} · {whose}" if whose else title


# Numbers


def change_text(change: float | None, relative: float | None, unit: str = "") -> str:
    """A period's change for the report: rounded, "—" when there is none, "±0" when it is nil."""
    if change is None:
        return "—"
    return format_change(rounded(change), relative, unit) or "±0"


# Headlines and lines


def goals_headline(report: ReviewReport) -> str:
    part = report.goals
    if not part.total:
        return t("review.goals.none")
    return t("review.goals.headline", achieved=part.achieved, total=part.total, rate=format_percent(part.rate),
             at_risk=len(part.at_risk))


def goal_state(goal: GoalLine) -> str:
    """achieved / at risk / on track…, as one word or two."""
    if goal.achieved:
        return t("review.goal.achieved")
    if goal.status in ("missed", "dropped"):
        return t(f"goal_status.{goal.status}")
    if goal.forecast:
        return t(f"goals.outlook.{goal.forecast.replace('-', '_')}")
    return t("review.goal.unknown")


def metric_change_text(line: MetricLine) -> str:
    return change_text(line.change, line.relative_change, line.unit)


def metric_spark(line: MetricLine, width: int = SPARK_WIDTH) -> str:
    return spark_chars(line.spark, min(width, max(1, len(line.spark))))


def problems_headline(report: ReviewReport) -> str:
    part = report.problems
    mean = "—" if part.mean_days_to_resolve is None else f"{part.mean_days_to_resolve:.1f}"
    return t("review.problems.headline", opened=part.opened, resolved=part.resolved, open=part.open_total, days=mean)


def open_by_severity_text(report: ReviewReport) -> str:
    counts = report.problems.open_by_severity
    if not counts:
        return t("review.problems.none_open")
    return " · ".join(f"{t('choice.' + severity)} {count}" for severity, count in counts.items())


def verdict_text(line: StrategyLine) -> str:
    """Did it work? One sentence with the before and after means."""
    if line.verdict == "no_metric":
        return t("review.strategy.no_metric")
    if line.verdict == "too_early":
        return t("review.strategy.too_early", count=line.window_days)
    if line.verdict == "no_data":
        return t("review.strategy.no_data", metric=line.metric_name or line.metric, days=line.window_days)
    return t(
        f"review.strategy.{line.verdict}", metric=line.metric_name or line.metric, days=line.window_days,
        before=format_number(line.before, line.unit), after=format_number(line.after, line.unit),
        change=change_text(line.change, line.relative_change, line.unit),
    )


def lesson_groups(report: ReviewReport) -> list[tuple[str, list[EntryLine], str]]:
    """The period's lessons as (heading, lessons, outcome), successes first; empty groups left out."""
    part = report.lessons
    groups = (
        (t("review.lessons.successes"), part.successes, "success"),
        (t("review.lessons.failures"), part.failures, "failure"),
        (t("review.lessons.others"), part.others, ""),
    )
    return [group for group in groups if group[1]]


def lesson_mark(outcome: str) -> str:
    return {"success": "✓", "failure": "✗"}.get(outcome, "·")


def entry_text(line: EntryLine) -> str:
    text = f"{line.day.isoformat()}  {line.title}"
    return f"{text} — {line.detail}" if line.detail and line.detail != line.title else text


def activity_headline(report: ReviewReport) -> str:
    part = report.activity
    return t("review.activity.headline", total=part.total, active=part.active_days, days=report.days,
             streak=part.streak, longest=part.longest_run)


def heatmap_lines(report: ReviewReport) -> list[str]:
    """A calendar heatmap of entries per day: one row per weekday (Monday first), one column per
    week, darker for more entries (relative to the busiest day); days outside the period, and days
    of a running period still to come, blank."""
    per_day = report.activity.per_day
    busiest = max(per_day.values(), default=0)
    first_monday = report.start - dt.timedelta(days=report.start.weekday())
    weeks = (report.end - first_monday).days // 7 + 1
    names = t("review.weekdays").split(",")
    rows = []
    for weekday in range(7):
        cells = []
        for week in range(weeks):
            day = first_monday + dt.timedelta(days=week * 7 + weekday)
            if not report.start <= day <= report.as_of:  # outside the period, or still to come
                cells.append(" ")
                continue
            count = per_day.get(day, 0)
            # One entry is the lightest shade, the busiest day the darkest.
            level = 1 + (count - 1) * 3 // max(busiest - 1, 1)
            cells.append(HEAT_CHARS[min(level, 4)] if count else "·")
        rows.append(f"{names[weekday]} {''.join(cells)}")
    return rows


def section_is_empty(report: ReviewReport, section: str) -> bool:
    if section == "goals":
        return not report.goals.total
    if section == "data":
        return not report.data
    if section == "problems":
        p = report.problems
        return not (p.opened or p.resolved or p.open_total)
    if section == "strategies":
        return not report.strategies
    if section == "lessons":
        return not (report.lessons.total or report.lessons.resurfaced)
    if section == "notes":
        return not any(report.notes.counts.values())
    return not report.activity.total


def empty_text(section: str) -> str:
    """The one line an empty section shows."""
    return t(f"review.empty.{section}")


# Markdown


def _cell(text: object) -> str:
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def _table(header: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


def _ref(report: ReviewReport, item_id: int, author: str, *more: str, raw: bool = False) -> str:
    """``#12``, then who wrote it when that is worth saying (``raw``: ``author`` is already the
    names to show), then ``more``: what goes in brackets."""
    names = author if raw else author_to_show(report, author)
    return ", ".join(part for part in (f"#{item_id}", _cell(names), *more) if part)


def _bullets(report: ReviewReport, lines: list[EntryLine], mark: str = "-") -> list[str]:
    return [f"{mark} {_cell(entry_text(line))} ({_ref(report, line.id, line.author)})" for line in lines]


def review_markdown(report: ReviewReport, review: "Review | None" = None) -> str:
    """The review as a Markdown report (see the module's docstring)."""
    out = [f"# {review_title(report)}", ""]
    out.append(t("review.generated_line", start=report.start.isoformat(), end=report.end.isoformat(),
                 as_of=report.as_of.isoformat()))
    out.append("")
    for line in (member_scope(report), who_wrote_what(report)):
        if line:
            out += [line, ""]
    if review is not None and review.summary:
        out += [f"## {written_title('summary')}", "", review.summary, ""]
    for section in SECTIONS:
        out += [f"## {section_title(section)}", ""]
        if section_is_empty(report, section):
            out += [empty_text(section), ""]
            continue
        out += _SECTION_MARKDOWN[section](report)
        out.append("")
    if review is not None:
        for field in WRITTEN[1:]:
            text = getattr(review, field)
            out += [f"## {written_title(field)}", "", text or t("review.written.empty"), ""]
    return "\n".join(out).rstrip() + "\n"


def _goals_md(report: ReviewReport) -> list[str]:
    owners = names_everyone(report)
    rows = [
        [goal.title, *([goal.owner or "—"] if owners else []), format_number(goal.target, goal.unit),
         goal.due.isoformat() if goal.due else "—", format_percent(goal.progress_start),
         format_percent(goal.progress_end), goal_state(goal)]
        for goal in report.goals.goals
    ]
    header = [t("review.col.goal"), *([t("review.col.owner")] if owners else []), t("review.col.target"),
              t("review.col.due"), t("review.col.progress_start"), t("review.col.progress_end"), t("review.col.state")]
    lines = [goals_headline(report), "", *_table(header, rows)]
    if report.goals.at_risk:
        separator = "、" if get_language() == "zh" else ", "
        titles = separator.join(_cell(goal.title) for goal in report.goals.at_risk)
        lines += ["", f"{t('review.goals.at_risk_heading')} {titles}"]
    return lines


def _data_md(report: ReviewReport) -> list[str]:
    header = [t("review.col.metric"), t("review.col.first"), t("review.col.last"), t("review.col.change"),
              t("review.col.trend"), t("review.col.best"), t("review.col.worst")]
    rows = []
    for line in report.data:
        judged = {True: " ✓", False: " ✗", None: ""}[line.good]
        rows.append([
            line.name, format_number(line.first.value, line.unit), format_number(line.last.value, line.unit),
            metric_change_text(line) + judged, f"`{metric_spark(line)}`",
            f"{format_number(line.best.value, line.unit)} ({line.best.day.strftime('%m-%d')})",
            f"{format_number(line.worst.value, line.unit)} ({line.worst.day.strftime('%m-%d')})",
        ])
    return _table(header, rows)


def _problems_md(report: ReviewReport) -> list[str]:
    part = report.problems
    lines = [problems_headline(report), "", f"{t('review.problems.open_by_severity')} {open_by_severity_text(report)}"]
    if problems_by_whom(report):
        lines += ["", problems_by_whom(report)]
    if part.resolved_list:
        lines += ["", f"**{t('review.problems.resolved')}**", ""]
        for p in part.resolved_list:
            ref = _ref(report, p.id, problem_people(report, p), f"{p.day.isoformat()} → {p.resolved_on}", raw=True)
            lines.append(f"- {_cell(p.title)} ({ref})")
    if part.still_open:
        lines += ["", f"**{t('review.problems.still_open')}**", ""]
        lines += [f"- [{t('choice.' + p.severity)}] {_cell(p.title)} ({_ref(report, p.id, p.author, p.day.isoformat())})"
                  for p in part.still_open[:10]]
    return lines


def _strategies_md(report: ReviewReport) -> list[str]:
    lines = []
    for line in report.strategies:
        where = ", ".join(part for part in (line.effective_on.isoformat(), _ref(report, line.id, line.author)) if part)
        lines.append(f"- **{_cell(line.title)}** ({where}): {verdict_text(line)}")
        if line.outcome:
            lines.append(f"  {t('review.strategy.outcome')} {_cell(line.outcome)}")
    return lines


def _lessons_md(report: ReviewReport) -> list[str]:
    part = report.lessons
    lines: list[str] = []
    for heading, items, outcome in lesson_groups(report):
        lines += [f"**{heading}**", "", *_bullets(report, items, f"- {lesson_mark(outcome)}"), ""]
    if part.resurfaced:
        lines += [f"**{t('review.lessons.resurfaced')}**", "", *_bullets(report, part.resurfaced), ""]
    return lines[:-1] if lines and lines[-1] == "" else lines


def _notes_md(report: ReviewReport) -> list[str]:
    lines: list[str] = []
    for kind in NOTE_KINDS:
        items = getattr(report.notes, kind)
        count = report.notes.counts.get(kind, 0)
        if not count:
            continue
        lines += [f"**{kind_label(kind)}** ({count})", "", *_bullets(report, items), ""]
    return lines[:-1] if lines and lines[-1] == "" else lines


def _activity_md(report: ReviewReport) -> list[str]:
    return [activity_headline(report), "", "```", *heatmap_lines(report), "```"]


_SECTION_MARKDOWN = {
    "goals": _goals_md, "data": _data_md, "problems": _problems_md, "strategies": _strategies_md,
    "lessons": _lessons_md, "notes": _notes_md, "activity": _activity_md,
}


# JSON


def review_json(report: ReviewReport, review: "Review | None" = None) -> str:
    """Every number of the report, the period, and the written part when there is one."""
    period = report_period(report)
    data = {
        "period": {"kind": report.period_kind, "start": report.start.isoformat(), "end": report.end.isoformat(),
                   "label": period.label(), "days": report.days},
        "saved": review is not None and review.id is not None,
        "review_id": review.id if review is not None else None,
        "generated": review.generated.isoformat() if review is not None else None,
        "written": {field: getattr(review, field) for field in WRITTEN} if review is not None else None,
        "author": report.author or None,
        "report": report.to_json_dict(),
        "derived": {
            "goal_achievement_rate": report.goals.rate,
            "entries_by_member": {member.name: member.entries for member in report.members},
            "metric_changes": {line.key: {"change": line.change, "relative": line.relative_change, "good": line.good}
                               for line in report.data},
            "strategy_changes": {str(line.id): {"change": line.change, "relative": line.relative_change}
                                 for line in report.strategies},
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# Files


def default_file_name(report: ReviewReport, fmt: str) -> str:
    """growthlog-review-2026-11-16..2026-11-29.md (…-林晓.md for one member's review)."""
    import re

    whose = "-" + re.sub(r"[^\w.-]+", "_", report.author).strip("._") if report.author else ""
    return f"growthlog-review-{report.start.isoformat()}..{report.end.isoformat()}{whose}.{fmt}"


def render(report: ReviewReport, review: "Review | None", fmt: str) -> str:
    """The review as ``md`` or ``json`` text. One member's review has no written part: what is
    written belongs to the team's review of the period."""
    if report.author:
        review = None
    if fmt == "json":
        return review_json(report, review)
    if fmt == "md":
        return review_markdown(report, review)
    raise ValueError(f"unknown review format {fmt!r}")


def write_file(path: "str | object", text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file renamed over it, so that a failed write
    leaves no half report. Raises OSError."""
    import os
    from pathlib import Path

    target = Path(path).expanduser()
    partial = target.with_name(f".{target.name}.partial")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, target)
    except OSError:
        partial.unlink(missing_ok=True)
        raise
