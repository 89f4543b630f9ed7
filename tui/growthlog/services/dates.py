"""Reading dates the way people write them, in English and Chinese.

ISO and its common variants (2026-11-20, 2026/11/20, 11-20, 2026年11月20日, 11月20日); today,
yesterday, tomorrow and 今天/昨天/前天/明天/后天; relative offsets (-3d, +2w, "3 days ago", 3天前,
2周前); weekdays (monday, last monday, next friday, 周一, 上周一, 本周三, 下周五).

Bare weekdays mean the latest such day on or before today: a log is mostly about the past.
"last monday" is the latest Monday before today; 上周一 is the Monday of last calendar week.
Import-light (only ``re`` and ``datetime``): the fast ``add`` path uses it.
"""

from __future__ import annotations

import datetime as dt
import re


class DateError(ValueError):
    """Text that is not a date we understand; the message quotes it and gives examples."""

    def __init__(self, text: str) -> None:
        from growthlog.i18n import t

        super().__init__(t("error.bad_date", text=text.strip()))
        self.text = text


_NAMED = {
    "today": 0, "now": 0, "今天": 0, "今日": 0,
    "yesterday": -1, "昨天": -1, "昨日": -1,
    "前天": -2, "大前天": -3,
    "tomorrow": 1, "明天": 1, "明日": 1, "后天": 2,
}
_WEEKDAYS_EN = {
    name: index
    for index, names in enumerate(
        [("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"), ("thursday", "thu", "thur", "thurs"),
         ("friday", "fri"), ("saturday", "sat"), ("sunday", "sun")]
    )
    for name in names
}
_WEEKDAYS_ZH = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "1": 0, "2": 1,
                "3": 2, "4": 3, "5": 4, "6": 5, "7": 6}
_UNITS = {"d": 1, "day": 1, "days": 1, "w": 7, "week": 7, "weeks": 7, "天": 1, "日": 1, "周": 7, "星期": 7}

_OFFSET = re.compile(r"^([+-])\s*(\d{1,4})\s*(d|w|days?|weeks?)?$")
_AGO = re.compile(r"^(\d{1,4})\s*(days?|weeks?|d|w)\s+ago$")
_IN = re.compile(r"^in\s+(\d{1,4})\s*(days?|weeks?|d|w)$")
_ZH_AGO = re.compile(r"^(\d{1,4})\s*(天|日|周|星期|个星期)\s*(前|之前|以前|后|之后|以后)$")
_YMD = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_MD = re.compile(r"^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_ZH_WEEKDAY = re.compile(r"^(上上|上|本|这|下|这个|上个|下个)?\s*(?:周|星期|礼拜)([一二三四五六日天1-7])$")
_EN_WEEKDAY = re.compile(r"^(last|next|this)?\s*([a-z]+)$")


def _date(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateError(text) from None


def parse_date(text: str, today: dt.date | None = None) -> dt.date:
    """The date ``text`` names, relative to ``today``; :class:`DateError` if it names none."""
    today = today or dt.date.today()
    try:
        return _parse(text, today)
    except OverflowError:
        # "-1d" on 0001-01-01 or "+1w" on 9999-12-31: beyond the calendar, so not a date.
        raise DateError(text) from None


def _parse(text: str, today: dt.date) -> dt.date:
    raw = text
    text = text.strip().lower()
    if not text:
        raise DateError(raw)
    if text in _NAMED:
        return today + dt.timedelta(days=_NAMED[text])
    if m := _YMD.match(text):
        return _date(int(m[1]), int(m[2]), int(m[3]), raw)
    if m := _COMPACT.match(text):
        return _date(int(m[1]), int(m[2]), int(m[3]), raw)
    if m := _MD.match(text):
        return _date(today.year, int(m[1]), int(m[2]), raw)
    if m := _OFFSET.match(text):
        sign = -1 if m[1] == "-" else 1
        unit = _UNITS[(m[3] or "d")]
        return today + dt.timedelta(days=sign * int(m[2]) * unit)
    if m := _AGO.match(text):
        return today - dt.timedelta(days=int(m[1]) * _UNITS[m[2]])
    if m := _IN.match(text):
        return today + dt.timedelta(days=int(m[1]) * _UNITS[m[2]])
    if m := _ZH_AGO.match(text):
        unit = 7 if m[2] in ("周", "星期", "个星期") else 1
        sign = -1 if m[3] in ("前", "之前", "以前") else 1
        return today + dt.timedelta(days=sign * int(m[1]) * unit)
    if m := _ZH_WEEKDAY.match(text):
        weekday = _WEEKDAYS_ZH[m[2]]
        monday = today - dt.timedelta(days=today.weekday())
        week = {"上上": -2, "上": -1, "上个": -1, "本": 0, "这": 0, "这个": 0, "下": 1, "下个": 1}.get(m[1] or "")
        if week is None:
            return _latest_on_or_before(today, weekday)
        return monday + dt.timedelta(days=7 * week + weekday)
    if (m := _EN_WEEKDAY.match(text)) and m[2] in _WEEKDAYS_EN:
        weekday = _WEEKDAYS_EN[m[2]]
        if m[1] == "last":
            return _latest_on_or_before(today - dt.timedelta(days=1), weekday)
        if m[1] == "next":
            return _latest_on_or_before(today, weekday) + dt.timedelta(days=7)
        if m[1] == "this":
            return today - dt.timedelta(days=today.weekday()) + dt.timedelta(days=weekday)
        return _latest_on_or_before(today, weekday)
    raise DateError(raw)


def _latest_on_or_before(day: dt.date, weekday: int) -> dt.date:
    return day - dt.timedelta(days=(day.weekday() - weekday) % 7)
