"""Every visible string, in English and Simplified Chinese.

Strings live in per-area catalogs (``growthlog/locales/<area>_<lang>.py``, each a ``MESSAGES``
dict); a test fails when a key is missing in either language or when the two disagree on the
``{placeholders}`` a string takes. Import-light: the command line uses it on every call.

The language is chosen once at start (``--lang``, the config file, then the locale) and is process
wide, like the locale itself.
"""

from __future__ import annotations

import importlib
import os

LANGUAGES = ("en", "zh")
AREAS = ("app", "cli", "metrics", "goals", "charts", "goalsui", "review", "reviewui", "lessons")

_language = "en"
_catalogs: dict[str, dict[str, str]] = {}


def catalog(language: str) -> dict[str, str]:
    """All messages of one language (loaded on first use)."""
    if language not in _catalogs:
        merged: dict[str, str] = {}
        for area in AREAS:
            merged.update(importlib.import_module(f"growthlog.locales.{area}_{language}").MESSAGES)
        _catalogs[language] = merged
    return _catalogs[language]


def set_language(language: str) -> None:
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}: choose one of {', '.join(LANGUAGES)}")
    _language = language


def get_language() -> str:
    return _language


def language_from_locale(environ: os._Environ[str] | dict[str, str] | None = None) -> str:
    """'zh' when the locale variables say Chinese (LANG=zh_CN.UTF-8 and the like), else 'en'."""
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = environ.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def t(key: str, /, **values: object) -> str:
    """The message ``key`` in the current language, with ``{placeholders}`` filled in.

    A key missing from the catalog shows as the key itself rather than failing: the test suite is
    what keeps catalogs complete.
    """
    text = catalog(_language).get(key) or catalog("en").get(key) or key
    return text.format(**values) if values else text


def kind_label(kind: str) -> str:
    """The translated label of an entry kind."""
    return t(f"kind.{kind}")


def kind_short_label(kind: str) -> str:
    """A short label of an entry kind, for narrow columns."""
    return t(f"kind.{kind}.short")
