"""The command line as users run it: real processes, real exit codes, what gets imported."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow

# Runs the command line in-process, then reports which heavy packages it imported, on the last
# line of stderr.
PROBE = """
import json, sys
sys.argv = ["growthlog", *sys.argv[1:]]
from growthlog.cli import main
try:
    main()
except SystemExit as exit_:
    code = exit_.code
heavy = ("textual", "pydantic", "sqlite_utils", "rich")
loaded = sorted(name for name in heavy if name in sys.modules)
sys.stdout.flush()
print("PROBE " + json.dumps({"code": code, "loaded": loaded}), file=sys.stderr)
"""


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("GROWTHLOG_") and key not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")
    }
    environ.update(
        GROWTHLOG_DB=str(tmp_path / "log.db"),
        GROWTHLOG_CONFIG=str(tmp_path / "no-config.toml"),
        GROWTHLOG_TODAY="2026-11-20",
        LANG="C.UTF-8",
        PYTHONIOENCODING="utf-8",
    )
    return environ


def growthlog(env: dict[str, str], *args: str, input: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "growthlog", *args],
        env=env, input=input, capture_output=True, text=True, encoding="utf-8", timeout=60,
    )


def probe(env: dict[str, str], *args: str) -> tuple[int, list[str], str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], env=env, capture_output=True, text=True, encoding="utf-8", timeout=60
    )
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("PROBE "), result.stderr
    report = json.loads(last.removeprefix("PROBE "))
    return report["code"], report["loaded"], result.stdout


def test_add_then_list_search_show_export(env, tmp_path):
    added = growthlog(env, "add", "问题：次日留存率下降#留存\n推送太多，用户反感。", "-f", "severity=high")
    assert added.returncode == 0, added.stderr
    entry_id = int(added.stdout)
    second = growthlog(env, "add", "Weekly sync with design", "-k", "collab", "-d", "yesterday")
    assert second.returncode == 0

    listed = growthlog(env, "list")
    assert listed.returncode == 0 and listed.stderr == ""
    lines = listed.stdout.splitlines()
    assert lines[0].split() == ["ID", "Day", "Kind", "Title", "Tags"]
    assert lines[1].split() == [str(entry_id), "2026-11-20", "Problem", "次日留存率下降", "#留存"]
    assert lines[2].split()[:3] == [str(int(second.stdout)), "2026-11-19", "Collaboration"]

    found = growthlog(env, "search", "留存")
    assert found.stdout.splitlines()[1].split()[:4] == [str(entry_id), "2026-11-20", "Problem", "次日留存率下降"]

    shown = growthlog(env, "--lang", "zh", "show", str(entry_id))
    assert shown.returncode == 0
    assert shown.stdout.splitlines()[0] == f"#{entry_id}  问题反思 · 次日留存率下降"
    assert any(line.split() == ["严重程度", "高"] for line in shown.stdout.splitlines())
    assert shown.stdout.rstrip().endswith("推送太多，用户反感。")

    exported = growthlog(env, "export", "--format", "json")
    data = json.loads(exported.stdout)
    assert [e["title"] for e in data["entries"]] == ["Weekly sync with design", "次日留存率下降"]

    # Round trip through a file into a fresh database.
    path = tmp_path / "export.json"
    path.write_text(exported.stdout, encoding="utf-8")
    fresh = dict(env, GROWTHLOG_DB=str(tmp_path / "fresh.db"))
    imported = growthlog(fresh, "import", str(path))
    assert imported.returncode == 0, imported.stderr
    assert growthlog(fresh, "export", "--format", "json").stdout == exported.stdout

    markdown = growthlog(env, "export")
    assert "### Problem · 次日留存率下降" in markdown.stdout


def test_json_output_keeps_chinese_as_chinese(env):
    growthlog(env, "add", "拉新渠道复盘#增长")
    for args in (["list", "--json"], ["search", "拉新", "--json"], ["show", "1", "--json"], ["export", "-f", "json"]):
        result = growthlog(env, *args)
        assert result.returncode == 0, (args, result.stderr)
        assert "拉新渠道复盘" in result.stdout and "增长" in result.stdout, args
        assert "\\u" not in result.stdout, args


@pytest.mark.parametrize(
    "args",
    [
        ["show", "999"],
        ["list", "--since", "someday"],
        ["list", "--kind", "diary"],
        ["import", "/no/such/file.json"],
        ["import", "metrics.csv"],
        ["export", "--output", "/no/such/folder/out.md"],
        ["search", " "],
    ],
)
def test_an_error_is_one_line_on_stderr_and_exit_1(env, args):
    growthlog(env, "add", "something")
    result = growthlog(env, *args)
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith("growthlog: ")
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_a_bad_import_file_is_one_line_and_changes_nothing(env, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "growthlog", "entries": [{"day": "2026-11-01", "title": "好的"}, {"day": "2026-11-02", "title": "坏的", "kind": "plan", "fields": {"due": "someday"}}]}', encoding="utf-8")
    result = growthlog(env, "--lang", "zh", "import", str(broken))
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("growthlog: 第 2 条记录（“坏的”）无法导入：due")
    assert growthlog(env, "list", "--json").stdout.strip() == "[]"


@pytest.mark.parametrize("args", [["list", "--limit", "0"], ["show"], ["export", "--format", "pdf"], ["frobnicate"]])
def test_usage_errors_exit_2(env, args):
    result = growthlog(env, *args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "Error" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["add", "没有字段的快速记录"],
        ["add", "带字段的记录", "-k", "problem", "-f", "severity=low"],
        ["list"],
        ["list", "--json"],
        ["search", "记录"],
        ["show", "1"],
        ["export"],
        ["export", "-f", "csv"],
        ["import", "--dry-run", "{export}"],
        ["backup", "{backup}"],
        ["review"],
        ["review", "-p", "quarter", "-f", "json"],
        ["review", "--list"],
    ],
)
def test_commands_never_import_textual(env, tmp_path, args):
    assert growthlog(env, "add", "第一条").returncode == 0
    export = tmp_path / "export.json"
    export.write_text(growthlog(env, "export", "-f", "json").stdout, encoding="utf-8")
    args = [arg.format(export=export, backup=tmp_path / "copy.db") for arg in args]
    code, loaded, _ = probe(env, *args)
    assert code == 0
    assert "textual" not in loaded
    assert "rich" not in loaded


def test_add_without_fields_imports_neither_pydantic_nor_sqlite_utils(env):
    assert growthlog(env, "add", "creates and migrates the database").returncode == 0
    code, loaded, stdout = probe(env, "add", "快速记录#速度", "-k", "note", "-t", "cli", "-d", "昨天")
    assert code == 0 and stdout.strip() == "2"
    assert loaded == []
    # The probe sees heavy imports when there are some: with --field, pydantic is needed.
    code, loaded, _ = probe(env, "add", "with a field", "-k", "problem", "-f", "severity=low")
    assert code == 0 and "pydantic" in loaded


def test_a_configured_author_is_stored_cleaned_on_both_add_paths(env, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('author = "lin\\u001b[31mxiao"\n', encoding="utf-8")
    env = dict(env, GROWTHLOG_CONFIG=str(config))
    assert growthlog(env, "add", "creates and migrates the database").returncode == 0
    code, loaded, _ = probe(env, "add", "快速记录")
    assert code == 0 and loaded == []  # the fast path, without the model
    assert growthlog(env, "add", "带字段的记录", "-k", "problem", "-f", "severity=low").returncode == 0
    # As stored: reading through the model would clean it again.
    conn = sqlite3.connect(env["GROWTHLOG_DB"])
    try:
        authors = [author for (author,) in conn.execute("SELECT author FROM entries ORDER BY id")]
    finally:
        conn.close()
    assert authors == ["linxiao"] * 3


def test_broken_pipe_is_quiet(env, tmp_path):
    # More output than a pipe buffer holds, so that the writer really meets a closed pipe.
    many = {"tags": {}, "entries": [
        {"title": f"第 {n} 条：一段足够长的标题，让导出超过管道缓冲区", "body": "正文" * 20, "date": "2024-01-01", "time": "08:00", "tags": []}
        for n in range(2000)
    ]}
    source = tmp_path / "many.json"
    source.write_text(json.dumps(many, ensure_ascii=False), encoding="utf-8")
    assert growthlog(env, "import", str(source)).returncode == 0
    result = subprocess.run(
        f"{sys.executable} -m growthlog export | head -n 1",
        shell=True, env=env, capture_output=True, text=True, encoding="utf-8", timeout=60,
    )
    assert result.stdout == "# growthlog export\n"
    assert "Traceback" not in result.stderr and "Exception" not in result.stderr
