"""Every visible string, in English and Simplified Chinese.

Strings live in per-area catalogs (``growthlog/locales/<area>_<lang>.py``, each a ``MESSAGES``
dict); a test fails when a key is missing in either language or when the two disagree on the
``{placeholders}`` a string takes. Import-light: the command line uses it on every call.

The language is chosen at run time (``--lang``, the config file, then the locale) and is process
wide, like the locale itself. Nothing may be translated when a module is imported: a string built
then would keep the language of that moment (a test checks module and class bodies for ``t()``).

A message may have plural forms: its catalog value is then a dict (``{"one": …, "other": …}``)
and :func:`t` picks the form by its ``count`` value, by the language's rule (:func:`plural_form`).
"""

from __future__ import annotations

import importlib
import os

LANGUAGES = ("en", "zh")
AREAS = ("app", "cli", "metrics", "goals", "charts", "goalsui", "review", "reviewui", "lessons", "team")

_language = "en"
Message = str | dict[str, str]
"""A catalog value: the text, or its plural forms by :func:`plural_form` name."""
_catalogs: dict[str, dict[str, Message]] = {}


def catalog(language: str) -> dict[str, Message]:
    """All messages of one language (loaded on first use)."""
    if language not in _catalogs:
        merged: dict[str, Message] = {}
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


def plural_form(language: str, count: object) -> str:
    """The plural form a number takes: English says "1 day" but "0 days" and "2 days"; Chinese
    has one form ("1 天", "2 天")."""
    if language == "en" and count == 1:
        return "one"
    return "other"


def t(key: str, /, **values: object) -> str:
    """The message ``key`` in the current language, with ``{placeholders}`` filled in.

    A message with plural forms takes the one for ``values["count"]``. A key missing from the
    catalog shows as the key itself rather than failing: the test suite is what keeps catalogs
    complete.
    """
    language = _language
    message = catalog(language).get(key)
    if not message:
        language, message = "en", catalog("en").get(key) or key
    if isinstance(message, dict):
        message = message.get(plural_form(language, values.get("count"))) or message["other"]
    return message.format(**values) if values else message


def kind_label(kind: str) -> str:
    """The translated label of an entry kind."""
    return t(f"kind.{kind}")


def kind_short_label(kind: str) -> str:
    """A short label of an entry kind, for narrow columns."""
    return t(f"kind.{kind}.short")
