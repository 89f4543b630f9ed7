"""The store: entries in and out, filters and paging, tags, streaks, drafts, and that the tag table
and the search index follow every change."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from growthlog.kinds import DEFAULT_FIELDS
from growthlog.models import Draft, Entry, Link
from growthlog.store import EntryFilter, StoreError
from growthlog.store.errors import EditConflict
from growthlog.store.rows import add_row, make_row

D = dt.date


def make(day: dt.date, title: str = "标题", **values) -> Entry:
    return Entry(day=day, title=title, **values)


def tags_of(store, entry_id: int) -> list[str]:
    with store.db.read() as conn:
        return sorted(tag for (tag,) in conn.execute("SELECT tag FROM entry_tags WHERE entry_id = ?", (entry_id,)))


def fts_rowids(store, phrase: str) -> list[int]:
    with store.db.read() as conn:
        return [
            rowid
            for (rowid,) in conn.execute(
                "SELECT rowid FROM entries_fts WHERE entries_fts MATCH ? ORDER BY rowid", ('"' + phrase + '"',)
            )
        ]


def check_index(store) -> None:
    """The FTS index agrees with its content table (FTS5 integrity check)."""
    # FTS5 runs its integrity check as a write command: through the writer path.
    with store.db.write() as conn:
        conn.execute("INSERT INTO entries_fts(entries_fts, rank) VALUES ('integrity-check', 1)")


# --- add, get ------------------------------------------------------------------------------------


def test_add_and_get_round_trip(store, today):
    entry = make(
        today,
        "留存率下降 [bold]x[/]",
        kind="problem",
        body="## 原因\n新版引导\t太长",
        tags=["留存", "D7"],
        author="小王",
        links=[Link(type="metric", ref="dau")],
        fields={"severity": "high", "resolved_on": "2026-11-22", "cause": "引导太长"},
    )
    saved = store.add_entry(entry)
    assert saved.id is not None
    assert entry.id is None  # the caller's object is not changed
    got = store.get_entry(saved.id)
    assert got == saved
    assert got.tags == ["留存", "d7"]
    assert got.fields["resolved_on"] == "2026-11-22"
    assert got.field_model().resolved_on == D(2026, 11, 22)


def test_ids_increase(store, today):
    ids = [store.add_entry(make(today, f"e{i}")).id for i in range(5)]
    assert ids == sorted(ids)
    assert len(set(ids)) == 5


def test_get_missing_is_none(store):
    assert store.get_entry(12345) is None


def test_get_entries_keeps_the_order_asked_and_skips_missing(store, today):
    a, b, c = (store.add_entry(make(today, t)).id for t in "abc")
    assert [e.id for e in store.get_entries([c, 999, a, b])] == [c, a, b]
    assert store.get_entries([]) == []


def test_add_entries_in_one_go_with_progress(store, today):
    seen: list[int] = []
    ids = store.add_entries([make(today, f"批量{i}", tags=["批量"]) for i in range(10)], progress=seen.append)
    assert seen == list(range(1, 11))
    assert len(ids) == 10
    assert store.count_entries() == 10
    assert store.count_entries(EntryFilter(tag="批量")) == 10


def test_add_entries_is_all_or_nothing(store, today):
    first = store.add_entry(make(today, "已有"))
    batch = [make(today, "新的一条"), make(today, "撞号", id=first.id)]
    with pytest.raises(StoreError) as raised:
        store.add_entries(batch)
    assert raised.value.kind == "conflict"
    assert store.count_entries() == 1
    assert store.search_ids("新的一条") == []


def test_fast_add_path_row_reads_back_as_a_valid_entry(store, today):
    # What `growthlog add` writes without pydantic must read back like a model-made entry.
    for kind, fields in DEFAULT_FIELDS.items():
        row = make_row(
            day=today.isoformat(), kind=kind, title=f"快速 {kind}", body="正文", tags=["快速", "cli"],
            author="me", created="2026-11-20T09:00:00", fields=dict(fields),
        )
        new_id = add_row(store.db, row)
        got = store.get_entry(new_id)
        model_made = make(today, f"快速 {kind}", kind=kind, body="正文", tags=["快速", "cli"], author="me",
                          created=dt.datetime(2026, 11, 20, 9), updated=dt.datetime(2026, 11, 20, 9))
        assert got == model_made.model_copy(update={"id": new_id, "uuid": row["uuid"], "updated_by": "me"})
        assert tags_of(store, new_id) == ["cli", "快速"]
    assert len(store.search_ids("快速")) == len(DEFAULT_FIELDS)


# --- update --------------------------------------------------------------------------------------


def test_update_replaces_content_and_sets_updated(store, today):
    old = store.add_entry(make(today, "旧标题", created=dt.datetime(2026, 1, 1), updated=dt.datetime(2026, 1, 1)))
    changed = old.model_copy(update={"title": "新标题", "body": "新正文", "kind": "lesson",
                                     "fields": {"outcome": "success"}, "day": D(2026, 11, 1)})
    changed = Entry.model_validate(changed.model_dump())
    saved = store.update_entry(changed)
    assert saved.updated > dt.datetime(2026, 1, 1)
    got = store.get_entry(old.id)
    assert got == saved
    assert (got.title, got.body, got.kind, got.day) == ("新标题", "新正文", "lesson", D(2026, 11, 1))
    assert got.fields == {**DEFAULT_FIELDS["lesson"], "outcome": "success"}
    assert got.created == dt.datetime(2026, 1, 1)
    assert store.count_entries() == 1


def test_update_keeps_tags_and_search_in_step(store, today):
    entry = store.add_entry(make(today, "渠道投放复盘", body="抖音渠道成本上升", tags=["投放", "抖音"],
                                 kind="market", fields={"subject": "竞品甲"}))
    assert store.search_ids("抖音渠道") == [entry.id]
    assert store.search_ids("竞品甲") == [entry.id]
    store.update_entry(entry.model_copy(update={
        "title": "社群运营复盘", "body": "微信社群活跃提升", "tags": ["社群"], "fields": {**entry.fields, "subject": "对手乙"},
    }))
    assert tags_of(store, entry.id) == ["社群"]
    assert store.count_entries(EntryFilter(tag="投放")) == 0
    assert store.count_entries(EntryFilter(tag="社群")) == 1
    for old in ("渠道投放", "抖音渠道", "投放", "竞品甲", "抖音"):
        assert store.search_ids(old) == [], old
    for new in ("社群运营", "微信社群", "社群", "对手乙", "活跃"):
        assert store.search_ids(new) == [entry.id], new
    assert fts_rowids(store, "抖音渠道") == []
    check_index(store)


def test_update_of_an_unsaved_or_deleted_entry_is_a_store_error(store, today):
    with pytest.raises(StoreError):
        store.update_entry(make(today, "从未保存"))
    saved = store.add_entry(make(today, "删了"))
    store.delete_entry(saved.id)
    with pytest.raises(EditConflict, match=str(saved.id)) as caught:
        store.update_entry(saved)
    assert caught.value.kind == "gone" and caught.value.current is None
    assert store.count_entries() == 0


def test_saving_over_someone_elses_save_is_a_conflict_that_writes_nothing(store, today):
    opened_by_me = store.add_entry(make(today, "原标题"))
    opened_by_them = store.get_entry(opened_by_me.id)
    theirs = store.update_entry(opened_by_them.model_copy(update={"title": "他们的标题"}))
    assert theirs.revision == opened_by_me.revision + 1
    with pytest.raises(EditConflict) as caught:
        store.update_entry(opened_by_me.model_copy(update={"title": "我的标题"}))
    assert caught.value.kind == "edited"
    assert caught.value.current.title == "他们的标题" and caught.value.current.revision == theirs.revision
    assert store.get_entry(opened_by_me.id).title == "他们的标题"
    # keeping mine is a save over theirs, made knowingly
    mine = store.update_entry(opened_by_me.model_copy(update={"title": "我的标题"}), force=True)
    assert store.get_entry(mine.id).title == "我的标题" and mine.revision == theirs.revision + 1
    assert store.get_entry(mine.id).uuid == opened_by_me.uuid


def test_every_entry_gets_its_own_uuid_which_an_update_keeps(store, today):
    first = store.add_entry(make(today, "一"))
    second = store.add_entry(make(today, "二"))
    assert first.uuid and second.uuid and first.uuid != second.uuid
    assert store.get_entry(first.id).uuid == first.uuid
    assert store.update_entry(first.model_copy(update={"title": "一改"})).uuid == first.uuid


# --- delete and restore --------------------------------------------------------------------------


def test_delete_returns_the_entry_and_removes_it_everywhere(store, today):
    keep = store.add_entry(make(today, "保留的留存记录", tags=["留存"]))
    gone = store.add_entry(make(today, "删除的留存记录", body="正文", tags=["留存", "删除"], kind="plan",
                                fields={"due": "2026-12-01"}))
    returned = store.delete_entry(gone.id)
    assert returned == gone
    assert store.get_entry(gone.id) is None
    assert tags_of(store, gone.id) == []
    assert store.tag_counts() == [("留存", 1)]
    assert store.search_ids("删除的") == []
    assert store.search_ids("留存") == [keep.id]
    assert store.search_ids("删") == []
    check_index(store)


def test_delete_missing_is_a_store_error(store):
    with pytest.raises(StoreError, match="77"):
        store.delete_entry(77)


def test_restore_keeps_the_id_tags_and_search(store, today):
    store.add_entry(make(today, "之前"))
    original = store.add_entry(make(today, "要撤销的删除", body="撤销正文", tags=["撤销", "undo"], kind="problem",
                                    fields={"severity": "critical"}))
    store.add_entry(make(today, "之后"))
    deleted = store.delete_entry(original.id)
    restored = store.restore_entry(deleted)
    assert restored.id == original.id
    assert store.get_entry(original.id) == original
    assert tags_of(store, original.id) == ["undo", "撤销"]
    assert store.count_entries(EntryFilter(tag="撤销")) == 1
    assert store.search_ids("撤销正文") == [original.id]
    assert store.search_ids("撤销") == [original.id]
    check_index(store)


def test_restore_after_the_newest_was_deleted_and_another_added(store, today):
    # Deleting the newest entry must not hand its id to the next one: undo would then fail (and
    # drafts and links naming that id would point at a stranger).
    store.add_entry(make(today, "第一条"))
    newest = store.add_entry(make(today, "最新一条", tags=["新"]))
    deleted = store.delete_entry(newest.id)
    other = store.add_entry(make(today, "删除后新建"))
    assert other.id != newest.id
    store.restore_entry(deleted)
    assert store.get_entry(newest.id) == newest
    assert store.get_entry(other.id).title == "删除后新建"
    assert store.count_entries() == 3


def test_ids_are_not_reused_after_reopening(tmp_path, today):
    from growthlog.store.api import Store

    path = tmp_path / "g.db"
    first = Store.open(path)
    newest = first.add_entry(make(today, "x"))
    first.delete_entry(newest.id)
    first.close()
    second = Store.open(path)
    try:
        assert second.add_entry(make(today, "y")).id > newest.id
    finally:
        second.close()


def test_restore_onto_a_taken_id_is_a_store_error(store, today):
    entry = store.add_entry(make(today, "原来的"))
    deleted = store.delete_entry(entry.id)
    store.add_entries([make(today, "占了号", id=entry.id)])
    with pytest.raises(StoreError):
        store.restore_entry(deleted)
    assert store.get_entry(entry.id).title == "占了号"


# --- count and list ------------------------------------------------------------------------------


@pytest.fixture
def journal(store):
    """Nine entries over four days, kinds and tags mixed; returns the store and the ids by title."""
    rows = [
        (D(2026, 11, 1), "note", "n1", ["增长"]),
        (D(2026, 11, 1), "problem", "p1", ["留存", "增长"]),
        (D(2026, 11, 10), "note", "n2", []),
        (D(2026, 11, 10), "lesson", "l1", ["留存"]),
        (D(2026, 11, 10), "problem", "p2", ["留存"]),
        (D(2026, 11, 20), "strategy", "s1", ["增长", "渠道"]),
        (D(2026, 11, 20), "note", "n3", ["渠道"]),
        (D(2026, 10, 31), "plan", "pl1", []),
        (D(2026, 11, 10), "note", "n4", ["增长"]),
    ]
    ids = {}
    for day, kind, title, tags in rows:
        ids[title] = store.add_entry(make(day, title, kind=kind, tags=tags)).id
    return store, ids


def titles(entries) -> list[str]:
    return [e.title for e in entries]


NEWEST_FIRST = ["n3", "s1", "n4", "p2", "l1", "n2", "p1", "n1", "pl1"]


def test_list_is_newest_day_first_then_newest_written(journal):
    store, _ = journal
    assert titles(store.list_entries()) == NEWEST_FIRST
    assert titles(store.list_entries(oldest_first=True)) == NEWEST_FIRST[::-1]


def test_paging_covers_everything_once_in_order(journal):
    store, _ = journal
    pages = [titles(store.list_entries(limit=4, offset=offset)) for offset in (0, 4, 8, 12)]
    assert pages == [NEWEST_FIRST[:4], NEWEST_FIRST[4:8], NEWEST_FIRST[8:], []]


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (EntryFilter(), NEWEST_FIRST),
        (EntryFilter(kinds=("note",)), ["n3", "n4", "n2", "n1"]),
        (EntryFilter(kinds=("problem", "lesson")), ["p2", "l1", "p1"]),
        (EntryFilter(kinds=("market",)), []),
        (EntryFilter(tag="留存"), ["p2", "l1", "p1"]),
        (EntryFilter(tag="没有"), []),
        (EntryFilter(since=D(2026, 11, 10)), ["n3", "s1", "n4", "p2", "l1", "n2"]),
        (EntryFilter(until=D(2026, 11, 1)), ["p1", "n1", "pl1"]),
        (EntryFilter(since=D(2026, 11, 1), until=D(2026, 11, 10)), ["n4", "p2", "l1", "n2", "p1", "n1"]),
        (EntryFilter(since=D(2026, 11, 10), until=D(2026, 11, 10)), ["n4", "p2", "l1", "n2"]),
        (EntryFilter(since=D(2026, 11, 2), until=D(2026, 11, 9)), []),
        (EntryFilter(since=D(2026, 11, 21)), []),
        (EntryFilter(kinds=("note",), tag="增长"), ["n4", "n1"]),
        (EntryFilter(kinds=("note",), since=D(2026, 11, 10)), ["n3", "n4", "n2"]),
        (EntryFilter(tag="增长", until=D(2026, 11, 10)), ["n4", "p1", "n1"]),
        (EntryFilter(kinds=("note", "problem"), tag="增长", since=D(2026, 11, 1), until=D(2026, 11, 1)), ["p1", "n1"]),
        (EntryFilter(kinds=("strategy", "note"), tag="渠道", since=D(2026, 11, 20), until=D(2026, 11, 20)), ["n3", "s1"]),
        (EntryFilter(kinds=("lesson",), tag="增长"), []),
    ],
)
def test_filters(journal, where, expected):
    store, _ = journal
    assert titles(store.list_entries(where)) == expected
    assert store.count_entries(where) == len(expected)
    assert titles(store.list_entries(where, oldest_first=True)) == expected[::-1]
    if len(expected) > 2:
        assert titles(store.list_entries(where, limit=2, offset=1)) == expected[1:3]


@pytest.mark.parametrize("spelling", ["#留存", " 留存 ", "＃留存"])
def test_tag_filter_takes_the_tag_as_typed(journal, spelling):
    store, _ = journal
    assert store.count_entries(EntryFilter(tag=spelling)) == 3


def test_tag_filter_folds_ascii_case(store, today):
    store.add_entry(make(today, "x", tags=["SEO"]))
    assert store.count_entries(EntryFilter(tag="Seo")) == 1


def test_filter_is_empty():
    assert EntryFilter().is_empty
    assert not EntryFilter(tag="x").is_empty
    assert not EntryFilter(kinds=("note",)).is_empty


def test_entries_on_one_day_in_the_order_written(journal):
    store, _ = journal
    assert titles(store.entries_on(D(2026, 11, 10))) == ["n2", "l1", "p2", "n4"]
    assert store.entries_on(D(2026, 11, 11)) == []


def test_days_with_entries(journal):
    store, _ = journal
    assert store.days_with_entries(D(2026, 11, 1), D(2026, 11, 20)) == {
        D(2026, 11, 1): 2,
        D(2026, 11, 10): 4,
        D(2026, 11, 20): 2,
    }
    assert store.days_with_entries(D(2026, 11, 2), D(2026, 11, 9)) == {}


def test_tag_counts_most_used_first_then_by_name(journal):
    store, ids = journal
    assert store.tag_counts() == [("增长", 4), ("留存", 3), ("渠道", 2)]
    assert store.tag_counts(limit=1) == [("增长", 4)]
    store.delete_entry(ids["n4"])
    store.delete_entry(ids["n1"])
    assert store.tag_counts() == [("留存", 3), ("增长", 2), ("渠道", 2)]


def test_tag_counts_empty(store):
    assert store.tag_counts() == []


# --- streak --------------------------------------------------------------------------------------


def days_before(today: dt.date, *offsets: int) -> list[dt.date]:
    return [today - dt.timedelta(days=n) for n in offsets]


@pytest.mark.parametrize(
    ("offsets", "streak"),
    [
        ((), 0),
        ((0,), 1),
        ((0, 0, 0), 1),
        ((0, 1, 2), 3),
        ((1, 2, 3), 3),  # today still empty: the streak counts from yesterday
        ((1,), 1),
        ((2, 3, 4), 0),  # yesterday empty too: broken
        ((0, 2, 3), 1),  # a gap
        ((1, 3, 4), 1),
        ((0, 1, 2, 4, 5, 6, 7), 3),
        ((-1, -2), 0),  # only future entries
        ((-1, 0, 1), 2),  # future entries do not count, nor break
    ],
)
def test_logging_streak(store, today, offsets, streak):
    for day in days_before(today, *offsets):
        store.add_entry(make(day, "x"))
    assert store.logging_streak(today) == streak


def test_logging_streak_across_a_month_and_year_end(store):
    for n in range(40):
        store.add_entry(make(D(2027, 1, 5) - dt.timedelta(days=n), "x"))
    assert store.logging_streak(D(2027, 1, 5)) == 40
    assert store.logging_streak(D(2027, 1, 6)) == 40
    assert store.logging_streak(D(2027, 1, 7)) == 0
    assert store.logging_streak(D(2026, 12, 31)) == 40 - 5


# --- drafts --------------------------------------------------------------------------------------


def test_drafts_save_list_replace_delete(store):
    older = Draft(key="new", data={"title": "写了一半", "body": "正文\n第二行", "fields": {"severity": "x"}},
                  saved_at=dt.datetime(2026, 11, 20, 9, 0))
    newer = Draft(key="entry-3", entry_id=3, data={"title": "改了一半"}, saved_at=dt.datetime(2026, 11, 20, 10, 0))
    store.save_draft(older)
    store.save_draft(newer)
    assert store.list_drafts() == [newer, older]
    again = Draft(key="new", data={"title": "又改了"}, saved_at=dt.datetime(2026, 11, 20, 11, 0))
    store.save_draft(again)
    assert store.list_drafts() == [again, newer]
    store.delete_draft("new")
    assert store.list_drafts() == [newer]
    store.delete_draft("no-such-draft")
    store.delete_draft("entry-3")
    assert store.list_drafts() == []


def test_drafts_survive_reopening(tmp_path):
    from growthlog.store.api import Store

    path = tmp_path / "g.db"
    first = Store.open(path)
    first.save_draft(Draft(key="new", data={"title": "崩溃前写的"}))
    first.close()
    second = Store.open(path)
    try:
        assert second.list_drafts()[0].data == {"title": "崩溃前写的"}
    finally:
        second.close()


# --- threads and the memory store ----------------------------------------------------------------


def test_readable_and_writable_from_another_thread(store, today):
    saved = store.add_entry(make(today, "主线程写的"))
    results: list = []
    errors: list = []

    def work():
        try:
            results.append(store.get_entry(saved.id))
            results.append(store.add_entry(make(today, "另一个线程")).id)
            results.append(store.search_ids("另一个"))
        except Exception as error:  # pragma: no cover - shown by the assert below
            errors.append(error)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert errors == []
    assert results[0] == saved
    assert results[2] == [results[1]]
    assert store.count_entries() == 2


def test_many_threads_writing_at_once_lose_nothing(store, today):
    def work(n: int):
        for i in range(25):
            store.add_entry(make(today, f"t{n}-{i}", tags=[f"t{n}"]))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.count_entries() == 100
    assert all(store.count_entries(EntryFilter(tag=f"t{n}")) == 25 for n in range(4))


def test_memory_store_works_like_a_file(memory_store, today):
    saved = memory_store.add_entry(make(today, "内存里的留存", tags=["留存"]))
    assert memory_store.get_entry(saved.id) == saved
    assert memory_store.search_ids("留存") == [saved.id]
    assert memory_store.path == ":memory:"
