"""Storage: the only package with SQL.

Kept import-light: ``growthlog add`` imports :mod:`growthlog.store.db` and
:mod:`growthlog.store.rows` without pulling in pydantic, so the names below load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from growthlog.store.db import StoreError

if TYPE_CHECKING:
    from growthlog.store.api import Store
    from growthlog.store.entries import EntryFilter

__all__ = ["Store", "StoreError", "EntryFilter"]


def __getattr__(name: str):
    if name == "Store":
        from growthlog.store.api import Store

        return Store
    if name == "EntryFilter":
        from growthlog.store.entries import EntryFilter

        return EntryFilter
    raise AttributeError(name)
