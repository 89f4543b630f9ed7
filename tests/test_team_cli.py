"""The command line in a log several people write: --author, --mine, the author column."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from growthlog.cli import cli


@pytest.fixture
def team_db(cli_environment, tmp_path, monkeypatch):
    """A database with entries by linxiao (through the config) and by 王芳 (GROWTHLOG_CONFIG)."""
    db = tmp_path / "team.db"
    for author, titles in (("linxiao", ["我的渠道复盘 #拉新", "上线检查"]), ("王芳", ["推送退订率上升 #推送"])):
        config = tmp_path / f"{author}.toml"
        config.write_text(f'author = "{author}"\n', encoding="utf-8")
        monkeypatch.setenv("GROWTHLOG_CONFIG", str(config))
        for title in titles:
            assert CliRunner().invoke(cli, ["--db", str(db), "add", title]).exit_code == 0
    monkeypatch.setenv("GROWTHLOG_CONFIG", str(tmp_path / "linxiao.toml"))
    return db


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_list_shows_an_author_column_when_several_write(team_db):
    result = run("--db", str(team_db), "list")
    header, *rows = result.output.splitlines()
    assert header.split() == ["ID", "Day", "Kind", "Author", "Title", "Tags"]
    assert any(row.split()[3:5] == ["王芳", "推送退订率上升"] for row in rows)


def test_author_and_mine_narrow_list_and_search(team_db):
    by_her = run("--db", str(team_db), "list", "--author", "王芳", "--json")
    assert [e["title"] for e in json.loads(by_her.output)] == ["推送退订率上升"]
    mine = run("--db", str(team_db), "list", "--mine", "--json")
    assert sorted(e["title"] for e in json.loads(mine.output)) == ["上线检查", "我的渠道复盘"]
    found = run("--db", str(team_db), "search", "退订", "--mine")
    assert found.exit_code == 0 and found.output == "Nothing found for '退订'.\n"
    assert "推送" in run("--db", str(team_db), "search", "退订", "-a", "王芳").output


def test_author_and_mine_together_is_a_usage_error(team_db):
    result = run("--db", str(team_db), "list", "--mine", "--author", "王芳")
    assert result.exit_code == 2 and "give one of them" in result.output


def test_a_single_writers_list_has_no_author_column(cli_environment, tmp_path):
    db = tmp_path / "mine.db"
    run("--db", str(db), "add", "只有我")
    assert "Author" not in run("--db", str(db), "list").output


def test_author_filter_in_a_real_process(team_db):
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env.update(LANG="C.UTF-8", PYTHONIOENCODING="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "growthlog", "--db", str(team_db), "--lang", "zh", "list", "--author", "王芳"],
        env=env, capture_output=True, text=True, encoding="utf-8", timeout=60,
    )
    assert result.returncode == 0, result.stderr
    header, row = result.stdout.splitlines()
    assert header.split()[3] == "作者" and "推送退订率上升" in row and "王芳" in row
