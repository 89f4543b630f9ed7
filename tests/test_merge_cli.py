"""Merging logs from the command line: ``growthlog export --format json`` writes the whole log,
``growthlog import`` merges it, ``--dry-run`` says per type of record what it would do, in English
and Chinese (click's CliRunner, and once as real processes)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from growthlog.cli import cli

pytestmark = pytest.mark.usefixtures("cli_environment")


def run(db: Path, *args: str):
    return CliRunner().invoke(cli, ["--db", str(db), *args])


def ok(db: Path, *args: str) -> str:
    result = run(db, *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def fill(db: Path) -> None:
    """A small whole log: entries (one linked to another), a metric with values, a goal under a
    long-term goal, check-ins."""
    first = ok(db, "add", "问题：次日留存率下降#留存", "-k", "problem", "-f", "severity=high", "-d", "2026-11-18").strip()
    ok(db, "add", "策略：推送减半#留存", "-k", "strategy", "-f", f"trigger=见 #{first}", "-d", "2026-11-19")
    ok(db, "metric", "define", "d1_retention", "--name", "次日留存率", "--unit", "%")
    for day, value in (("2026-11-18", "35%"), ("2026-11-19", "37%"), ("2026-11-20", "38.5%")):
        ok(db, "metric", "record", "d1_retention", value, "--date", day)
    ok(db, "goal", "add", "全年留存提升", "--metric", "d1_retention", "--target", "45%", "--due", "2027-06-30", "--long")
    ok(db, "goal", "add", "次日留存回到 42%", "--metric", "d1_retention", "--target", "42%", "--due", "2026-12-31", "--parent", "1")
    ok(db, "goal", "checkin", "2", "--value", "37%", "--confidence", "at-risk", "--note", "推送刚减半")


@pytest.fixture
def team(tmp_path) -> Path:
    db = tmp_path / "team.db"
    fill(db)
    return db


def test_a_whole_log_merges_into_another_database_and_nothing_twice(team, tmp_path):
    exported = tmp_path / "team.json"
    result = run(team, "export", "--format", "json", "--output", str(exported))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"Exported 9 records to {exported} (entries: 2, metrics: 1, metric values: 3, goals: 2, check-ins: 1)."
    ]
    laptop = tmp_path / "laptop.db"
    assert ok(laptop, "import", str(exported), "--dry-run").splitlines() == [
        f"Dry run of {exported} (growthlog), 9 records; nothing was written.",
        "  entries: 2 added, 0 updated, 0 skipped",
        "  metrics: 1 added, 0 updated, 0 skipped",
        "  metric values: 3 added, 0 updated, 0 skipped",
        "  goals: 2 added, 0 updated, 0 skipped",
        "  check-ins: 1 added, 0 updated, 0 skipped",
    ]
    assert not laptop.exists() or json.loads(ok(laptop, "list", "--json")) == []
    assert ok(laptop, "import", str(exported)).splitlines()[0] == f"Imported {exported} (growthlog): 9 records."
    assert ok(laptop, "export", "-f", "json") == exported.read_text(encoding="utf-8")
    again = ok(laptop, "import", str(exported), "--dry-run").splitlines()
    assert again[1:] == [
        "  entries: 0 added, 0 updated, 2 skipped",
        "  metrics: 0 added, 0 updated, 1 skipped",
        "  metric values: 0 added, 0 updated, 3 skipped",
        "  goals: 0 added, 0 updated, 2 skipped",
        "  check-ins: 0 added, 0 updated, 1 skipped",
    ]
    assert ok(laptop, "--lang", "zh", "import", str(exported), "--dry-run").splitlines() == [
        f"试运行 {exported}（growthlog），共 9 条；没有写入任何内容。",
        "  日志记录：新增 0，更新 0，跳过 2",
        "  指标：新增 0，更新 0，跳过 1",
        "  指标数值：新增 0，更新 0，跳过 3",
        "  目标：新增 0，更新 0，跳过 2",
        "  打卡：新增 0，更新 0，跳过 1",
    ]
    # The goal keeps its parent and its check-in.
    shown = ok(laptop, "goal", "show", "2")
    assert "全年留存提升" in shown and "推送刚减半" in shown


def test_new_records_from_the_laptop_go_back_to_the_team(team, tmp_path):
    laptop = tmp_path / "laptop.db"
    source = tmp_path / "team.json"
    source.write_text(ok(team, "export", "-f", "json"), encoding="utf-8")
    ok(laptop, "import", str(source))
    # Both add an entry: the same next id on each side.
    assert ok(laptop, "add", "笔记本：拉新渠道复盘").strip() == ok(team, "add", "团队：周会纪要").strip() == "3"
    ok(laptop, "metric", "record", "d1_retention", "39%", "--date", "2026-11-21")
    back = tmp_path / "laptop.json"
    back.write_text(ok(laptop, "export", "-f", "json"), encoding="utf-8")
    lines = ok(team, "import", str(back)).splitlines()
    assert lines[1:3] == ["  entries: 1 added, 0 updated, 2 skipped", "  metrics: 0 added, 0 updated, 1 skipped"]
    assert lines[3] == "  metric values: 1 added, 0 updated, 3 skipped"
    assert lines[-1] == "1 entry got a new id because its own was already taken."
    titles = {e["title"]: e["id"] for e in json.loads(ok(team, "list", "--json"))}
    assert titles["团队：周会纪要"] == 3 and titles["笔记本：拉新渠道复盘"] == 4


def test_a_bad_record_is_named_and_nothing_is_imported(team, tmp_path):
    data = json.loads(ok(team, "export", "-f", "json"))
    data["goals"][1]["checkins"][0]["confidence"] = "还行"
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    other = tmp_path / "other.db"
    result = run(other, "import", str(broken))
    assert result.exit_code == 1 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("growthlog: check-in 1 of goal 2 ('次日留存回到 42%') cannot be imported: confidence: ")
    assert line.endswith("Nothing was imported.")
    zh = run(other, "--lang", "zh", "import", str(broken))
    assert zh.stderr.startswith("growthlog: 第 2 个目标（“次日留存回到 42%”）的第 1 次打卡无法导入：")
    for args in (["list", "--json"], ["goal", "list", "--json"], ["metric", "list", "--json"]):
        assert json.loads(ok(other, *args)) == []


@pytest.mark.slow
def test_a_whole_log_merges_between_real_processes(tmp_path):
    """The round trip as people run it: separate processes, a file in between, and back."""
    env = {key: value for key, value in os.environ.items() if key != "GROWTHLOG_DB"}

    def growthlog(db: Path, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "growthlog", "--db", str(db), *args],
            env=env, capture_output=True, text=True, encoding="utf-8", timeout=60,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    team, laptop = tmp_path / "team.db", tmp_path / "laptop.db"
    growthlog(team, "add", "问题：付费页白屏#支付", "-k", "problem", "-f", "severity=critical")
    growthlog(team, "metric", "define", "paid_users", "--name", "付费用户")
    growthlog(team, "metric", "record", "paid_users", "120")
    growthlog(team, "goal", "add", "付费用户到 200", "--metric", "paid_users", "--target", "200", "--due", "2026-12-31")
    exported = tmp_path / "team.json"
    exported.write_text(growthlog(team, "export", "-f", "json"), encoding="utf-8")
    assert growthlog(laptop, "import", str(exported)).splitlines()[0] == f"Imported {exported} (growthlog): 4 records."
    growthlog(laptop, "add", "笔记本上的想法：付费页兜底")
    back = tmp_path / "laptop.json"
    back.write_text(growthlog(laptop, "export", "-f", "json"), encoding="utf-8")
    assert growthlog(team, "import", "--dry-run", str(back)).splitlines()[1] == "  entries: 1 added, 0 updated, 1 skipped"
    growthlog(team, "import", str(back))
    assert growthlog(team, "export", "-f", "json") == back.read_text(encoding="utf-8")
    assert growthlog(laptop, "--lang", "zh", "import", "--dry-run", str(back)).splitlines()[1] == "  日志记录：新增 0，更新 0，跳过 2"
