"""`growthlog init`: a private database, and a team's database shared by real OS users.

The team tests run growthlog as three real logins (two members of one group, one outsider): root
ignores file modes, so only other users can show that the modes let members in and keep others out.
They create those users where they run as root (CI does) and are skipped otherwise.
"""

from __future__ import annotations

import grp
import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

import osusers
from growthlog.cli import cli

GROUP = f"{osusers.PREFIX}team"
LEAD, MEMBER, OUTSIDER = (f"{osusers.PREFIX}{n}" for n in (1, 2, 3))


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


# --- a database of one's own ---------------------------------------------------------------------


def test_init_without_a_group_makes_a_private_database(cli_environment, tmp_path):
    db = tmp_path / "mine" / "log.db"
    result = run("init", "--db", str(db))
    assert result.exit_code == 0, result.output
    assert f"Private database created: {db}" in result.output
    assert mode(db) == 0o600 and mode(db.parent) == 0o700
    assert run("--db", str(db), "add", "第一条").exit_code == 0
    assert run("init", "--db", str(db)).output.startswith("Private database converted")
    assert json.loads(run("--db", str(db), "list", "--json").output)[0]["title"] == "第一条"


def test_init_with_an_unknown_group_says_so_and_creates_nothing(cli_environment, tmp_path):
    db = tmp_path / "team" / "log.db"
    result = CliRunner().invoke(cli, ["init", "--group", "no-such-group-here", "--db", str(db)])
    assert result.exit_code == 1
    assert "there is no group 'no-such-group-here'" in result.output and "groupadd" in result.output
    assert "Traceback" not in result.output
    assert not db.exists() and not db.parent.exists()


def test_init_in_chinese(cli_environment, tmp_path):
    db = tmp_path / "p.db"
    result = run("--lang", "zh", "init", "--db", str(db))
    assert result.output.strip() == f"个人数据库已创建：{db}（只有你能读取）。"


# --- a team's database, as real OS users ---------------------------------------------------------


@pytest.fixture
def team(tmp_path):
    """Two members of one group and one outsider, and a folder all of them can reach."""
    for name in (LEAD, MEMBER):
        osusers.ensure_user(name, groups=(GROUP,))
    osusers.ensure_user(OUTSIDER)
    folder = osusers.shared_folder(tmp_path)
    for name in (LEAD, MEMBER, OUTSIDER):
        home = folder / f"home-{name}"
        home.mkdir()
        os.chown(home, *osusers.ids(name))
    return folder


def growthlog_as(user: str, folder: Path, *args: str, env: dict[str, str] | None = None):
    return osusers.run_as(user, ["-m", "growthlog", *args], home=folder / f"home-{user}", env=env)


def test_a_team_database_lets_members_in_and_keeps_others_out(team):
    db = team / "growth" / "team.db"
    made = growthlog_as(LEAD, team, "init", "--group", GROUP, "--db", str(db))
    assert made.returncode == 0, made.stderr
    assert f"Team database created: {db}, shared with the group '{GROUP}'" in made.stdout
    assert f"Members of '{GROUP}' now: {LEAD}, {MEMBER}." in made.stdout
    gid = grp.getgrnam(GROUP).gr_gid
    assert mode(db.parent) == 0o2770 and db.parent.stat().st_gid == gid
    assert mode(db) == 0o660 and db.stat().st_gid == gid

    for user, title in ((LEAD, "组长：本周目标 #拉新"), (MEMBER, "成员：渠道复盘 #拉新")):
        added = growthlog_as(user, team, "--db", str(db), "add", title)
        assert added.returncode == 0, added.stderr
    listed = growthlog_as(MEMBER, team, "--db", str(db), "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert {(e["author"], e["title"]) for e in json.loads(listed.stdout)} == {
        (LEAD, "组长：本周目标"), (MEMBER, "成员：渠道复盘"),
    }
    # whoever made them, the files beside the database are the group's and closed to others
    for path in db.parent.iterdir():
        assert path.stat().st_gid == gid, path
        assert mode(path) & 0o007 == 0, path
        if path.name.endswith(("-wal", "-shm")):
            assert mode(path) == 0o660, path

    backup = growthlog_as(MEMBER, team, "--db", str(db), "backup")
    assert backup.returncode == 0, backup.stderr
    [copy] = db.parent.glob("team-backup-*.db")
    assert mode(copy) == 0o660 and copy.stat().st_gid == gid

    refused = growthlog_as(OUTSIDER, team, "--db", str(db), "list")
    assert refused.returncode == 1
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    assert f"owner {LEAD}, group {GROUP}" in refused.stderr and f"add you to the group '{GROUP}'" in refused.stderr


def test_a_private_database_becomes_the_teams_keeping_its_entries(team):
    db = team / "lead-own" / "log.db"
    db.parent.mkdir()
    os.chown(db.parent, *osusers.ids(LEAD))
    assert growthlog_as(LEAD, team, "--db", str(db), "add", "私人的笔记").returncode == 0
    assert growthlog_as(MEMBER, team, "--db", str(db), "list").returncode == 1
    converted = growthlog_as(LEAD, team, "init", "--group", GROUP, "--db", str(db))
    assert converted.returncode == 0, converted.stderr
    assert "Team database converted" in converted.stdout
    listed = growthlog_as(MEMBER, team, "--db", str(db), "list")
    assert listed.returncode == 0, listed.stderr
    assert "私人的笔记" in listed.stdout


def test_the_system_wide_config_makes_the_team_database_everyones_default(team):
    db = team / "srv" / "team.db"
    system = team / "xdg"
    system.mkdir(mode=0o777)
    system.chmod(0o777)
    env = {"XDG_CONFIG_DIRS": str(system)}
    made = osusers.run_as(LEAD, ["-m", "growthlog", "init", "--group", GROUP, "--db", str(db), "--system-config"],
                          home=team / f"home-{LEAD}", env=env)
    assert made.returncode == 0, made.stderr
    config = system / "growthlog" / "config.toml"
    assert f"Every member now opens it by default: {config} names it." in made.stdout
    assert growthlog_as(MEMBER, team, "add", "不用设置就能写", env=env).returncode == 0
    listed = growthlog_as(LEAD, team, "list", env=env)
    assert "不用设置就能写" in listed.stdout
    # a user's own config still wins
    own = team / f"home-{MEMBER}" / "config.toml"
    own.write_text(f'db = "{team / f"home-{MEMBER}" / "mine.db"}"\n', encoding="utf-8")
    os.chown(own, *osusers.ids(MEMBER))
    assert "不用设置就能写" not in growthlog_as(MEMBER, team, "list", env=env).stdout


def test_init_warns_when_members_cannot_reach_the_folder(team):
    closed = team / f"home-{LEAD}" / "private"
    closed.mkdir()
    os.chown(closed, *osusers.ids(LEAD))
    (team / f"home-{LEAD}").chmod(0o700)
    made = growthlog_as(LEAD, team, "init", "--group", GROUP, "--db", str(closed / "team.db"))
    assert made.returncode == 0, made.stderr
    assert f"cannot pass through {team / f'home-{LEAD}'}" in made.stderr


def test_a_member_runs_init_in_a_folder_an_administrator_prepared(team):
    # The README's set-up: root makes /srv/growthlog and gives it to the group, a member runs init.
    folder = team / "srv-growthlog"
    folder.mkdir()
    os.chown(folder, 0, grp.getgrnam(GROUP).gr_gid)
    folder.chmod(0o2770)
    made = growthlog_as(MEMBER, team, "init", "--group", GROUP, "--db", str(folder / "team.db"))
    assert made.returncode == 0, made.stderr
    assert folder.stat().st_uid == 0 and mode(folder) == 0o2770
    assert growthlog_as(LEAD, team, "--db", str(folder / "team.db"), "add", "管理员准备的文件夹").returncode == 0
