"""Shared fixtures: plain, small, and on a temporary database (sqlite-utils style)."""

from __future__ import annotations

import datetime as dt
import functools

import pytest

from growthlog import i18n
from growthlog.store.api import Store

# Every test that depends on "today" uses this date, so results and snapshots never drift.
FIXED_TODAY = dt.date(2026, 11, 20)


NO_SYSTEM_CONFIG = "/nonexistent/growthlog-tests/xdg"
"""Where tests look for system-wide config files: nowhere (never the machine's /etc/xdg)."""


@pytest.fixture(autouse=True)
def no_system_config(monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_DIRS", NO_SYSTEM_CONFIG)


@pytest.fixture(autouse=True)
def english_by_default():
    """Tests start in English; a test that wants Chinese sets it. Restored afterwards."""
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def store(tmp_path) -> Store:
    """A fresh database file in a temporary folder."""
    opened = Store.open(tmp_path / "growthlog.db")
    yield opened
    opened.close()


@pytest.fixture
def memory_store() -> Store:
    opened = Store.open(":memory:")
    yield opened
    opened.close()


@pytest.fixture
def today() -> dt.date:
    return FIXED_TODAY


@pytest.fixture
def cli_environment(monkeypatch, tmp_path):
    """For command-line tests: no developer config (``config.toml`` in the test's folder, absent
    unless the test writes it), an English locale, and a pinned today (2026-11-20, a Friday)."""
    monkeypatch.setenv("GROWTHLOG_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("GROWTHLOG_TODAY", FIXED_TODAY.isoformat())
    monkeypatch.delenv("GROWTHLOG_DB", raising=False)
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def open_app(tmp_path):
    """``async with open_app(store, **settings) as pilot``: the app running on ``store`` at the
    fixed date and size, with no config of the developer's, settled (see ``apphelpers.running``)."""
    from apphelpers import running

    return functools.partial(running, tmp_path=tmp_path)
