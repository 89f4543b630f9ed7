"""parse_date: every documented form, relative to fixed days, and clear errors."""

from __future__ import annotations

import datetime as dt

import pytest

from growthlog import i18n
from growthlog.services.dates import DateError, parse_date

D = dt.date
FRIDAY = D(2026, 11, 20)  # the suite's fixed today
MONDAY = D(2026, 11, 16)
SUNDAY = D(2026, 11, 22)
NEW_YEAR = D(2027, 1, 2)  # a Saturday, two days into a new year


def test_the_fixed_days_are_what_the_tests_assume(today):
    assert today == FRIDAY
    assert FRIDAY.weekday() == 4
    assert MONDAY.weekday() == 0
    assert SUNDAY.weekday() == 6
    assert NEW_YEAR.weekday() == 5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", FRIDAY),
        ("Today", FRIDAY),
        ("  TODAY  ", FRIDAY),
        ("now", FRIDAY),
        ("今天", FRIDAY),
        ("今日", FRIDAY),
        (" 今天 ", FRIDAY),
        ("yesterday", D(2026, 11, 19)),
        ("昨天", D(2026, 11, 19)),
        ("昨日", D(2026, 11, 19)),
        ("前天", D(2026, 11, 18)),
        ("大前天", D(2026, 11, 17)),
        ("tomorrow", D(2026, 11, 21)),
        ("明天", D(2026, 11, 21)),
        ("明日", D(2026, 11, 21)),
        ("后天", D(2026, 11, 22)),
    ],
)
def test_named_days(text, expected):
    assert parse_date(text, FRIDAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-20", D(2026, 11, 20)),
        ("2025-01-31", D(2025, 1, 31)),
        ("2026/11/20", D(2026, 11, 20)),
        ("2026.11.20", D(2026, 11, 20)),
        ("2026-1-2", D(2026, 1, 2)),
        ("20261120", D(2026, 11, 20)),
        ("2026年11月20日", D(2026, 11, 20)),
        ("2026年1月2日", D(2026, 1, 2)),
        ("2026 年 11 月 20 日", D(2026, 11, 20)),
        ("2026年11月20", D(2026, 11, 20)),
        ("２０２６年１１月２０日", D(2026, 11, 20)),  # full-width digits from a Chinese IME
        ("2024-02-29", D(2024, 2, 29)),
    ],
)
def test_absolute_dates(text, expected):
    assert parse_date(text, FRIDAY) == expected


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("11-20", FRIDAY, D(2026, 11, 20)),
        ("1/2", FRIDAY, D(2026, 1, 2)),
        ("12.31", FRIDAY, D(2026, 12, 31)),
        ("11月20日", FRIDAY, D(2026, 11, 20)),
        ("3月5日", FRIDAY, D(2026, 3, 5)),
        ("3月5", FRIDAY, D(2026, 3, 5)),
        # month-day takes the year of today
        ("12-31", NEW_YEAR, D(2027, 12, 31)),
        ("2-29", D(2028, 3, 1), D(2028, 2, 29)),
    ],
)
def test_month_and_day_in_todays_year(text, today, expected):
    assert parse_date(text, today) == expected


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("-3d", FRIDAY, D(2026, 11, 17)),
        ("-3", FRIDAY, D(2026, 11, 17)),
        ("+3d", FRIDAY, D(2026, 11, 23)),
        ("+ 3 d", FRIDAY, D(2026, 11, 23)),
        ("-1w", FRIDAY, D(2026, 11, 13)),
        ("+2w", FRIDAY, D(2026, 12, 4)),
        ("-2 weeks", FRIDAY, D(2026, 11, 6)),
        ("-1 day", FRIDAY, D(2026, 11, 19)),
        ("3 days ago", FRIDAY, D(2026, 11, 17)),
        ("1 day ago", FRIDAY, D(2026, 11, 19)),
        ("3d ago", FRIDAY, D(2026, 11, 17)),
        ("2 weeks ago", FRIDAY, D(2026, 11, 6)),
        ("1 week ago", FRIDAY, D(2026, 11, 13)),
        ("2w ago", FRIDAY, D(2026, 11, 6)),
        ("in 3 days", FRIDAY, D(2026, 11, 23)),
        ("in 2 weeks", FRIDAY, D(2026, 12, 4)),
        ("in 2w", FRIDAY, D(2026, 12, 4)),
        ("3天前", FRIDAY, D(2026, 11, 17)),
        ("3 天前", FRIDAY, D(2026, 11, 17)),
        ("3日前", FRIDAY, D(2026, 11, 17)),
        ("3天之前", FRIDAY, D(2026, 11, 17)),
        ("3天以前", FRIDAY, D(2026, 11, 17)),
        ("2周前", FRIDAY, D(2026, 11, 6)),
        ("1个星期前", FRIDAY, D(2026, 11, 13)),
        ("2星期前", FRIDAY, D(2026, 11, 6)),
        ("3天后", FRIDAY, D(2026, 11, 23)),
        ("3天之后", FRIDAY, D(2026, 11, 23)),
        ("3天以后", FRIDAY, D(2026, 11, 23)),
        ("2周后", FRIDAY, D(2026, 12, 4)),
        # across month and year ends
        ("yesterday", D(2027, 1, 1), D(2026, 12, 31)),
        ("前天", NEW_YEAR, D(2026, 12, 31)),
        ("-3d", NEW_YEAR, D(2026, 12, 30)),
        ("2 weeks ago", NEW_YEAR, D(2026, 12, 19)),
        ("in 30 days", NEW_YEAR, D(2027, 2, 1)),
        ("tomorrow", D(2026, 12, 31), D(2027, 1, 1)),
        ("-1d", D(2026, 3, 1), D(2026, 2, 28)),
        ("-1d", D(2028, 3, 1), D(2028, 2, 29)),
        ("1个星期前", D(2026, 3, 1), D(2026, 2, 22)),
        ("+1w", D(2026, 12, 28), D(2027, 1, 4)),
    ],
)
def test_relative_offsets(text, today, expected):
    assert parse_date(text, today) == expected


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        # bare weekday: the latest such day on or before today
        ("monday", FRIDAY, D(2026, 11, 16)),
        ("Mon", FRIDAY, D(2026, 11, 16)),
        ("friday", FRIDAY, FRIDAY),
        ("saturday", FRIDAY, D(2026, 11, 14)),
        ("sun", FRIDAY, D(2026, 11, 15)),
        ("tues", FRIDAY, D(2026, 11, 17)),
        ("thurs", FRIDAY, D(2026, 11, 19)),
        ("monday", MONDAY, MONDAY),
        ("sunday", MONDAY, D(2026, 11, 15)),
        ("sunday", SUNDAY, SUNDAY),
        ("monday", SUNDAY, D(2026, 11, 16)),
        # last: strictly before today
        ("last monday", FRIDAY, D(2026, 11, 16)),
        ("last friday", FRIDAY, D(2026, 11, 13)),
        ("last monday", MONDAY, D(2026, 11, 9)),
        ("last sunday", SUNDAY, D(2026, 11, 15)),
        ("last saturday", NEW_YEAR, D(2026, 12, 26)),
        ("last thursday", NEW_YEAR, D(2026, 12, 31)),
        # next: a week after the latest on or before today
        ("next friday", FRIDAY, D(2026, 11, 27)),
        ("next monday", FRIDAY, D(2026, 11, 23)),
        ("next monday", MONDAY, D(2026, 11, 23)),
        ("next sunday", SUNDAY, D(2026, 11, 29)),
        ("next saturday", NEW_YEAR, D(2027, 1, 9)),
        # this: in the current Monday-to-Sunday week
        ("this monday", FRIDAY, D(2026, 11, 16)),
        ("this sunday", FRIDAY, D(2026, 11, 22)),
        ("this sunday", MONDAY, D(2026, 11, 22)),
        ("this monday", SUNDAY, D(2026, 11, 16)),
        ("this friday", NEW_YEAR, D(2027, 1, 1)),
        ("this monday", NEW_YEAR, D(2026, 12, 28)),
    ],
)
def test_english_weekdays(text, today, expected):
    assert parse_date(text, today) == expected


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("周一", FRIDAY, D(2026, 11, 16)),
        ("周五", FRIDAY, FRIDAY),
        ("周六", FRIDAY, D(2026, 11, 14)),
        ("星期日", FRIDAY, D(2026, 11, 15)),
        ("星期天", FRIDAY, D(2026, 11, 15)),
        ("礼拜天", FRIDAY, D(2026, 11, 15)),
        ("周7", FRIDAY, D(2026, 11, 15)),
        ("周1", FRIDAY, D(2026, 11, 16)),
        ("周日", SUNDAY, SUNDAY),
        ("周一", SUNDAY, D(2026, 11, 16)),
        ("周日", MONDAY, D(2026, 11, 15)),
        # 上/本/下 are calendar weeks, Monday to Sunday
        ("上周一", FRIDAY, D(2026, 11, 9)),
        ("上周五", FRIDAY, D(2026, 11, 13)),
        ("上周日", FRIDAY, D(2026, 11, 15)),
        ("上个星期一", FRIDAY, D(2026, 11, 9)),
        ("上上周一", FRIDAY, D(2026, 11, 2)),
        ("本周三", FRIDAY, D(2026, 11, 18)),
        ("这周日", FRIDAY, D(2026, 11, 22)),
        ("这个星期五", FRIDAY, FRIDAY),
        ("下周五", FRIDAY, D(2026, 11, 27)),
        ("下个周一", FRIDAY, D(2026, 11, 23)),
        ("下礼拜一", FRIDAY, D(2026, 11, 23)),
        ("上周一", MONDAY, D(2026, 11, 9)),
        ("本周一", MONDAY, MONDAY),
        ("上周一", SUNDAY, D(2026, 11, 9)),
        ("本周日", SUNDAY, SUNDAY),
        ("下周一", SUNDAY, D(2026, 11, 23)),
        ("上周日", SUNDAY, D(2026, 11, 15)),
        ("上周一", NEW_YEAR, D(2026, 12, 21)),
        ("本周五", NEW_YEAR, D(2027, 1, 1)),
        ("下周一", D(2026, 12, 31), D(2027, 1, 4)),
    ],
)
def test_chinese_weekdays(text, today, expected):
    assert parse_date(text, today) == expected


def test_today_defaults_to_the_real_today():
    assert parse_date("today") == dt.date.today()
    assert parse_date("-1d") == dt.date.today() - dt.timedelta(days=1)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "soon",
        "2026-02-30",
        "2026-13-01",
        "2026-00-10",
        "0000-01-01",
        "13-01",
        "2-29",  # 2026 is not a leap year
        "3 days",
        "last",
        "next",
        "last month",
        "monday ago",
        "lastmonday!",
        "-99999d",
        "3天",
        "上周",
        "周八",
        "2026-11-20T10:00",
        "2026年13月1日",
        "20261320",
    ],
)
def test_bad_input_raises_date_error_quoting_the_text(text):
    with pytest.raises(DateError) as caught:
        parse_date(text, FRIDAY)
    assert f"'{text}'" in str(caught.value)
    assert caught.value.text == text


def test_blank_input_is_an_error():
    with pytest.raises(DateError):
        parse_date("   ", FRIDAY)


def test_date_error_is_a_value_error_and_shows_examples():
    with pytest.raises(ValueError) as caught:
        parse_date("soon", FRIDAY)
    assert "2026-11-20" in str(caught.value)


def test_date_error_speaks_chinese_when_asked():
    i18n.set_language("zh")
    with pytest.raises(DateError) as caught:
        parse_date("下个月", FRIDAY)
    assert "下个月" in str(caught.value)
    assert "日期" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "today"),
    [("-1d", D(1, 1, 1)), ("+1w", D(9999, 12, 31)), ("in 9999 weeks", D(9900, 1, 1)), ("下周一", D(9999, 12, 31))],
)
def test_dates_beyond_the_calendar_are_date_errors_not_crashes(text, today):
    with pytest.raises(DateError):
        parse_date(text, today)
