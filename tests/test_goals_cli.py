"""``growthlog goal add|list|checkin|status|show`` through click's CliRunner, in English and Chinese,
and one real process that shows `goal list` never imports textual."""

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
from growthlog.models import Metric
from growthlog.store.api import Store
from growthlog.textutil import display_width

TODAY = dt.date(2026, 11, 20)


pytestmark = pytest.mark.usefixtures("cli_environment")


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "log.db"


def run(db: Path, *args: str, lang: str | None = None):
    flags = ["--lang", lang] if lang else []
    return CliRunner().invoke(cli, ["--db", str(db), *flags, *args])


def ok(db: Path, *args: str, lang: str | None = None):
    result = run(db, *args, lang=lang)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def fails(db: Path, code: int, *args: str, lang: str | None = None) -> str:
    """The one-line error of a command that must fail with ``code``."""
    result = run(db, *args, lang=lang)
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.stdout == ""
    if code == 1:
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "Traceback" not in result.stderr
    return result.stderr


def day(offset: int) -> dt.date:
    return TODAY - dt.timedelta(days=offset)


@pytest.fixture
def metrics(db) -> Path:
    """dau (up, rising 100 a day from 10,000 over 60 days) and cac (down, flat at 25)."""
    store = Store.open(db)
    store.define_metric(Metric(key="dau", name="日活", unit="人", direction="up"))
    store.define_metric(Metric(key="cac", name="CAC", unit="元", direction="down"))
    store.record_many([("dau", day(o).isoformat(), 10_000 + 100 * (60 - o), "", "import") for o in range(60, -1, -1)])
    store.record_many([("cac", day(o).isoformat(), 25.0, "", "import") for o in range(60, -1, -1)])
    store.close()
    return db


def stored(db: Path, goal_id: int):
    store = Store.open(db)
    try:
        return store.get_goal(goal_id), store.checkins(goal_id)
    finally:
        store.close()


def add(db: Path, *args: str) -> int:
    return int(ok(db, "goal", "add", *args).stdout)


# add


def test_add_prints_the_id_and_stores_every_option(metrics):
    db = metrics
    parent = add(db, "年底日活 2 万", "--long", "--metric", "dau", "--target", "2万", "--due", "2026-12-31",
                 "--why", "会员转化的基础", "-D", "日活从 1.6 万到 2 万")
    assert parent == 1
    child = add(db, "Daily actives", "to", "17k", "--metric", "dau", "--target", "17,000", "--baseline", "16,000",
                "--start", "2026-11-01", "--due", "+30d", "--parent", "#1", "--why", "why")
    goal, _ = stored(db, child)
    assert (goal.title, goal.metric, goal.target, goal.baseline) == ("Daily actives to 17k", "dau", 17_000, 16_000)
    assert (goal.start, goal.due, goal.parent_id, goal.horizon, goal.why) == (dt.date(2026, 11, 1), day(-30), 1, "short", "why")
    goal, _ = stored(db, parent)
    assert (goal.horizon, goal.target, goal.start, goal.description) == ("long", 20_000, TODAY, "日活从 1.6 万到 2 万")
    checkins_goal = add(db, "签约 30 位 KOC", "--target", "30", "--due", "下周五")
    goal, _ = stored(db, checkins_goal)
    assert goal.metric is None and goal.target == 30 and goal.due == dt.date(2026, 11, 27)


def test_add_tells_what_the_smart_check_misses(metrics):
    result = ok(metrics, "goal", "add", "Lower CAC", "--metric", "cac", "--target", "¥30")
    assert result.stdout.strip() == "1"
    hints = result.stderr.strip().splitlines()
    assert "SMART check: No description: say exactly what changes, and for whom (Specific)." in hints
    assert "SMART check: The target 30元 is not below the baseline 25元, but lower CAC is better." in hints
    assert "SMART check: No due date (Time-bound)." in hints
    complete = ok(metrics, "goal", "add", "More DAU", "-m", "dau", "--target", "17000", "--due", "+30d",
                  "--why", "w", "-D", "d")
    assert complete.stderr == ""


def test_add_in_chinese(metrics):
    result = ok(metrics, "goal", "add", "降低获客成本", "--metric", "cac", "--target", "20", lang="zh")
    assert "SMART 检查：没有截止日期。（有时限 T）" in result.stderr.splitlines()
    assert "没有键为「nope」的指标" in fails(metrics, 1, "goal", "add", "x", "--metric", "nope", lang="zh")


@pytest.mark.parametrize(
    "args, message",
    [
        (["x", "--metric", "nope", "--target", "3"], "No metric with the key 'nope'"),
        (["x", "--target", "lots"], "--target: 'lots' is not a number"),
        (["x", "--target", "5", "--baseline", "1,2"], "--baseline: '1,2'"),
        (["x", "--baseline", "5"], "--baseline without --target"),
        (["x", "--start", "2026-12-01", "--due", "2026-11-30"], "The due date 2026-11-30 is before the start 2026-12-01."),
        (["x", "--due", "someday"], "someday"),
        (["x", "--parent", "9"], "No goal #9 to serve as the parent."),
        (["   "], "title"),
        (["x" * 301], "title"),
    ],
)
def test_add_refuses_bad_input_and_changes_nothing(metrics, args, message):
    assert message in fails(metrics, 1, "goal", "add", *args)
    assert Store.open(metrics).list_goals() == []


def test_add_parent_must_be_long_term(metrics):
    short = add(metrics, "short one")
    assert "Goal #1 is short-term" in fails(metrics, 1, "goal", "add", "x", "--parent", str(short))
    assert "not a goal id" in fails(metrics, 2, "goal", "add", "x", "--parent", "one")
    fails(metrics, 2, "goal", "add")
    fails(metrics, 2, "goal", "add", "x", "--frobnicate")


# list


def test_list_without_goals(db):
    result = ok(db, "goal", "list")
    assert result.stdout == "" and "No goals yet" in result.stderr
    assert json.loads(ok(db, "goal", "list", "--json").stdout) == []


@pytest.fixture
def tree(metrics) -> Path:
    db = metrics
    add(db, "年底日活 2 万", "--long", "--metric", "dau", "--target", "20000", "--baseline", "10000", "--due", "2026-12-31")
    add(db, "日活到 1.6 万", "--metric", "dau", "--target", "16000", "--baseline", "15000", "--due", "2026-11-30", "--parent", "1")
    add(db, "Sign 30 creators", "--target", "30", "--start", "2026-11-01", "--due", "2026-12-10", "--parent", "1")
    add(db, "CAC ¥20", "--metric", "cac", "--target", "20", "--baseline", "30", "--due", "2026-12-20")
    ok(db, "goal", "checkin", "3", "--value", "4", "--date", "2026-11-06")
    ok(db, "goal", "checkin", "3", "--value", "12", "--date", "2026-11-19")
    return db


def test_list_shows_the_tree_with_progress_forecast_and_due(tree):
    lines = ok(tree, "goal", "list").stdout.splitlines()
    assert lines[0].split() == ["ID", "Goal", "Progress", "Forecast", "Due"]
    assert lines[1].split()[:5] == ["#1", "◆", "年底日活", "2", "万"] and "60%" in lines[1] and "on track" in lines[1]
    # Children indented under their long-term goal; progress 1 → achieved suggested.
    assert "  · 日活到 1.6 万" in lines[2] and "100%" in lines[2] and "on track → achieved" in lines[2]
    assert "  · Sign 30 creators" in lines[3] and "40%" in lines[3]
    assert lines[4].startswith("#4  · CAC ¥20") and "50%" in lines[4] and "off track" in lines[4]
    # Columns line up although Chinese characters take two columns.
    assert len({display_width(line) for line in lines[1:]}) == 1
    due_column = {display_width(line[: line.index("2026-")]) for line in lines[1:]}
    assert len(due_column) == 1


def test_list_shows_the_status_of_goals_no_longer_active(tree):
    ok(tree, "goal", "status", "2", "achieved")
    ok(tree, "goal", "status", "4", "dropped")
    lines = ok(tree, "goal", "list").stdout.splitlines()
    assert "achieved" in lines[2] and "→" not in lines[2]
    assert "dropped" in lines[4]


def test_list_in_chinese(tree):
    lines = ok(tree, "goal", "list", lang="zh").stdout.splitlines()
    assert lines[0].split() == ["编号", "目标", "进度", "预测", "截止"]
    assert "按计划 → 已达成" in lines[2]
    assert "落后" in lines[4]
    assert len({display_width(line) for line in lines[1:]}) == 1


def test_list_json_nests_children(tree):
    data = json.loads(ok(tree, "goal", "list", "--json").stdout)
    assert [item["id"] for item in data] == [1, 4]
    assert [child["id"] for child in data[0]["children"]] == [2, 3]
    child = data[0]["children"][0]
    assert child["progress"] == pytest.approx(1) and child["suggested_status"] == "achieved"
    assert child["forecast"]["status"] == "on-track" and child["forecast"]["projected"] == pytest.approx(17_000)
    assert data[1]["children"] == [] and data[1]["forecast"]["status"] == "off-track"
    assert data[0]["title"] == "年底日活 2 万" and data[0]["due"] == "2026-12-31"


# checkin


def test_checkin_stores_value_confidence_note_and_date(tree):
    result = ok(tree, "goal", "checkin", "3", "--value", "15", "--confidence", "at-risk", "--note", "第二批谈判慢",
                "--date", "昨天")
    assert result.stdout.splitlines() == ["Checked in on goal #3 (2026-11-19): at risk.", "Progress: 50%."]
    _, checkins = stored(tree, 3)
    last = checkins[-1]
    assert (last.day, last.value, last.confidence, last.note) == (day(1), 15, "at-risk", "第二批谈判慢")
    plain = ok(tree, "goal", "checkin", "#2")
    assert plain.stdout.startswith("Checked in on goal #2 (2026-11-20): on track.")
    _, checkins = stored(tree, 2)
    assert (checkins[-1].value, checkins[-1].confidence, checkins[-1].note) == (None, "on-track", "")


def test_checkin_suggests_marking_achieved(tree):
    result = ok(tree, "goal", "checkin", "3", "-v", "30", "-c", "on-track")
    assert "Progress: 100%." in result.stdout
    assert "mark it achieved with `growthlog goal status 3 achieved`" in result.stderr
    assert stored(tree, 3)[0].status == "active"


def test_checkin_in_chinese(tree):
    result = ok(tree, "goal", "checkin", "3", "-v", "1.5万", "-c", "off-track", lang="zh")
    assert result.stdout.splitlines()[0] == "已为目标 #3 打卡（2026-11-20）：落后。"


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["9"], 1, "No goal with id 9."),
        (["three"], 2, "not a goal id"),
        (["3", "--confidence", "great"], 2, "great"),
        (["3", "--value", "a few"], 1, "--value: 'a few' is not a number"),
        (["3", "--date", "the other day"], 1, "the other day"),
    ],
)
def test_checkin_errors(tree, args, code, message):
    before = stored(tree, 3)[1]
    assert message in fails(tree, code, "goal", "checkin", *args)
    assert stored(tree, 3)[1] == before


# status


@pytest.mark.parametrize("status", ["achieved", "missed", "dropped", "active"])
def test_status_sets_each_status(tree, status):
    ok(tree, "goal", "status", "2", "missed" if status == "active" else "active")
    result = ok(tree, "goal", "status", "2", status)
    assert result.stdout.strip() == f"Goal #2 is now {status}."
    assert stored(tree, 2)[0].status == status
    assert ok(tree, "goal", "status", "2", status).stdout.strip() == f"Goal #2 was already {status}."


def test_status_errors_and_chinese(tree):
    assert "'done' is not one of" in fails(tree, 2, "goal", "status", "2", "done")
    assert "No goal with id 7." in fails(tree, 1, "goal", "status", "7", "missed")
    assert ok(tree, "goal", "status", "2", "achieved", lang="zh").stdout.strip() == "目标 #2 现在是「已达成」。"
    assert stored(tree, 2)[0].status == "achieved"


# show


def test_show_says_the_smart_check_and_forecast_in_words(tree):
    ok(tree, "goal", "checkin", "3", "--value", "13", "-c", "at-risk", "-n", "slow")
    lines = ok(tree, "goal", "show", "3").stdout.splitlines()
    text = "\n".join(lines)
    assert lines[0] == "#3  Sign 30 creators"
    assert "Metric    none: tracked by check-ins" in text
    assert "Serves    #1 年底日活 2 万" in text
    assert "Now       13 (2026-11-20)" in text
    assert "Progress  43%" in text
    assert "Forecast  at risk · The trend of the last 3 check-in values reaches 25.45 by 2026-12-10 (target 30): 85% of the way." in text
    assert "  - No description: say exactly what changes, and for whom (Specific)." in lines
    assert "  - No reason given: why does it matter (Relevant)?" in lines
    assert "  2026-11-20  at risk  13  slow" in lines
    assert "  2026-11-06  on track  4" in lines


def test_show_a_long_term_goal_and_its_children(tree):
    text = ok(tree, "goal", "show", "1").stdout
    assert "Short-term goals\n  #2  日活到 1.6 万  100%  active\n  #3  Sign 30 creators  40%  active" in text
    assert "Check-ins\n  none yet" in text
    assert "Achievable" in text or "A stretch" in text or "Unrealistic" in text


def test_show_in_chinese(tree):
    text = ok(tree, "goal", "show", "4", lang="zh").stdout
    assert "指标    CAC (cac)" in text
    assert "基线    30元" in text and "目标值  20元" in text
    assert "SMART 检查\n  - 没有描述" in text
    assert "不现实：CAC 历史上从没有在 30 天内变好过" in text
    assert "预测    落后 · 按最近 28 天的趋势，到 2026-12-20 会达到 25元（目标 20元）：完成 50%。" in text


def test_show_errors(tree):
    assert "No goal with id 99." in fails(tree, 1, "goal", "show", "99")
    assert "not a goal id" in fails(tree, 2, "goal", "show", "1.5")
    assert "没有编号为 99 的目标" in fails(tree, 1, "goal", "show", "99", lang="zh")


# tags and earlier lessons


def add_lesson(db: Path, title: str, tags: list[str], outcome: str, takeaway: str, days_ago: int) -> int:
    from growthlog.models import Entry

    store = Store.open(db)
    try:
        return store.add_entry(Entry(kind="lesson", title=title, tags=tags, day=day(days_ago),
                                     fields={"outcome": outcome, "takeaway": takeaway})).id
    finally:
        store.close()


def test_add_with_tags_stores_them_and_prints_only_the_id(metrics):
    add_lesson(metrics, "渠道预算别一次挪完", ["渠道"], "failure", "分两周挪。", 5)
    result = ok(metrics, "goal", "add", "CAC 降到 20", "-m", "cac", "--target", "20", "--due", "+30d", "--why", "w",
                "-D", "d", "--tag", "#渠道", "-t", "拉新,Paid", "--tag", "渠道")
    assert result.stdout == "1\n" and "渠道预算" not in result.stderr  # scripts read the id; lessons are for `show`
    goal, _ = stored(metrics, 1)
    assert goal.tags == ["渠道", "拉新", "paid"]
    [row] = json.loads(ok(metrics, "goal", "list", "--json").stdout)
    assert row["tags"] == ["渠道", "拉新", "paid"]
    untagged = add(metrics, "No tags")
    assert stored(metrics, untagged)[0].tags == []


def test_a_too_long_tag_is_refused(metrics):
    assert "longer than 50 characters" in fails(metrics, 1, "goal", "add", "x", "--tag", "标" * 51)
    assert Store.open(metrics).list_goals() == []


def test_show_lists_earlier_lessons_with_the_tags_or_the_metric(metrics):
    gray = add_lesson(metrics, "改核心流程前先灰度", ["留存", "onboarding"], "failure", "只看注册率就全量。\n细节略", 40)
    push = add_lesson(metrics, "[bold]Reach[/] is not re-engagement", ["push"], "success", "", 20)
    cac = add_lesson(metrics, "CAC lesson", ["cac"], "failure", "Move budget slowly.", 5)
    add(metrics, "D7 留存到 22%", "--tag", "留存", "--tag", "onboarding", "-t", "push")
    lines = ok(metrics, "goal", "show", "1").stdout.splitlines()
    assert "Tags      #留存 #onboarding #push" in lines
    start = lines.index("Earlier lessons with these tags")
    assert lines[start + 1:] == [
        f"  ✗ #{gray}  {day(40).isoformat()}  改核心流程前先灰度",
        "      只看注册率就全量。",
        f"  ✓ #{push}  {day(20).isoformat()}  [bold]Reach[/] is not re-engagement",
    ]
    # The metric's key counts as a tag; without tags or matches there is no section.
    add(metrics, "CAC ¥20", "--metric", "cac", "--target", "20")
    text = ok(metrics, "goal", "show", "2").stdout
    assert f"#{cac}" in text and "CAC lesson" in text and "Move budget slowly." in text
    add(metrics, "Nothing to go by")
    assert "Earlier lessons" not in ok(metrics, "goal", "show", "3").stdout
    zh = ok(metrics, "goal", "show", "1", lang="zh").stdout
    assert "相同标签的过往经验" in zh and "标签" in zh


def test_goal_help_lists_the_commands(db):
    text = ok(db, "goal", "--help").stdout
    for command in ("add", "list", "checkin", "status", "show"):
        assert command in text


# A real process


PROBE = """
import json, sys
sys.argv = ["growthlog", *sys.argv[1:]]
from growthlog.cli import main
try:
    main()
except SystemExit as exit_:
    code = exit_.code
loaded = sorted(name for name in ("textual", "rich") if name in sys.modules)
sys.stdout.flush()
print("PROBE " + json.dumps({"code": code, "loaded": loaded}), file=sys.stderr)
"""


@pytest.mark.slow
def test_goal_list_never_imports_textual(tmp_path, tree):
    env = {k: v for k, v in os.environ.items() if not k.startswith("GROWTHLOG_")}
    env.update(GROWTHLOG_DB=str(tree), GROWTHLOG_CONFIG=str(tmp_path / "none.toml"), GROWTHLOG_TODAY=TODAY.isoformat(),
               LANG="C.UTF-8", PYTHONIOENCODING="utf-8")
    for args in (["goal", "list"], ["goal", "show", "1"]):
        result = subprocess.run([sys.executable, "-c", PROBE, *args], env=env, capture_output=True, text=True,
                                encoding="utf-8", timeout=60)
        report = json.loads(result.stderr.strip().splitlines()[-1].removeprefix("PROBE "))
        assert report == {"code": 0, "loaded": []}, result.stderr
        assert "年底日活 2 万" in result.stdout
