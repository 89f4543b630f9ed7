"""Every visible string exists in English and Chinese, with the same placeholders, and every key
the code asks for exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from growthlog import i18n
from growthlog.keys import KEYS
from growthlog.kinds import KINDS
from growthlog.models import KIND_FIELDS, field_choices

SOURCE = Path(i18n.__file__).parent


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_have_the_same_keys():
    english, chinese = i18n.catalog("en"), i18n.catalog("zh")
    assert sorted(set(english) - set(chinese)) == []
    assert sorted(set(chinese) - set(english)) == []


@pytest.mark.parametrize("key", sorted(i18n.catalog("en")))
def test_placeholders_agree_and_nothing_is_blank(key):
    english, chinese = i18n.catalog("en")[key], i18n.catalog("zh")[key]
    assert english.strip() and chinese.strip()
    assert placeholders(english) == placeholders(chinese)


def literal_keys_used_in_code() -> set[str]:
    keys = set()
    for path in SOURCE.rglob("*.py"):
        if "locales" in path.parts:
            continue
        keys.update(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']""", path.read_text(encoding="utf-8")))
    return keys


def test_every_key_the_code_uses_exists():
    used = literal_keys_used_in_code()
    assert len(used) > 50  # the scan itself works
    assert sorted(used - set(i18n.catalog("en"))) == []


def test_every_generated_key_exists():
    """Keys built at run time: kinds, fields, choices, key bindings."""
    catalog = i18n.catalog("zh")
    needed = set()
    for kind in KINDS:
        needed |= {f"kind.{kind}", f"kind.{kind}.short", f"kind.{kind}.hint", f"template.{kind}"}
        for name in KIND_FIELDS[kind].model_fields:
            needed.add(f"field.{name}")
            for choice in field_choices(kind, name) or ():
                needed.add(f"choice.{choice}")
    for spec in KEYS:
        needed |= {f"key.{spec.id}", f"key.{spec.id}.help"}
    assert sorted(needed - set(catalog)) == []


def test_language_from_locale():
    assert i18n.language_from_locale({"LANG": "zh_CN.UTF-8"}) == "zh"
    assert i18n.language_from_locale({"LANG": "en_US.UTF-8"}) == "en"
    assert i18n.language_from_locale({}) == "en"


def test_translation_switches_with_the_language():
    i18n.set_language("zh")
    assert i18n.t("kind.problem") == "问题反思"
    i18n.set_language("en")
    assert i18n.t("kind.problem") == "Problem"
    with pytest.raises(ValueError):
        i18n.set_language("fr")
