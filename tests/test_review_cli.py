"""``growthlog review`` through click's CliRunner (English, Chinese, the config's sprint) and a
real process writing a report file."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from growthlog.cli import cli
from growthlog.models import Entry, Measurement, Metric, Review
from growthlog.store.api import Store

TODAY = dt.date(2026, 11, 20)

pytestmark = pytest.mark.usefixtures("cli_environment")


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "log.db"
    store = Store.open(path)
    store.define_metric(Metric(key="dau", name="日活", unit="人"))
    for offset in range(20):
        store.record(Measurement(metric="dau", day=dt.date(2026, 11, 1) + dt.timedelta(days=offset), value=100 + offset))
    store.add_entry(Entry(day=dt.date(2026, 11, 17), kind="problem", title="推送重复 [bold]x[/]", fields={"severity": "high"}))
    store.add_entry(Entry(day=dt.date(2026, 11, 5), kind="lesson", title="灰度先行", fields={"outcome": "failure"}))
    store.close()
    return path


def run(db: Path, *args: str, lang: str | None = None):
    flags = ["--lang", lang] if lang else []
    return CliRunner().invoke(cli, ["--db", str(db), *flags, "review", *args])


def test_the_default_is_the_current_sprint_as_markdown(db):
    result = run(db)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("# Review: Sprint 2026-11-16 – 2026-11-29\n")
    assert "| 日活 | 115人 | 119人 | +4人 (+3.5%) ✓ |" in out
    assert "推送重复 [bold]x[/]" in out
    assert "No lessons written in this period." in out  # the lesson is in the sprint before


def test_periods_formats_and_chinese(db):
    result = run(db, "--period", "sprint-1", "--format", "json", lang="zh")
    data = json.loads(result.stdout)
    assert data["period"]["start"] == "2026-11-02" and data["period"]["label"].startswith("冲刺")
    assert data["report"]["lessons"]["failures"][0]["title"] == "灰度先行"
    assert data["saved"] is False and data["written"] is None
    zh = run(db, "-p", "本月", lang="zh").stdout
    assert zh.startswith("# 复盘：2026 年 11 月") and "## 经验总结" in zh


def test_the_config_file_sets_the_sprint(db, tmp_path):
    (tmp_path / "config.toml").write_text('sprint_days = 7\nsprint_start = 2026-11-04\n', encoding="utf-8")
    assert run(db).stdout.startswith("# Review: Sprint 2026-11-18 – 2026-11-24")


@pytest.mark.parametrize(
    ("config", "message"),
    [("sprint_days = 0\n", "sprint_days"), ('sprint_start = "soon"\n', "sprint_start"), ('sprint_days = "two"\n', "sprint_days")],
)
def test_a_bad_sprint_setting_is_one_line(db, tmp_path, config, message):
    (tmp_path / "config.toml").write_text(config, encoding="utf-8")
    result = run(db)
    assert result.exit_code == 1 and result.stdout == ""
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("period", ["fortnight", "2026-11-20..2026-11-01", "2026-13"])
def test_a_bad_period_is_one_line_and_exit_1(db, period):
    result = run(db, "--period", period)
    assert result.exit_code == 1 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_a_saved_review_is_exported_with_its_own_numbers_and_written_part(db):
    store = Store.open(db)
    report = json.loads(run(db, "-f", "json").stdout)["report"]
    store.save_review(Review(period_kind="sprint", start=dt.date(2026, 11, 16), end=dt.date(2026, 11, 29),
                             summary="稳住日活", plan="- 日活 130", report=report))
    store.record(Measurement(metric="dau", day=TODAY, value=500))
    store.close()
    saved = run(db).stdout
    assert "## Summary\n\n稳住日活" in saved and "- 日活 130" in saved
    assert "119人 |" in saved and "500" not in saved
    fresh = run(db, "--fresh").stdout
    assert "500人" in fresh and "稳住日活" in fresh
    listed = run(db, "--list").stdout
    assert listed.startswith("#1  2026-11-16..2026-11-29  Sprint") and "稳住日活" in listed


def test_list_without_reviews_says_so(tmp_path):
    result = run(tmp_path / "empty.db", "--list")
    assert result.exit_code == 0 and "No saved reviews yet" in result.stderr


def test_output_file_and_format_from_its_extension(db, tmp_path):
    target = tmp_path / "out" / "review.json"
    target.parent.mkdir()
    result = run(db, "--output", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["period"]["kind"] == "sprint"
    assert str(target) in result.stderr
    missing = run(db, "--output", str(tmp_path / "no" / "such" / "r.md"))
    assert missing.exit_code == 1 and not (tmp_path / "no").exists()


def test_a_real_process_writes_the_report(db, tmp_path):
    environ = {k: v for k, v in os.environ.items() if not k.startswith("GROWTHLOG_")}
    environ.update(GROWTHLOG_DB=str(db), GROWTHLOG_CONFIG=str(tmp_path / "none.toml"), GROWTHLOG_TODAY="2026-11-20",
                   LANG="C.UTF-8", PYTHONIOENCODING="utf-8")
    target = tmp_path / "sprint.md"
    result = subprocess.run([sys.executable, "-m", "growthlog", "--lang", "zh", "review", "-p", "sprint-1", "-o", str(target)],
                            env=environ, capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert result.returncode == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# 复盘：冲刺 2026-11-02 – 2026-11-15") and "灰度先行" in text
    assert "复盘已写入" in result.stderr


@pytest.fixture
def team_db(tmp_path) -> Path:
    """The current sprint written by two people, with a saved review of it."""
    path = tmp_path / "team.db"
    store = Store.open(path)
    store.add_entries([
        Entry(day=dt.date(2026, 11, 17), kind="problem", title="推送重复", author="王芳", fields={"severity": "high"}),
        Entry(day=dt.date(2026, 11, 18), kind="lesson", title="先灰度", author="王芳", fields={"outcome": "failure"}),
        Entry(day=dt.date(2026, 11, 16), kind="lesson", title="社群陪伴", author="林晓", fields={"outcome": "success"}),
        Entry(day=dt.date(2026, 11, 19), kind="note", title="对齐预算", author="林晓"),
        Entry(day=dt.date(2026, 11, 20), kind="note", title="又一条", author="林晓"),
    ])
    store.save_review(Review(start=dt.date(2026, 11, 16), end=dt.date(2026, 11, 29), summary="团队的总结"))
    store.close()
    return path


def test_the_teams_review_names_who_wrote_what(team_db):
    result = run(team_db)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("# Review: Sprint 2026-11-16 – 2026-11-29 · Team\n")
    assert "Who wrote what: 林晓 3 entries, 王芳 2 entries." in out
    assert "- [high] 推送重复 (#1, 王芳, 2026-11-17)" in out and "- ✓ 2026-11-16  社群陪伴 (#3, 林晓)" in out
    assert "团队的总结" in out


def test_author_gives_one_members_review_without_the_written_part(team_db):
    result = run(team_db, "--author", " 王芳 ")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("# Review: Sprint 2026-11-16 – 2026-11-29 · 王芳\n")
    assert "Only what 王芳 wrote and the goals 王芳 owns" in out
    assert "推送重复 (#1, 2026-11-17)" in out and "先灰度 (#2)" in out
    assert "社群陪伴" not in out and "团队的总结" not in out and "Who wrote what" not in out
    data = json.loads(run(team_db, "-a", "林晓", "--format", "json").stdout)
    assert data["author"] == "林晓" and data["written"] is None
    assert data["derived"]["entries_by_member"] == {"林晓": 3}
    assert [line["title"] for line in data["report"]["lessons"]["successes"]] == ["社群陪伴"]
    zh = run(team_db, "--author", "王芳", lang="zh").stdout
    assert zh.startswith("# 复盘：冲刺 2026-11-16 – 2026-11-29 · 王芳\n")


def test_mine_is_the_configured_authors_review(team_db, tmp_path):
    (tmp_path / "config.toml").write_text('author = "王芳"\n', encoding="utf-8")
    result = run(team_db, "--mine")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Review: Sprint 2026-11-16 – 2026-11-29 · 王芳\n")


@pytest.mark.parametrize(("args", "code", "message"), [
    (("--author", "王"), 1, "Nobody called '王' writes in this log (authors: 林晓, 王芳)."),
    (("--author", "  "), 1, "An author name is needed after --author."),
    (("--author", "王芳", "--mine"), 2, "--author and --mine ask for different things"),
])
def test_a_wrong_author_is_one_line(team_db, args, code, message):
    result = run(team_db, *args)
    assert result.exit_code == code and result.stdout == ""
    assert message in result.stderr and "Traceback" not in result.stderr
