"""Every command documents itself (`growthlog COMMAND --help`, in both languages) and is shown in
the README's command-line section: a command added without either fails here."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from growthlog.cli import cli

pytestmark = pytest.mark.usefixtures("cli_environment")

README = Path(__file__).resolve().parents[1] / "README.md"


def command_paths(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and group under ``group``, as the words that call it."""
    paths = []
    for name, command in sorted(group.commands.items()):
        paths.append((*path, name))
        if isinstance(command, click.Group):
            paths += command_paths(command, (*path, name))
    return paths


COMMANDS = command_paths(cli)


def command_at(path: tuple[str, ...]) -> click.Command:
    command = cli
    for name in path:
        command = command.commands[name]
    return command


def readme_command_line_section() -> str:
    text = README.read_text(encoding="utf-8")
    match = re.search(r"^## The command line\n(.*?)(?=^## )", text, re.M | re.S)
    assert match, "README.md has no '## The command line' section"
    return match[1]


def test_the_command_line_has_its_commands():
    assert {path[0] for path in COMMANDS} >= {"add", "list", "search", "show", "export", "import", "backup", "metric", "goal", "review"}
    assert len(COMMANDS) >= 18


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("path", [(), *COMMANDS], ids=lambda path: " ".join(path) or "growthlog")
def test_every_command_has_help(path, lang):
    result = CliRunner().invoke(cli, ["--lang", lang, *path, "--help"], prog_name="growthlog")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout.startswith(f"Usage: {' '.join(('growthlog', *path))} ")
    command = command_at(path)
    assert command.help and command.get_short_help_str().strip()
    assert command.get_short_help_str().rstrip(".…") in " ".join(result.stdout.split())
    # Every option says what it does.
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, f"{' '.join(path)} {param.opts[0]} has no help"


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_is_shown_in_the_readme(path):
    section = readme_command_line_section()
    assert re.search(rf"^growthlog {re.escape(' '.join(path))}\b", section, re.M), f"growthlog {' '.join(path)}"
