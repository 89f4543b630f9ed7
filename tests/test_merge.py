"""Merging whole logs between databases (services level, on temporary databases): the export holds
every record with its UUID, the import adds what is new, updates what is newer, leaves the rest,
never duplicates, and writes all of a file or nothing."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import time

import pytest

from growthlog import i18n
from growthlog.demo import fill_demo
from growthlog.models import CheckIn, Entry, Goal, Link, Measurement, Metric
from growthlog.services import exchange
from growthlog.services.exchange import ExchangeError
from growthlog.store.api import Store
from growthlog.store.db import StoreError
from growthlog.store.errors import EditConflict

PAST = dt.date.today() - dt.timedelta(days=120)
"""A demo that edits made now are newer than, whatever the machine's clock says."""


def export(store: Store) -> str:
    out = io.StringIO()
    exchange.export_log(store, out)
    return out.getvalue()


def counts(plan: exchange.ImportPlan) -> dict[str, tuple[int, int, int]]:
    return {name: (c.added, c.updated, c.skipped) for name, c in plan.counts.items() if c.total}


def merge(store: Store, text: str, *, dry_run: bool = False) -> dict[str, tuple[int, int, int]]:
    plan = exchange.plan_import(json.loads(text), store)
    if not dry_run:
        exchange.apply_import(plan, store)
    return counts(plan)


def by_uuid(text: str) -> dict[str, dict]:
    """The records of an export by UUID (a metric by key, a value by metric and day), without the
    ids and revisions that are each database's own; links by their target's UUID."""
    data = json.loads(text)
    records: dict[str, dict] = {}
    for entry in data["entries"]:
        entry = {k: v for k, v in entry.items() if k not in ("id", "revision")}
        entry["links"] = [{"type": link["type"], "to": link.get("uuid", link["ref"])} for link in entry["links"]]
        records[entry["uuid"]] = entry
    for metric in data["metrics"]:
        for value in metric.pop("values"):
            records[f"{metric['key']}@{value['day']}"] = value
        records[metric["key"]] = metric
    for goal in data["goals"]:
        for checkin in goal.pop("checkins"):
            records[checkin.pop("uuid")] = {**{k: v for k, v in checkin.items() if k != "id"}, "goal": goal["uuid"]}
        records[goal["uuid"]] = {k: v for k, v in goal.items() if k not in ("id", "parent_id", "revision")}
    for review in data["reviews"]:
        records[review["uuid"]] = {k: v for k, v in review.items() if k not in ("id", "revision")}
    return records


@pytest.fixture
def team(tmp_path) -> Store:
    """The team's database on the server: the demo log."""
    store = Store.open(tmp_path / "team.db", author="team")
    fill_demo(store, PAST)
    yield store
    store.close()


@pytest.fixture
def laptop(tmp_path, team) -> Store:
    """A member's laptop, filled from the team's export."""
    store = Store.open(tmp_path / "laptop.db", author="lin")
    merge(store, export(team))
    yield store
    store.close()


def sizes(store: Store) -> dict[str, int]:
    """How many records of each type ``store`` holds (the demo's depend on its day)."""
    return exchange.export_log(store, io.StringIO())


def entry_titled(store: Store, title: str) -> Entry:
    (entry,) = [e for e in exchange.iter_entries(store) if e.title == title]
    return entry


# The export


def test_the_whole_demo_log_round_trips_through_an_empty_database(today, tmp_path):
    source = Store.open(tmp_path / "source.db")
    fill_demo(source, today)
    text = export(source)
    target = Store.open(tmp_path / "target.db")
    plan = exchange.plan_import(json.loads(text), target)
    assert counts(plan) == {
        "entries": (97, 0, 0), "metrics": (9, 0, 0), "values": (756, 0, 0), "goals": (9, 0, 0),
        "checkins": (18, 0, 0), "reviews": (1, 0, 0),
    }
    assert plan.new_ids == 0 and plan.renumbered == {}
    exchange.apply_import(plan, target)
    # Nothing changes on the way: ids (free here), UUIDs, revisions, authors, times, links.
    assert export(target) == text
    assert [g.title for g in target.list_goals()] == [g.title for g in source.list_goals()]
    assert target.all_reviews() == source.all_reviews()
    assert [e.title for e in target.search("留存")] == [e.title for e in source.search("留存")]


def test_an_export_holds_every_record_with_links_by_uuid(team):
    text = export(team)
    assert "\\u" not in text and "留存" in text
    data = json.loads(text)
    assert (data["format"], data["version"]) == ("growthlog", 2)
    assert set(data) == {"format", "version", "entries", "metrics", "goals", "reviews"}
    uuids = {e["id"]: e["uuid"] for e in data["entries"]}
    goal_uuids = {g["id"]: g["uuid"] for g in data["goals"]}
    links = [link for e in data["entries"] for link in e["links"]]
    assert links and all(link["uuid"] == uuids[int(link["ref"])] for link in links if link["type"] == "entry")
    assert all(link["uuid"] == goal_uuids[int(link["ref"])] for link in links if link["type"] == "goal")
    children = [g for g in data["goals"] if g["parent_id"] is not None]
    assert children and all(g["parent_uuid"] == goal_uuids[g["parent_id"]] for g in children)
    assert all(g["parent_uuid"] is None for g in data["goals"] if g["parent_id"] is None)
    checkins = [c for g in data["goals"] for c in g["checkins"]]
    assert checkins and all("goal_id" not in c and c["uuid"] for c in checkins)
    values = [v for m in data["metrics"] for v in m["values"]]
    assert len(values) == sizes(team)["values"] and all(set(v) == {"day", "value", "note", "source", "author", "updated"} for v in values)
    assert all(m["updated"] for m in data["metrics"])
    # One record a line: a large file can be read (and diffed) line by line.
    assert text.count("\n") > sum(sizes(team).values())


def test_an_export_narrowed_to_some_entries_holds_only_them(team):
    from growthlog.store.entries import EntryFilter

    out = io.StringIO()
    written = exchange.export_log(team, out, EntryFilter(kinds=("lesson",)))
    data = json.loads(out.getvalue())
    assert set(data) == {"format", "version", "entries"}
    assert {e["kind"] for e in data["entries"]} == {"lesson"} and written["entries"] == len(data["entries"])


# Merging


def test_the_same_file_twice_changes_nothing(team, laptop):
    text = export(team)
    before = export(laptop)
    for dry_run in (True, False):
        assert merge(laptop, text, dry_run=dry_run) == {name: (0, 0, n) for name, n in sizes(team).items()}
    assert export(laptop) == before
    # And the laptop's copy merged back into the team's is nothing new either.
    assert all(added == updated == 0 for added, updated, _ in merge(team, before).values())


def test_merging_both_ways_keeps_the_newer_copy_of_each_record(team, laptop):
    # The laptop: an edited entry, a new entry linked to it, a new value, a renamed metric, a check-in.
    notes = [e for e in exchange.iter_entries(laptop) if e.kind == "note"]
    mine, theirs, both = notes[0], notes[1], notes[2]
    laptop.update_entry(mine.model_copy(update={"title": "笔记本上改过的标题"}))
    linked = laptop.add_entry(Entry(day=PAST, title="新的想法：拉新", links=[Link(type="entry", ref=str(mine.id))]))
    laptop.record(Measurement(metric="dau", day=PAST + dt.timedelta(days=1), value=12345, note="笔记本记录"))
    dau = laptop.get_metric("dau")
    laptop.update_metric(dau.model_copy(update={"name": "日活跃用户（新）"}))
    goal = laptop.list_goals()[0]
    laptop.add_checkin(CheckIn(goal_id=goal.id, day=PAST, value=1.0, note="笔记本打卡"))
    # The team: another entry edited, a new entry (it gets the id the laptop's new one has), a goal
    # and the review edited.
    team.update_entry(team.get_entry(theirs.id).model_copy(update={"body": "团队补充的正文"}))
    team_new = team.add_entry(Entry(day=PAST, title="团队的新记录"))
    assert team_new.id == linked.id
    team_goal = [g for g in team.list_goals() if g.uuid != goal.uuid][0]
    team.update_goal(team_goal.model_copy(update={"why": "团队改了原因"}))
    review = team.all_reviews()[0]
    team.save_review(review.model_copy(update={"summary": "团队写的总结"}))
    # Both edit one entry: the laptop later, so its copy wins everywhere.
    team.update_entry(team.get_entry(both.id).model_copy(update={"title": "团队先改"}))
    time.sleep(1.05)
    laptop.update_entry(laptop.get_entry(both.id).model_copy(update={"title": "笔记本后改"}))

    n = sizes(team)  # the demo's, and the team's new entry
    assert merge(team, export(laptop)) == {
        "entries": (1, 2, n["entries"] - 3), "metrics": (0, 1, n["metrics"] - 1), "values": (1, 0, n["values"]),
        "goals": (0, 0, n["goals"]), "checkins": (1, 0, n["checkins"]), "reviews": (0, 0, 1),
    }
    assert merge(laptop, export(team)) == {
        "entries": (1, 1, n["entries"] - 1), "metrics": (0, 0, n["metrics"]), "values": (0, 0, n["values"] + 1),
        "goals": (0, 1, n["goals"] - 1), "checkins": (0, 0, n["checkins"] + 1), "reviews": (0, 1, 0),
    }
    # The two logs now hold the same records, each under its own ids.
    assert by_uuid(export(team)) == by_uuid(export(laptop))
    for store in (team, laptop):
        assert entry_titled(store, "笔记本上改过的标题").uuid == mine.uuid
        assert entry_titled(store, theirs.title).body == "团队补充的正文"
        assert entry_titled(store, "笔记本后改").uuid == both.uuid
        new = entry_titled(store, "新的想法：拉新")
        assert store.get_entry(int(new.links[0].ref)).uuid == mine.uuid  # the link follows its target
        assert store.get_metric("dau").name == "日活跃用户（新）"
        assert store.latest("dau") == (PAST + dt.timedelta(days=1), 12345)
        assert [g.why for g in store.list_goals() if g.uuid == team_goal.uuid] == ["团队改了原因"]
        assert store.all_reviews()[0].summary == "团队写的总结"
    # The team's new entry kept its id there; on the laptop, where the id was taken, it got another.
    assert entry_titled(team, "团队的新记录").id == team_new.id
    assert entry_titled(laptop, "团队的新记录").id != team_new.id
    assert entry_titled(team, "新的想法：拉新").id != linked.id
    # And once merged, neither has anything new for the other.
    assert all(a == u == 0 for a, u, _ in merge(team, export(laptop), dry_run=True).values())
    assert all(a == u == 0 for a, u, _ in merge(laptop, export(team), dry_run=True).values())


def test_a_dry_run_counts_and_writes_nothing(team, laptop):
    laptop.add_entry(Entry(day=PAST, title="只在笔记本上"))
    laptop.update_entry(laptop.get_entry(1).model_copy(update={"title": "改过"}))
    before = export(team)
    assert merge(team, export(laptop), dry_run=True)["entries"] == (1, 1, sizes(team)["entries"] - 1)
    assert export(team) == before


def test_an_update_raises_the_revision_and_an_editor_still_open_sees_a_conflict(team, laptop):
    open_in_editor = team.get_entry(3)
    laptop.update_entry(laptop.get_entry(3).model_copy(update={"title": "笔记本改的"}))
    merge(team, export(laptop))
    stored = team.get_entry(3)
    assert stored.title == "笔记本改的" and stored.revision == open_in_editor.revision + 1
    # The import kept the laptop's time, so merging the laptop's copy again finds nothing newer.
    assert stored.updated == laptop.get_entry(3).updated
    with pytest.raises(EditConflict) as caught:
        team.update_entry(open_in_editor.model_copy(update={"title": "团队编辑器里的旧稿"}))
    assert caught.value.current.title == "笔记本改的"
    goal = team.list_goals()[0]
    laptop_goal = [g for g in laptop.list_goals() if g.uuid == goal.uuid][0]
    laptop.update_goal(laptop_goal.model_copy(update={"title": "笔记本改的目标"}))
    merge(team, export(laptop))
    assert team.get_goal(goal.id).revision == goal.revision + 1
    with pytest.raises(EditConflict):
        team.update_goal(goal.model_copy(update={"title": "旧稿"}))


def test_a_review_of_the_same_period_written_on_two_machines_is_one_review(team, tmp_path):
    other = Store.open(tmp_path / "other.db")
    review = team.all_reviews()[0]
    # Written on its own on another machine, later: another UUID, the same period.
    other.save_review(review.model_copy(update={"id": None, "uuid": None, "summary": "另一台机器上写的"}))
    assert merge(team, export(other))["reviews"] == (0, 1, 0)
    (merged,) = team.all_reviews()
    assert merged.summary == "另一台机器上写的" and merged.uuid == other.all_reviews()[0].uuid
    assert merge(other, export(team))["reviews"] == (0, 0, 1)


def test_a_value_recorded_before_times_were_kept_is_older_than_any(memory_store, tmp_path):
    memory_store.define_metric(Metric(key="dau", name="日活"))
    data = {"format": "growthlog", "version": 2, "entries": [], "metrics": [{
        "key": "dau", "name": "日活", "created": "2026-01-01T00:00:00", "updated": "2026-01-01T00:00:00", "values": [
            {"day": "2026-01-01", "value": 1.0, "updated": None},
            {"day": "2026-01-02", "value": 2.0, "updated": "2026-01-02T09:00:00"},
            {"day": "2026-01-03", "value": 3.0, "updated": None},
        ]}]}
    memory_store.import_measurements([], [("dau", "2026-01-01", 10.0, "", "import"), ("dau", "2026-01-02", 20.0, "", "import")])
    memory_store.db._writer.execute("UPDATE measurements SET updated = NULL")  # as schema 5 left them
    plan = exchange.plan_import(copy.deepcopy(data), memory_store)
    # 01-01: neither has a time, the stored one stays; 01-02: a time beats none; 01-03: new.
    assert counts(plan)["values"] == (1, 1, 1)
    exchange.apply_import(plan, memory_store)
    assert memory_store.series("dau") == [(dt.date(2026, 1, 1), 10.0), (dt.date(2026, 1, 2), 2.0), (dt.date(2026, 1, 3), 3.0)]
    assert counts(exchange.plan_import(copy.deepcopy(data), memory_store))["values"] == (0, 0, 3)


def test_files_without_uuids_are_added_as_new_records_and_version_1_files_with_them_merge(memory_store):
    old = {"format": "growthlog", "version": 1, "entries": [
        {"id": 1, "day": "2026-11-01", "title": "旧格式的记录"},
        {"id": 2, "day": "2026-11-02", "title": "链接到上一条", "links": [{"type": "entry", "ref": "1"}]},
    ]}
    merge(memory_store, json.dumps(old))
    assert merge(memory_store, json.dumps(old)) == {"entries": (2, 0, 0)}  # no UUID: nothing to know them by
    copied = entry_titled_many(memory_store, "链接到上一条")
    assert sorted(e.links[0].ref for e in copied) == ["1", "3"]  # each copy links to its own first entry
    # A version-1 file written since records have UUIDs merges by them.
    data = json.loads(export(memory_store))
    data["version"] = 1
    del data["metrics"], data["goals"], data["reviews"]
    for entry in data["entries"]:
        for link in entry["links"]:
            del link["uuid"]
    assert merge(memory_store, json.dumps(data)) == {"entries": (0, 0, 4)}


def entry_titled_many(store: Store, title: str) -> list[Entry]:
    return [e for e in exchange.iter_entries(store) if e.title == title]


def test_a_goal_whose_parent_has_another_id_here_keeps_its_parent(team, tmp_path):
    laptop = Store.open(tmp_path / "busy.db")
    laptop.define_metric(Metric(key="reading", name="阅读页数"))
    for n in range(3):
        laptop.add_goal(Goal(title=f"笔记本上的目标 {n}", metric="reading"))  # ids 1..3 are taken
    merge(laptop, export(team))
    mine = {g.uuid: g for g in laptop.list_goals()}
    assert all(mine[g.uuid].id != g.id for g in team.list_goals() if g.id <= 3)
    for goal in team.list_goals():
        copied = mine[goal.uuid]
        if goal.parent_id is not None:
            assert laptop.get_goal(copied.parent_id).uuid == team.get_goal(goal.parent_id).uuid
        assert [c.uuid for c in laptop.checkins(copied.id)] == [c.uuid for c in team.checkins(goal.id)]
    mine, theirs = by_uuid(export(laptop)), by_uuid(export(team))
    assert {key: mine.get(key) for key in theirs} == theirs


# All or nothing


def broken(change):
    """A file change as a function that returns the changed file."""
    def apply(data):
        change(data)
        return data
    return apply


BAD_FILES = {
    "goal with an unknown metric": (
        broken(lambda d: d["goals"][0].update(metric="no_such")),
        "goal 1 ('{goal}') cannot be imported: its metric 'no_such' is neither in the file nor in the database. Nothing was imported.",
    ),
    "goal with an unknown parent": (
        broken(lambda d: next(g for g in d["goals"] if g["parent_uuid"]).update(parent_uuid="0f3c6a43-8d44-4f3c-9c1e-2b7f0c5d9a11")),
        "its parent goal is neither in the file nor in the database",
    ),
    "value on no day": (broken(lambda d: d["metrics"][1]["values"][4].update(day="2026-02-30")), "value 5 of the metric '"),
    "check-in with a bad confidence": (
        broken(lambda d: next(g for g in d["goals"] if g["checkins"])["checkins"][0].update(confidence="maybe")),
        "check-in 1 of goal",
    ),
    "review ending before it starts": (
        broken(lambda d: d["reviews"][0].update(end="2000-01-01")), "review 1 (", ),
    "an entry's uuid twice": (
        broken(lambda d: d["entries"][5].update(uuid=d["entries"][2]["uuid"])), "entry 6 (",
    ),
    "a uuid that is none": (broken(lambda d: d["entries"][0].update(uuid="not-a-uuid")), "its uuid 'not-a-uuid' is not a UUID"),
    "metrics not a list": (broken(lambda d: d.update(metrics={"dau": 1})), "the file's 'metrics' is not a list of records"),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_record_anywhere_imports_nothing(team, tmp_path, name):
    change, message = BAD_FILES[name]
    text = export(team)
    data = change(json.loads(text))
    target = Store.open(tmp_path / "target.db")
    target.add_entry(Entry(day=PAST, title="已有的记录"))
    before = export(target)
    with pytest.raises(ExchangeError) as caught:
        exchange.plan_import(data, target)
    assert message.format(goal=json.loads(text)["goals"][0]["title"]) in str(caught.value)
    assert str(caught.value).endswith("Nothing was imported.")
    assert export(target) == before


def test_a_bad_record_is_named_in_chinese(team, memory_store):
    i18n.set_language("zh")
    data = json.loads(export(team))
    data["goals"][0]["metric"] = "no_such"
    title = data["goals"][0]["title"]
    with pytest.raises(ExchangeError) as caught:
        exchange.plan_import(data, memory_store)
    assert str(caught.value) == f"第 1 个目标（“{title}”）无法导入：它的指标“no_such”既不在文件里，也不在数据库里。没有导入任何记录。"


def test_a_failure_while_writing_leaves_the_database_as_it_was(team, tmp_path):
    target = Store.open(tmp_path / "target.db")
    target.add_entry(Entry(day=PAST, title="已有的记录"))
    before = export(target)
    plan = exchange.plan_import(json.loads(export(team)), target)
    # Something the checks cannot see: a check-in of a goal that is not there.
    plan.checkins[-1] = plan.checkins[-1].model_copy(update={"goal_id": 999})
    with pytest.raises(StoreError, match="refers to a missing record of goals"):
        exchange.apply_import(plan, target)
    assert export(target) == before
