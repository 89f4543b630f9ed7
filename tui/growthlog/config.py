"""Settings: defaults, the TOML config file, environment variables and command-line flags.

Precedence, lowest first: defaults, the system-wide config files (``growthlog/config.toml`` in each
of ``$XDG_CONFIG_DIRS``, ``/etc/xdg`` by default: where a team's server names the shared database
for everyone), the user's config file (``GROWTHLOG_CONFIG`` or ``config.toml`` in the user config
folder), environment (``GROWTHLOG_DB``), flags. Tables (``[keymap]``) merge key by key. Paths are
computed when asked for, never at import: importing this module creates nothing.

This module is import-light (no pydantic) for the fast command-line paths; the validated whole,
:class:`growthlog.settings.Settings`, is built by :func:`load_settings`.
"""

from __future__ import annotations

import getpass
import os
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from growthlog.settings import Settings

APP_NAME = "growthlog"


class ConfigError(Exception):
    """The config file cannot be read or holds a bad value; the message says which."""


def config_path(environ: dict[str, str] | None = None) -> Path:
    environ = os.environ if environ is None else environ
    if explicit := environ.get("GROWTHLOG_CONFIG"):
        return Path(explicit).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME)) / "config.toml"


def system_config_paths(environ: dict[str, str] | None = None) -> list[Path]:
    """The system-wide config files, most important first (the XDG base directory rule)."""
    environ = os.environ if environ is None else environ
    folders = [folder for folder in (environ.get("XDG_CONFIG_DIRS") or "/etc/xdg").split(os.pathsep) if folder]
    return [Path(folder) / APP_NAME / "config.toml" for folder in folders]


class ConfigValues(dict):
    """The merged config table; :meth:`origin` says which file a value came from (for messages)."""

    def __init__(self) -> None:
        super().__init__()
        self.origins: dict[str, Path] = {}

    def origin(self, key: str, default: Path) -> Path:
        return self.origins.get(key, default)


def read_config(environ: dict[str, str] | None = None) -> ConfigValues:
    """Every config file merged: the system-wide ones, then the user's over them."""
    merged = ConfigValues()
    for path in [*reversed(system_config_paths(environ)), config_path(environ)]:
        for key, value in read_config_file(path).items():
            if isinstance(value, dict) and isinstance(merged.get(key), dict):
                value = {**merged[key], **value}
            merged[key] = value
            merged.origins[key] = path
    return merged


def default_db_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME)) / "growthlog.db"


def read_config_file(path: Path) -> dict[str, Any]:
    """The config file's table, or {} when there is no file."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        # UnicodeDecodeError: tomllib decodes the bytes itself, and says nothing of where.
        raise ConfigError(f"cannot read the config file {path}: {error}") from None


def resolve_db_path(flag: str | None, file_values: dict[str, Any], environ: dict[str, str] | None = None) -> Path:
    """The database path: the flag, then ``GROWTHLOG_DB``, then the config file's ``db``, then the
    default in the user data folder."""
    environ = os.environ if environ is None else environ
    chosen = flag or environ.get("GROWTHLOG_DB")
    if not chosen:
        chosen = file_values.get("db")
        if chosen is not None and not isinstance(chosen, str):
            raise ConfigError(f"{_origin(file_values, 'db', environ)}: db must be a file path in quotes, not {chosen!r}")
    return Path(chosen).expanduser() if chosen else default_db_path()


def resolve_language(flag: str | None, file_values: dict[str, Any], environ: dict[str, str] | None = None) -> str:
    from growthlog.i18n import LANGUAGES, language_from_locale

    if flag:
        if flag not in LANGUAGES:
            raise ConfigError(f"language must be one of {', '.join(LANGUAGES)}, not {flag!r}")
        return flag
    chosen = file_values.get("language")
    if chosen:
        if chosen not in LANGUAGES:
            raise ConfigError(
                f"{_origin(file_values, 'language', environ)}: language must be one of {', '.join(LANGUAGES)}, not {chosen!r}"
            )
        return chosen
    return language_from_locale(environ)


def _origin(file_values: dict[str, Any], key: str, environ: dict[str, str] | None) -> Path:
    """The file that set ``key`` (the user's config file when unknown)."""
    if isinstance(file_values, ConfigValues):
        return file_values.origin(key, config_path(environ))
    return config_path(environ)


def default_author() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def load_settings(
    *, db: str | None = None, language: str | None = None, environ: dict[str, str] | None = None
) -> "Settings":
    """Settings from every source; flags win."""
    from pydantic import ValidationError

    from growthlog.settings import Settings

    file_values = read_config(environ)
    values = dict(file_values)
    values["db"] = resolve_db_path(db, file_values, environ)
    values["language"] = resolve_language(language, file_values, environ)
    values.setdefault("author", default_author())
    try:
        return Settings.model_validate(values)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        path = _origin(file_values, str(first["loc"][0]) if first["loc"] else "", environ)
        raise ConfigError(f"{path}: {where}: {first['msg']}") from None


def resolve_sprint(file_values: dict[str, Any], environ: dict[str, str] | None = None):
    """How sprints are cut, from the config file's ``sprint_days`` and ``sprint_start`` (import-light:
    the command line's ``review`` reads them without validating the whole settings)."""
    import datetime as dt

    from growthlog.services.periods import DEFAULT_SPRINT_ANCHOR, DEFAULT_SPRINT_DAYS, PeriodError, SprintRule

    length = file_values.get("sprint_days", DEFAULT_SPRINT_DAYS)
    anchor = file_values.get("sprint_start", DEFAULT_SPRINT_ANCHOR)
    where = _origin(file_values, "sprint_days", environ)
    if isinstance(length, bool) or not isinstance(length, int):
        raise ConfigError(f"{where}: sprint_days must be a whole number of days, not {length!r}")
    if isinstance(anchor, str):
        try:
            anchor = dt.date.fromisoformat(anchor)
        except ValueError:
            raise ConfigError(f"{where}: sprint_start must be a date (YYYY-MM-DD), not {anchor!r}") from None
    if isinstance(anchor, dt.datetime) or not isinstance(anchor, dt.date):
        raise ConfigError(f"{where}: sprint_start must be a date (YYYY-MM-DD), not {anchor!r}")
    try:
        return SprintRule(length, anchor)
    except PeriodError as error:
        raise ConfigError(f"{where}: sprint_days: {error}") from None

