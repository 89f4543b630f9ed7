"""Every visible string exists in English and Chinese, with the same placeholders, and every key
the code asks for exists."""

from __future__ import annotations

import importlib
import re
import string
from pathlib import Path

import pytest

from growthlog import i18n
from growthlog.keys import KEYS
from growthlog.kinds import KINDS
from growthlog.models import KIND_FIELDS, field_choices

SOURCE = Path(i18n.__file__).parent


def placeholders(message: i18n.Message) -> set[str]:
    """The {names} a message takes (every plural form's together)."""
    forms = message.values() if isinstance(message, dict) else [message]
    return {name for text in forms for _, name, _, _ in string.Formatter().parse(text) if name}


def is_blank(message: i18n.Message) -> bool:
    forms = message.values() if isinstance(message, dict) else [message]
    return not forms or any(not text.strip() for text in forms)


@pytest.mark.parametrize("area", i18n.AREAS)
def test_each_catalog_pair_agrees(area):
    """One area's English and Chinese catalogs: the same keys, the same placeholders, nothing
    blank, plural forms only where English needs them. Every mismatch is reported at once."""
    english = importlib.import_module(f"growthlog.locales.{area}_en").MESSAGES
    chinese = importlib.import_module(f"growthlog.locales.{area}_zh").MESSAGES
    problems = [f"only in English: {key}" for key in sorted(set(english) - set(chinese))]
    problems += [f"only in Chinese: {key}" for key in sorted(set(chinese) - set(english))]
    for key in sorted(set(english) & set(chinese)):
        en, zh = english[key], chinese[key]
        if is_blank(en) or is_blank(zh):
            problems.append(f"blank: {key}")
        if placeholders(en) != placeholders(zh):
            problems.append(f"placeholders differ: {key}: {sorted(placeholders(en))} vs {sorted(placeholders(zh))}")
        for message in (en, zh):
            if isinstance(message, dict) and (set(message) - {"one", "other"} or "other" not in message):
                problems.append(f"plural forms must be 'one' and 'other': {key}")
            if isinstance(message, dict) and "count" not in placeholders(message) and "other" in message:
                problems.append(f"a plural message picks its form by {{count}}, which {key} never shows")
        if isinstance(zh, dict):
            problems.append(f"Chinese has one plural form; give {key} a plain string")
    assert problems == []


def test_no_key_is_defined_in_two_areas():
    seen: dict[str, str] = {}
    twice = []
    for area in i18n.AREAS:
        for key in importlib.import_module(f"growthlog.locales.{area}_en").MESSAGES:
            if key in seen:
                twice.append(f"{key}: {seen[key]} and {area}")
            seen[key] = area
    assert twice == []


def test_plural_forms_follow_the_count():
    assert i18n.t("journal.count_all", count=1) == "1 entry"
    assert i18n.t("journal.count_all", count=0) == "0 entries"
    assert i18n.t("journal.count_all", count=2) == "2 entries"
    i18n.set_language("zh")
    assert i18n.t("journal.count_all", count=1) == "共 1 条记录"
    assert i18n.t("journal.count_all", count=5) == "共 5 条记录"


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
