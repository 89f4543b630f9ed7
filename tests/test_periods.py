"""Periods: sprints from the config's length and start day, weeks, months, quarters, START..END."""

from __future__ import annotations

import datetime as dt

import pytest

from growthlog import i18n
from growthlog.services.periods import Period, PeriodError, SprintRule, parse_period, period_of

D = dt.date
TODAY = D(2026, 11, 20)  # a Friday


def test_the_default_sprint_is_two_weeks_from_a_monday():
    sprint = parse_period("sprint", TODAY)
    assert (sprint.start, sprint.end) == (D(2026, 11, 16), D(2026, 11, 29))
    assert sprint.start.weekday() == 0 and sprint.days == 14


def test_sprints_follow_the_configured_length_and_start_day():
    rule = SprintRule(length=10, anchor=D(2026, 11, 3))
    sprint = parse_period("sprint", TODAY, rule)
    assert (sprint.start, sprint.end) == (D(2026, 11, 13), D(2026, 11, 22))
    # Days before the anchor belong to earlier sprints of the same rhythm.
    early = period_of("sprint", D(2026, 11, 1), rule)
    assert (early.start, early.end) == (D(2026, 10, 24), D(2026, 11, 2))


@pytest.mark.parametrize(
    ("text", "start", "end", "kind"),
    [
        ("week", D(2026, 11, 16), D(2026, 11, 22), "week"),
        ("month", D(2026, 11, 1), D(2026, 11, 30), "month"),
        ("quarter", D(2026, 10, 1), D(2026, 12, 31), "quarter"),
        ("季度", D(2026, 10, 1), D(2026, 12, 31), "quarter"),
        ("冲刺", D(2026, 11, 16), D(2026, 11, 29), "sprint"),
        ("sprint-1", D(2026, 11, 2), D(2026, 11, 15), "sprint"),
        ("last month", D(2026, 10, 1), D(2026, 10, 31), "month"),
        ("month-11", D(2025, 12, 1), D(2025, 12, 31), "month"),
        ("2026-02", D(2026, 2, 1), D(2026, 2, 28), "month"),
        ("2024-Q1", D(2024, 1, 1), D(2024, 3, 31), "quarter"),
        ("2026-11-01..today", D(2026, 11, 1), TODAY, "custom"),
        ("上周一..昨天", D(2026, 11, 9), D(2026, 11, 19), "custom"),
        ("2026-11-20..2026-11-20", TODAY, TODAY, "custom"),
    ],
)
def test_periods_as_people_write_them(text, start, end, kind):
    period = parse_period(text, TODAY)
    assert (period.start, period.end, period.kind) == (start, end, kind)


@pytest.mark.parametrize("text", ["", "fortnight", "2026-13", "2026-Q5", "sprint-x"])
def test_what_is_not_a_period_is_refused_with_what_is_accepted(text):
    with pytest.raises(PeriodError, match="START..END"):
        parse_period(text, TODAY)


def test_a_range_with_a_bad_date_names_that_date_and_what_dates_look_like():
    with pytest.raises(PeriodError, match="'someday'.*last monday") as caught:
        parse_period("2026-11-20..someday", TODAY)
    assert "START..END" not in str(caught.value)


def test_a_period_that_ends_before_it_starts_is_refused_in_the_interface_language():
    i18n.set_language("zh")
    with pytest.raises(PeriodError, match="早于"):
        parse_period("2026-11-20..2026-11-01", TODAY)


def test_bad_sprint_lengths_are_refused():
    with pytest.raises(PeriodError):
        SprintRule(length=0)


@pytest.mark.parametrize(
    ("text", "previous", "following"),
    [
        ("sprint", (D(2026, 11, 2), D(2026, 11, 15)), (D(2026, 11, 30), D(2026, 12, 13))),
        ("week", (D(2026, 11, 9), D(2026, 11, 15)), (D(2026, 11, 23), D(2026, 11, 29))),
        ("month", (D(2026, 10, 1), D(2026, 10, 31)), (D(2026, 12, 1), D(2026, 12, 31))),
        ("quarter", (D(2026, 7, 1), D(2026, 9, 30)), (D(2027, 1, 1), D(2027, 3, 31))),
        ("2026-11-11..2026-11-20", (D(2026, 11, 1), D(2026, 11, 10)), (D(2026, 11, 21), D(2026, 11, 30))),
    ],
)
def test_every_period_steps_to_the_one_before_and_after(text, previous, following):
    period = parse_period(text, TODAY)
    assert (period.shifted(-1).start, period.shifted(-1).end) == previous
    assert (period.shifted(1).start, period.shifted(1).end) == following
    assert period.shifted(1).shifted(-1) == period


def test_stepping_months_across_years_and_short_months():
    january = parse_period("2026-01", TODAY)
    assert january.shifted(-1).start == D(2025, 12, 1)
    assert january.shifted(1).end == D(2026, 2, 28)
    assert parse_period("2024-02", TODAY).end == D(2024, 2, 29)


def test_labels_in_both_languages():
    assert parse_period("month", TODAY).label() == "November 2026"
    assert parse_period("quarter", TODAY).label() == "Q4 2026"
    assert parse_period("sprint", TODAY).label() == "Sprint 2026-11-16 – 2026-11-29"
    i18n.set_language("zh")
    assert parse_period("month", TODAY).label() == "2026 年 11 月"
    assert parse_period("quarter", TODAY).label() == "2026 年第 4 季度"
    assert "第 47 周" in parse_period("week", TODAY).label()


def test_key_names_the_period_again():
    period = parse_period("sprint-1", TODAY)
    again = parse_period(period.key, TODAY)
    assert (again.start, again.end) == (period.start, period.end)
    assert Period("custom", TODAY, TODAY).days == 1
