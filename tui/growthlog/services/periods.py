"""Periods a review covers: the current sprint, a week, a month, a quarter, or any START..END.

A sprint is ``length`` days long; sprints follow one another from ``anchor`` (any day a sprint
began; the default is a Monday, so two-week sprints run Monday to Sunday-after-next). Every period
steps to the one before or after it (:meth:`Period.shifted`): a custom period by its own length.

Import-light (no textual, no pydantic): the command line parses ``--period`` with it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from growthlog.i18n import t
from growthlog.services.dates import DateError, parse_date

PERIOD_KINDS = ("sprint", "week", "month", "quarter")
DEFAULT_SPRINT_DAYS = 14
DEFAULT_SPRINT_ANCHOR = dt.date(2024, 1, 1)  # a Monday


class PeriodError(ValueError):
    """A period that cannot be read; the message says what is accepted."""


@dataclasses.dataclass(frozen=True)
class SprintRule:
    """How sprints are cut: ``length`` days each, one of them starting on ``anchor``."""

    length: int = DEFAULT_SPRINT_DAYS
    anchor: dt.date = DEFAULT_SPRINT_ANCHOR

    def __post_init__(self) -> None:
        if not 1 <= self.length <= 366:
            raise PeriodError(t("period.bad_length", length=self.length))


@dataclasses.dataclass(frozen=True)
class Period:
    """``start`` to ``end``, both days included. ``kind`` says how it was cut (custom: by hand)."""

    kind: str
    start: dt.date
    end: dt.date
    sprint: SprintRule = SprintRule()

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodError(t("period.backwards", start=self.start, end=self.end))

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def key(self) -> str:
        """``START..END``: what ``--period`` accepts to name exactly this period again."""
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def shifted(self, steps: int) -> "Period":
        """The period ``steps`` periods later (earlier when negative), of the same kind."""
        if steps == 0:
            return self
        if self.kind == "custom":
            offset = dt.timedelta(days=self.days * steps)
            return Period("custom", self.start + offset, self.end + offset, self.sprint)
        if self.kind in ("sprint", "week"):
            length = self.sprint.length if self.kind == "sprint" else 7
            return period_of(self.kind, self.start + dt.timedelta(days=length * steps), self.sprint)
        months = 3 if self.kind == "quarter" else 1
        year, month = divmod(self.start.year * 12 + self.start.month - 1 + months * steps, 12)
        return period_of(self.kind, dt.date(year, month + 1, 1), self.sprint)

    def label(self) -> str:
        """The period as the interface names it, e.g. "Sprint 47 · 2026-11-16 – 11-29"."""
        span = f"{self.start.isoformat()} – {self.end.isoformat()}"
        if self.kind == "sprint":
            return t("period.sprint", span=span)
        if self.kind == "week":
            year, week, _ = self.start.isocalendar()
            return t("period.week", year=year, week=week, span=span)
        if self.kind == "month":
            return t("period.month", year=self.start.year, month=t(f"period.month_name.{self.start.month}"))
        if self.kind == "quarter":
            return t("period.quarter", year=self.start.year, quarter=(self.start.month - 1) // 3 + 1)
        return span


def period_of(kind: str, day: dt.date, sprint: SprintRule = SprintRule()) -> Period:
    """The period of ``kind`` that contains ``day``."""
    if kind == "sprint":
        index = (day - sprint.anchor).days // sprint.length
        start = sprint.anchor + dt.timedelta(days=index * sprint.length)
        return Period("sprint", start, start + dt.timedelta(days=sprint.length - 1), sprint)
    if kind == "week":
        start = day - dt.timedelta(days=day.weekday())
        return Period("week", start, start + dt.timedelta(days=6), sprint)
    if kind == "month":
        start = day.replace(day=1)
        return Period("month", start, _month_end(start), sprint)
    if kind == "quarter":
        start = dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
        return Period("quarter", start, _month_end(start.replace(month=start.month + 2)), sprint)
    raise PeriodError(_accepted(kind))


def _month_end(first: dt.date) -> dt.date:
    following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


_NAMES = {
    "sprint": "sprint", "冲刺": "sprint", "迭代": "sprint",
    "week": "week", "周": "week", "本周": "week",
    "month": "month", "月": "month", "本月": "month",
    "quarter": "quarter", "季度": "quarter", "本季度": "quarter",
}
_BACK = re.compile(r"^(?P<name>[a-z]+|[\u4e00-\u9fff]+)\s*-\s*(?P<steps>\d{1,3})$")
_LAST = re.compile(r"^(?:last|previous|prev)[\s-]+(?P<name>[a-z]+)$")
_MONTH = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})$")
_QUARTER = re.compile(r"^(?P<year>\d{4})\s*-?\s*q(?P<quarter>[1-4])$")
_SEPARATORS = ("..", "～", "~", "至")


def parse_period(text: str, today: dt.date, sprint: SprintRule = SprintRule()) -> Period:
    """The period ``text`` names, relative to ``today``.

    Accepted: ``sprint``, ``week``, ``month``, ``quarter`` (the one containing today; also 冲刺,
    周, 月, 季度), ``sprint-1`` or ``last sprint`` (one back), ``2026-11`` (a month), ``2026-Q4``
    (a quarter), and ``START..END`` with any date form ``--date`` takes (``2026-11-01..today``).
    """
    raw = text
    text = text.strip().lower()
    if not text:
        raise PeriodError(_accepted(raw))
    if text in _NAMES:
        return period_of(_NAMES[text], today, sprint)
    if (m := _BACK.match(text)) and m["name"] in _NAMES:
        return period_of(_NAMES[m["name"]], today, sprint).shifted(-int(m["steps"]))
    if (m := _LAST.match(text)) and m["name"] in _NAMES:
        return period_of(_NAMES[m["name"]], today, sprint).shifted(-1)
    if m := _MONTH.match(text):
        if 1 <= int(m["month"]) <= 12:
            return period_of("month", dt.date(int(m["year"]), int(m["month"]), 1), sprint)
    if m := _QUARTER.match(text):
        return period_of("quarter", dt.date(int(m["year"]), int(m["quarter"]) * 3 - 2, 1), sprint)
    for separator in _SEPARATORS:
        if separator in text:
            first, _, last = text.partition(separator)
            try:
                start, end = parse_date(first, today), parse_date(last, today)
            except DateError as error:
                # The range is recognised; what is wrong is one of its dates, and DateError says
                # which and what a date may look like.
                raise PeriodError(str(error)) from None
            return Period("custom", start, end, sprint)
    raise PeriodError(_accepted(raw))


def _accepted(text: str) -> str:
    return t("period.bad", text=text.strip())
