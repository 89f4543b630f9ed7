"""A team's server in miniature: sshd on the loopback address, two members, one shared log.

Run as root on a throwaway machine (it creates OS users and installs openssh-server if missing):

    python tui/scripts/ssh_team.py            # set up, print how to connect, wait for ctrl+c
    python tui/scripts/ssh_team.py --check    # set up, run the app over `ssh -t` as both, stop

It makes a group and two members, a shared database with `growthlog init --group`, a key pair per
member, and an sshd of its own (its own config and host key, 127.0.0.1 only, keys only) that is
stopped when the script ends. `--check` then opens growthlog over `ssh -t` as each member in turn,
captures a line, and shows that both lines, with their authors, are in the shared log. The tests
(tests/test_ssh.py) use the same functions.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import pty
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
GROUP = "growthteam"
MEMBERS = ("glssh1", "glssh2")


class SetUpError(Exception):
    """Something this machine lacks; the message says what."""


def ensure_sshd() -> str:
    """The sshd binary, installed from the distribution's packages when missing (root only)."""
    found = shutil.which("sshd") or ("/usr/sbin/sshd" if Path("/usr/sbin/sshd").exists() else None)
    if found:
        return found
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        raise SetUpError("sshd is not installed (apt-get install openssh-server, as root)")
    result = subprocess.run(["apt-get", "install", "-y", "-q", "openssh-server"], capture_output=True, text=True, timeout=600)
    if result.returncode != 0 or not Path("/usr/sbin/sshd").exists():
        raise SetUpError(f"could not install openssh-server: {result.stderr.strip()[-300:]}")
    return "/usr/sbin/sshd"


def ensure_member(name: str, group: str) -> None:
    """An OS user in ``group`` that sshd lets in by key (an account with no password, not locked)."""
    if subprocess.run(["getent", "group", group], capture_output=True).returncode != 0:
        subprocess.run(["groupadd", group], check=True)
    if subprocess.run(["id", name], capture_output=True).returncode != 0:
        subprocess.run(["useradd", "-M", "-s", "/bin/sh", "-U", name], check=True)
    subprocess.run(["usermod", "-G", group, "-p", "*", name], check=True)


def open_the_way(path: Path) -> None:
    """Let every user pass through ``path`` and the folders above it (o+x), so that members can
    reach this checkout's Python."""
    for folder in [path, *path.parents]:
        if folder.is_dir():
            mode = folder.stat().st_mode & 0o7777
            if not mode & 0o001:
                folder.chmod(mode | 0o001)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """An sshd of our own on 127.0.0.1, keys in ``folder``; stop it with :meth:`stop`."""

    def __init__(self, folder: Path, members: tuple[str, ...]) -> None:
        self.folder = folder
        self.port = free_port()
        self.members = members
        keys = folder / "authorized"
        keys.mkdir(mode=0o755)
        host_key = folder / "host_ed25519"
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(host_key)], check=True)
        for name in members:
            key = folder / f"id_{name}"
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
            (keys / name).write_text((folder / f"id_{name}.pub").read_text())
            (keys / name).chmod(0o644)
        config = folder / "sshd_config"
        config.write_text(
            "\n".join([
                f"Port {self.port}", "ListenAddress 127.0.0.1", f"HostKey {host_key}",
                f"AuthorizedKeysFile {keys}/%u", "PasswordAuthentication no", "KbdInteractiveAuthentication no",
                "UsePAM no", "StrictModes no", f"PidFile {folder / 'sshd.pid'}", "PermitRootLogin no",
                f"AllowUsers {' '.join(members)}", "AcceptEnv LANG", "LogLevel ERROR", "",
            ])
        )
        Path("/run/sshd").mkdir(exist_ok=True)  # sshd's privilege-separation folder
        self.process = subprocess.Popen([ensure_sshd(), "-D", "-e", "-f", str(config)], stderr=subprocess.PIPE)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                return
            if self.process.poll() is not None:
                raise SetUpError(f"sshd did not start: {self.process.stderr.read().decode()[-500:]}")
            time.sleep(0.1)
        self.stop()
        raise SetUpError("sshd did not start listening within 10 s")

    def ssh_command(self, member: str, remote: str) -> list[str]:
        """``ssh -t`` as ``member`` to this server, running ``remote``."""
        key = self.folder / f"id_{member}"
        # ssh insists that a private key be readable by its user only; root runs ssh here.
        key.chmod(0o600)
        return [
            "ssh", "-tt", "-p", str(self.port), "-i", str(key),
            "-o", "StrictHostKeyChecking=no", "-o", f"UserKnownHostsFile={self.folder / 'known_hosts'}",
            "-o", "LogLevel=ERROR", "-o", "BatchMode=yes", f"{member}@127.0.0.1", remote,
        ]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()


def growthlog_remote(db: Path, *args: str) -> str:
    """The command a member runs on the server: this checkout's growthlog on the team database."""
    env = (f"LANG=C.UTF-8 TERM=xterm-256color GROWTHLOG_DB={db} GROWTHLOG_CONFIG=/nonexistent/config.toml "
           "XDG_CONFIG_DIRS=/nonexistent")
    return f"env {env} {sys.executable} -m growthlog " + " ".join(args)


def run_in_terminal(command: list[str], keys: list[tuple[str, str]], timeout: float = 30) -> str:
    """Run ``command`` on a pseudo-terminal of 120×35; for each (wait for this text, then type
    that), wait and type. Returns everything the program printed."""
    import fcntl
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 35, 120, 0, 0))
    process = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, start_new_session=True)
    os.close(slave)
    output = b""
    deadline = time.monotonic() + timeout
    try:
        for needle, typed in keys:
            while needle.encode() not in output:
                if time.monotonic() > deadline:
                    raise SetUpError(f"did not see {needle!r} over ssh; last output: {output[-800:]!r}")
                ready, _, _ = select.select([master], [], [], 0.1)
                if ready:
                    try:
                        output += os.read(master, 65536)
                    except OSError:  # the program ended before showing what was awaited
                        raise SetUpError(f"the session ended before {needle!r}: {output[-300:]!r}") from None
            time.sleep(0.3)
            os.write(master, typed.encode())
        process.wait(timeout=max(deadline - time.monotonic(), 1))
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
        os.close(master)
    return output.decode(errors="replace")


def set_up(folder: Path) -> tuple[Server, Path]:
    """Members, the shared database (made by the first member) and the server."""
    if os.geteuid() != 0:
        raise SetUpError("run as root: it creates OS users and starts sshd")
    ensure_sshd()
    for name in MEMBERS:
        ensure_member(name, GROUP)
    open_the_way(Path(sys.executable).resolve().parent)
    open_the_way(Path(sys.prefix))
    open_the_way(PROJECT)
    open_the_way(folder)
    db = folder / "team" / "growthlog.db"
    # As the README's set-up: root makes the folder and gives it to the group; a member runs init.
    db.parent.mkdir()
    shutil.chown(db.parent, group=GROUP)
    db.parent.chmod(0o2770)
    made = subprocess.run(
        ["runuser", "-u", MEMBERS[0], "--", sys.executable, "-m", "growthlog", "init", "--group", GROUP, "--db", str(db)],
        capture_output=True, text=True, env={"PATH": os.environ.get("PATH", ""), "HOME": "/tmp", "LANG": "C.UTF-8",
                                             "XDG_CONFIG_DIRS": "/nonexistent", "GROWTHLOG_CONFIG": "/nonexistent/config.toml"},
    )
    if made.returncode != 0:
        raise SetUpError(f"growthlog init failed: {made.stderr.strip()}")
    return Server(folder, MEMBERS), db


def capture_over_ssh(server: Server, db: Path, member: str, line: str) -> str:
    """Open the app over ssh -t as ``member``, capture ``line``, quit. Returns what was shown."""
    return run_in_terminal(
        server.ssh_command(member, growthlog_remote(db)),
        [("Today's entries", line + "\r"), (line.split()[0], ""), ("Today's entries (", "\x11")],
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="run the app over ssh as both members, then stop")
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="growthlog-ssh-"))
    try:
        server, db = set_up(folder)
    except SetUpError as error:
        print(f"ssh_team: {error}", file=sys.stderr)
        return 1
    try:
        if options.check:
            for member, line in zip(MEMBERS, ("问题：注册页转化下降 #转化", "经验：先小流量试 #灰度")):
                capture_over_ssh(server, db, member, line)
            listed = subprocess.run([sys.executable, "-m", "growthlog", "--db", str(db), "list"], capture_output=True, text=True)
            print(listed.stdout)
            return 0 if all(name in listed.stdout for name in MEMBERS) else 1
        for member in MEMBERS:
            print(" ".join(server.ssh_command(member, growthlog_remote(db))))
        print("ctrl+c stops the server", file=sys.stderr)
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        signal.sigwait({signal.SIGINT, signal.SIGTERM})
        return 0
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
