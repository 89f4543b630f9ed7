"""The command line through click's CliRunner: list, search, show, export, import, backup."""

from __future__ import annotations

import ast
import csv
import io
import json
import re
import sqlite3
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

import growthlog.cli.common as cli_common
import growthlog.cli.exchange as cli_exchange
from growthlog.cli import cli
from growthlog.i18n import catalog
from growthlog.kinds import KINDS
from growthlog.models import field_choices, field_names
from growthlog.store.api import Store

pytestmark = pytest.mark.usefixtures("cli_environment")


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "log.db"


def run(db: Path, *args: str, input: str | None = None):
    return CliRunner().invoke(cli, ["--db", str(db), *args], input=input)


def add(db: Path, *args: str) -> int:
    result = run(db, "add", *args)
    assert result.exit_code == 0, result.output
    return int(result.stdout)


@pytest.fixture
def log(db) -> dict[str, int]:
    """A small log: Chinese and English, several kinds, tags, fields, a body, over a few days."""
    ids = {
        "retention": add(db, "问题：次日留存率下降#留存 #增长\n新用户 D1 从 42% 跌到 35%。", "-f", "severity=high",
                         "-f", "cause=推送太多", "-d", "2026-11-18"),
        "sync": add(db, "Weekly sync with the design team", "-k", "collab", "-f", "people=设计部", "-d", "yesterday"),
        "book": add(db, "读完《增长黑客》#学习 #增长", "-k", "learning", "-d", "今天"),
        "plan": add(db, "Plan the Double 11 campaign", "-k", "plan", "-t", "campaign", "-f", "due=2026-12-01"),
    }
    return ids


def one_line(text: str) -> str:
    lines = text.splitlines()
    assert len(lines) == 1, text
    return lines[0]


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


# add: without --field a row is written directly, with it through the model; both keep to the
# same rules (growthlog.entry_rules).

BOTH_PATHS = ([], ["-k", "problem", "-f", "severity=low"])


@pytest.mark.parametrize(
    ("configured", "stored"),
    [("lin\\u001b[31mxiao", "linxiao"), ("王\\n小明\\u0007", "王 小明"), ("林" * 150, "林" * 100)],
    ids=["escape sequence", "control characters", "too long"],
)
def test_a_configured_author_is_stored_alike_on_both_paths(db, tmp_path, configured, stored):
    (tmp_path / "config.toml").write_text(f'author = "{configured}"\n', encoding="utf-8")
    ids = [add(db, "一条记录", *extra) for extra in BOTH_PATHS]
    rows = stored_rows(db)
    assert [rows[entry_id]["author"] for entry_id in ids] == [stored, stored]


def stored_rows(db: Path) -> dict[int, dict]:
    """The entries as the database holds them (reading through the model would clean them again)."""
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return {row["id"]: dict(row) for row in conn.execute("SELECT id, title, body, tags, author FROM entries")}
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["#只有标签"], None, "growthlog: The title is empty: write a few words first."),
        (["ok", "-t", "标" * 51], None, f"growthlog: the tag '{'标' * 20}…' is longer than 50 characters"),
        (["-"], "标题\n" + "x" * 1_000_001, "growthlog: the text is longer than 1,000,000 characters"),
    ],
)
def test_add_refuses_text_in_the_same_words_on_both_paths(db, args, stdin, message):
    for extra in BOTH_PATHS:
        result = run(db, "add", *args, *extra, input=stdin)
        assert result.exit_code == 1, extra
        assert one_line(result.stderr) == message, extra
    assert json.loads(run(db, "list", "--json").stdout) == []


def test_a_first_line_too_long_for_a_title_is_kept_alike_on_both_paths(db):
    line = "一行很长的文字，" * 50
    ids = [add(db, line, "-t", "长文", *extra) for extra in BOTH_PATHS]
    fast, slow = (stored_rows(db)[entry_id] for entry_id in ids)
    assert {**fast, "id": None} == {**slow, "id": None}
    assert len(fast["title"]) <= 300 and fast["body"] == line.strip()


# list


def test_list_prints_a_table_newest_first(db, log):
    result = run(db, "list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "Day", "Kind", "Title", "Tags"]
    assert len(lines) == 5
    assert lines[1].split()[:3] == [str(log["plan"]), "2026-11-20", "Plan"]
    assert lines[2].split()[:3] == [str(log["book"]), "2026-11-20", "Learning"]
    assert lines[3].split()[:3] == [str(log["sync"]), "2026-11-19", "Collaboration"]
    assert lines[4].split()[:3] == [str(log["retention"]), "2026-11-18", "Problem"]
    assert "读完《增长黑客》" in lines[2] and lines[2].endswith("#学习 #增长")
    assert result.stderr == ""


def test_list_columns_line_up_with_chinese_text(db, log):
    run(db, "add", "English title", "-t", "english")
    for lang in ("en", "zh"):
        lines = run(db, "--lang", lang, "list").stdout.splitlines()
        # Where the tags column starts, in terminal columns, is the same on every row with tags.
        starts = set()
        for line in lines[1:]:
            if "#" in line:
                starts.add(display_width(line[: line.index("#")]))
        header = lines[0]
        tags_header = "Tags" if lang == "en" else "标签"
        starts.add(display_width(header[: header.index(tags_header)]))
        assert len(starts) == 1, lines
        # The titles start in one column too.
        title_header = "Title" if lang == "en" else "标题"
        title_start = display_width(header[: header.index(title_header)])
        for title in ("English title", "读完《增长黑客》", "次日留存率下降", "Weekly sync"):
            line = next(line for line in lines if title in line)
            assert display_width(line[: line.index(title)]) == title_start, (title, lines)


def test_list_in_chinese(db, log):
    result = run(db, "--lang", "zh", "list", "--kind", "问题")
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["编号", "日期", "类型", "标题", "标签"]
    assert lines[1].split()[2:4] == ["问题反思", "次日留存率下降"]


def test_list_filters(db, log):
    def titles(*args: str) -> list[str]:
        result = run(db, "list", "--json", *args)
        assert result.exit_code == 0, result.output
        return [entry["title"] for entry in json.loads(result.stdout)]

    assert titles("--kind", "problem") == ["次日留存率下降"]
    assert titles("-k", "plan", "-k", "学习") == ["Plan the Double 11 campaign", "读完《增长黑客》"]
    assert titles("--tag", "增长") == ["读完《增长黑客》", "次日留存率下降"]
    assert titles("--tag", "#Campaign") == ["Plan the Double 11 campaign"]
    assert titles("--since", "yesterday") == ["Plan the Double 11 campaign", "读完《增长黑客》", "Weekly sync with the design team"]
    assert titles("--until", "-2d") == ["次日留存率下降"]
    assert titles("--since", "2026-11-18", "--until", "昨天") == ["Weekly sync with the design team", "次日留存率下降"]
    assert titles("--since", "3 days ago", "--until", "2026-11-18") == ["次日留存率下降"]
    assert titles("--since", "last wednesday", "--until", "last wednesday") == ["次日留存率下降"]
    assert titles("--since", "上周一") == titles()
    assert titles("--kind", "note") == []


def test_list_limit_says_how_many_more_there_are(db, log):
    result = run(db, "list", "--limit", "2")
    assert len(result.stdout.splitlines()) == 3
    assert one_line(result.stderr) == "Showing 2 of 4 entries: use --limit to see more."
    zh = run(db, "--lang", "zh", "list", "-n", "3")
    assert one_line(zh.stderr) == "显示 4 条中的 3 条：用 --limit 查看更多。"
    assert run(db, "list", "-n", "4").stderr == ""


def test_list_json_is_every_field_with_chinese_unescaped(db, log):
    result = run(db, "list", "--json", "--kind", "problem")
    assert "次日留存率下降" in result.stdout and "\\u" not in result.stdout
    (entry,) = json.loads(result.stdout)
    assert entry["id"] == log["retention"]
    assert entry["kind"] == "problem" and entry["day"] == "2026-11-18"
    assert entry["tags"] == ["留存", "增长"]
    assert entry["body"] == "新用户 D1 从 42% 跌到 35%。"
    assert entry["fields"]["severity"] == "high" and entry["fields"]["cause"] == "推送太多"
    assert set(entry) == {"id", "uuid", "revision", "updated_by", "day", "kind", "title", "body", "tags", "author", "created", "updated", "links", "fields"}


def test_list_of_nothing(db):
    result = run(db, "list")
    assert result.exit_code == 0 and result.stdout == ""
    assert one_line(result.stderr) == "No entries match."
    assert json.loads(run(db, "list", "--json").stdout) == []
    assert one_line(run(db, "--lang", "zh", "list").stderr) == "没有符合条件的记录。"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "diary"], "growthlog: unknown kind 'diary': use one of note, problem, strategy, lesson, market, collab, learning, plan"),
        (["--since", "someday"], "growthlog: 'someday' is not a date: use 2026-11-20, today, yesterday, -3d, '3 days ago', 'last monday', 今天, 昨天 or 上周一"),
        (["--since", "2026-11-20", "--until", "2026-11-01"], "growthlog: --since 2026-11-20 is after --until 2026-11-01: nothing can match"),
        (["--until", "2026-02-30"], "growthlog: '2026-02-30' is not a date: use 2026-11-20, today, yesterday, -3d, '3 days ago', 'last monday', 今天, 昨天 or 上周一"),
    ],
)
def test_list_errors_are_one_line_and_exit_1(db, log, args, message):
    result = run(db, "list", *args)
    assert result.exit_code == 1
    assert one_line(result.stderr) == message
    assert result.stdout == ""


def test_list_errors_in_chinese(db, log):
    result = run(db, "--lang", "zh", "list", "--kind", "日记")
    assert result.exit_code == 1
    assert one_line(result.stderr).startswith("growthlog: 没有“日记”这种类型")
    result = run(db, "--lang", "zh", "list", "--since", "明年")
    assert one_line(result.stderr).startswith("growthlog: “明年”不是日期")


@pytest.mark.parametrize("args", [["--limit", "0"], ["--limit", "many"], ["--bogus"], ["extra"]])
def test_list_usage_errors_exit_2(db, args):
    result = run(db, "list", *args)
    assert result.exit_code == 2
    assert "Usage:" in result.stderr


def test_the_table_fits_a_terminal(db, log, monkeypatch):
    add(db, "一个非常非常长的标题，" * 10, "-t", "很长的标签甲", "-t", "很长的标签乙", "-t", "很长的标签丙")
    monkeypatch.setattr(cli_common, "stdout_is_terminal", lambda: True)
    monkeypatch.setattr("shutil.get_terminal_size", lambda *a, **k: __import__("os").terminal_size((80, 24)))
    lines = run(db, "list").stdout.splitlines()
    assert all(display_width(line) <= 80 for line in lines), lines
    assert "…" in lines[1]
    # Piped output is never cut.
    monkeypatch.setattr(cli_common, "stdout_is_terminal", lambda: False)
    assert "一个非常非常长的标题，" * 10 in run(db, "list").stdout


# search


def test_search_finds_chinese_of_any_length(db, log):
    def titles(*args: str) -> list[str]:
        result = run(db, "search", *args, "--json")
        assert result.exit_code == 0, result.output
        return [entry["title"] for entry in json.loads(result.stdout)]

    assert titles("留存") == ["次日留存率下降"]
    assert titles("留存率下降") == ["次日留存率下降"]
    assert titles("推送") == ["次日留存率下降"]  # a field value
    assert set(titles("增长")) == {"次日留存率下降", "读完《增长黑客》"}
    assert titles("design", "team") == ["Weekly sync with the design team"]
    assert titles("增长", "--kind", "learning") == ["读完《增长黑客》"]
    assert titles("增长", "--since", "today") == ["读完《增长黑客》"]
    assert len(titles("增长", "--limit", "1")) == 1


def test_search_prints_a_table(db, log):
    result = run(db, "search", "Double 11")
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "Day", "Kind", "Title", "Tags"]
    assert lines[1].split()[:4] == [str(log["plan"]), "2026-11-20", "Plan", "Plan"]
    assert lines[1].endswith("#campaign")


def test_search_with_no_result(db, log):
    result = run(db, "search", "不存在的词")
    assert result.exit_code == 0 and result.stdout == ""
    assert one_line(result.stderr) == "Nothing found for '不存在的词'."
    assert json.loads(run(db, "search", "不存在的词", "--json").stdout) == []
    assert one_line(run(db, "--lang", "zh", "search", "没有").stderr) == "没有找到“没有”。"


def test_search_errors(db, log):
    blank = run(db, "search", "   ")
    assert blank.exit_code == 1
    assert one_line(blank.stderr) == "growthlog: The search query is empty: give a word to look for."
    assert run(db, "search").exit_code == 2


def test_search_treats_punctuation_as_text(db, log):
    for query in ['"', "AND", "(", "*", "-d1", "NEAR(a b)"]:
        result = run(db, "search", "--", query)
        assert result.exit_code == 0, (query, result.output)


# show


def test_show_prints_the_whole_entry(db, log):
    result = run(db, "show", str(log["retention"]))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"#{log['retention']}  Problem · 次日留存率下降"
    text = result.stdout
    assert re.search(r"^Day +2026-11-18$", text, re.M)
    assert re.search(r"^Tags +#留存 #增长$", text, re.M)
    assert re.search(r"^Links +—$", text, re.M)
    # Every field of the kind, named, the empty ones too.
    assert re.search(r"^Cause +推送太多$", text, re.M)
    assert re.search(r"^Severity +high$", text, re.M)
    assert re.search(r"^Urgency +medium$", text, re.M)
    assert re.search(r"^Status +open$", text, re.M)
    assert re.search(r"^Options considered +—$", text, re.M)
    assert re.search(r"^Resolved on +—$", text, re.M)
    assert lines[-1] == "新用户 D1 从 42% 跌到 35%。"


def test_show_in_chinese_lines_up_the_values(db, log):
    result = run(db, "--lang", "zh", "show", f"#{log['plan']}")
    lines = result.stdout.splitlines()
    assert lines[0] == f"#{log['plan']}  未来计划 · Plan the Double 11 campaign"
    due = next(line for line in lines if line.startswith("截止日期"))
    owner = next(line for line in lines if line.startswith("负责人"))
    day = next(line for line in lines if line.startswith("日期"))
    assert due.endswith("2026-12-01") and owner.endswith("—") and day.endswith("2026-11-20")
    columns = {display_width(line[: line.index(value)]) for line, value in ((due, "2026-12-01"), (owner, "—"), (day, "2026-11-20"))}
    assert len(columns) == 1


def test_show_multi_line_fields_stay_under_their_value_column(db):
    entry_id = add(db, "Churn up after the price change", "-k", "problem", "-f", "cause=line one")
    store = Store.open(db)
    entry = store.get_entry(entry_id)
    store.update_entry(entry.model_copy(update={"fields": {**entry.fields, "cause": "line one\nline two"}}))
    store.close()
    lines = run(db, "show", str(entry_id)).stdout.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("Cause"))
    assert lines[first + 1].strip() == "line two"
    assert lines[first + 1].index("line two") == lines[first].index("line one")


def test_show_json(db, log):
    result = run(db, "show", str(log["sync"]), "--json")
    entry = json.loads(result.stdout)
    assert entry["title"] == "Weekly sync with the design team"
    assert entry["fields"] == {"people": "设计部", "project": "", "result": ""}
    assert "设计部" in result.stdout


def test_show_errors(db, log):
    missing = run(db, "show", "999")
    assert missing.exit_code == 1
    assert one_line(missing.stderr) == "growthlog: There is no entry with id 999."
    assert one_line(run(db, "--lang", "zh", "show", "999").stderr) == "growthlog: 没有编号为 999 的记录。"
    for bad in ("abc", "1.5", "-3", "１２"):
        result = run(db, "show", "--", bad)
        assert result.exit_code == 2, bad
        assert f"'{bad}' is not an entry id" in result.stderr
    assert run(db, "show").exit_code == 2


# export


def test_export_markdown_to_stdout_by_default(db, log):
    result = run(db, "export")
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("# growthlog export\n")
    assert [line for line in text.splitlines() if line.startswith("## ")] == ["## 2026-11-18", "## 2026-11-19", "## 2026-11-20"]
    assert f"### Problem · 次日留存率下降 (#{log['retention']})" in text
    assert "- **Severity**: high" in text and "- **Cause**: 推送太多" in text
    assert "- **Due**: 2026-12-01" in text
    assert "新用户 D1 从 42% 跌到 35%。" in text
    assert result.stderr == ""


def test_export_markdown_in_chinese(db, log):
    text = run(db, "--lang", "zh", "export", "--format", "md").stdout
    assert text.startswith("# 运营成长日志导出\n")
    assert "### 团队协作 · Weekly sync with the design team" in text
    assert "- **人员 / 部门**: 设计部" in text


def test_export_json_round_trips_through_import(db, log, tmp_path):
    exported = run(db, "export", "--format", "json")
    assert "次日留存率下降" in exported.stdout and "\\u" not in exported.stdout
    source = tmp_path / "export.json"
    source.write_text(exported.stdout, encoding="utf-8")
    other = tmp_path / "other.db"
    result = run(other, "import", str(source))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"Imported {source} (growthlog): 4 records.", "  entries: 4 added, 0 updated, 0 skipped",
    ]
    assert run(other, "export", "-f", "json").stdout == exported.stdout
    # Same ids, so the same entry shows under the same id.
    assert run(other, "show", str(log["retention"])).stdout == run(db, "show", str(log["retention"])).stdout


def test_export_csv(db, log):
    result = run(db, "export", "-f", "csv", "--kind", "problem", "--kind", "plan")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["title"] for row in rows] == ["次日留存率下降", "Plan the Double 11 campaign"]
    assert rows[0]["severity"] == "high" and rows[0]["tags"] == "留存 增长"
    assert rows[1]["due"] == "2026-12-01" and rows[1]["severity"] == ""


def test_export_date_range_and_tag(db, log):
    text = run(db, "export", "-f", "json", "--since", "yesterday", "--until", "yesterday").stdout
    assert [e["title"] for e in json.loads(text)["entries"]] == ["Weekly sync with the design team"]
    text = run(db, "export", "-f", "json", "--tag", "增长").stdout
    assert [e["title"] for e in json.loads(text)["entries"]] == ["次日留存率下降", "读完《增长黑客》"]


def test_export_to_a_file_guesses_the_format_from_its_name(db, log, tmp_path):
    target = tmp_path / "log.json"
    result = run(db, "export", "--output", str(target))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert one_line(result.stderr) == f"Exported 4 entries to {target}."
    assert len(json.loads(target.read_text(encoding="utf-8"))["entries"]) == 4
    sheet = tmp_path / "log.csv"
    run(db, "export", "-o", str(sheet), "--since", "today")
    raw = sheet.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,day,kind,title")  # a BOM, so that spreadsheets read UTF-8
    assert len(list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))) == 2
    notes = tmp_path / "log.md"
    run(db, "export", "-o", str(notes))
    assert notes.read_text(encoding="utf-8").startswith("# growthlog export\n")
    forced = tmp_path / "log.txt"
    run(db, "export", "-o", str(forced), "-f", "json")
    assert json.loads(forced.read_text(encoding="utf-8"))["format"] == "growthlog"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no partial files left


def test_export_replaces_an_existing_file_only_when_done(db, log, tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    run(db, "export", "-o", str(target))
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "growthlog"


def test_export_errors(db, log, tmp_path):
    result = run(db, "export", "-o", str(tmp_path / "no" / "such" / "dir" / "out.md"))
    assert result.exit_code == 1
    assert one_line(result.stderr).startswith("growthlog: cannot write ")
    assert "No such file or directory" in result.stderr
    assert run(db, "export", "--format", "pdf").exit_code == 2
    bad = run(db, "export", "--since", "tomorrow", "--until", "today")
    assert bad.exit_code == 1 and one_line(bad.stderr).startswith("growthlog: --since 2026-11-21 is after")
    zh = run(db, "--lang", "zh", "export", "-o", str(tmp_path / "missing" / "x.md"))
    assert one_line(zh.stderr).startswith("growthlog: 无法写入 ")


# import


JRNL = {
    "tags": {"@增长": 2, "@retention": 1},
    "entries": [
        {"title": "Kicked off the onboarding experiment.", "body": "Variant B shows the checklist first.",
         "date": "2024-01-31", "time": "09:15", "tags": ["@retention", "@增长"], "starred": True},
        {"title": "周会：讨论拉新渠道。", "body": "预算先给信息流。", "date": "2024-02-01", "time": "18:40",
         "tags": ["@增长"], "starred": False},
    ],
}


def write_json(path: Path, data) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def test_import_jrnl(db, tmp_path):
    source = write_json(tmp_path / "journal.json", JRNL)
    result = run(db, "import", str(source))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"Imported {source} (jrnl): 2 records.", "  entries: 2 added, 0 updated, 0 skipped",
    ]
    entries = json.loads(run(db, "list", "--json").stdout)
    assert [e["title"] for e in entries] == ["周会：讨论拉新渠道。", "Kicked off the onboarding experiment."]
    assert entries[1]["tags"] == ["retention", "增长", "starred"]
    assert entries[1]["created"] == "2024-01-31T09:15:00"
    assert entries[0]["body"] == "预算先给信息流。"


def test_import_author_comes_from_the_config(db, tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text('author = "林小满"\n', encoding="utf-8")
    monkeypatch.setenv("GROWTHLOG_CONFIG", str(config))
    run(db, "import", str(write_json(tmp_path / "journal.json", JRNL)))
    assert {e["author"] for e in json.loads(run(db, "list", "--json").stdout)} == {"林小满"}


def test_import_dry_run_writes_nothing(db, log, tmp_path):
    jrnl = write_json(tmp_path / "j.json", JRNL)
    result = run(db, "import", str(jrnl), "--dry-run")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"Dry run of {jrnl} (jrnl), 2 records; nothing was written.", "  entries: 2 added, 0 updated, 0 skipped",
    ]
    assert len(json.loads(run(db, "list", "--json").stdout)) == 4
    zh = run(db, "--lang", "zh", "import", "--dry-run", str(jrnl))
    assert zh.stdout.splitlines() == [f"试运行 {jrnl}（jrnl），共 2 条；没有写入任何内容。", "  日志记录：新增 2，更新 0，跳过 0"]
    assert len(json.loads(run(db, "list", "--json").stdout)) == 4


def test_importing_the_same_export_again_changes_nothing(db, log, tmp_path):
    exported = write_json(tmp_path / "mine.json", json.loads(run(db, "export", "-f", "json").stdout))
    before = run(db, "export", "-f", "json").stdout
    for args in (["--dry-run"], []):
        result = run(db, "import", str(exported), *args)
        assert result.exit_code == 0, result.output
        assert result.stdout.splitlines()[1:] == ["  entries: 0 added, 0 updated, 4 skipped"]
    assert run(db, "export", "-f", "json").stdout == before


def test_a_broken_import_names_the_entry_and_imports_nothing(db, log, tmp_path):
    data = json.loads(run(db, "export", "-f", "json").stdout)
    data["entries"][2]["fields"]["severity"] = "urgent"  # the learning entry has no severity
    broken = write_json(tmp_path / "broken.json", data)
    other = tmp_path / "other.db"
    result = run(other, "import", str(broken))
    assert result.exit_code == 1
    assert one_line(result.stderr) == (
        "growthlog: entry 3 ('读完《增长黑客》') cannot be imported: 'severity' is not a field of learning "
        "entries (fields: skill, source). Nothing was imported."
    )
    assert result.stdout == ""
    assert json.loads(run(other, "list", "--json").stdout) == []
    zh = run(other, "--lang", "zh", "import", str(broken))
    assert one_line(zh.stderr).startswith("growthlog: 第 3 条记录（“读完《增长黑客》”）无法导入：")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        # CSV files are metric values now (issue 3): an unknown metric is named, nothing imported.
        (
            "metrics.csv",
            "date,dau\n2026-11-01,5\n",
            "growthlog: {path}, line 1, column 'dau': no metric 'dau' (known: none yet); define it first with "
            "growthlog metric define, or import with --define. Nothing was imported.",
        ),
        ("missing.json", None, "growthlog: cannot read {path}: No such file or directory"),
        ("bad.json", '{"entries": [', "growthlog: {path} is not valid JSON (line 1, column 14: Expecting value)"),
        ("other.json", '{"rows": []}', "growthlog: this file is neither a growthlog JSON export nor a jrnl JSON export (jrnl --format json)"),
        ("future.json", '{"format": "growthlog", "version": 9, "entries": []}', "growthlog: this file was written by a newer growthlog (format version 9; this one reads up to 2)"),
    ],
)
def test_import_file_errors(db, tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = run(db, "import", str(path))
    assert result.exit_code == 1
    assert one_line(result.stderr) == message.format(path=path)


def test_import_a_folder_named_json(db, tmp_path):
    folder = tmp_path / "folder.json"
    folder.mkdir()
    result = run(db, "import", str(folder))
    assert result.exit_code == 1
    assert one_line(result.stderr).startswith(f"growthlog: cannot read {folder}: ")


def test_import_of_an_empty_file(db, tmp_path):
    path = write_json(tmp_path / "empty.json", {"tags": {}, "entries": []})
    result = run(db, "import", str(path))
    assert result.exit_code == 0
    assert one_line(result.stdout) == f"{path} holds no records: nothing to import."


def test_import_usage_errors(db):
    assert run(db, "import").exit_code == 2
    assert run(db, "import", "a.json", "--force").exit_code == 2


def test_import_shows_progress_on_a_terminal_for_large_files(db, tmp_path, monkeypatch):
    monkeypatch.setattr(cli_common, "stderr_is_terminal", lambda: True)
    monkeypatch.setattr(cli_common.Progress, "threshold", 3)
    many = {"tags": {}, "entries": [{"title": f"第 {n} 条", "body": "", "date": "2024-01-01", "time": "08:00", "tags": []} for n in range(5)]}
    result = run(db, "import", str(write_json(tmp_path / "many.json", many)))
    assert result.exit_code == 0
    assert "Checking" in result.stderr and "Importing" in result.stderr
    assert len(json.loads(run(db, "list", "--json").stdout)) == 5
    # Small files, or no terminal: nothing but the outcome.
    monkeypatch.setattr(cli_common, "stderr_is_terminal", lambda: False)
    quiet = run(db, "import", str(write_json(tmp_path / "many2.json", many)))
    assert quiet.stderr == ""


def test_a_failure_while_writing_imports_nothing(db, tmp_path, monkeypatch):
    add(db, "already here")
    from growthlog.services import exchange

    real_plan = exchange.plan_import

    def clashing_plan(*args, **kwargs):
        plan = real_plan(*args, **kwargs)
        plan.entries[-1] = plan.entries[-1].model_copy(update={"id": 1})  # taken: the insert fails
        return plan

    monkeypatch.setattr(exchange, "plan_import", clashing_plan)
    result = run(db, "import", str(write_json(tmp_path / "journal.json", JRNL)))
    assert result.exit_code == 1
    assert one_line(result.stderr).startswith("growthlog: the import failed and nothing was imported: UNIQUE constraint failed")
    assert len(json.loads(run(db, "list", "--json").stdout)) == 1


# backup


def count_rows(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM entries").fetchone()[0]
    finally:
        conn.close()


def test_backup_next_to_the_database(db, log):
    result = run(db, "backup")
    assert result.exit_code == 0
    match = re.fullmatch(r"Backed up to (.+)\n", result.stdout)
    target = Path(match[1])
    assert target.parent == db.parent
    assert re.fullmatch(r"log-backup-\d{8}-\d{6}\.db", target.name)
    assert count_rows(target) == 4
    assert target.stat().st_mode & 0o077 == 0
    # A second one in the same second does not clash.
    again = Path(run(db, "backup").stdout.removeprefix("Backed up to ").strip())
    assert again != target and count_rows(again) == 4


def test_backup_to_a_path_or_a_folder(db, log, tmp_path):
    target = tmp_path / "copy.db"
    result = run(db, "backup", str(target))
    assert one_line(result.stdout) == f"Backed up to {target}"
    assert count_rows(target) == 4
    # The copy is a working growthlog database.
    assert [e["title"] for e in json.loads(run(target, "list", "--json", "--kind", "problem").stdout)] == ["次日留存率下降"]
    folder = tmp_path / "backups"
    folder.mkdir()
    result = run(db, "--lang", "zh", "backup", str(folder))
    assert one_line(result.stdout).startswith(f"已备份到 {folder}/log-backup-")
    assert len(list(folder.iterdir())) == 1


def test_backup_errors(db, log, tmp_path):
    target = tmp_path / "copy.db"
    target.write_text("precious", encoding="utf-8")
    exists = run(db, "backup", str(target))
    assert exists.exit_code == 1
    assert one_line(exists.stderr) == f"growthlog: {target} already exists: choose another name"
    assert target.read_text(encoding="utf-8") == "precious"
    same = run(db, "backup", str(db))
    assert same.exit_code == 1 and "cannot replace the database itself" in same.stderr
    nowhere = run(db, "backup", str(tmp_path / "missing" / "copy.db"))
    assert nowhere.exit_code == 1
    assert one_line(nowhere.stderr) == f"growthlog: cannot back up to {tmp_path / 'missing' / 'copy.db'}: No such file or directory"
    nothing = run(tmp_path / "never.db", "backup")
    assert nothing.exit_code == 1
    assert one_line(nothing.stderr) == f"growthlog: there is no database at {tmp_path / 'never.db'} yet: nothing to back up"
    assert not (tmp_path / "never.db").exists()


def test_database_path_from_the_environment(tmp_path, monkeypatch):
    path = tmp_path / "env.db"
    monkeypatch.setenv("GROWTHLOG_DB", str(path))
    assert CliRunner().invoke(cli, ["add", "来自环境变量的记录"]).exit_code == 0
    result = CliRunner().invoke(cli, ["list", "--json"])
    assert [e["title"] for e in json.loads(result.stdout)] == ["来自环境变量的记录"]
    assert path.exists()


# Messages


def used_message_keys() -> set[str]:
    """Literal message keys in the modules of the command line: t("…") and parse_id(text, "…")."""
    package = Path(cli_common.__file__).parents[1]
    keys = set()
    for path in [*sorted((package / "cli").glob("*.py")), *sorted((package / "services" / "exchange").glob("*.py"))]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            position = {"t": 0, "parse_id": 1}.get(getattr(node.func, "id", None))
            if position is not None and len(node.args) > position and isinstance(node.args[position], ast.Constant):
                keys.add(node.args[position].value)
    return keys


def test_every_message_used_exists_in_both_languages():
    # Placeholders and plural forms are checked for every catalog pair in test_i18n.
    keys = used_message_keys() | shown_field_keys()
    assert len(keys) > 60
    english, chinese = catalog("en"), catalog("zh")
    assert sorted(key for key in keys if key not in english or key not in chinese) == []
    cli_keys = {key for key in english if key.startswith("cli.")}
    assert cli_keys == {key for key in chinese if key.startswith("cli.")}


def shown_field_keys() -> set[str]:
    """The app's field names and choice labels, which show and the Markdown export use too."""
    keys = set()
    for kind in KINDS:
        for name in field_names(kind):
            keys.add(f"field.{name}")
            keys.update(f"choice.{choice}" for choice in field_choices(kind, name) or ())
    return keys


def test_field_names_and_choices_are_translated():
    assert catalog("zh")["field.severity"] == "严重程度" and catalog("zh")["choice.high"] == "高"
    for key in shown_field_keys():
        assert catalog("zh")[key] != catalog("en")[key], key


def test_show_and_export_translate_choices_but_json_keeps_ids(db, log):
    shown = run(db, "--lang", "zh", "show", str(log["retention"])).stdout
    assert re.search(r"^严重程度 +高$", shown, re.M) and re.search(r"^状态 +未解决$", shown, re.M)
    assert "- **严重程度**: 高" in run(db, "--lang", "zh", "export").stdout
    assert json.loads(run(db, "--lang", "zh", "show", str(log["retention"]), "--json").stdout)["fields"]["severity"] == "high"


def test_the_command_line_offers_every_export_format():
    from growthlog.services import exchange

    # The command line keeps its own copy so that parsing options costs no pydantic import.
    assert cli_exchange.EXPORT_FORMATS == exchange.EXPORT_FORMATS == tuple(exchange.EXPORTERS)
