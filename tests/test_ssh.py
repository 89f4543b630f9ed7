"""The app over SSH as two members of a team: a real sshd on 127.0.0.1, real `ssh -t` sessions.

Uses tui/scripts/ssh_team.py, the script the README points a team lead to. It needs root (to create
the users and start sshd, installing openssh-server if missing), as CI has; elsewhere it is skipped.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

SCRIPT = Path(__file__).resolve().parents[1] / "tui" / "scripts" / "ssh_team.py"


@pytest.fixture(scope="module")
def ssh_team():
    if os.geteuid() != 0:
        pytest.skip("needs root to create the team's users and start sshd (CI runs as root)")
    if shutil.which("ssh") is None or shutil.which("ssh-keygen") is None:
        pytest.skip("needs the OpenSSH client (ssh, ssh-keygen)")
    spec = importlib.util.spec_from_file_location("ssh_team", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    try:
        module.ensure_sshd()
    except module.SetUpError as error:
        pytest.skip(str(error))
    return module


@pytest.fixture
def server(ssh_team, tmp_path):
    folder = tmp_path / "ssh"
    folder.mkdir()
    server, db = ssh_team.set_up(folder)
    yield server, db
    server.stop()
    assert server.process.poll() is not None  # the test's sshd is gone


@pytest.mark.xfail(
    strict=False,
    reason="the second member's login is sometimes refused (Permission denied (publickey)) after the "
    "first member's app session; under investigation, see the issue note",
)
def test_two_members_write_one_log_over_ssh(ssh_team, server):
    # One test, one server: the members are the machine's users, shared by every test worker.
    server, db = server
    config = (server.folder / "sshd_config").read_text()
    assert "ListenAddress 127.0.0.1" in config and "PasswordAuthentication no" in config
    first, second = ssh_team.MEMBERS
    shown = ssh_team.capture_over_ssh(server, db, first, "问题：注册页转化下降 #转化")
    assert "注册页转化下降" in shown  # the captured line, on the member's screen
    shown = ssh_team.capture_over_ssh(server, db, second, "经验：先小流量试 #灰度")
    # the second member's screen names who wrote what, now that two people write
    assert "注册页转化下降" in shown and first in shown
    listed = subprocess.run([sys.executable, "-m", "growthlog", "--db", str(db), "list", "--json"],
                            capture_output=True, text=True, check=True)
    import json

    assert {(e["author"], e["title"]) for e in json.loads(listed.stdout)} == {
        (first, "注册页转化下降"), (second, "先小流量试"),
    }

