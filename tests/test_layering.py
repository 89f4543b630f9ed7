"""The import rules of docs/architecture, checked: models, store and services never import textual,
and the command-line paths that do not open the app never load it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "tui" / "growthlog"
NO_UI = ["models.py", "kinds.py", "textutil.py", "entry_rules.py", "i18n.py", "config.py", "settings.py", "store", "services", "locales", "demo"]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def files(entry: str) -> list[Path]:
    target = PACKAGE / entry
    return sorted(target.rglob("*.py")) if target.is_dir() else [target]


@pytest.mark.parametrize("path", [p for entry in NO_UI for p in files(entry)], ids=lambda p: str(p.relative_to(PACKAGE)))
def test_lower_layers_never_import_the_ui(path):
    forbidden = {"textual", "rich", "growthlog.app", "growthlog.screens", "growthlog.widgets", "growthlog.keys", "growthlog.cli"}
    bad = {name for name in imported_modules(path) if any(name == f or name.startswith(f + ".") for f in forbidden)}
    assert bad == set()


@pytest.mark.parametrize("path", files("demo"), ids=lambda p: p.name)
def test_the_demo_builds_on_models_and_services_only(path):
    """The demo fills a store handed to it: no SQL of its own, no storage module, no UI."""
    allowed = ("growthlog.demo", "growthlog.models", "growthlog.services", "growthlog.i18n", "growthlog.textutil", "growthlog.kinds")
    names = imported_modules(path)
    assert "sqlite3" not in names and "sqlite_utils" not in names
    tree = ast.parse(path.read_text(encoding="utf-8"))
    # `from growthlog import kinds` imports growthlog.kinds.
    names |= {f"growthlog.{a.name}" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module == "growthlog" for a in node.names}
    ours = {name for name in names if name.startswith("growthlog.")}
    assert {name for name in ours if not any(name == a or name.startswith(a + ".") for a in allowed)} == set()


@pytest.mark.parametrize("path", [p for entry in NO_UI if entry != "store" for p in files(entry)], ids=lambda p: str(p.relative_to(PACKAGE)))
def test_sqlite3_stays_in_the_store(path):
    # The store turns sqlite3's errors into StoreError: the layers above never need sqlite3.
    assert "sqlite3" not in imported_modules(path)


def test_widgets_never_reach_storage():
    for path in files("widgets"):
        assert not any(name.startswith("growthlog.store") for name in imported_modules(path)), path


def test_importing_the_package_has_no_side_effects(tmp_path):
    code = "import growthlog, growthlog.config, growthlog.cli, growthlog.app; print('ok')"
    env = {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config"), "PATH": ""}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.stdout.strip() == "ok", result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []
