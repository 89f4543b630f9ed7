"""Numbers for reading (services/numbers.py): exact, compact, rounded, with units, as changes."""

from __future__ import annotations

import pytest

from growthlog import i18n
from growthlog.services.numbers import format_change, format_number, format_percent, format_signed, format_value


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (1234, "", "1,234"),
        (1234567.891, "", "1,234,567.89"),
        (12.5, "%", "12.5%"),
        (12.0, "%", "12%"),
        (3000, "元", "3,000元"),
        (3000, "人", "3,000人"),
        (3000, "¥", "¥3,000"),
        (-3000, "¥", "-¥3,000"),
        (1200.5, "$", "$1,200.5"),
        (1234, "users", "1,234 users"),
        (0.001234, "", "0.00123"),
        (0, "", "0"),
        (-5, "", "-5"),
        (0.1 + 0.2, "", "0.3"),
    ],
)
def test_format_value(value, unit, text):
    assert format_value(value, unit) == text


@pytest.mark.parametrize(
    ("value", "unit", "en", "zh"),
    [
        (32000, "元", "32k元", "3.2万元"),
        (1234, "", "1.23k", "1,234"),
        (123456, "users", "123k users", "12.3万 users"),
        (150_000_000, "¥", "¥150M", "¥1.5亿"),
        (2_500_000_000, "", "2.5B", "25亿"),
        (999, "", "999", "999"),
        (12.345, "%", "12.35%", "12.35%"),
    ],
)
def test_format_value_compact(value, unit, en, zh):
    assert format_value(value, unit, compact=True, language="en") == en
    assert format_value(value, unit, compact=True, language="zh") == zh


def test_format_value_compact_follows_the_interface_language():
    assert format_value(32000, compact=True) == "32k"
    i18n.set_language("zh")
    assert format_value(32000, compact=True) == "3.2万"


def test_format_change():
    assert format_change(None, None, "") == ""
    assert format_change(120, 0.05, "users") == "+120 users (+5.0%)"
    assert format_change(-300, None, "¥") == "-¥300"
    assert format_change(0, 0.0, "") == "0 (+0.0%)"
    assert format_change(-2.1, -0.05, "%") == "-2.1 pp (-5.0%)"
    i18n.set_language("zh")
    assert format_change(2.1, 0.05, "%") == "+2.1 个百分点 (+5.0%)"


def test_computed_values_are_rounded_for_reading():
    assert format_number(None) == "—"
    assert format_number(133_692.37, "人") == "133,692人"
    assert format_number(21.14, "%") == "21.14%"
    assert format_signed(-1.2, "%") in ("-1.2 pp", "−1.2 pp")
    assert format_signed(1200, "") == "+1,200"
    assert format_percent(0.875) == "88%"
