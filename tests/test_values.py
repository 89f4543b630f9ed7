"""Reading values as people write them (services/values.py)."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest

from growthlog import i18n
from growthlog.services.values import ValueInputError, parse_value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234", 1234.0),
        ("-5", -5.0),
        ("+3", 3.0),
        ("12.5", 12.5),
        (".5", 0.5),
        ("5.", 5.0),
        ("1.2E+07", 12_000_000.0),
        ("  42  ", 42.0),
        ("1,234", 1234.0),
        ("1,234,567.89", 1_234_567.89),
        ("1 234", 1234.0),
        ("1\u00a0234", 1234.0),  # no-break space
        ("1\u202f234\u202f567", 1_234_567.0),  # narrow no-break space
        ("12.5%", 12.5),
        ("12.5 %", 12.5),
        ("3.2万", 32000.0),
        ("1.5亿", 150_000_000.0),
        ("5千", 5000.0),
        ("2百万", 2_000_000.0),
        ("1千万", 10_000_000.0),
        ("2k", 2000.0),
        ("2K", 2000.0),
        ("3.4M", 3_400_000.0),
        ("1.2B", 1_200_000_000.0),
        ("10w", 100_000.0),
        ("1.5W", 15_000.0),
        ("¥3,000", 3000.0),
        ("￥3,000", 3000.0),
        ("¥ 3,000", 3000.0),
        ("$1,200.50", 1200.5),
        ("€5", 5.0),
        ("3,000元", 3000.0),
        ("3.2万元", 32000.0),
        ("¥3.2万", 32000.0),
        ("-¥3,000", -3000.0),
        ("¥-3,000", -3000.0),
        ("１２３", 123.0),
        ("１２．５％", 12.5),
        ("－５", -5.0),
        ("１，２３４", 1234.0),
        ("\u22125", -5.0),  # the typographic minus sign
        ("(120)", -120.0),
        ("（120）", -120.0),
        ("($1,200)", -1200.0),
        ("0", 0.0),
    ],
)
def test_accepted_forms(text, expected):
    assert parse_value(text) == expected


def test_magnitudes_are_exact_in_decimal():
    # 3.2 * 10000 in binary floating point is 32000.000000000004.
    assert parse_value("3.2万") == 32000.0
    assert parse_value("0.1亿") == 10_000_000.0
    assert parse_value("1.1k") == 1100.0


def test_negative_zero_is_zero():
    for text in ("-0", "-0.0", "(0)", "-0万"):
        value = parse_value(text)
        assert value == 0 and math.copysign(1, value) == 1, text


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("abc", "not_number"),
        ("", "empty"),
        ("   ", "empty"),
        ("12,5", "bad_grouping"),  # a European decimal comma, or a typo: never 125
        ("1,23,456", "bad_grouping"),
        ("1,234 567", "bad_grouping"),
        ("1_000", "not_number"),
        ("nan", "not_finite"),
        ("NaN", "not_finite"),
        ("inf", "not_finite"),
        ("-Infinity", "not_finite"),
        ("1e400", "not_finite"),
        ("1e999999999万", "not_finite"),
        ("10w+", "not_number"),
        ("(-5)", "not_number"),
        ("--5", "not_number"),
        ("2026-11-20", "not_number"),
        ("万", "not_number"),
        ("%", "not_number"),
        ("¥", "not_number"),
        ("()", "not_number"),
        ("12.5.1", "not_number"),
        ("x" * 500, "not_number"),
        ("0x10", "not_number"),
    ],
)
def test_refused_with_a_reason(text, reason):
    with pytest.raises(ValueInputError) as caught:
        parse_value(text)
    assert caught.value.reason == reason
    assert isinstance(caught.value, ValueError)


def test_the_message_says_why_and_gives_examples():
    with pytest.raises(ValueInputError, match=r"^'abc' is not a number: write 1,234, 12\.5%, 3\.2万 or ¥3,000$"):
        parse_value("abc")
    with pytest.raises(ValueInputError, match="thousands separators go every three digits"):
        parse_value("12,5")
    with pytest.raises(ValueInputError, match="'nan' is not a finite number"):
        parse_value("nan")


def test_the_message_in_chinese():
    i18n.set_language("zh")
    with pytest.raises(ValueInputError, match="^“abc”不是数字：可以写 1,234、12.5%、3.2万 或 ¥3,000$"):
        parse_value("abc")


def test_the_message_quotes_long_and_hostile_text_safely():
    with pytest.raises(ValueInputError) as caught:
        parse_value("\x1b[31m" + "y" * 100)
    message = str(caught.value)
    assert "\x1b" not in message
    assert "y" * 29 + "…" in message and "y" * 31 not in message


def test_only_text_is_parsed():
    with pytest.raises(TypeError):
        parse_value(5)  # type: ignore[arg-type]


def test_import_light():
    code = "import sys, growthlog.services.values as v; v.parse_value('3.2万'); print(sorted(m for m in ('pydantic', 'click', 'textual', 'sqlite_utils') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr
