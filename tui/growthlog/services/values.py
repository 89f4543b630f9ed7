"""Reading metric values the way people write them, in English and Chinese.

Accepted, with or without spaces around the parts:

* plain numbers: ``1234``, ``-5``, ``+3``, ``12.5``, ``.5``, ``1.2E+07`` (spreadsheets write large
  numbers so);
* thousands separators: ``1,234,567`` and ``1 234 567`` (a space, no-break space or thin space).
  Groups after the first must have exactly three digits: ``12,5`` is refused, not read as 125 or as
  a European 12.5;
* a percent sign, kept as written: ``12.5%`` is 12.5 (the metric's unit says it is a percentage);
* Chinese and English magnitudes: ``3.2万`` = 32,000, ``1.5亿`` = 150,000,000, ``5千`` = 5,000,
  ``2百万`` = 2,000,000, ``1千万`` = 10,000,000; ``2k``, ``3.4M``, ``1.2B`` (case-insensitive), and
  ``w``/``W`` for 万 as Chinese operations people type it (``10w`` = 100,000);
* money: a currency sign before the number (``¥3,000``, ``￥3,000``, ``$1,200.50``, ``€``, ``£``)
  and 元 after it (``3,000元``, ``3.2万元``);
* full-width characters from Chinese input methods: ``１２３``, ``１２．５％``, ``－５``, ``，``;
* accounting negatives in parentheses: ``(120)`` = -120, as spreadsheets format losses. A sign
  inside the parentheses as well is refused.

Refused with a :class:`ValueInputError` whose message says why: anything else (words, ``10w+``,
``1_000``, dates), empty text, and NaN or infinity (also when a magnitude overflows a float).
Magnitudes are applied in decimal, so ``3.2万`` is exactly 32000.0, not 32000.000000000004.

Import-light (stdlib only, :mod:`decimal` only for the rare text that needs it): the command line
and the CSV import call it for every value.
"""

from __future__ import annotations

import re
import unicodedata

# Longer text is not a value someone typed; refusing it early keeps the regexes cheap.
MAX_LENGTH = 64


class ValueInputError(ValueError):
    """Text that is not a number we understand; the message quotes it and says why."""

    def __init__(self, text: str, reason: str = "not_number") -> None:
        from growthlog.i18n import t
        from growthlog.textutil import clean_line

        # Quoted back to a terminal: escape sequences and control characters go first.
        shown = clean_line(text[:200])
        if len(shown) > 30:
            shown = shown[:29] + "…"
        super().__init__(t(f"metrics.value.{reason}", text=shown))
        self.text = text
        self.reason = reason


# Power of ten of each magnitude suffix (matched case-insensitively, longest first).
_MAGNITUDES = {
    "千万": 7, "百万": 6, "万亿": 12, "亿": 8, "万": 4, "千": 3,
    "k": 3, "m": 6, "b": 9, "w": 4,
}
_CURRENCY_BEFORE = "¥$€£"
_CURRENCY_AFTER = ("元",)
# Spaces that may separate thousands or surround the parts (after NFKC, U+3000 is a plain space;
# NFKC turns no-break space into a space too, but not every thin space).
_SPACES = re.compile(r"[\s\u2009\u202f]+")
_NUMBER = re.compile(
    r"(?P<int>\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+|\d+)?(?:\.(?P<frac>\d*))?(?:e(?P<exp>[+-]?\d+))?"
)
_LOOKS_GROUPED = re.compile(r"\d[\d, ]*(?:\.\d*)?")


def parse_value(text: str) -> float:
    """The number ``text`` stands for; :class:`ValueInputError` when it stands for none."""
    if not isinstance(text, str):
        raise TypeError("parse_value takes text")
    # Fast path: most values (every one a CSV export writes) are plain numbers float() reads.
    # float() also takes "1_000", "nan" and "inf", which are refused below.
    try:
        value = float(text)
    except ValueError:
        pass
    else:
        if value - value == 0 and "_" not in text:
            return value + 0.0  # no negative zero: "-0" is 0
        if "_" not in text:
            raise ValueInputError(text, "not_finite")
    return _parse_slowly(text)


def _parse_slowly(text: str) -> float:
    if len(text) > MAX_LENGTH:
        raise ValueInputError(text)
    s = unicodedata.normalize("NFKC", text).replace("\u2212", "-")
    s = _SPACES.sub(" ", s).strip().lower()
    if not s:
        raise ValueInputError(text, "empty")
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative = True
        s = s[1:-1].strip()
    sign = ""
    if s[:1] in "+-" and s:
        sign, s = s[0], s[1:].lstrip()
    if s[:1] and s[0] in _CURRENCY_BEFORE:
        s = s[1:].lstrip()
        if not sign and s[:1] in "+-" and s:
            sign, s = s[0], s[1:].lstrip()
    for suffix in _CURRENCY_AFTER:
        if s.endswith(suffix):
            s = s[: -len(suffix)].rstrip()
            break
    exponent = 0
    if s.endswith("%"):
        s = s[:-1].rstrip()
    else:
        for suffix, power in _MAGNITUDES.items():
            if s.endswith(suffix):
                s = s[: -len(suffix)].rstrip()
                exponent = power
                break
    if negative and sign:
        raise ValueInputError(text)
    match = _NUMBER.fullmatch(s)
    if not match or not (match["int"] or match["frac"]):
        if _LOOKS_GROUPED.fullmatch(s) and ("," in s or " " in s):
            raise ValueInputError(text, "bad_grouping")
        raise ValueInputError(text)
    digits = s.replace(",", "").replace(" ", "")
    if exponent:
        from decimal import Decimal, DecimalException

        try:
            value = float(Decimal(digits).scaleb(exponent))
        except (DecimalException, OverflowError):
            raise ValueInputError(text, "not_finite") from None
    else:
        value = float(digits)
    if value - value != 0:
        raise ValueInputError(text, "not_finite")
    if negative or sign == "-":
        value = -value
    return value + 0.0  # no negative zero: "-0" is 0
