"""The one error of a CSV import, worded the same way by every step: the file, then the line, then
the column when there is one, then what is wrong. Kept apart so that reading, dates, headers,
planning and applying can all raise it without importing one another."""

from __future__ import annotations

from pathlib import Path

from growthlog.i18n import t


class CsvImportError(ValueError):
    """A file that cannot be imported; the message names the file, the line and the column."""

    def __init__(self, message: str, *, line: int | None = None, column: str | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


def import_error(path: Path, line: int | None, column: str | None, reason: str) -> CsvImportError:
    """The error for ``reason`` at a line (and a column) of ``path``, or about the whole file."""
    if line is None:
        message = t("metrics.import.file_error", path=path, reason=reason)
    elif column is None:
        message = t("metrics.import.line_error", path=path, line=line, reason=reason)
    else:
        message = t("metrics.import.cell_error", path=path, line=line, column=column, reason=reason)
    return CsvImportError(message, line=line, column=column)


def short(text: str, limit: int = 30) -> str:
    """A cell's text cut to fit in an error message, on one line."""
    from growthlog.textutil import clean_line

    text = clean_line(text[: limit * 4])
    return text if len(text) <= limit else text[: limit - 1] + "…"
