"""The metric commands (growthlog metric define|record|list) and CSV through growthlog import, with
click's CliRunner in both languages; and real processes for what they import and how they fail."""

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
from growthlog.store.api import Store
from growthlog.textutil import display_width

pytestmark = pytest.mark.usefixtures("cli_environment")


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "log.db"


def run(db: Path, *args: str):
    return CliRunner().invoke(cli, ["--db", str(db), *args])


def ok(db: Path, *args: str) -> str:
    result = run(db, *args)
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout


def one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    return lines[0]


def fails(db: Path, *args: str, code: int = 1) -> str:
    """The one-line error of a command that must fail with ``code``."""
    result = run(db, *args)
    assert result.exit_code == code, (result.output, result.exception)
    assert result.stdout == ""
    if code == 1:
        return one_line(result.stderr)
    return result.stderr.strip().splitlines()[-1]


def metrics_in(db: Path) -> dict:
    store = Store.open(db)
    try:
        return {m.key: m for m in store.list_metrics()}
    finally:
        store.close()


def values_in(db: Path, key: str) -> list[tuple[str, float, str, str]]:
    store = Store.open(db)
    try:
        return [(m.day.isoformat(), m.value, m.note, m.source) for m in store.measurements(key)]
    finally:
        store.close()


@pytest.fixture
def defined(db) -> Path:
    """dau (from its preset), revenue (元, sum), churn (%, down)."""
    ok(db, "metric", "define", "dau", "--preset", "dau")
    ok(db, "metric", "define", "revenue", "--name", "收入", "--unit", "元", "--aggregation", "sum")
    ok(db, "metric", "define", "churn", "--name", "流失率", "--unit", "%", "--direction", "down", "--aggregation", "mean")
    return db


# metric define


def test_define_with_every_option(db):
    out = ok(db, "metric", "define", "paid_users", "--name", "付费用户", "--unit", "人", "--direction", "up",
             "--aggregation", "sum", "--description", "当天新增付费的用户数")
    assert out == "Defined paid_users: 付费用户 (unit 人; higher is better; a period's value is the sum).\n"
    metric = metrics_in(db)["paid_users"]
    assert metric.model_dump(include={"name", "unit", "direction", "aggregation", "description"}) == {
        "name": "付费用户", "unit": "人", "direction": "up", "aggregation": "sum", "description": "当天新增付费的用户数"}


def test_define_defaults(db):
    assert ok(db, "metric", "define", "visits", "-n", "Visits") == "Defined visits: Visits (higher is better; a period's value is its last value).\n"
    metric = metrics_in(db)["visits"]
    assert (metric.unit, metric.direction, metric.aggregation, metric.description) == ("", "up", "last", "")


def test_define_from_a_preset_in_the_interface_language(db):
    assert ok(db, "--lang", "zh", "metric", "define", "d1", "--preset", "次留") == (
        "已定义 d1：次日留存率（单位 %；越高越好；周期值为平均值）。\n")
    assert ok(db, "metric", "define", "churn", "-p", "churn_rate", "--name", "Churn (paid)") == (
        "Defined churn: Churn (paid) (unit %; lower is better; a period's value is the mean).\n")
    ok(db, "metric", "define", "gmv", "-p", "revenue", "--unit", "$", "--aggregation", "last")
    found = metrics_in(db)
    assert (found["d1"].name, found["d1"].unit, found["d1"].aggregation) == ("次日留存率", "%", "mean")
    assert found["d1"].description == "当天新增用户中，第二天再次回来的比例。"
    assert found["churn"].direction == "down"
    assert (found["gmv"].name, found["gmv"].unit, found["gmv"].aggregation) == ("Revenue", "$", "last")


def test_presets_are_never_created_unasked(db):
    ok(db, "metric", "define", "visits", "-n", "Visits")
    assert list(metrics_in(db)) == ["visits"]
    assert json.loads(ok(db, "metric", "list", "--json"))[0]["key"] == "visits"


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("DAU", "growthlog: 'DAU' cannot be a metric key: use lower-case letters, digits and _, starting with a letter, at most 40 characters; try 'dau'"),
        ("7day", "growthlog: '7day' cannot be a metric key: use lower-case letters, digits and _, starting with a letter, at most 40 characters; try 'm_7day'"),
        ("日活", "growthlog: '日活' cannot be a metric key: use lower-case letters, digits and _, starting with a letter, at most 40 characters (e.g. dau, d7_retention)"),
        ("a" * 41, "try '" + "a" * 40 + "'"),
    ],
)
def test_a_bad_key_explains_the_form(db, key, message):
    error = fails(db, "metric", "define", key, "--name", "X")
    assert error.startswith(message) or message in error
    assert metrics_in(db) == {}


def test_a_bad_key_in_chinese(db):
    assert fails(db, "--lang", "zh", "metric", "define", "日活", "-n", "日活") == (
        "growthlog: “日活”不能作为指标 key：请用小写字母、数字和 _，以字母开头，最多 40 个字符（例如 dau、d7_retention）")


def test_define_needs_a_name_or_a_preset(db):
    assert fails(db, "metric", "define", "visits", code=2) == (
        "Error: give the metric a name with --name, or fill everything from a preset with --preset (presets: new_users, dau, "
        "mau, d1_retention, d7_retention, d30_retention, conversion_rate, revenue, churn_rate)")
    assert fails(db, "metric", "define", "dau", code=2) == (
        "Error: give the metric a name with --name, or use the preset: growthlog metric define dau --preset dau")
    assert fails(db, "--lang", "zh", "metric", "define", "dau", code=2) == (
        "Error: 请用 --name 给指标起个名字，或者使用预设：growthlog metric define dau --preset dau")
    assert metrics_in(db) == {}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--preset", "nope"], "growthlog: no preset 'nope'; presets: new_users, dau, mau, d1_retention, d7_retention, d30_retention, conversion_rate, revenue, churn_rate"),
        (["--name", " \x1b[31m "], "growthlog: the metric's name is empty"),
        (["--name", "x" * 101], "growthlog: a metric's name has at most 100 characters"),
        (["--name", "X", "--unit", "u" * 21], "growthlog: a unit has at most 20 characters"),
    ],
)
def test_define_refuses_bad_options(db, args, message):
    assert fails(db, "metric", "define", "visits", *args) == message
    assert metrics_in(db) == {}


@pytest.mark.parametrize("args", [["--direction", "sideways"], ["--aggregation", "median"], []])
def test_define_usage_errors(db, args):
    result = run(db, "metric", "define", *(["visits", "-n", "V"] if args else []), *args)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert metrics_in(db) == {}


def test_define_an_existing_key(defined):
    assert fails(defined, "metric", "define", "revenue", "-n", "Revenue") == "growthlog: a metric with the key 'revenue' already exists (收入)"
    assert fails(defined, "--lang", "zh", "metric", "define", "revenue", "-n", "R") == "growthlog: key 为“revenue”的指标已经存在（收入）"
    assert metrics_in(defined)["revenue"].name == "收入"


def test_define_cleans_text(db):
    ok(db, "metric", "define", "v", "-n", "[bold]访问\x07量", "--description", "line one\nline two\x1b[2J")
    metric = metrics_in(db)["v"]
    assert (metric.name, metric.description) == ("[bold]访问量", "line one\nline two")


# metric record


def test_record_prints_what_was_stored(defined):
    assert ok(defined, "metric", "record", "dau", "1,234") == "Recorded dau (Daily active users) = 1,234 users on 2026-11-20.\n"
    assert ok(defined, "metric", "record", "revenue", "3.2万", "--date", "yesterday", "--note", "双十一预热") == (
        "Recorded revenue (收入) = 32,000元 on 2026-11-19.\n")
    assert ok(defined, "metric", "record", "churn", "4.5%", "-d", "2026-11-18") == "Recorded churn (流失率) = 4.5% on 2026-11-18.\n"
    assert values_in(defined, "revenue") == [("2026-11-19", 32000.0, "双十一预热", "manual")]
    assert values_in(defined, "churn") == [("2026-11-18", 4.5, "", "manual")]


def test_recording_a_day_again_replaces_it_and_says_so(defined):
    ok(defined, "metric", "record", "dau", "1200", "-d", "2026-11-19")
    assert ok(defined, "metric", "record", "dau", "1300", "-d", "昨天") == (
        "Recorded dau (Daily active users) = 1,300 users on 2026-11-19, replacing 1,200 users.\n")
    assert ok(defined, "--lang", "zh", "metric", "record", "dau", "1400", "-d", "2026-11-19") == (
        "已记录 dau（Daily active users）= 1,400 users，日期 2026-11-19，替换了原来的 1,300 users。\n")
    assert values_in(defined, "dau") == [("2026-11-19", 1400.0, "", "manual")]


@pytest.mark.parametrize(("text", "value"), [("-5", -5.0), ("(120)", -120.0), ("-¥3,000", -3000.0), ("-.5", -0.5), ("１２３", 123.0)])
def test_record_negative_and_other_forms(defined, text, value):
    ok(defined, "metric", "record", "revenue", text)
    assert values_in(defined, "revenue")[0][1] == value


def test_record_finds_a_metric_by_its_name(defined):
    assert ok(defined, "metric", "record", "收入", "5") == "Recorded revenue (收入) = 5元 on 2026-11-20.\n"
    assert ok(defined, "metric", "record", "Daily Active Users", "5").startswith("Recorded dau ")
    assert ok(defined, "metric", "record", "CHURN", "5").startswith("Recorded churn ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["visits", "5"], "growthlog: no metric 'visits'; known metrics: churn, dau, revenue"),
        (["dau", "abc"], "growthlog: 'abc' is not a number: write 1,234, 12.5%, 3.2万 or ¥3,000"),
        (["dau", "nan"], "growthlog: 'nan' is not a finite number"),
        (["dau", "12,5"], "growthlog: '12,5' is not a number: thousands separators go every three digits (1,234,567) and decimals after a point (12.5)"),
        (["dau", "5", "--date", "someday"], "growthlog: 'someday' is not a date"),
        (["dau", "5", "--note", "长" * 2001], "growthlog: a note has at most 2,000 characters"),
    ],
)
def test_record_errors_store_nothing(defined, args, message):
    error = fails(defined, "metric", "record", *args)
    assert error.startswith(message), error
    for key in ("dau", "revenue", "churn"):
        assert values_in(defined, key) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["visits", "5"], "growthlog: 没有指标“visits”；已有的指标：churn, dau, revenue"),
        (["dau", "很多"], "growthlog: “很多”不是数字：可以写 1,234、12.5%、3.2万 或 ¥3,000"),
    ],
)
def test_record_errors_in_chinese(defined, args, message):
    assert fails(defined, "--lang", "zh", "metric", "record", *args) == message


def test_record_without_any_metric(db):
    assert fails(db, "metric", "record", "dau", "5") == (
        "growthlog: no metric 'dau': no metrics are defined yet; define one with: growthlog metric define dau --name NAME")


@pytest.mark.parametrize("args", [["dau"], ["dau", "--bogus"], ["dau", "5", "6"], ["dau", "-x"]])
def test_record_usage_errors(defined, args):
    result = run(defined, "metric", "record", *args)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert values_in(defined, "dau") == []


# metric list


def test_list_without_metrics(db):
    result = run(db, "metric", "list")
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr.startswith("No metrics yet. Define one: growthlog metric define KEY --name NAME")
    assert ok(db, "metric", "list", "--json").strip() == "[]"
    zh = run(db, "--lang", "zh", "metric", "list")
    assert zh.stderr.startswith("还没有指标。")


def record_days(db: Path, key: str, values: dict[str, str]) -> None:
    for day, value in values.items():
        ok(db, "metric", "record", key, value, "-d", day)


@pytest.fixture
def history(defined) -> Path:
    # dau (mean): this week 1,300 and 1,100 (1,200), the week before 1,000: +200 (+20%), good.
    record_days(defined, "dau", {"2026-11-10": "1000", "2026-11-18": "1100", "2026-11-20": "1300"})
    # churn (mean, down): 5% → 6%: +1 pp (+20%), bad.
    record_days(defined, "churn", {"2026-11-12": "5%", "2026-11-19": "6%"})
    # revenue: only this week: no change.
    record_days(defined, "revenue", {"2026-11-17": "¥3,000"})
    return defined


def test_list_shows_latest_and_change(history):
    lines = ok(history, "metric", "list").splitlines()
    assert lines[0].split() == ["Key", "Name", "Unit", "Better", "Latest", "Day", "Change", "(7", "days", "vs", "the", "7", "before)"]
    rows = {line.split()[0]: line for line in lines[1:]}
    assert rows["dau"].split()[-8:] == ["users", "↑", "higher", "1,300", "2026-11-20", "+200", "(+20.0%)", "✓"]
    assert rows["churn"].split()[1:] == ["流失率", "%", "↓", "lower", "6", "2026-11-19", "+1", "pp", "(+20.0%)", "✗"]
    assert rows["revenue"].split()[1:] == ["收入", "元", "↑", "higher", "3,000", "2026-11-17", "—"]


def test_list_lines_up_with_chinese(history):
    for args in (["metric", "list"], ["--lang", "zh", "metric", "list"]):
        lines = ok(history, *args).splitlines()
        assert len(lines) == 4

        def column(line: str, text: str) -> int:
            return display_width(line[: line.index(text)])

        # The day column starts at the same terminal column on every line, header included.
        header_day = "Day" if args[0] == "metric" else "日期"
        starts = {column(lines[0], header_day)} | {column(line, "2026-11-") for line in lines[1:]}
        assert len(starts) == 1, lines
        # Latest values are right-aligned: they end where the header ends.
        header_latest = "Latest" if args[0] == "metric" else "最新值"
        ends = {column(lines[0], header_latest) + display_width(header_latest)}
        latest = {"dau": "1,300", "revenue": "3,000", "churn": "6"}
        ends |= {column(line, f" {latest[line.split()[0]]} ") + 1 + display_width(latest[line.split()[0]]) for line in lines[1:]}
        assert len(ends) == 1, lines


def test_list_in_chinese(history):
    lines = ok(history, "--lang", "zh", "metric", "list").splitlines()
    assert lines[0].split()[:6] == ["Key", "名称", "单位", "方向", "最新值", "日期"]
    churn = next(line for line in lines if line.startswith("churn"))
    assert churn.split()[-4:] == ["+1", "个百分点", "(+20.0%)", "✗"]


def test_list_json(history):
    data = {item["key"]: item for item in json.loads(ok(history, "metric", "list", "--json"))}
    assert set(data) == {"dau", "revenue", "churn"}
    assert data["dau"]["latest"] == {"day": "2026-11-20", "value": 1300.0}
    assert data["dau"]["change"] == {"period_days": 7, "current": 1200.0, "previous": 1000.0, "absolute": 200.0,
                                     "relative": 0.2, "good": True}
    assert data["churn"]["change"]["good"] is False and data["churn"]["direction"] == "down"
    assert data["revenue"]["change"] == {"period_days": 7, "current": 3000.0, "previous": None, "absolute": None,
                                         "relative": None, "good": None}
    assert data["revenue"]["name"] == "收入" and data["revenue"]["unit"] == "元" and data["revenue"]["aggregation"] == "sum"
    ok(history, "metric", "define", "empty", "-n", "空")
    empty = next(item for item in json.loads(ok(history, "metric", "list", "--json")) if item["key"] == "empty")
    assert empty["latest"] is None and empty["change"]["current"] is None


# growthlog import FILE.csv


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_import_csv(defined, tmp_path):
    record_days(defined, "dau", {"2026-11-18": "900"})
    path = write(tmp_path / "wide.csv", "日期,日活跃用户,收入\n2026-11-18,\"1,100\",¥3000\n2026-11-19,1200,\n")
    result = run(defined, "import", str(path))
    assert result.exit_code == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == f"Imported from {path} (one column per metric, UTF-8): 2 values added, 1 replaced (metrics: 2)."
    assert lines[1].split() == ["dau", "Daily", "active", "users", "1", "added", "1", "replaced", "2026-11-18", "–", "2026-11-19"]
    assert lines[2].split() == ["revenue", "收入", "1", "added", "0", "replaced", "2026-11-18"]
    assert values_in(defined, "dau") == [("2026-11-18", 1100.0, "", "import"), ("2026-11-19", 1200.0, "", "import")]


def test_import_csv_dry_run_stores_nothing(defined, tmp_path):
    path = write(tmp_path / "long.csv", "date,metric,value\n2026-11-18,dau,5\n2026-11-18,visits,6\n")
    result = run(defined, "import", "--dry-run", "--define", str(path))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"Dry run: {path} (one value per line, UTF-8) would add 2 values and replace 0 (metrics: 2); nothing was written."
    assert lines[2].split() == ["visits", "visits", "1", "added", "0", "replaced", "2026-11-18", "would", "be", "defined"]
    assert values_in(defined, "dau") == [] and "visits" not in metrics_in(defined)
    zh = ok(defined, "--lang", "zh", "import", str(path), "--dry-run", "--define").splitlines()
    assert zh[0] == f"试运行：{path}（每行一个数值，UTF-8）将新增 2 个数值、替换 0 个，共 2 个指标；没有写入任何数据。"
    assert zh[2].split()[-1] == "将新定义"


def test_import_csv_define(defined, tmp_path):
    path = write(tmp_path / "long.csv", "date,metric,value\n2026-11-18,Paid users,5\n")
    out = ok(defined, "import", "--define", str(path)).splitlines()
    assert out[1].split()[-2:] == ["newly", "defined"]
    assert metrics_in(defined)["paid_users"].name == "Paid users"
    assert values_in(defined, "paid_users") == [("2026-11-18", 5.0, "", "import")]


@pytest.mark.parametrize(
    ("name", "content", "encoding"),
    [("tabs.tsv", "date\tdau\n2026-11-18\t1,234\n", "utf-8"), ("export.txt", "日期\t日活跃用户\n2026/11/18\t1234\n", "gb18030"),
     ("bom.csv", "\ufeffdate,dau\n20261118,1234\n", "utf-8"), ("unicode.txt", "日期\t日活跃用户\r\n2026/11/18\t1234\r\n", "utf-16")],
)
def test_import_csv_files_as_tools_save_them(defined, tmp_path, name, content, encoding):
    path = write(tmp_path / name, content, encoding)
    ok(defined, "import", str(path))
    assert values_in(defined, "dau") == [("2026-11-18", 1234.0, "", "import")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("date,dau\n2026-11-18,5\n2026-11-19,abc\n", "growthlog: {path}, line 3, column 'dau': 'abc' is not a number: write 1,234, 12.5%, 3.2万 or ¥3,000. Nothing was imported."),
        ("date,visits\n2026-11-18,5\n", "growthlog: {path}, line 1, column 'visits': no metric 'visits' (known: churn, dau, revenue); define it first with growthlog metric define, or import with --define. Nothing was imported."),
        ("date,dau\n11/31/2026,5\n", "growthlog: {path}, line 2, column 'date': '11/31/2026' is not a date: write 2026-11-20, 2026/11/20, 20261120 or 2026年11月20日. Nothing was imported."),
        ("", "growthlog: {path}: the file is empty. Nothing was imported."),
    ],
)
def test_import_csv_errors_are_one_line_and_store_nothing(defined, tmp_path, content, message):
    path = write(tmp_path / "bad.csv", content)
    assert fails(defined, "import", str(path)) == message.format(path=path)
    assert values_in(defined, "dau") == []


def test_import_csv_error_in_chinese(defined, tmp_path):
    path = write(tmp_path / "bad.csv", "日期,指标,数值\n2026-11-18,日活跃用户,很多\n")
    assert fails(defined, "--lang", "zh", "import", str(path)) == (
        f"growthlog: {path} 第 2 行“数值”列：“很多”不是数字：可以写 1,234、12.5%、3.2万 或 ¥3,000。没有导入任何数据。")


def test_import_csv_missing_file(defined, tmp_path):
    path = tmp_path / "missing.csv"
    assert fails(defined, "import", str(path)) == f"growthlog: {path}: No such file or directory. Nothing was imported."


def test_import_header_only(defined, tmp_path):
    path = write(tmp_path / "h.csv", "date,dau\n")
    assert ok(defined, "import", str(path)) == f"{path} holds no values: nothing to import.\n"


def test_import_define_is_for_csv_only_and_other_files_are_named(defined, tmp_path):
    ok(defined, "add", "拉新渠道复盘")
    export = tmp_path / "log.json"
    export.write_text(ok(defined, "export", "-f", "json"), encoding="utf-8")
    assert "--define applies to CSV files" in fails(defined, "import", "--define", str(export), code=2)
    assert fails(defined, "import", str(tmp_path / "notes.md")) == (
        f"growthlog: {tmp_path / 'notes.md'}: growthlog imports entries from JSON exports (*.json) and metric values from CSV files (*.csv, *.tsv, *.txt)")
    # JSON is merged: the log's own export holds nothing new.
    lines = ok(defined, "import", "--dry-run", str(export)).splitlines()
    assert lines[0].startswith(f"Dry run of {export} (growthlog), ")
    assert lines[1] == "  entries: 0 added, 0 updated, 1 skipped"
    assert all(" 0 added, 0 updated, " in line for line in lines[1:])


def test_a_large_import_shows_no_progress_when_stderr_is_not_a_terminal(defined, tmp_path):
    start = dt.date(2000, 1, 1)
    lines = ["date,dau,revenue"] + [f"{start + dt.timedelta(days=n)},{n},{n * 2}" for n in range(6000)]
    path = write(tmp_path / "big.csv", "\n".join(lines) + "\n")
    result = run(defined, "import", str(path))
    assert result.exit_code == 0 and result.stderr == ""
    assert "12,000 values added" in result.stdout


# Real processes


def env_for(tmp_path: Path) -> dict[str, str]:
    environ = {key: value for key, value in os.environ.items()
               if not key.startswith("GROWTHLOG_") and key not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    environ.update(GROWTHLOG_DB=str(tmp_path / "log.db"), GROWTHLOG_CONFIG=str(tmp_path / "no-config.toml"),
                   GROWTHLOG_TODAY="2026-11-20", LANG="C.UTF-8", PYTHONIOENCODING="utf-8")
    return environ


PROBE = """
import json, sys
sys.argv = ["growthlog", *sys.argv[1:]]
from growthlog.cli import main
try:
    main()
except SystemExit as exit_:
    code = exit_.code
sys.stdout.flush()
loaded = sorted(name for name in ("textual", "rich") if name in sys.modules)
print("PROBE " + json.dumps({"code": code, "loaded": loaded}), file=sys.stderr)
"""


def probe(env: dict[str, str], *args: str) -> tuple[int, list[str]]:
    result = subprocess.run([sys.executable, "-c", PROBE, *args], env=env, capture_output=True, text=True, encoding="utf-8", timeout=60)
    report = json.loads(result.stderr.strip().splitlines()[-1].removeprefix("PROBE "))
    return report["code"], report["loaded"]


@pytest.mark.slow
def test_metric_commands_and_csv_import_never_import_textual(tmp_path):
    env = env_for(tmp_path)
    csv_file = write(tmp_path / "x.csv", "date,metric,value\n2026-11-18,dau,5\n")
    for args in (["metric", "define", "dau", "--preset", "dau"], ["metric", "record", "dau", "3.2万"],
                 ["metric", "record", "dau", "-5", "-d", "昨天"], ["metric", "list"], ["metric", "list", "--json"],
                 ["import", "--dry-run", str(csv_file)], ["import", str(csv_file)]):
        code, loaded = probe(env, *args)
        assert code == 0, args
        assert loaded == [], args


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "code"),
    [(["metric", "record", "nope", "5"], 1), (["metric", "record", "dau", "abc"], 1), (["metric", "define", "Bad Key", "-n", "x"], 1),
     (["import", "{bad}"], 1), (["metric", "define", "x"], 2), (["metric", "record", "dau"], 2), (["metric", "frobnicate"], 2)],
)
def test_errors_in_a_real_process(tmp_path, args, code):
    env = env_for(tmp_path)
    bad = write(tmp_path / "bad.csv", "date,dau\n2026-11-18,x\n")
    subprocess.run([sys.executable, "-m", "growthlog", "metric", "define", "dau", "-p", "dau"], env=env, check=True, capture_output=True)
    args = [arg.format(bad=bad) for arg in args]
    result = subprocess.run([sys.executable, "-m", "growthlog", *args], env=env, capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    if code == 1:
        assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("growthlog: ")
