"""The interface language is chosen at run time: nothing is translated when a module is imported.

Textual builds a class's bindings, and Python a class body's constants, when the module is
imported; a translation made then keeps the language of that moment, whatever ``--lang`` or the
config says later.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

IMPORT_EVERYTHING = textwrap.dedent(
    """
    import importlib, pkgutil
    import growthlog, growthlog.i18n as i18n

    def refuse(language):
        raise AssertionError("a message was translated while a module was being imported")

    i18n.catalog = refuse
    names = [info.name for info in pkgutil.walk_packages(growthlog.__path__, "growthlog.")
             if ".locales." not in info.name and not info.name.endswith("__main__")]
    for name in names:
        importlib.import_module(name)
    print(len(names))
    """
)


def test_no_module_translates_anything_when_imported():
    result = subprocess.run([sys.executable, "-c", IMPORT_EVERYTHING], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert int(result.stdout) > 60  # every module was imported


def test_the_refusal_would_catch_a_translation_at_import(tmp_path):
    """The check above can fail: a module translating in its class body is caught."""
    module = tmp_path / "translates_early.py"
    module.write_text("from growthlog.i18n import t\nclass Early:\n    TITLE = t('mode.today')\n", encoding="utf-8")
    code = IMPORT_EVERYTHING.replace("for name in names:", "names = ['translates_early']\nfor name in names:")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=60,
                            env={"PYTHONPATH": str(tmp_path)})
    assert result.returncode != 0 and "translated while a module was being imported" in result.stderr
