"""Settings from flags, environment, the config file and defaults; never the developer's own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from growthlog.config import (
    ConfigError,
    config_path,
    default_db_path,
    load_settings,
    read_config_file,
    resolve_db_path,
    resolve_language,
)
from growthlog.i18n import language_from_locale
from growthlog.settings import Settings


@pytest.fixture(autouse=True)
def private_home(tmp_path, monkeypatch):
    """platformdirs reads the real environment: point every user folder into tmp_path."""
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    for name in ("GROWTHLOG_DB", "GROWTHLOG_CONFIG", "LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture
def config_file(tmp_path):
    path = tmp_path / "config.toml"

    def write(text: str) -> dict[str, str]:
        path.write_text(text, encoding="utf-8")
        return {"GROWTHLOG_CONFIG": str(path)}

    write.path = path
    return write


# --- where things are ----------------------------------------------------------------------------


def test_default_paths_are_in_the_user_folders(private_home):
    assert config_path({}) == private_home / ".config" / "growthlog" / "config.toml"
    assert default_db_path() == private_home / ".local" / "share" / "growthlog" / "growthlog.db"


def test_config_path_from_the_environment(private_home):
    assert config_path({"GROWTHLOG_CONFIG": "~/my.toml"}) == private_home / "my.toml"


# --- the database path ---------------------------------------------------------------------------


def test_db_precedence_flag_env_file_default(tmp_path, private_home):
    file_values = {"db": str(tmp_path / "from-file.db")}
    env = {"GROWTHLOG_DB": str(tmp_path / "from-env.db")}
    flag = str(tmp_path / "from-flag.db")
    assert resolve_db_path(flag, file_values, env) == tmp_path / "from-flag.db"
    assert resolve_db_path(None, file_values, env) == tmp_path / "from-env.db"
    assert resolve_db_path(None, file_values, {}) == tmp_path / "from-file.db"
    assert resolve_db_path(None, {}, {}) == default_db_path()
    assert resolve_db_path(flag, {}, {}) == tmp_path / "from-flag.db"


def test_empty_values_count_as_unset(tmp_path):
    file_values = {"db": str(tmp_path / "from-file.db")}
    assert resolve_db_path("", file_values, {"GROWTHLOG_DB": ""}) == tmp_path / "from-file.db"
    assert resolve_db_path(None, {"db": ""}, {}) == default_db_path()


def test_db_paths_expand_the_home_folder(private_home):
    assert resolve_db_path("~/a.db", {}, {}) == private_home / "a.db"
    assert resolve_db_path(None, {}, {"GROWTHLOG_DB": "~/b.db"}) == private_home / "b.db"
    assert resolve_db_path(None, {"db": "~/c.db"}, {}) == private_home / "c.db"


def test_explicit_environ_is_used_not_the_process_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("GROWTHLOG_DB", str(tmp_path / "process.db"))
    assert resolve_db_path(None, {}, {}) == default_db_path()
    assert resolve_db_path(None, {}, {"GROWTHLOG_DB": str(tmp_path / "given.db")}) == tmp_path / "given.db"
    assert resolve_db_path(None, {}) == tmp_path / "process.db"  # no environ: the process's


def test_db_that_is_not_a_path_is_a_config_error(config_file):
    env = config_file("db = 5\n")
    with pytest.raises(ConfigError) as caught:
        resolve_db_path(None, read_config_file(config_file.path), env)
    assert str(config_file.path) in str(caught.value)
    assert "db" in str(caught.value)
    with pytest.raises(ConfigError, match=str(config_file.path)):
        load_settings(environ=env)


def test_load_settings_db_precedence(tmp_path, config_file):
    env = config_file(f'db = "{tmp_path / "file.db"}"\n')
    assert load_settings(environ=env).db == tmp_path / "file.db"
    assert load_settings(environ={**env, "GROWTHLOG_DB": str(tmp_path / "env.db")}).db == tmp_path / "env.db"
    flagged = load_settings(db=str(tmp_path / "flag.db"), environ={**env, "GROWTHLOG_DB": str(tmp_path / "env.db")})
    assert flagged.db == tmp_path / "flag.db"


def test_load_settings_without_a_config_file_uses_defaults(tmp_path):
    settings = load_settings(environ={"GROWTHLOG_CONFIG": str(tmp_path / "missing.toml")})
    assert settings.db == default_db_path()
    assert settings.language == "en"
    assert settings.theme == "textual-dark"
    assert settings.keymap == {}


# --- language ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "zh_TW.UTF-8"}, "zh"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "C"}, "en"),
        ({"LC_ALL": "zh_CN.UTF-8"}, "zh"),
        ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LC_ALL": "", "LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
        ({"LANGUAGE": "zh_CN:en"}, "zh"),
    ],
)
def test_language_from_the_locale(environ, expected):
    assert language_from_locale(environ) == expected
    assert resolve_language(None, {}, environ) == expected


def test_language_precedence_flag_file_locale():
    zh_locale = {"LANG": "zh_CN.UTF-8"}
    assert resolve_language("en", {"language": "zh"}, zh_locale) == "en"
    assert resolve_language(None, {"language": "en"}, zh_locale) == "en"
    assert resolve_language(None, {"language": "zh"}, {"LANG": "en_US.UTF-8"}) == "zh"
    assert resolve_language(None, {}, zh_locale) == "zh"


def test_unknown_language_is_a_config_error(config_file):
    with pytest.raises(ConfigError, match="fr"):
        resolve_language("fr", {}, {})
    env = config_file('language = "fr"\n')
    with pytest.raises(ConfigError) as caught:
        load_settings(environ=env)
    assert str(config_file.path) in str(caught.value)
    assert "'fr'" in str(caught.value)


def test_load_settings_language(config_file):
    env = config_file('language = "zh"\n')
    assert load_settings(environ=env).language == "zh"
    assert load_settings(language="en", environ=env).language == "en"
    env = config_file("")
    assert load_settings(environ={**env, "LC_ALL": "zh_CN.UTF-8"}).language == "zh"


# --- the config file -----------------------------------------------------------------------------


def test_config_file_values(tmp_path, config_file):
    env = config_file(
        'author = "小王"\ntheme = "nord"\ndraft_interval = 2.5\neditor = "nano"\n'
        '[keymap]\ncapture = "c"\n"mode.journal" = "f2,2"\n'
    )
    settings = load_settings(environ=env)
    assert settings.author == "小王"
    assert settings.theme == "nord"
    assert settings.draft_interval == 2.5
    assert settings.editor == "nano"
    assert settings.keymap == {"capture": "c", "mode.journal": "f2,2"}


def test_author_defaults_to_the_os_user(config_file):
    import getpass

    settings = load_settings(environ=config_file(""))
    assert settings.author == getpass.getuser()


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ('db = "unclosed\n', None),
        ("[keymap\n", None),
        ("= 3\n", None),
        ('colour = "blue"\n', "colour"),
        ('draft_interval = "soon"\n', "draft_interval"),
        ("draft_interval = 0\n", "draft_interval"),
        ("draft_interval = 600\n", "draft_interval"),
        ('keymap = "c"\n', "keymap"),
        ('theme = 3\n', "theme"),
    ],
)
def test_bad_config_file_is_a_config_error_naming_the_file(config_file, text, named):
    env = config_file(text)
    with pytest.raises(ConfigError) as caught:
        load_settings(environ=env)
    message = str(caught.value)
    assert str(config_file.path) in message
    if named:
        assert named in message
    assert "\n" not in message.strip()


def test_config_file_that_is_not_utf8_is_a_config_error(config_file):
    config_file.path.write_bytes(b'author = "\xff\xfe"\n')
    with pytest.raises(ConfigError, match=str(config_file.path)):
        read_config_file(config_file.path)


def test_config_path_that_is_a_folder_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match=str(tmp_path)):
        read_config_file(tmp_path)


def test_missing_config_file_is_empty(tmp_path):
    assert read_config_file(tmp_path / "nope.toml") == {}


def test_settings_reject_unknown_keys(tmp_path):
    with pytest.raises(ValidationError) as caught:
        Settings.model_validate({"db": tmp_path / "g.db", "databse": "typo"})
    assert caught.value.errors()[0]["type"] == "extra_forbidden"
    with pytest.raises(ValidationError):
        Settings.model_validate({"db": tmp_path / "g.db", "language": "fr"})
    assert Settings(db=tmp_path / "g.db").language == "en"


# --- importing creates nothing -------------------------------------------------------------------


def test_importing_and_resolving_creates_no_folder(tmp_path):
    home = tmp_path / "fresh-home"
    home.mkdir()
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_STATE_HOME": str(home / "state"),
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    code = (
        "import growthlog.config as c\n"
        "c.config_path(); c.default_db_path(); c.resolve_db_path(None, {})\n"
        "s = c.load_settings()\n"
        "import growthlog.store, growthlog.i18n, growthlog.settings\n"
        "print(s.db)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()) == home / "data" / "growthlog" / "growthlog.db"
    assert list(home.iterdir()) == []


def test_config_module_is_import_light():
    code = "import sys, growthlog.config; print(sorted(m for m in ('pydantic', 'platformdirs', 'textual') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# --- the system-wide config (a team's server) ----------------------------------------------------


@pytest.fixture
def system_config(tmp_path):
    """A system-wide config folder (as /etc/xdg), and the environment that points at it."""
    folder = tmp_path / "xdg"
    (folder / "growthlog").mkdir(parents=True)

    def write(text: str) -> dict[str, str]:
        (folder / "growthlog" / "config.toml").write_text(text, encoding="utf-8")
        return {"XDG_CONFIG_DIRS": f"{tmp_path / 'first'}:{folder}", "GROWTHLOG_CONFIG": str(tmp_path / "user.toml")}

    write.folder = folder
    return write


def test_the_system_config_names_the_team_database(system_config, tmp_path):
    environ = system_config('db = "/srv/growth/team.db"\nlanguage = "zh"\n[keymap]\ncapture = "c"\n')
    settings = load_settings(environ=environ)
    assert settings.db == Path("/srv/growth/team.db") and settings.language == "zh"
    assert settings.keymap == {"capture": "c"}


def test_the_users_own_config_wins_key_by_key(system_config, tmp_path):
    environ = system_config('db = "/srv/growth/team.db"\nlanguage = "zh"\n[keymap]\ncapture = "c"\nhelp = "h"\n')
    (tmp_path / "user.toml").write_text('language = "en"\n[keymap]\ncapture = "x"\n', encoding="utf-8")
    settings = load_settings(environ=environ)
    assert settings.db == Path("/srv/growth/team.db")  # not set by the user: the team's
    assert settings.language == "en"
    assert settings.keymap == {"capture": "x", "help": "h"}


def test_a_bad_value_in_the_system_config_names_that_file(system_config):
    environ = system_config("draft_interval = -1\n")
    with pytest.raises(ConfigError, match=str(system_config.folder / "growthlog" / "config.toml")):
        load_settings(environ=environ)


def test_system_config_paths_follow_xdg():
    from growthlog.config import system_config_paths

    assert system_config_paths({}) == [Path("/etc/xdg/growthlog/config.toml")]
    assert system_config_paths({"XDG_CONFIG_DIRS": "/a:/b"}) == [Path("/a/growthlog/config.toml"), Path("/b/growthlog/config.toml")]
