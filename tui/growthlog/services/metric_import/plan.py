"""Planning a CSV import: every line of the file read and checked, and counted per metric (days
added, days replaced), before anything is written. This is the hot loop of a large import, so the
two layouts have their own loops with the lookups they need held in locals.

**Values** go through :func:`growthlog.services.values.parse_value` (1,234, 12.5%, 3.2万, ¥3,000…)
after a fast ``float()`` attempt. In the wide layout an empty cell, or ``-``, ``--``, ``—`` or
``/`` (how exports show a day without data), means no value; in the long layout every line must
have a value.

**Errors.** A line that cannot be imported (a bad date or value, an unknown metric, a metric given
twice for one day) stops the planning with a :class:`CsvImportError` naming the file's line number
and the column. Rows are validated with plain code: a pydantic Measurement per row (about 2 µs
each) would double the time of the check.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from growthlog.i18n import t
from growthlog.services.metric_import.dates import FileDates
from growthlog.services.metric_import.errors import CsvImportError, import_error, short
from growthlog.services.metric_import.headers import column_roles, layout_of
from growthlog.services.metric_import.metric_names import MetricNames
from growthlog.services.metric_import.reading import csv_reader, fit_row, header, read_decoded
from growthlog.services.values import ValueInputError, parse_value

if TYPE_CHECKING:
    from growthlog.models import Metric
    from growthlog.store.api import Store

Progress = Callable[[int], None]
Row = tuple[str, str, float, str, str]

# How often (in lines) the progress callback hears about a large file.
PROGRESS_EVERY = 5000
NOTE_MAX = 2000
_MISSING = frozenset({"-", "--", "—", "——", "/"})


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


def plan_csv_import(
    path: str | Path, store: "Store", *, define: bool = False, progress: Progress | None = None
) -> CsvImportPlan:
    """Read and check the whole file; :class:`CsvImportError` at the first line that cannot be
    imported. Nothing is written. ``progress`` hears how many lines below the header have been read
    (every few thousand, and once at the end); :func:`count_rows` estimates the total."""
    path = Path(path)
    plan, encoding = read_decoded(path, lambda handle: _Planner(path, store, define, progress).run(handle))
    plan.encoding = encoding
    return plan


class _Planner:
    def __init__(self, path: Path, store: "Store", define: bool, progress: Progress | None) -> None:
        self.path = path
        self.store = store
        self.metrics = MetricNames(store, define)
        self.progress = progress
        self.dates = FileDates()
        # Per metric key: ISO day -> the line it came from (to name both lines of a duplicate).
        self.days: dict[str, dict[str, int]] = {}
        self.rows: list[Row] = []
        self.lines = 0
        """Lines with data read so far (what the progress callback hears)."""

    def run(self, handle) -> CsvImportPlan:
        reader, delimiter = csv_reader(handle, self.path)
        self.reader = reader
        try:
            names, header_line = header(reader, self.path)
            self.names = names
            roles = column_roles(names, self.path, header_line)
            layout = layout_of(roles, names, self.path, header_line)
            if layout == "long":
                self._long(reader, roles, len(names))
            else:
                self._wide(reader, roles, names, header_line)
        except csv.Error as error:
            raise import_error(self.path, reader.line_num, None, t("metrics.import.bad_csv", reason=error)) from None
        self.dates.check_order(self.path, names[roles["date"]])
        if self.progress is not None:
            self.progress(self.lines)
        return CsvImportPlan(
            path=self.path, layout=layout, encoding="", delimiter=delimiter, rows=self.rows,
            metrics=self._counts(), define=self.metrics.definitions(),
        )

    # -- cells

    def _cell_error(self, column: str, reason: str) -> CsvImportError:
        return import_error(self.path, self.reader.line_num, column, reason)

    def _day(self, text: str, column: str) -> str:
        iso = self.dates.parse(text, self.reader.line_num)
        if iso is None:
            if not text.strip():
                raise self._cell_error(column, t("metrics.import.no_date"))
            raise self._cell_error(column, t("metrics.import.bad_date", text=short(text)))
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
            raise import_error(self.path, line, column, str(error)) from None
        if key is None:
            known = ", ".join(sorted(self.metrics.known)) or t("metrics.none")
            raise import_error(self.path, line, column, t("metrics.import.unknown_metric", name=short(text), known=known))
        self.days.setdefault(key, {})
        return key

    def _duplicate(self, column: str, key: str, iso: str, first_line: int) -> CsvImportError:
        return self._cell_error(column, t("metrics.import.duplicate", metric=key, day=iso, line=first_line))

    def _fit(self, row: list[str], width: int) -> list[str]:
        return fit_row(row, width, self.path, self.reader.line_num)

    # -- the two layouts

    def _dated_rows(self, reader, width: int, date_index: int, date_column: str):
        """Yield each data row, fitted to the header's width, with its ISO day.

        Lines of empty cells (spreadsheets save empty rows) are skipped; a date is read once per
        distinct text, since a long file repeats the same few hundred days.
        """
        dates = self.dates.cache
        for row in reader:
            if len(row) != width:
                if not any(cell.strip() for cell in row):
                    continue
                row = self._fit(row, width)
            text = row[date_index]
            iso = dates.get(text)
            if iso is None:
                if not any(cell.strip() for cell in row):
                    continue
                iso = dates[text] = self._day(text, date_column)
            yield row, iso

    def _long(self, reader, roles: dict[str, int], width: int) -> None:
        names = self.names
        di, mi, vi = roles["date"], roles["metric"], roles["value"]
        ni = roles.get("note")
        date_column, metric_column, value_column = names[di], names[mi], names[vi]
        keys: dict[str, str] = {}
        rows = self.rows
        append = rows.append
        all_days = self.days
        progress = self.progress
        lines = 0
        for row, iso in self._dated_rows(reader, width, di, date_column):
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
        columns: list[tuple[int, str, str, dict[str, int]]] = []
        seen: dict[str, str] = {}
        for index, name in enumerate(names):
            if index == di or index == ni:
                continue
            key = self._metric(name, name, header_line)
            if key in seen:
                raise import_error(self.path, header_line, name, t("metrics.import.same_metric", other=seen[key], metric=key))
            seen[key] = name
            columns.append((index, name, key, self.days[key]))
        if not columns:
            raise import_error(self.path, header_line, None, t("metrics.import.no_metric_columns"))
        rows = self.rows
        append = rows.append
        progress = self.progress
        missing_marks = _MISSING
        lines = 0
        for row, iso in self._dated_rows(reader, width, di, date_column):
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
