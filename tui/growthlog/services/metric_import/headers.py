"""Recognising a metrics CSV's header: which column holds the date, the metric, the value and the
note, and from that whether the file is long or wide. Header names change with the tools people
export from, so they are listed here and nowhere else.

**Layouts.** *Long*: a date column, a metric column and a value column, optionally a note column
(``date,metric,value,note``), one value per line. *Wide*: a date column, then one column per metric
(``date,dau,mau``), optionally a note column whose text goes with every value of its line. A file
is long when its header names both a metric and a value column, wide otherwise. Header names may be
English or Chinese, in any case: date/day/dt/ds/日期/时间/统计日期/数据日期;
metric/key/metric name/指标/指标名/指标名称; value/数值/值/数据; note/notes/comment/备注/说明/注释.
In the wide layout, when no column is named as the date, the first column is the date column.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from growthlog.i18n import t
from growthlog.services.metric_import.errors import import_error

# Header names, folded (see fold).
DATE_NAMES = {"date", "day", "dt", "ds", "日期", "时间", "统计日期", "数据日期"}
METRIC_NAMES = {"metric", "key", "metrickey", "metricname", "指标", "指标名", "指标名称"}
VALUE_NAMES = {"value", "数值", "值", "数据"}
NOTE_NAMES = {"note", "notes", "comment", "备注", "说明", "注释"}
_ROLES = (("date", DATE_NAMES), ("metric", METRIC_NAMES), ("value", VALUE_NAMES), ("note", NOTE_NAMES))


def fold(text: str) -> str:
    """A header or metric name as compared: width and case folded, spaces, ``_`` and ``-`` gone."""
    return re.sub(r"[\s_\-]+", "", unicodedata.normalize("NFKC", text).casefold())


def column_roles(names: list[str], path: Path, line: int) -> dict[str, int]:
    """The column index of each role the header names (``date`` always, the first column when no
    column is named so); errors for an unnamed column and for a role named twice."""
    for index, name in enumerate(names):
        if not name:
            raise import_error(path, line, None, t("metrics.import.unnamed_column", number=index + 1))
    roles: dict[str, int] = {}
    for index, name in enumerate(fold(name) for name in names):
        for role, aliases in _ROLES:
            if name in aliases:
                if role in roles:
                    raise import_error(path, line, names[index], t("metrics.import.repeated_column", other=names[roles[role]]))
                roles[role] = index
    if "date" not in roles:
        if 0 in roles.values():
            raise import_error(path, line, None, t("metrics.import.no_date_column"))
        roles["date"] = 0
    return roles


def layout_of(roles: dict[str, int], names: list[str], path: Path, line: int) -> str:
    """``long`` or ``wide``; errors for a header that is neither (a long file missing its date,
    metric or value column, or with a column it has no use for)."""
    if "metric" in roles and "value" in roles:
        if fold(names[roles["date"]]) not in DATE_NAMES:
            raise import_error(path, line, None, t("metrics.import.no_date_column"))
        extra = [index for index in range(len(names)) if index not in roles.values()]
        if extra:
            raise import_error(path, line, names[extra[0]], t("metrics.import.unexpected_column"))
        return "long"
    if "metric" in roles or "value" in roles:
        # Only one of the two: a long file missing a column, not metrics named "metric".
        missing = "value" if "metric" in roles else "metric"
        raise import_error(path, line, None, t("metrics.import.long_needs", missing=missing))
    return "wide"
