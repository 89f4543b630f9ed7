"""Importing metric values from CSV files as analytics tools and spreadsheets save them.

**Layouts.** *Long*: a date column, a metric column and a value column, optionally a note column
(``date,metric,value,note``), one value per line. *Wide*: a date column, then one column per metric
(``date,dau,mau``), optionally a note column whose text goes with every value of its line. A file
is long when its header names both a metric and a value column, wide otherwise. Header names may be
English or Chinese, in any case: date/day/dt/ds/日期/时间/统计日期/数据日期;
metric/key/metric name/指标/指标名/指标名称; value/数值/值/数据; note/notes/comment/备注/说明/注释.
In the wide layout, when no column is named as the date, the first column is the date column.

**Metrics** are matched by key, then by name (case, width, spaces, ``_`` and ``-`` ignored, so
``DAU``, ``Daily active users`` and ``ＤＡＵ`` all find a metric keyed ``dau`` and named so), then
by a preset's name or alias when a metric with that preset's key exists (a column ``日活`` finds the
metric ``dau``). An unknown metric is an error unless ``define=True``: then it is defined on the
spot, from the matching preset when there is one (unit, direction, aggregation), else with the name
as written, the key slugified from it (``Paid users`` → ``paid_users``; a name with no ASCII letters
gets ``metric``, ``metric_2``…), unit ``%`` and aggregation ``mean`` when its values are written
with a percent sign, otherwise no unit and ``last``.

**Files.** UTF-8 with or without a byte-order mark, UTF-16 with one (Excel's "Unicode text"), or
else GB18030 (which covers GBK and GB2312, what Excel on a Chinese Windows writes). The delimiter is
read from the header line: a tab if it has one, else a comma, else a semicolon if it has one.

**Dates** need an explicit year: 2026-11-20, 2026/11/20, 2026/1/5, 2026.11.20, 20261120,
2026年11月20日, each optionally followed by a time (``2026-11-20 00:00:00``, which exports of
date-time columns carry), and year-last dates as Excel writes them with an English locale:
11/20/2026 is month first, 20/11/2026 (first number over 12) day first. A file where both orders
show and some dates could be either (05/11/2026) is refused rather than guessed. Relative words
(today, 昨天) are not dates in a file, so :func:`growthlog.services.dates.parse_date` is not used.

**Values** go through :func:`growthlog.services.values.parse_value` (1,234, 12.5%, 3.2万, ¥3,000…)
after a fast ``float()`` attempt. In the wide layout an empty cell, or ``-``, ``--``, ``—`` or
``/`` (how exports show a day without data), means no value; in the long layout every line must
have a value.

**Errors.** A line that cannot be imported (a bad date or value, an unknown metric, a metric given
twice for one day) stops the import with a :class:`CsvImportError` naming the file's line number
and the column, and nothing is written. :func:`plan_csv_import` checks everything and counts, per
metric, the days it adds and those it replaces; :func:`apply_csv_import` writes the plan in one
transaction. Rows are validated with plain code and written with ``executemany``: a pydantic
Measurement per row (about 2 µs each) would double the time of the check.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from growthlog.i18n import t
from growthlog.services.values import ValueInputError, parse_value

if TYPE_CHECKING:
    from growthlog.models import Metric
    from growthlog.store.api import Store

Progress = Callable[[int], None]
Row = tuple[str, str, float, str, str]

# How often (in lines) the progress callback hears about a large file.
PROGRESS_EVERY = 5000
NOTE_MAX = 2000
NAME_MAX = 100
KEY_MAX = 40
_MISSING = frozenset({"-", "--", "—", "——", "/"})


class CsvImportError(ValueError):
    """A file that cannot be imported; the message names the file, the line and the column."""

    def __init__(self, message: str, *, line: int | None = None, column: str | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


@dataclasses.dataclass
class MetricCounts:
    """What an import does to one metric."""

    key: str
    name: str
    added: int = 0
    """Days that had no value yet."""
    replaced: int = 0
    """Days whose value the import replaces."""
    first_day: str = ""
    last_day: str = ""
    defined: bool = False
    """Whether the import defines this metric."""

    @property
    def values(self) -> int:
        return self.added + self.replaced


@dataclasses.dataclass
class CsvImportPlan:
    """A checked CSV import, ready for :func:`apply_csv_import`."""

    path: Path
    layout: str
    """``long`` or ``wide``."""
    encoding: str
    delimiter: str
    rows: list[Row]
    """(metric, ISO day, value, note, "import"), as :meth:`Store.record_many` takes them."""
    metrics: dict[str, MetricCounts]
    """Per metric key, in the order the file names them."""
    define: list["Metric"]
    """Metrics the import defines (only with ``define=True``)."""

    @property
    def added(self) -> int:
        return sum(counts.added for counts in self.metrics.values())

    @property
    def replaced(self) -> int:
        return sum(counts.replaced for counts in self.metrics.values())


# Header names, folded (see _fold).
_DATE_NAMES = {"date", "day", "dt", "ds", "日期", "时间", "统计日期", "数据日期"}
_METRIC_NAMES = {"metric", "key", "metrickey", "metricname", "指标", "指标名", "指标名称"}
_VALUE_NAMES = {"value", "数值", "值", "数据"}
_NOTE_NAMES = {"note", "notes", "comment", "备注", "说明", "注释"}


def _fold(text: str) -> str:
    return re.sub(r"[\s_\-]+", "", unicodedata.normalize("NFKC", text).casefold())


# Dates

_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_YMD = re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})" + _TIME)
_YMD_ZH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?" + _TIME)
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_YEAR_LAST = re.compile(r"(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})" + _TIME)


class _Dates:
    """Dates of one file, each distinct text parsed once; tracks the order of year-last dates."""

    def __init__(self) -> None:
        self.cache: dict[str, str] = {}
        self.month_first_line: int | None = None  # 11/20/2026: the second number cannot be a month
        self.day_first_line: int | None = None  # 20/11/2026: the first number cannot be a month
        self.ambiguous: tuple[int, str] | None = None  # 05/11/2026, read month first

    def parse(self, text: str, line: int) -> str | None:
        """The ISO day of ``text`` (cached by the caller), or None when it is not a date."""
        stripped = text.strip()
        if len(stripped) == 10 and stripped[4] == "-" and stripped[7] == "-":
            try:
                return dt.date.fromisoformat(stripped).isoformat()
            except ValueError:
                pass
        stripped = unicodedata.normalize("NFKC", stripped)
        match = _YMD.fullmatch(stripped) or _YMD_ZH.fullmatch(stripped) or _COMPACT.fullmatch(stripped)
        if match:
            year, month, day = int(match[1]), int(match[2]), int(match[3])
        elif match := _YEAR_LAST.fullmatch(stripped):
            first, second, year = int(match[1]), int(match[2]), int(match[3])
            if first > 12:
                day, month = first, second
                self.day_first_line = self.day_first_line or line
            else:
                month, day = first, second
                if second > 12:
                    self.month_first_line = self.month_first_line or line
                elif first != second and self.ambiguous is None:
                    self.ambiguous = (line, stripped)
        else:
            return None
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            return None

    def check_order(self, path: Path, column: str) -> None:
        """Refuse a file whose year-last dates are day first in places and could be read either
        way elsewhere (or show both orders outright)."""
        if self.day_first_line is None:
            return
        if self.month_first_line is not None:
            line = max(self.day_first_line, self.month_first_line)
            raise _error(path, line, column, t("metrics.import.mixed_date_order"))
        if self.ambiguous is not None:
            line, text = self.ambiguous
            raise _error(path, line, column, t("metrics.import.ambiguous_date", text=text, line=self.day_first_line))


# Errors


def _error(path: Path, line: int | None, column: str | None, reason: str) -> CsvImportError:
    if line is None:
        message = t("metrics.import.file_error", path=path, reason=reason)
    elif column is None:
        message = t("metrics.import.line_error", path=path, line=line, reason=reason)
    else:
        message = t("metrics.import.cell_error", path=path, line=line, column=column, reason=reason)
    return CsvImportError(message, line=line, column=column)


def _short(text: str, limit: int = 30) -> str:
    from growthlog.textutil import clean_line

    text = clean_line(text[: limit * 4])
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Metrics


def slugify_key(name: str) -> str:
    """A metric key made from a name: ASCII letters and digits kept (lower-cased), everything else
    a single ``_``; ``m_`` in front of a leading digit; at most 40 characters; ``metric`` when
    nothing is left (a name written only in Chinese)."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "_", text).strip("_")
    if slug and not slug[0].isalpha():
        slug = "m_" + slug
    slug = slug[:KEY_MAX].rstrip("_")
    return slug or "metric"


class _Metrics:
    """Finds the metric a header or cell names, and plans the ones an import defines."""

    def __init__(self, store: "Store", define: bool) -> None:
        self.define = define
        self.known = {metric.key: metric for metric in store.list_metrics()}
        # Keys first: a key match wins over a name match. A name two metrics share is ambiguous (None).
        self.by_key = {_fold(key): key for key in self.known}
        self.by_name: dict[str, str | None] = {}
        for metric in self.known.values():
            folded = _fold(metric.name)
            if folded in self.by_key:
                continue
            self.by_name[folded] = metric.key if self.by_name.get(folded, metric.key) == metric.key else None
        # Planned definitions: key -> dict of Metric fields; text (folded) -> key.
        self.new: dict[str, dict] = {}
        self.new_by_fold: dict[str, str] = {}
        self.percent: set[str] = set()

    def name_of(self, key: str) -> str:
        if key in self.known:
            return self.known[key].name
        return str(self.new[key]["name"])

    def resolve(self, text: str) -> str | None:
        """The key of the metric ``text`` names; None when none (and ``define`` is off).
        Raises ValueError with a reason when the name is ambiguous or cannot name a metric."""
        from growthlog.services.metrics import find_preset

        folded = _fold(text)
        if not folded:
            raise ValueError(t("metrics.import.no_metric_name"))
        if folded in self.by_key:
            return self.by_key[folded]
        if folded in self.by_name:
            key = self.by_name[folded]
            if key is None:
                raise ValueError(t("metrics.import.ambiguous_metric", name=_short(text)))
            return key
        preset = find_preset(text)
        if preset is not None and preset.key in self.known:
            return preset.key
        if folded in self.new_by_fold:
            return self.new_by_fold[folded]
        if not self.define:
            return None
        return self._plan_definition(text, preset)

    def _plan_definition(self, text: str, preset) -> str:
        from growthlog.textutil import clean_line

        name = clean_line(text)
        if len(name) > NAME_MAX:
            raise ValueError(t("metrics.import.name_too_long", limit=NAME_MAX))
        if preset is not None and preset.key in self.new:
            return preset.key  # another name of a metric this import already defines
        if preset is not None:
            key = preset.key
            fields = {
                "key": key, "name": name, "unit": preset.unit, "direction": preset.direction,
                "aggregation": preset.aggregation, "description": preset.description,
            }
        else:
            key = base = slugify_key(name)
            number = 2
            while key in self.known or key in self.new:
                suffix = f"_{number}"
                key = base[: KEY_MAX - len(suffix)] + suffix
                number += 1
            fields = {"key": key, "name": name, "unit": "", "direction": "up", "aggregation": "last", "description": ""}
        self.new[key] = fields
        self.new_by_fold[_fold(text)] = key
        return key

    def saw_percent(self, key: str) -> None:
        """A value of ``key`` was written with a percent sign: a metric defined here gets unit %."""
        if key in self.new and key not in self.percent:
            self.percent.add(key)
            fields = self.new[key]
            if not fields["unit"] and fields["aggregation"] == "last":
                fields["unit"], fields["aggregation"] = "%", "mean"

    def definitions(self) -> list["Metric"]:
        from growthlog.models import Metric

        return [Metric(**fields) for fields in self.new.values()]


# Reading the file


def _open_text(path: Path) -> str:
    """The encoding to try first, from the file's first bytes; errors for what is no CSV at all."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
    except IsADirectoryError:
        raise _error(path, None, None, t("metrics.import.is_folder")) from None
    except OSError as error:
        raise _error(path, None, None, str(error.strerror or error)) from None
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"\xd0\xcf\x11\xe0"):
        raise _error(path, None, None, t("metrics.import.spreadsheet"))
    if b"\x00" in head:
        raise _error(path, None, None, t("metrics.import.not_text"))
    return "utf-8-sig"


def _delimiter(header_line: str) -> str:
    if "\t" in header_line:
        return "\t"
    if "," not in header_line and ";" in header_line:
        return ";"
    return ","


def count_rows(path: str | Path) -> int:
    """About how many lines a file has below its header (for sizing a progress bar): fast, reads
    bytes only; 0 when the file cannot be read."""
    total = 0
    try:
        with Path(path).open("rb") as handle:
            while chunk := handle.read(1 << 20):
                total += chunk.count(b"\n")
    except OSError:
        return 0
    return max(total - 1, 0)


def plan_csv_import(
    path: str | Path, store: "Store", *, define: bool = False, progress: Progress | None = None
) -> CsvImportPlan:
    """Read and check the whole file; :class:`CsvImportError` at the first line that cannot be
    imported. Nothing is written. ``progress`` hears how many lines below the header have been read
    (every few thousand, and once at the end); :func:`count_rows` estimates the total."""
    path = Path(path)
    first = _open_text(path)
    encodings = [first] if first == "utf-16" else [first, "gb18030"]
    for encoding in encodings:
        try:
            with path.open(encoding=encoding, newline="") as handle:
                plan = _Planner(path, store, define, progress).run(handle)
        except UnicodeDecodeError:
            continue
        except OSError as error:
            raise _error(path, None, None, str(error.strerror or error)) from None
        plan.encoding = "utf-8" if encoding == "utf-8-sig" else encoding
        return plan
    raise _error(path, None, None, t("metrics.import.encoding"))


class _Planner:
    def __init__(self, path: Path, store: "Store", define: bool, progress: Progress | None) -> None:
        self.path = path
        self.store = store
        self.metrics = _Metrics(store, define)
        self.progress = progress
        self.dates = _Dates()
        # Per metric key: ISO day -> the line it came from (to name both lines of a duplicate).
        self.days: dict[str, dict[str, int]] = {}
        self.rows: list[Row] = []
        self.lines = 0
        """Lines with data read so far (what the progress callback hears)."""

    # -- header

    def _header(self, reader) -> tuple[list[str], int]:
        for row in reader:
            if any(cell.strip() for cell in row):
                names = [cell.strip() for cell in row]
                while names and not names[-1]:
                    names.pop()
                return names, reader.line_num
        raise _error(self.path, None, None, t("metrics.import.empty"))

    def run(self, handle) -> CsvImportPlan:
        # The delimiter is read from the first non-blank line, then the file is read from the start.
        for first_line in handle:
            if first_line.strip():
                break
        else:
            raise _error(self.path, None, None, t("metrics.import.empty"))
        delimiter = _delimiter(first_line)
        handle.seek(0)
        reader = csv.reader(handle, delimiter=delimiter)
        self.reader = reader
        try:
            names, header_line = self._header(reader)
            self.names = names
            folded = [_fold(name) for name in names]
            for index, name in enumerate(names):
                if not name:
                    raise _error(self.path, header_line, None, t("metrics.import.unnamed_column", number=index + 1))
            roles = self._roles(folded, names, header_line)
            if "metric" in roles and "value" in roles:
                layout = "long"
                if _fold(names[roles["date"]]) not in _DATE_NAMES:
                    raise _error(self.path, header_line, None, t("metrics.import.no_date_column"))
                self._long(reader, roles, len(names), header_line)
            else:
                layout = "wide"
                self._wide(reader, roles, names, header_line)
        except csv.Error as error:
            raise _error(self.path, reader.line_num, None, t("metrics.import.bad_csv", reason=error)) from None
        self.dates.check_order(self.path, names[roles["date"]])
        if self.progress is not None:
            self.progress(self.lines)
        return CsvImportPlan(
            path=self.path, layout=layout, encoding="", delimiter=delimiter, rows=self.rows,
            metrics=self._counts(), define=self.metrics.definitions(),
        )

    def _roles(self, folded: list[str], names: list[str], line: int) -> dict[str, int]:
        roles: dict[str, int] = {}
        for index, name in enumerate(folded):
            for role, aliases in (("date", _DATE_NAMES), ("metric", _METRIC_NAMES), ("value", _VALUE_NAMES), ("note", _NOTE_NAMES)):
                if name in aliases:
                    if role in roles:
                        raise _error(self.path, line, names[index], t("metrics.import.repeated_column", other=names[roles[role]]))
                    roles[role] = index
        if "date" not in roles:
            if 0 in roles.values():
                raise _error(self.path, line, None, t("metrics.import.no_date_column"))
            roles["date"] = 0
        return roles

    # -- the two layouts

    def _cell_error(self, column: str, reason: str) -> CsvImportError:
        return _error(self.path, self.reader.line_num, column, reason)

    def _day(self, text: str, column: str) -> str:
        iso = self.dates.parse(text, self.reader.line_num)
        if iso is None:
            if not text.strip():
                raise self._cell_error(column, t("metrics.import.no_date"))
            raise self._cell_error(column, t("metrics.import.bad_date", text=_short(text)))
        return iso

    def _value(self, text: str, column: str, key: str) -> float:
        try:
            value = parse_value(text)
        except ValueInputError as error:
            raise self._cell_error(column, str(error)) from None
        if "%" in text or "％" in text:
            self.metrics.saw_percent(key)
        return value

    def _note(self, text: str, column: str) -> str:
        from growthlog.textutil import clean_line

        note = clean_line(text)
        if len(note) > NOTE_MAX:
            raise self._cell_error(column, t("metrics.import.note_too_long", limit=f"{NOTE_MAX:,}"))
        return note

    def _metric(self, text: str, column: str, line: int) -> str:
        try:
            key = self.metrics.resolve(text)
        except ValueError as error:
            raise _error(self.path, line, column, str(error)) from None
        if key is None:
            known = ", ".join(sorted(self.metrics.known)) or t("metrics.none")
            raise _error(self.path, line, column, t("metrics.import.unknown_metric", name=_short(text), known=known))
        self.days.setdefault(key, {})
        return key

    def _duplicate(self, column: str, key: str, iso: str, first_line: int) -> CsvImportError:
        return self._cell_error(column, t("metrics.import.duplicate", metric=key, day=iso, line=first_line))

    def _report(self, count: int) -> None:
        if self.progress is not None and count % PROGRESS_EVERY == 0:
            self.progress(count)

    def _long(self, reader, roles: dict[str, int], width: int, header_line: int) -> None:
        names = self.names
        di, mi, vi = roles["date"], roles["metric"], roles["value"]
        ni = roles.get("note")
        extra = [i for i in range(width) if i not in roles.values()]
        if extra:
            raise _error(self.path, header_line, names[extra[0]], t("metrics.import.unexpected_column"))
        date_column, metric_column, value_column = names[di], names[mi], names[vi]
        dates = self.dates.cache
        keys: dict[str, str] = {}
        rows = self.rows
        append = rows.append
        all_days = self.days
        progress = self.progress
        lines = 0
        for row in reader:
            if len(row) != width:
                if not any(cell.strip() for cell in row):
                    continue
                row = self._fit(row, width)
            text = row[di]
            iso = dates.get(text)
            if iso is None:
                if not any(cell.strip() for cell in row):
                    continue  # a line of empty cells, as spreadsheets save an empty row
                iso = dates[text] = self._day(text, date_column)
            text = row[mi]
            key = keys.get(text)
            if key is None:
                key = keys[text] = self._metric(text, metric_column, reader.line_num)
            text = row[vi]
            try:
                value = float(text)
                if value - value != 0 or "_" in text:
                    raise ValueError
            except ValueError:
                if not text.strip():
                    raise self._cell_error(value_column, t("metrics.import.no_value")) from None
                value = self._value(text, value_column, key)
            days = all_days[key]
            if iso in days:
                raise self._duplicate(metric_column, key, iso, days[iso])
            days[iso] = reader.line_num
            note = self._note(row[ni], names[ni]) if ni is not None and row[ni] else ""
            append((key, iso, value, note, "import"))
            lines += 1
            if progress is not None and lines % PROGRESS_EVERY == 0:
                progress(lines)
        self.lines = lines

    def _wide(self, reader, roles: dict[str, int], names: list[str], header_line: int) -> None:
        di = roles["date"]
        ni = roles.get("note")
        date_column = names[di]
        width = len(names)
        if "metric" in roles or "value" in roles:
            # Only one of the two: a long file missing a column, not metrics named "metric".
            missing = "value" if "metric" in roles else "metric"
            raise _error(self.path, header_line, None, t("metrics.import.long_needs", missing=missing))
        columns: list[tuple[int, str, str, dict[str, int]]] = []
        seen: dict[str, str] = {}
        for index, name in enumerate(names):
            if index == di or index == ni:
                continue
            key = self._metric(name, name, header_line)
            if key in seen:
                raise _error(self.path, header_line, name, t("metrics.import.same_metric", other=seen[key], metric=key))
            seen[key] = name
            columns.append((index, name, key, self.days[key]))
        if not columns:
            raise _error(self.path, header_line, None, t("metrics.import.no_metric_columns"))
        dates = self.dates.cache
        rows = self.rows
        append = rows.append
        progress = self.progress
        missing_marks = _MISSING
        lines = 0
        for row in reader:
            if len(row) != width:
                if not any(cell.strip() for cell in row):
                    continue
                row = self._fit(row, width)
            text = row[di]
            iso = dates.get(text)
            if iso is None:
                if not any(cell.strip() for cell in row):
                    continue  # a line of empty cells, as spreadsheets save an empty row
                iso = dates[text] = self._day(text, date_column)
            note = self._note(row[ni], names[ni]) if ni is not None and row[ni] else ""
            for index, name, key, days in columns:
                text = row[index]
                if not text:
                    continue
                try:
                    value = float(text)
                    if value - value != 0 or "_" in text:
                        raise ValueError
                except ValueError:
                    stripped = text.strip()
                    if not stripped or stripped in missing_marks:
                        continue
                    value = self._value(text, name, key)
                if iso in days:
                    raise self._duplicate(date_column, key, iso, days[iso])
                days[iso] = reader.line_num
                append((key, iso, value, note, "import"))
            lines += 1
            if progress is not None and lines % PROGRESS_EVERY == 0:
                progress(lines)
        self.lines = lines

    def _fit(self, row: list[str], width: int) -> list[str]:
        """A short line gets empty cells; a long one may only have empty cells past the header."""
        if len(row) < width:
            return row + [""] * (width - len(row))
        if any(cell.strip() for cell in row[width:]):
            raise _error(self.path, self.reader.line_num, None, t("metrics.import.too_many_cells", count=len(row), width=width))
        return row[:width]

    # -- counts

    def _counts(self) -> dict[str, MetricCounts]:
        counts: dict[str, MetricCounts] = {}
        for key, days in self.days.items():
            defined = key in self.metrics.new
            entry = MetricCounts(key=key, name=self.metrics.name_of(key), defined=defined)
            if days:
                entry.first_day, entry.last_day = min(days), max(days)
                if defined:
                    entry.replaced = 0
                elif len(days) == _days_from(entry.first_day, entry.last_day):
                    # Every day of the range is in the file (a daily export): counting is enough.
                    entry.replaced = self.store.count_between(key, entry.first_day, entry.last_day)
                else:
                    existing = self.store.days_between(key, entry.first_day, entry.last_day)
                    entry.replaced = len(existing.intersection(days))
                entry.added = len(days) - entry.replaced
            counts[key] = entry
        return counts


def _days_from(first: str, last: str) -> int:
    return (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days + 1


def _counting(rows: list[Row], progress: Progress) -> Iterator[Row]:
    for number, row in enumerate(rows, 1):
        yield row
        if number % PROGRESS_EVERY == 0:
            progress(number)
    progress(len(rows))


def apply_csv_import(plan: CsvImportPlan, store: "Store", progress: Progress | None = None) -> int:
    """Define the plan's metrics and write its rows in one transaction; returns the rows written.
    :class:`CsvImportError` (nothing written) when the database changed in a way that conflicts
    since the plan was made (a metric defined or removed meanwhile)."""
    from growthlog.store.db import StoreError

    rows: Iterable[Row] = plan.rows if progress is None else _counting(plan.rows, progress)
    try:
        store.import_measurements(plan.define, rows)
    except StoreError as error:
        raise _error(plan.path, None, None, t("metrics.import.changed_meanwhile", reason=error)) from None
    return len(plan.rows)
