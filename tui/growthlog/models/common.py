"""What the record models share: text that is cleaned on the way in, dates that must be dates,
numbers that must be finite, and the clock."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import AfterValidator, Field

from growthlog.textutil import clean_block, clean_line

# The length limit first, so that it is checked as a string's ("at most 2000 characters").
Line = Annotated[str, Field(max_length=2000), AfterValidator(clean_line)]
Block = Annotated[str, Field(max_length=100_000), AfterValidator(clean_block)]


def date_input(value: Any) -> Any:
    """Dates come as dates or ISO text; numbers are refused rather than read as Unix timestamps
    (pydantic would turn 0 into 1970-01-01 and "20261120" into an error about datetimes)."""
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"'{text}' is not a date (use YYYY-MM-DD)") from None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError(f"{value!r} is not a date (use YYYY-MM-DD)")
    return value


def holds_date(annotation: Any) -> bool:
    from typing import get_args

    return annotation is dt.date or dt.date in get_args(annotation)


def now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def finite(value: float) -> float:
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError("the value is not a finite number")
    return value


Finite = Annotated[float, AfterValidator(finite)]
