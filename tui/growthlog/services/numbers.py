"""Numbers for reading: the one place that says how a value, a change or a share is written.

Rules, in one place:

* **Exact** (:func:`format_value`): thousands separators, up to two decimals, trailing zeros dropped;
  tiny values keep three significant digits rather than showing as 0.
* **Compact** (``compact=True``) shortens large numbers for cards: 万/亿 in Chinese, k/M/B in
  English (3.2万, 118k).
* **Rounded** (:func:`format_number`): values of 100 and more as whole numbers (a projection of
  133,692.37 users is not that precise), smaller ones to two decimals; "—" for no value.
* **Units**: currency signs go before the number (¥3,000), ``%`` and units written in Chinese are
  glued after it (12.5%, 3,000元), other units follow a space (1,234 users).
* **Changes** carry their sign; for a metric measured in %, the absolute change is in percentage
  points (+2.1 pp, +2.1 个百分点) so that it is not mistaken for the relative one.
* **Axis labels** (:func:`axis_label`) are short and ASCII only: plotext counts every character as
  one column, so nothing wide may go inside a chart.

Import-light: the command line formats values on fast paths.
"""

from __future__ import annotations

from growthlog.i18n import get_language, t

CURRENCY_SIGNS = "¥￥$€£"
_COMPACT_STEPS = {
    "zh": ((1e8, "亿"), (1e4, "万")),
    "en": ((1e9, "B"), (1e6, "M"), (1e3, "k")),
}


def plain(value: float) -> str:
    """Thousands separators, up to two decimals, trailing zeros dropped; tiny values keep three
    significant digits rather than showing as 0."""
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    if abs(value) >= 0.01 or abs(value) >= 1e15:
        text = f"{value:,.2f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    return f"{value:.3g}"


def short(value: float, language: str | None = None) -> str:
    """Large numbers shortened the way the language does (3.2万, 118k)."""
    size = abs(value)
    for step, suffix in _COMPACT_STEPS.get(language or get_language(), _COMPACT_STEPS["en"]):
        if size >= step:
            scaled = value / step
            decimals = 2 if abs(scaled) < 10 else 1 if abs(scaled) < 100 else 0
            text = f"{scaled:,.{decimals}f}"
            if "." in text:
                text = text.rstrip("0").rstrip(".")
            return text + suffix
    return plain(value)


def with_unit(number: str, unit: str) -> str:
    """``number`` (already written) with ``unit`` where it belongs."""
    unit = unit.strip()
    if not unit:
        return number
    if unit in CURRENCY_SIGNS:
        return f"-{unit}{number[1:]}" if number.startswith("-") else f"{unit}{number}"
    if unit in ("%", "‰") or not unit[0].isascii():
        return number + unit
    return f"{number} {unit}"


def format_value(value: float, unit: str = "", *, compact: bool = False, language: str | None = None) -> str:
    """``value`` for reading, with its unit (exact, or compact for cards)."""
    number = short(value, language) if compact else plain(value)
    return with_unit(number, unit)


def rounded(value: float) -> float:
    """Whole numbers from 100 on, two decimals below: what a projected or averaged value is worth."""
    return round(value) if abs(value) >= 100 else round(value, 2)


def format_number(value: float | None, unit: str = "") -> str:
    """A computed value (a baseline, a projection, a mean) rounded for reading; "—" for none."""
    if value is None:
        return "—"
    return format_value(rounded(value), unit)


def format_change(change: float | None, relative: float | None = None, unit: str = "", *, compact: bool = False) -> str:
    """A change as "+1,234 (+5.2%)", in percentage points for a % metric. Empty for no change."""
    if change is None:
        return ""
    sign = "+" if change > 0 else "-" if change < 0 else ""
    if unit.strip() == "%":
        absolute = t("metrics.points", value=sign + plain(round(abs(change), 2)))
    else:
        absolute = sign + format_value(abs(change), unit, compact=compact)
    if relative is None:
        return absolute
    return f"{absolute} ({relative * 100:+.1f}%)"


def format_signed(value: float, unit: str = "") -> str:
    """A computed change, rounded, with its sign (+1,200 人, −¥3, +0.8 pp); "0" for none."""
    return format_change(rounded(value), None, unit) or "0"


def format_percent(fraction: float | None) -> str:
    """A share as a whole percentage: 0.423 → 42%; "—" for none."""
    return "—" if fraction is None else f"{fraction * 100:.0f}%"


def axis_label(value: float) -> str:
    """A short ASCII label for a chart's axis: 118k, 1.2M, 3.5, 0.25."""
    size = abs(value)
    for limit, divisor, suffix in ((1e9, 1e9, "B"), (1e6, 1e6, "M"), (1e4, 1e3, "k")):
        if size >= limit:
            return f"{value / divisor:.4g}{suffix}"
    if size >= 100 or value == int(value):
        return f"{value:.0f}"
    return f"{value:.3g}"
