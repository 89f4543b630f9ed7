"""Reading a metrics CSV as spreadsheets and analytics tools save it: its encoding, its delimiter,
its header line, and what a line with fewer or more cells than the header means. Everything here
is about the file as text; what the cells mean is the planner's business.

**Files.** UTF-8 with or without a byte-order mark, UTF-16 with one (Excel's "Unicode text"), or
else GB18030 (which covers GBK and GB2312, what Excel on a Chinese Windows writes). The delimiter is
read from the header line: a tab if it has one, else a comma, else a semicolon if it has one.
Spreadsheet files (xlsx, xls) and other binary files are refused with a message saying so.

**Lines.** Blank lines and lines of empty cells are skipped (the callers check for them). A line
shorter than the header gets empty cells; a longer one may have only empty cells past the header.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import TextIO, TypeVar

from growthlog.i18n import t
from growthlog.services.metric_import.errors import import_error

T = TypeVar("T")


def _first_encoding(path: Path) -> str:
    """The encoding to try first, from the file's first bytes; errors for what is no CSV at all."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
    except IsADirectoryError:
        raise import_error(path, None, None, t("metrics.import.is_folder")) from None
    except OSError as error:
        raise import_error(path, None, None, str(error.strerror or error)) from None
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"\xd0\xcf\x11\xe0"):
        raise import_error(path, None, None, t("metrics.import.spreadsheet"))
    if b"\x00" in head:
        raise import_error(path, None, None, t("metrics.import.not_text"))
    return "utf-8-sig"


def read_decoded(path: Path, read: Callable[[TextIO], T]) -> tuple[T, str]:
    """``read(handle)`` over the file opened in the first encoding that decodes all of it, and that
    encoding's name (``utf-8``, ``utf-16`` or ``gb18030``). A UnicodeDecodeError anywhere in
    ``read`` means the next encoding is tried from the start, with a fresh ``read``."""
    first = _first_encoding(path)
    encodings = [first] if first == "utf-16" else [first, "gb18030"]
    for encoding in encodings:
        try:
            with path.open(encoding=encoding, newline="") as handle:
                result = read(handle)
        except UnicodeDecodeError:
            continue
        except OSError as error:
            raise import_error(path, None, None, str(error.strerror or error)) from None
        return result, "utf-8" if encoding == "utf-8-sig" else encoding
    raise import_error(path, None, None, t("metrics.import.encoding"))


def _delimiter(header_line: str) -> str:
    if "\t" in header_line:
        return "\t"
    if "," not in header_line and ";" in header_line:
        return ";"
    return ","


def csv_reader(handle: TextIO, path: Path):
    """A ``csv.reader`` over the whole file and its delimiter, read from the first non-blank line."""
    for first_line in handle:
        if first_line.strip():
            break
    else:
        raise import_error(path, None, None, t("metrics.import.empty"))
    delimiter = _delimiter(first_line)
    handle.seek(0)
    return csv.reader(handle, delimiter=delimiter), delimiter


def header(reader, path: Path) -> tuple[list[str], int]:
    """The column names of the first line with any text (trailing empty cells dropped), and its
    line number."""
    for row in reader:
        if any(cell.strip() for cell in row):
            names = [cell.strip() for cell in row]
            while names and not names[-1]:
                names.pop()
            return names, reader.line_num
    raise import_error(path, None, None, t("metrics.import.empty"))


def fit_row(row: list[str], width: int, path: Path, line: int) -> list[str]:
    """A short line gets empty cells; a long one may only have empty cells past the header."""
    if len(row) < width:
        return row + [""] * (width - len(row))
    if any(cell.strip() for cell in row[width:]):
        raise import_error(path, line, None, t("metrics.import.too_many_cells", count=len(row), width=width))
    return row[:width]


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
