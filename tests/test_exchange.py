"""Export to Markdown, JSON and CSV, and import of growthlog and jrnl JSON files (services level)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from growthlog import i18n
from growthlog.models import Entry, Link
from growthlog.services import exchange
from growthlog.services.exchange import ExchangeError
from growthlog.store.api import Store
from growthlog.store.entries import EntryFilter


def make_entry(**values) -> Entry:
    values.setdefault("day", dt.date(2026, 11, 18))
    values.setdefault("created", dt.datetime(2026, 11, 18, 9, 30, 5))
    values.setdefault("updated", dt.datetime(2026, 11, 19, 21, 0, 0))
    values.setdefault("author", "小王")
    return Entry(**values)


@pytest.fixture
def filled(store: Store) -> Store:
    """A database with one entry of several kinds, Chinese text, tags, links and fields."""
    problem = store.add_entry(make_entry(
        kind="problem", title="次日留存率下降", body="## 现象\n新用户 **D1** 从 42% 跌到 35%。\n\n- 推送过多\n- 引导太长",
        tags=["留存", "增长"],
        fields={"cause": "推送频率翻倍\n引导页加了两步", "impact": "新增用户少留住约 700 人/周", "severity": "high",
                "urgency": "high", "status": "mitigating", "solution": "推送减半", "resolved_on": None},
        links=[Link(type="metric", ref="d1_retention")],
    ))
    store.add_entry(make_entry(
        kind="strategy", title="Cut onboarding to three steps", day=dt.date(2026, 11, 19), tags=["onboarding"],
        fields={"change": "Remove the survey step", "metric": "d1_retention", "effective_on": "2026-11-19",
                "review_on": "2026-12-03"},
        links=[Link(type="entry", ref=str(problem.id)), Link(type="metric", ref="d1_retention")],
    ))
    store.add_entry(make_entry(kind="note", title="周会：同步拉新渠道数据", day=dt.date(2026, 11, 19), body=""))
    store.add_entry(make_entry(
        kind="lesson", title="小步快跑比大改版更稳", day=dt.date(2026, 11, 20), tags=["复盘"],
        fields={"outcome": "success", "takeaway": "每次只改一处，数据才说得清"},
    ))
    return store


def export_text(store: Store, fmt: str, where: EntryFilter = EntryFilter()) -> str:
    out = io.StringIO()
    exchange.EXPORTERS[fmt](store, out, where)
    return out.getvalue()


def all_entries(store: Store) -> list[Entry]:
    return list(exchange.iter_entries(store))


# Export


def test_iter_entries_pages_through_everything_oldest_first(filled):
    entries = list(exchange.iter_entries(filled, batch=1))
    assert [e.title for e in entries] == [
        "次日留存率下降", "Cut onboarding to three steps", "周会：同步拉新渠道数据", "小步快跑比大改版更稳",
    ]
    assert len({e.id for e in entries}) == 4


def test_json_export_is_valid_json_with_chinese_unescaped(filled):
    text = export_text(filled, "json")
    assert "次日留存率下降" in text and "\\u" not in text
    data = json.loads(text)
    assert data["format"] == "growthlog" and data["version"] == 2
    first = data["entries"][0]
    assert first["kind"] == "problem"
    assert first["tags"] == ["留存", "增长"]
    assert first["fields"]["severity"] == "high"
    assert first["fields"]["cause"] == "推送频率翻倍\n引导页加了两步"
    assert first["created"] == "2026-11-18T09:30:05"
    assert first["author"] == "小王"
    # A link names its target by id and, for other databases, by UUID.
    assert data["entries"][1]["links"][0] == {"type": "entry", "ref": str(first["id"]), "uuid": first["uuid"]}
    assert data["entries"][1]["links"][1] == {"type": "metric", "ref": "d1_retention"}


def test_json_round_trip_into_an_empty_database_is_lossless(filled, memory_store):
    text = export_text(filled, "json")
    plan = exchange.plan_import(json.loads(text), memory_store)
    assert plan.format == "growthlog" and plan.new_ids == 0 and plan.renumbered == {}
    exchange.apply_import(plan, memory_store)
    assert all_entries(memory_store) == all_entries(filled)
    assert export_text(memory_store, "json") == text
    # The stored rows work like any other: tags index and search.
    assert [e.title for e in memory_store.list_entries(EntryFilter(tag="留存"))] == ["次日留存率下降"]
    assert [e.title for e in memory_store.search("留存")][0] == "次日留存率下降"


def test_json_export_respects_the_filter(filled):
    data = json.loads(export_text(filled, "json", EntryFilter(since=dt.date(2026, 11, 19), until=dt.date(2026, 11, 19))))
    assert sorted(e["title"] for e in data["entries"]) == ["Cut onboarding to three steps", "周会：同步拉新渠道数据"]


def test_json_export_of_nothing_is_still_an_importable_file(memory_store):
    text = export_text(memory_store, "json")
    assert json.loads(text)["entries"] == []
    assert exchange.detect_format(json.loads(text)) == "growthlog"


def test_markdown_export_has_a_section_per_day_and_each_entry_whole(filled):
    text = export_text(filled, "md")
    lines = text.splitlines()
    assert lines[0] == "# growthlog export"
    days = [line for line in lines if line.startswith("## ")]
    assert days == ["## 2026-11-18", "## 2026-11-19", "## 2026-11-20"]
    problem = filled.list_entries(EntryFilter(kinds=("problem",)))[0]
    assert f"### Problem · 次日留存率下降 (#{problem.id})" in lines
    assert "Tags: `#留存` `#增长`" in lines
    # Filled fields with their names, multi-line values indented under their item; blanks left out.
    assert "- **Cause**: 推送频率翻倍" in lines
    assert "  引导页加了两步" in lines
    assert "- **Severity**: high" in lines
    assert "Options considered" not in text and "Resolved on" not in text
    # The body, its headings nested under the entry's.
    assert "新用户 **D1** 从 42% 跌到 35%。" in lines
    assert "##### 现象" in lines
    # Entries sit under their day, in order.
    assert text.index("## 2026-11-19") < text.index("Cut onboarding") < text.index("## 2026-11-20")
    assert text.index("## 2026-11-20") < text.index("小步快跑比大改版更稳")


def test_markdown_export_in_chinese(filled):
    i18n.set_language("zh")
    text = export_text(filled, "md")
    assert text.startswith("# 运营成长日志导出\n")
    assert "### 问题反思 · 次日留存率下降" in text
    assert "### 经验总结 · 小步快跑比大改版更稳" in text
    assert "标签：`#留存` `#增长`" in text
    assert "- **原因**: 推送频率翻倍" in text
    assert "- **收获**: 每次只改一处，数据才说得清" in text


def test_markdown_export_of_nothing_says_so(memory_store):
    assert export_text(memory_store, "md") == "# growthlog export\n\nNo entries.\n"


def test_csv_export_has_one_column_per_field_and_reads_back(filled):
    text = export_text(filled, "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == exchange.csv_columns()
    assert exchange.csv_columns()[:4] == ["id", "day", "kind", "title"] and exchange.csv_columns()[-1] == "body"
    assert len(rows) == 4
    problem, strategy, note, lesson = rows
    assert problem["title"] == "次日留存率下降"
    assert problem["tags"] == "留存 增长"
    assert problem["severity"] == "high"
    assert problem["cause"] == "推送频率翻倍\n引导页加了两步"
    assert problem["resolved_on"] == ""
    assert problem["links"] == "metric:d1_retention"
    assert problem["body"].startswith("## 现象\n")
    assert strategy["effective_on"] == "2026-11-19"
    assert strategy["links"] == f"entry:{problem['id']} metric:d1_retention"
    assert lesson["outcome"] == "success" and strategy["outcome"] == ""
    assert note["severity"] == "" and note["author"] == "小王"


def test_field_rows_name_every_field_in_the_current_language(filled):
    problem = filled.list_entries(EntryFilter(kinds=("problem",)))[0]
    rows = exchange.field_rows(problem)
    assert [name for name, _, _ in rows] == [
        "cause", "impact", "severity", "urgency", "status", "solution", "alternatives", "resolved_on",
    ]
    assert rows[2] == ("severity", "Severity", "high")
    assert rows[-1] == ("resolved_on", "Resolved on", "")
    i18n.set_language("zh")
    assert exchange.field_rows(problem)[2] == ("severity", "严重程度", "高")
    assert exchange.field_rows(problem)[4] == ("status", "状态", "缓解中")
    assert len(exchange.field_rows(problem, filled_only=True)) == 6


# Import: growthlog's own format


def without_uuids(data: dict) -> dict:
    """A file as growthlog wrote them before records had UUIDs (or as written by hand)."""
    for entry in data["entries"]:
        entry.pop("uuid", None)
        for link in entry.get("links", []):
            link.pop("uuid", None)
    return data


def test_import_keeps_free_ids_and_renumbers_taken_ones_with_their_links(filled, store):
    text = export_text(filled, "json")
    data = json.loads(text)
    problem_id = data["entries"][0]["id"]
    # Entries without UUIDs are new records: into the same database, every id is taken.
    plan = exchange.plan_import(without_uuids(json.loads(text)), store)
    assert plan.new_ids == 4
    assert set(plan.renumbered) == {e["id"] for e in data["entries"]}
    exchange.apply_import(plan, store)
    assert store.count_entries() == 8
    copies = {e.title: e for e in store.get_entries(list(plan.renumbered.values()))}
    new_problem_id = plan.renumbered[problem_id]
    assert copies["次日留存率下降"].id == new_problem_id
    # The copied strategy points at the copied problem; the original still at the original.
    assert copies["Cut onboarding to three steps"].links == [
        Link(type="entry", ref=str(new_problem_id)), Link(type="metric", ref="d1_retention"),
    ]
    original = store.get_entry(data["entries"][1]["id"])
    assert original.links[0] == Link(type="entry", ref=str(problem_id))
    # New ids come after the file's own.
    assert min(plan.renumbered.values()) > max(e["id"] for e in data["entries"])


def test_import_keeps_ids_that_are_free_even_in_a_used_database(memory_store):
    memory_store.add_entry(make_entry(title="已经有的记录"))  # takes id 1
    data = {"format": "growthlog", "version": 1, "entries": [
        {"id": 1, "day": "2026-11-01", "kind": "note", "title": "撞号的", "links": []},
        {"id": 7, "day": "2026-11-02", "kind": "note", "title": "空闲编号", "links": [{"type": "entry", "ref": "1"}]},
        {"day": "2026-11-03", "kind": "note", "title": "没有编号"},
    ]}
    plan = exchange.plan_import(data, memory_store)
    ids = exchange.apply_import(plan, memory_store)
    assert plan.renumbered == {1: 8}
    stored = {e.title: e for e in memory_store.get_entries(ids)}
    assert stored["空闲编号"].id == 7
    assert stored["撞号的"].id == 8
    assert stored["空闲编号"].links == [Link(type="entry", ref="8")]
    assert stored["没有编号"].id == 9
    assert memory_store.get_entry(1).title == "已经有的记录"


def test_a_repeated_id_in_the_file_goes_to_its_first_holder(memory_store):
    data = {"format": "growthlog", "entries": [
        {"id": 3, "day": "2026-11-01", "title": "first"},
        {"id": 3, "day": "2026-11-02", "title": "second", "links": [{"type": "entry", "ref": "3"}]},
    ]}
    plan = exchange.plan_import(data, memory_store)
    exchange.apply_import(plan, memory_store)
    assert memory_store.get_entry(3).title == "first"
    second = memory_store.get_entry(4)
    assert second.title == "second" and second.links == [Link(type="entry", ref="3")]
    assert plan.new_ids == 1 and plan.renumbered == {}


def test_a_broken_entry_imports_nothing_and_is_named(store):
    data = {"format": "growthlog", "version": 1, "entries": [
        {"id": 1, "day": "2026-11-01", "kind": "note", "title": "没问题的第一条"},
        {"id": 2, "day": "2026-11-02", "kind": "problem", "title": "严重程度写错了", "fields": {"severity": "huge"}},
        {"id": 3, "day": "2026-11-03", "kind": "note", "title": "第三条"},
    ]}
    with pytest.raises(ExchangeError) as caught:
        exchange.plan_import(data, store)
    message = str(caught.value)
    assert message.startswith("entry 2 ('严重程度写错了') cannot be imported:")
    assert "severity cannot be 'huge'" in message and "critical" in message
    assert "Nothing was imported" in message
    assert store.count_entries() == 0


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ({"day": "2026-02-30", "title": "bad day"}, "day:"),
        ({"day": "2026-11-01", "title": "   "}, "title: the title is empty"),
        ({"day": "2026-11-01", "title": "x", "kind": "diary"}, "kind:"),
        ({"day": "2026-11-01", "title": "x", "kind": "plan", "fields": {"deadline": "2026-12-01"}}, "'deadline' is not a field of plan entries"),
        ({"id": 0, "day": "2026-11-01", "title": "x"}, "id 0 is not a positive whole number"),
        ("just a string", "it is not a JSON object"),
    ],
)
def test_every_kind_of_bad_entry_gets_a_reason(memory_store, item, expected):
    data = {"format": "growthlog", "entries": [{"day": "2026-11-01", "title": "ok"}, item]}
    with pytest.raises(ExchangeError) as caught:
        exchange.plan_import(data, memory_store)
    assert str(caught.value).startswith("entry 2 (")
    assert expected in str(caught.value)
    assert memory_store.count_entries() == 0


def test_the_broken_entry_message_in_chinese(memory_store):
    i18n.set_language("zh")
    data = {"format": "growthlog", "entries": [{"day": "2026-11-01", "title": "坏日期", "kind": "plan", "fields": {"due": "明年"}}]}
    with pytest.raises(ExchangeError) as caught:
        exchange.plan_import(data, memory_store)
    assert str(caught.value).startswith("第 1 条记录（“坏日期”）无法导入：due")
    assert str(caught.value).endswith("没有导入任何记录。")


def test_a_failure_while_writing_rolls_everything_back(memory_store):
    entries = [make_entry(id=5, title="one"), make_entry(id=6, title="two"), make_entry(id=5, title="clash")]
    plan = exchange.ImportPlan(format="growthlog", entries=entries)
    with pytest.raises(Exception):
        exchange.apply_import(plan, memory_store)
    assert memory_store.count_entries() == 0


def test_progress_is_reported_while_checking_and_writing(memory_store):
    data = {"format": "growthlog", "entries": [{"day": "2026-11-01", "title": f"第{i}条"} for i in range(5)]}
    checked: list[int] = []
    written: list[int] = []
    plan = exchange.plan_import(data, memory_store, progress=checked.append)
    exchange.apply_import(plan, memory_store, progress=written.append)
    assert checked == [1, 2, 3, 4, 5] and written == [1, 2, 3, 4, 5]
    assert memory_store.count_entries() == 5


def test_newer_format_versions_are_refused():
    with pytest.raises(ExchangeError, match=r"newer growthlog \(format version 3; this one reads up to 2\)"):
        exchange.detect_format({"format": "growthlog", "version": 3, "entries": []})
    assert exchange.detect_format({"format": "growthlog", "version": 1, "entries": []}) == "growthlog"


# Import: jrnl


JRNL_EXPORT = {
    "tags": {"@增长": 2, "@retention": 1, "@周会": 1},
    "entries": [
        {
            "title": "Kicked off the onboarding experiment.",
            "body": "Variant B shows the checklist first.\n\nWatch D1 retention for a week. @retention @增长",
            "date": "2024-01-31",
            "time": "09:15",
            "tags": ["@retention", "@增长"],
            "starred": True,
        },
        {
            "title": "周会：讨论拉新渠道的预算。",
            "body": "",
            "date": "2024-02-01",
            "time": "18:40",
            "tags": ["@周会", "@增长"],
            "starred": False,
        },
        {
            "title": "",
            "body": "Only a body here\nand a second line",
            "date": "2024-02-02",
            "time": "07:05",
            "tags": [],
            "starred": False,
        },
    ],
}


def test_jrnl_is_detected():
    assert exchange.detect_format(JRNL_EXPORT) == "jrnl"
    assert exchange.detect_format({"tags": {}, "entries": []}) == "jrnl"
    assert exchange.detect_format({"entries": [{"day": "2026-11-01", "title": "x"}]}) == "growthlog"


@pytest.mark.parametrize("data", [[], {"entries": "no"}, {"something": 1}, {"entries": [{"foo": 1}]}, "text", None])
def test_other_shapes_are_neither_format(data):
    with pytest.raises(ExchangeError, match="neither a growthlog JSON export nor a jrnl JSON export"):
        exchange.detect_format(data)


def test_jrnl_import(store):
    plan = exchange.plan_import(json.loads(json.dumps(JRNL_EXPORT)), store, author="lin")
    exchange.apply_import(plan, store)
    first, second, third = all_entries(store)
    assert first.kind == "note"
    assert first.title == "Kicked off the onboarding experiment."
    assert first.body.startswith("Variant B shows the checklist first.\n\nWatch D1")
    assert first.day == dt.date(2024, 1, 31)
    assert first.created == first.updated == dt.datetime(2024, 1, 31, 9, 15)
    assert first.tags == ["retention", "增长", exchange.STARRED_TAG]
    assert first.author == "lin"
    assert second.title == "周会：讨论拉新渠道的预算。" and second.tags == ["周会", "增长"]
    assert second.created == dt.datetime(2024, 2, 1, 18, 40)
    assert third.title == "Only a body here" and third.body == "and a second line"
    # Tags work as growthlog tags: filter and search.
    assert [e.title for e in store.list_entries(EntryFilter(tag="增长"))] == [second.title, first.title]
    assert [e.title for e in store.search("拉新")] == [second.title]


def test_a_jrnl_title_too_long_for_a_title_is_kept_in_the_body(memory_store):
    long_title = "很长的标题" * 80  # 400 characters
    data = {"tags": {}, "entries": [{"title": long_title, "body": "正文", "date": "2024-03-01", "time": "10:00", "tags": []}]}
    exchange.apply_import(exchange.plan_import(data, memory_store), memory_store)
    (entry,) = all_entries(memory_store)
    assert entry.title.endswith("…") and len(entry.title) <= 61
    assert entry.body == long_title + "\n\n正文"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"date": "2024-02-30"}, "'2024-02-30' is not a date"),
        ({"date": None}, "'None' is not a date"),
        ({"time": "25:99"}, "'25:99' is not a time"),
        ({"tags": "@x"}, "its tags are not a list of words"),
        ({"title": "", "body": ""}, "the title is empty"),
    ],
)
def test_a_broken_jrnl_entry_imports_nothing(store, change, expected):
    data = json.loads(json.dumps(JRNL_EXPORT))
    data["entries"][1].update(change)
    with pytest.raises(ExchangeError) as caught:
        exchange.plan_import(data, store)
    assert str(caught.value).startswith("entry 2 (")
    assert expected in str(caught.value)
    assert store.count_entries() == 0


def test_importing_jrnl_into_a_used_database_appends(memory_store):
    for n in range(3):
        memory_store.add_entry(make_entry(title=f"existing {n}"))
    plan = exchange.plan_import(json.loads(json.dumps(JRNL_EXPORT)), memory_store)
    ids = exchange.apply_import(plan, memory_store)
    assert ids == [4, 5, 6]
    assert memory_store.count_entries() == 6


# Files and ids


def test_read_json_file_errors_are_one_clear_line(tmp_path):
    with pytest.raises(ExchangeError, match=r"only JSON files can be imported .*metrics\.csv"):
        exchange.read_json_file(tmp_path / "metrics.csv")
    with pytest.raises(ExchangeError, match=r"cannot read .*missing\.json: No such file"):
        exchange.read_json_file(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text('{"entries": [\n  {"title": "x",}\n]}', encoding="utf-8")
    with pytest.raises(ExchangeError, match=r"bad\.json is not valid JSON \(line 2, column 17"):
        exchange.read_json_file(bad)
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"title": "caf\u00e9"}'.encode("latin-1"))
    with pytest.raises(ExchangeError, match="is not UTF-8 text"):
        exchange.read_json_file(latin)
    with_bom = tmp_path / "bom.json"
    with_bom.write_bytes(b"\xef\xbb\xbf" + json.dumps(JRNL_EXPORT).encode())
    assert exchange.read_json_file(with_bom) == JRNL_EXPORT


def test_import_file_reads_checks_and_writes(tmp_path, memory_store):
    path = tmp_path / "journal.json"
    path.write_text(json.dumps(JRNL_EXPORT, ensure_ascii=False), encoding="utf-8")
    plan = exchange.import_file(path, memory_store, dry_run=True)
    assert plan.format == "jrnl" and len(plan.entries) == 3
    assert memory_store.count_entries() == 0
    exchange.import_file(path, memory_store)
    assert memory_store.count_entries() == 3


def test_allocate_ids_skips_taken_runs():
    taken = set(range(1, 5000)) | {5003}
    calls: list[list[int]] = []

    def is_taken(ids: list[int]) -> set[int]:
        calls.append(ids)
        return taken & set(ids)

    found = exchange.allocate_ids(5, 1, is_taken)
    assert len(found) == 5 and len(set(found)) == 5
    assert not set(found) & taken and min(found) >= 5000
    # A run of thousands of taken ids costs a handful of look-ups, not one per id.
    assert len(calls) < 20
    assert exchange.allocate_ids(3, 10, lambda ids: set()) == [10, 11, 12]


def test_body_headings_are_nested_under_their_entry():
    body = "# 目标\n正文 #标签\n```\n# 代码里的注释\n```\n###### 最深\n    # 缩进代码\n#no-space"
    assert exchange.nest_headings(body, 3) == (
        "#### 目标\n正文 #标签\n```\n# 代码里的注释\n```\n###### 最深\n    # 缩进代码\n#no-space"
    )
