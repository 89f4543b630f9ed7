"""Search ranking when a term is common: the newest matches are ranked instead of all of them."""

from __future__ import annotations

import datetime as dt

import pytest

from growthlog.models import Entry
from growthlog.store import search


@pytest.fixture
def filled(memory_store, today):
    entries = []
    for number in range(60):
        title = "留存复盘 标题" if number % 3 == 0 else f"第 {number} 条"
        body = "本周留存复盘：" + ("留存复盘 " * (number % 4)) + ("push" if number % 2 else "")
        entries.append(Entry(day=today - dt.timedelta(days=number % 7), title=title, body=body, tags=["留存"]))
    memory_store.add_entries(entries)
    return memory_store


def test_common_term_ranks_the_same_as_ranking_everything(filled, monkeypatch):
    everything = filled.search_ids("留存复盘", limit=100)
    assert len(everything) == 60
    monkeypatch.setattr(search, "RANK_ALL_MAX", 10)
    assert filled.search_ids("留存复盘", limit=100) == everything
    assert filled.search_ids("留存复盘 push", limit=100) == [i for i in everything if i % 2 == 0]


def test_common_term_over_the_limit_ranks_the_newest(filled, monkeypatch):
    monkeypatch.setattr(search, "RANK_ALL_MAX", 10)
    newest = set(range(60, 40, -1))
    found = filled.search_ids("留存复盘", limit=20)
    assert set(found) == newest
    full_order = [i for i in filled.search_ids("留存复盘", limit=100) if i in newest]
    assert found == full_order
