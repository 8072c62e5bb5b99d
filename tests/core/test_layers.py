"""The import graph runs one way, and Qt stays in tryggapp.ui (import-linter contracts in
pyproject.toml), checked here so CI fails on a violation."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "tryggapp"


def test_import_linter_contracts_hold():
    proc = subprocess.run([sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()"],
                          capture_output=True, text=True, cwd=SRC.parent.parent)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Contracts: 2 kept, 0 broken" in proc.stdout


QT = {"PySide6", "shiboken6", "qtawesome"}
# Calls that import a module named by their first argument.
_DYNAMIC_IMPORTERS = {"__import__", "import_module", "importlib.import_module", "importlib.__import__",
                      "builtins.__import__"}


def core_files() -> list[Path]:
    """Every source file outside tryggapp.ui (and the entry point, which starts the UI)."""
    return [p for p in sorted(SRC.rglob("*.py"))
            if "ui" not in p.relative_to(SRC).parts and p.relative_to(SRC).parts != ("main.py",)]


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def _names_core_module(arg: ast.expr | None) -> bool:
    """An f-string that can only name a module of one of our non-ui packages, such as
    f"tryggapp.cli.{name}" (the CLI loads its commands so): its literal start already
    names the package."""
    if not isinstance(arg, ast.JoinedStr) or not arg.values:
        return False
    head = arg.values[0]
    if not (isinstance(head, ast.Constant) and isinstance(head.value, str)):
        return False
    parts = head.value.split(".")
    return len(parts) >= 3 and parts[0] == "tryggapp" and parts[1] not in ("", "ui")


def qt_imports(source: str) -> list[str]:
    """What in `source` imports Qt, or could without import-linter seeing it: import
    statements of a Qt package, and dynamic imports (importlib.import_module, __import__)
    of a Qt package or of a name built at run time (not a plain string literal)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Call) and _dotted(node.func) in _DYNAMIC_IMPORTERS:
            arg = node.args[0] if node.args else next((k.value for k in node.keywords if k.keyword == "name"), None)
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                names = [arg.value]
            elif not _names_core_module(arg):
                found.append(f"line {node.lineno}: {_dotted(node.func)} of a name built at run time")
        found += [f"line {node.lineno}: {n}" for n in names if n.split(".")[0] in QT]
    return found


def test_no_qt_import_outside_ui_even_lazily():
    """import-linter sees import statements (module- and function-level) only; this
    reads the raw source so a lazy or string-built import cannot slip through either."""
    offenders = {str(p.relative_to(SRC)): found for p in core_files()
                 if (found := qt_imports(p.read_text(encoding="utf-8")))}
    assert offenders == {}


@pytest.mark.parametrize("source", [
    "import PySide6.QtCore",
    "def f():\n    from PySide6 import QtGui",
    "import importlib\nimportlib.import_module('PySide6.QtWidgets')",
    "import importlib\nimportlib.import_module('Py' + 'Side6.QtCore')",
    "from importlib import import_module\nname = 'qtaw' + 'esome'\nimport_module(name)",
    "__import__(''.join(['shi', 'boken6']))",
    "import builtins\nbuiltins.__import__(f'{\"PySide\"}6')",
])
def test_the_source_scan_catches_every_way_of_importing_qt(source):
    assert qt_imports(source)


def test_the_source_scan_lets_imports_of_our_own_core_modules_through():
    assert qt_imports("import importlib\nimportlib.import_module('tryggapp.services.backups')") == []
    assert qt_imports("import importlib\nimportlib.import_module(f'tryggapp.cli.{name}')") == []
    assert qt_imports("import importlib\nimportlib.import_module(f'tryggapp.ui.{name}')")
    assert qt_imports("import importlib\nimportlib.import_module(f'tryggapp.{name}')")


def test_importing_every_core_module_loads_no_qt():
    """At run time: import each module outside tryggapp.ui in a fresh process and check
    that no Qt package is loaded (catches what the source scan cannot see, such as a
    third-party library that pulls Qt in)."""
    modules = []
    for p in core_files():
        rel = p.relative_to(SRC.parent).with_suffix("")
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        # Alembic's scripts run only inside an upgrade; __main__ would start the app.
        if "migrations" not in parts and parts[-1] != "__main__":
            modules.append(".".join(parts))
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {sorted(QT)!r})))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(SRC.parent)})
    assert proc.returncode == 0, proc.stderr
    assert len(modules) > 50
    assert json.loads(proc.stdout) == []


def test_core_imports_without_qt():
    """The core loads in a process where PySide6 cannot be imported at all."""
    code = (
        "import sys; sys.modules['PySide6'] = None; sys.modules['shiboken6'] = None\n"
        "import tryggapp.domain, tryggapp.storage, tryggapp.services.crud, tryggapp.services.lists, tryggapp.cli\n"
        "print('ok')"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.stdout.strip() == "ok", proc.stderr
