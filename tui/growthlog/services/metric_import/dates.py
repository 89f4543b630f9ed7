"""The dates of a metrics CSV: the forms exports and spreadsheets write, and the day-first or
month-first order of year-last dates, decided for the whole file rather than guessed per line.

**Dates** need an explicit year: 2026-11-20, 2026/11/20, 2026/1/5, 2026.11.20, 20261120,
2026年11月20日, each optionally followed by a time (``2026-11-20 00:00:00``, which exports of
date-time columns carry), and year-last dates as Excel writes them with an English locale:
11/20/2026 is month first, 20/11/2026 (first number over 12) day first. A file where both orders
show and some dates could be either (05/11/2026) is refused rather than guessed. Relative words
(today, 昨天) are not dates in a file, so :func:`growthlog.services.dates.parse_date` is not used.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

from growthlog.i18n import t
from growthlog.services.metric_import.errors import import_error

_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_YMD = re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})" + _TIME)
_YMD_ZH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?" + _TIME)
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_YEAR_LAST = re.compile(r"(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})" + _TIME)


class FileDates:
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
            raise import_error(path, line, column, t("metrics.import.mixed_date_order"))
        if self.ambiguous is not None:
            line, text = self.ambiguous
            raise import_error(path, line, column, t("metrics.import.ambiguous_date", text=text, line=self.day_first_line))
