"""The entry text rules, and the model keeping to them: the fast `growthlog add` path calls the
rules without the model, so the two must clean and refuse alike."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from growthlog.entry_rules import EntryTextError, clean_entry_text
from growthlog.models import Entry

DAY = dt.date(2026, 11, 20)


@pytest.mark.parametrize(
    ("values", "rule", "message"),
    [
        ({"title": " \x1b[2J "}, "empty_title", "the title is empty"),
        ({"title": "x" * 301}, "long_title", "the title is longer than 300 characters"),
        ({"title": "ok", "body": "x" * 1_000_001}, "long_body", "the body is longer than 1,000,000 characters"),
        ({"title": "ok", "tags": ["标" * 51]}, "long_tag", f"the tag '{'标' * 20}…' is longer than 50 characters"),
    ],
)
def test_the_model_refuses_what_the_rules_refuse_in_the_same_words(values, rule, message):
    with pytest.raises(EntryTextError) as refused:
        clean_entry_text(**values)
    assert refused.value.rule == rule and str(refused.value) == message
    with pytest.raises(ValidationError) as invalid:
        Entry(day=DAY, **values)
    assert invalid.value.errors()[0]["msg"] == f"Value error, {message}"


@pytest.mark.parametrize("author", ["lin\x1b[31mxiao", " 王\n小明\x07 ", "x" * 500, ""])
def test_the_model_cleans_text_as_the_rules_do(author):
    values = {"title": " 标题\x1b[1m ", "body": "正文\r\n\x07第二行\t缩进", "tags": ["#Growth", "增长", "growth"], "author": author}
    entry = Entry(day=DAY, **values)
    assert (entry.title, entry.body, entry.tags, entry.author) == tuple(clean_entry_text(**values))


def test_the_first_rule_broken_is_the_one_reported():
    with pytest.raises(EntryTextError) as refused:
        clean_entry_text(title="", body="x" * 1_000_001, tags=["标" * 51])
    assert refused.value.rule == "empty_title"
